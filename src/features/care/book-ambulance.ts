import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { jobOf, type OutboxJob } from '../../core/outbox'
import { BookingRequestSchema, BookingSchema, toBooking } from './schema'
import { ambulanceJobPartition, bookingOf, historyEntry } from './dispatch'
import { providersById } from './store'

export const bookAmbulance = patientRoute({
  method: 'post',
  path: '/v1/ambulance-bookings',
  operationId: 'bookAmbulance',
  tags: ['Ambulance'],
  summary: 'Pre-book an ambulance (planned transport); in an emergency call 108 or 112',
  description:
    'For planned transfers (dialysis, discharge, check-ups), at least 5 minutes and at most 30 days ahead, with a provider that takes pre-bookings (`pre_booking` in GET /v1/ambulances; the first one running the type when none is named). The operator’s dispatcher gets it by SMS (a hospital’s desk, through its HMIS) and accepts or declines; each change is notified. Nobody accepting before the pickup time makes it `expired`.',
  request: {
    body: jsonBody(BookingRequestSchema),
    headers: idempotencyHeader,
  },
  responses: { 201: jsonResponse(BookingSchema, 'Requested.'), ...errorResponses(409, 422) },
})

export const bookAmbulanceHandler: PatientHandler<typeof bookAmbulance> = async (c) => {
  const { db, outbox } = c.var.services
  const body = c.req.valid('json')
  const pickup = new Date(body.pickup_time)
  if (pickup.getTime() < Date.now() + 5 * 60_000)
    throw new ApiError(
      'unprocessable',
      'pickup_time must be at least 5 minutes ahead: a pre-booking is for planned transport. In an emergency, call 108 or 112.',
    )
  if (pickup.getTime() > Date.now() + 30 * 86_400_000) throw new ApiError('unprocessable', 'pickup_time is more than 30 days ahead.')
  const providers = await providersById(db)
  const type = body.ambulance_type ?? 'bls'
  const provider = body.provider_id
    ? providers.get(body.provider_id)
    : [...providers.values()].find((p) => p.pre_booking && p.types.includes(type))
  if (body.provider_id && !provider) throw new ApiError('unprocessable', 'No such ambulance provider.')
  if (!provider)
    throw new ApiError('unprocessable', `No provider takes pre-bookings of ${type} ambulances. In an emergency, call 108 or 112.`)
  if (!provider.pre_booking)
    throw new ApiError(
      'unprocessable',
      `${provider.name} is a helpline: call ${provider.phone}. Pre-book with a provider whose pre_booking is true.`,
    )
  if (!provider.types.includes(type)) throw new ApiError('unprocessable', `${provider.name} does not run ${type} ambulances.`)
  const key = c.req.valid('header')['idempotency-key']
  let job: OutboxJob | undefined
  // One statement: the booking (its history begun) and the job that sends it to the dispatcher.
  const book = async (tx: Db) => {
    const [row] = await queryRows<{ booking: Record<string, unknown>; job: Record<string, unknown> }>(
      tx,
      sql`with booking as (
            insert into ambulance_bookings (id, patient_id, provider_id, pickup_address, pickup_lat, pickup_lng, pickup_time, ambulance_type, notes, history)
            values (${crypto.randomUUID()}, ${c.var.patientId}, ${provider.id}, ${body.pickup_address}, ${body.pickup_location?.lat ?? null},
                    ${body.pickup_location?.lng ?? null}, ${pickup.toISOString()}, ${type}, ${body.notes ?? null}, ${historyEntry('requested', 'patient')})
            returning *
          ), job as (
            insert into outbox (id, kind, partition_key, subject_id)
            select ${crypto.randomUUID()}, ${provider.hospital_id ? 'request_hospital_ambulance' : 'dispatch_ambulance'},
                   ${ambulanceJobPartition(provider.id)}, b.id from booking b
            returning *
          )
          select to_jsonb(booking.*) as booking, (select to_jsonb(j) from job j) as job from booking`,
    )
    job = jobOf(row!.job)
    return { status: 201, body: toBooking(bookingOf(row!.booking), providers) }
  }
  const result = await idempotent(db, c.var.patientId, key, body, book, { atomic: true })
  if (job) outbox.send([job])
  return c.json(result.body, 201)
}
