import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { ambulanceBookings } from '../../db/schema'
import { BookingRequestSchema, BookingSchema, toBooking } from './schema'
import { providersById } from './store'

export const bookAmbulance = patientRoute({
  method: 'post',
  path: '/v1/ambulance-bookings',
  operationId: 'bookAmbulance',
  tags: ['Ambulance'],
  summary: 'Pre-book an ambulance (planned transport); in an emergency call 108 or 112',
  request: {
    body: jsonBody(BookingRequestSchema),
    headers: idempotencyHeader,
  },
  responses: { 201: jsonResponse(BookingSchema, 'Requested.'), ...errorResponses(409, 422) },
})

export const bookAmbulanceHandler: PatientHandler<typeof bookAmbulance> = async (c) => {
  const { db } = c.var.services
  const body = c.req.valid('json')
  const pickup = new Date(body.pickup_time)
  if (pickup.getTime() < Date.now() - 5 * 60_000)
    throw new ApiError('unprocessable', 'pickup_time is in the past. In an emergency, call 108 or 112.')
  if (pickup.getTime() > Date.now() + 30 * 86_400_000) throw new ApiError('unprocessable', 'pickup_time is more than 30 days ahead.')
  const providers = await providersById(db)
  const provider = body.provider_id ? providers.get(body.provider_id) : undefined
  if (body.provider_id && !provider) throw new ApiError('unprocessable', 'No such ambulance provider.')
  const type = body.ambulance_type ?? 'bls'
  if (provider && !provider.types.includes(type)) throw new ApiError('unprocessable', `${provider.name} does not run ${type} ambulances.`)
  const key = c.req.valid('header')['idempotency-key']
  const book = async (tx: Db) => {
    const [row] = await tx
      .insert(ambulanceBookings)
      .values({
        id: crypto.randomUUID(),
        patientId: c.var.patientId,
        providerId: provider?.id ?? null,
        pickupAddress: body.pickup_address,
        pickupLat: body.pickup_location?.lat ?? null,
        pickupLng: body.pickup_location?.lng ?? null,
        pickupTime: pickup,
        ambulanceType: type,
        notes: body.notes ?? null,
      })
      .returning()
    return { status: 201, body: toBooking(row!, providers) }
  }
  const result = await idempotent(db, c.var.patientId, key, body, book, { atomic: true })
  return c.json(result.body, 201)
}
