import { and, eq, sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { jobOf } from '../../core/outbox'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { ambulanceBookings } from '../../db/schema'
import { bookingOf, historyEntry } from './dispatch'
import { BookingParams, BookingSchema, toBooking } from './schema'
import { providersById } from './store'

export const cancelAmbulanceBooking = patientRoute({
  method: 'post',
  path: '/v1/ambulance-bookings/{id}/cancel',
  operationId: 'cancelAmbulanceBooking',
  tags: ['Ambulance'],
  summary: 'Cancel a pre-booking (the dispatcher is told by SMS, a hospital through its HMIS)',
  description: 'While requested or accepted. Once the ambulance has arrived, call the operator instead (409).',
  request: { params: BookingParams },
  responses: { 200: jsonResponse(BookingSchema, 'Cancelled.'), ...errorResponses(404, 409) },
})

export const cancelAmbulanceBookingHandler: PatientHandler<typeof cancelAmbulanceBooking> = async (c) => {
  const { db, outbox } = c.var.services
  const { id } = c.req.valid('param')
  // One statement: cancelled (with its history) and, when the dispatcher already has it, the job that tells them.
  const [row] = await queryRows<{ booking: Record<string, unknown>; job: Record<string, unknown> | null }>(
    db,
    sql`with changed as (
          update ambulance_bookings set status = 'cancelled', updated_at = now(), history = history || ${historyEntry('cancelled', 'patient')}
          where id = ${id} and patient_id = ${c.var.patientId} and status in ('requested', 'accepted')
          returning *
        ), job as (
          insert into outbox (id, kind, partition_key, subject_id)
          select ${crypto.randomUUID()},
                 case when v.kind = 'hospital' then 'cancel_hospital_ambulance' else 'notify_ambulance_cancellation' end,
                 'ambulance:' || coalesce(c.provider_id, 'none'), c.id
          from changed c left join ambulance_providers v on v.id = c.provider_id
          where c.dispatched_at is not null
          returning *
        )
        select to_jsonb(changed.*) as booking, (select to_jsonb(j) from job j) as job from changed`,
  )
  if (!row) {
    const [existing] = await db
      .select({ status: ambulanceBookings.status })
      .from(ambulanceBookings)
      .where(and(eq(ambulanceBookings.id, id), eq(ambulanceBookings.patientId, c.var.patientId)))
    if (!existing) throw new ApiError('not_found', 'No such ambulance booking.')
    throw new ApiError('invalid_transition', `This booking is ${existing.status}: it can no longer be cancelled here.`)
  }
  if (row.job) outbox.send([jobOf(row.job)])
  return c.json(toBooking(bookingOf(row.booking), await providersById(db)), 200)
}
