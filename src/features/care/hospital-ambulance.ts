import { z } from '@hono/zod-openapi'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { firstHmisEvent } from '../../core/hospital-auth'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { finishJob, jobOf, type JobHandlers, type OutboxJob } from '../../core/outbox'
import { hmisRoute, type HospitalHandler } from '../../core/routes'
import type { Services } from '../../core/types'
import { ambulanceBookings, ambulanceProviders, hospitals, hospitalShares, patients, type AmbulanceStatus } from '../../db/schema'
import { hmisLinkOf } from '../../integrations/hmis/port'
import { moveBooking } from './dispatch'

// A hospital's own ambulances: a pre-booking with its provider goes to its HMIS through the outbox
// (request_hospital_ambulance; a cancellation, cancel_hospital_ambulance), and the hospital's desk
// moves it on with signed events, through the same one-statement changes as an operator's page.

/** The booking of a job, its provider's hospital, the patient and their live share there. */
async function contextOf(db: Db, job: OutboxJob) {
  const [row] = await db
    .select({
      booking: ambulanceBookings,
      providerName: ambulanceProviders.name,
      providerPhone: ambulanceProviders.phone,
      hospital: hospitals,
      patient: { name: patients.name, phone: patients.phone, language: patients.language },
      hmisPatientId: hospitalShares.hmisPatientId,
    })
    .from(ambulanceBookings)
    .innerJoin(ambulanceProviders, eq(ambulanceProviders.id, ambulanceBookings.providerId))
    .innerJoin(patients, eq(patients.id, ambulanceBookings.patientId))
    .leftJoin(hospitals, eq(hospitals.id, ambulanceProviders.hospitalId))
    .leftJoin(
      hospitalShares,
      and(
        eq(hospitalShares.patientId, ambulanceBookings.patientId),
        eq(hospitalShares.hospitalId, ambulanceProviders.hospitalId),
        isNull(hospitalShares.revokedAt),
      ),
    )
    .where(eq(ambulanceBookings.id, job.subjectId))
  return row
}

/** The hospital will not take it, or cannot be reached: declined with its number to call, the patient told, the job closed. */
async function decline(
  db: Db,
  job: OutboxJob,
  found: NonNullable<Awaited<ReturnType<typeof contextOf>>>,
  why: string,
  jobStatus: 'done' | 'failed',
) {
  const told = `${why} Please call ${found.providerName} on ${found.providerPhone}.`
  const moved = await moveBooking(
    db,
    found.booking.id,
    { from: ['requested'], to: 'declined', by: 'system', reason: told },
    sql`, closed as (update outbox set status = ${jobStatus}, locked_until = null, last_error = ${told}, updated_at = now() where id = ${job.id})`,
  )
  if (!moved) await finishJob(db, job.id, jobStatus, told)
}

export const hospitalAmbulanceJobs: JobHandlers = {
  request_hospital_ambulance: {
    async run(services, job, context) {
      const { db, integrations } = services
      const found = await contextOf(db, job)
      // Cancelled before it was sent: nothing to send, unless an earlier attempt may have reached the
      // hospital (it timed out): then it is sent again (idempotent) to learn its reference, and cancelled there.
      const undo = found?.booking.status === 'cancelled' && job.attempts > 1 && !found.booking.hmisRequestRef
      if (!found || (found.booking.status !== 'requested' && !undo) || found.booking.hmisRequestRef) {
        await finishJob(db, job.id, 'done', `nothing to send: it is ${found?.booking.status ?? 'gone'}`)
        return 'done'
      }
      if (!found.hospital) {
        await decline(db, job, found, 'This provider is no longer linked to a hospital.', 'done')
        return 'refused'
      }
      const { booking } = found
      const hmis = integrations.hmisFor(hmisLinkOf(found.hospital, { timeoutMs: context.waiting?.timeoutMs, deadline: context.deadline }))
      const outcome = await hmis.requestAmbulance({
        phr_booking_id: booking.id,
        hmis_patient_id: found.hmisPatientId,
        patient: found.patient,
        pickup_address: booking.pickupAddress,
        pickup_location:
          booking.pickupLat !== null && booking.pickupLng !== null ? { lat: booking.pickupLat, lng: booking.pickupLng } : null,
        pickup_time: booking.pickupTime.toISOString(),
        ambulance_type: booking.ambulanceType,
        notes: booking.notes,
      })
      if ('refused' in outcome) {
        await decline(db, job, found, `${found.providerName}: ${outcome.refused.message}`, 'done')
        return 'refused'
      }
      if (undo) await hmis.cancelAmbulanceRequest(outcome.ref, 'cancelled by the patient')
      // The patient may have cancelled while the hospital was taking it: their cancellation found no
      // reference and wrote no job, so this statement (which waits for their row lock) writes it.
      const [cancel] = await queryRows<{ job: Record<string, unknown> }>(
        db,
        sql`with recorded as (
              update ambulance_bookings set hmis_request_ref = ${outcome.ref}, dispatched_at = coalesce(dispatched_at, now())
              where id = ${booking.id} returning id, status, provider_id
            ), cancel as (
              insert into outbox (id, kind, partition_key, subject_id)
              select ${crypto.randomUUID()}, 'cancel_hospital_ambulance', 'ambulance:' || provider_id, id
              from recorded where status = 'cancelled' and not ${undo}
              returning *
            ), closed as (
              update outbox set status = 'done', locked_until = null, last_error = null, updated_at = now() where id = ${job.id}
            )
            select to_jsonb(cancel.*) as job from cancel`,
      )
      if (cancel) services.outbox.send([jobOf(cancel.job)])
      return 'done'
    },
    async giveUp(services, job) {
      const found = await contextOf(services.db, job)
      if (!found) return finishJob(services.db, job.id, 'failed', 'the booking no longer exists')
      await decline(services.db, job, found, `We could not reach ${found.providerName}.`, 'failed')
    },
  },
  cancel_hospital_ambulance: {
    async run(services: Services, job: OutboxJob, context) {
      const { db, integrations } = services
      const found = await contextOf(db, job)
      if (!found?.hospital || !found.booking.hmisRequestRef) {
        await finishJob(db, job.id, 'done', 'it never reached the hospital')
        return 'done'
      }
      await integrations
        .hmisFor(hmisLinkOf(found.hospital, { timeoutMs: context.waiting?.timeoutMs, deadline: context.deadline }))
        .cancelAmbulanceRequest(found.booking.hmisRequestRef, 'cancelled by the patient')
      await finishJob(db, job.id, 'done')
      return 'done'
    },
    giveUp: (services, job, reason) => finishJob(services.db, job.id, 'failed', `the hospital could not be told: ${reason}`),
  },
}

// The hospital's desk answers with signed events.

const AmbulanceEventSchema = z
  .object({
    event_id: z.string().min(1).max(128).openapi({ example: 'amb-evt-0001' }),
    event: z.enum(['accepted', 'declined', 'arrived', 'completed']).openapi({ example: 'accepted' }),
    reason: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: 'With declined: why, for the patient.', example: 'No ambulance free at that time' }),
  })
  .strict()
  .openapi('HmisAmbulanceEvent')

/** From which statuses each event moves a booking (never backwards). */
const FROM: Record<z.infer<typeof AmbulanceEventSchema>['event'], AmbulanceStatus[]> = {
  accepted: ['requested'],
  declined: ['requested'],
  arrived: ['accepted'],
  completed: ['accepted', 'arrived'],
}

export const receiveAmbulanceEvent = hmisRoute({
  method: 'post',
  path: '/v1/hmis/ambulance-requests/{request_ref}/events',
  operationId: 'receiveAmbulanceEvent',
  tags: ['HMIS callbacks'],
  summary: 'A hospital’s ambulance desk accepts or declines a pre-booking, then marks it arrived and completed',
  request: {
    params: z.object({
      request_ref: z
        .string()
        .max(128)
        .openapi({ param: { name: 'request_ref', in: 'path' }, example: 'amb-3e9d' }),
    }),
    body: jsonBody(AmbulanceEventSchema),
  },
  responses: {
    200: jsonResponse(
      z.object({ applied: z.boolean(), status: z.string() }).openapi('AmbulanceEventResult'),
      'Received (applied once per event_id).',
    ),
    ...errorResponses(404, 409),
  },
})

export const receiveAmbulanceEventHandler: HospitalHandler<typeof receiveAmbulanceEvent> = async (c) => {
  const event = c.req.valid('json')
  const hospitalId = c.var.hospitalId
  const ref = c.req.valid('param').request_ref
  const result = await c.var.services.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ booking: ambulanceBookings })
      .from(ambulanceBookings)
      .innerJoin(
        ambulanceProviders,
        and(eq(ambulanceProviders.id, ambulanceBookings.providerId), eq(ambulanceProviders.hospitalId, hospitalId)),
      )
      .where(eq(ambulanceBookings.hmisRequestRef, ref))
      .for('update', { of: ambulanceBookings })
    if (!found) throw new ApiError('not_found', 'No ambulance request with this reference at your hospital.')
    const { booking } = found
    if (!(await firstHmisEvent(tx, hospitalId, event.event_id))) return { applied: false, status: booking.status }
    if (booking.status === event.event) return { applied: false, status: booking.status }
    const moved = await moveBooking(tx, booking.id, {
      from: FROM[event.event],
      to: event.event,
      by: 'dispatcher',
      reason: event.reason ?? null,
    })
    if (!moved) throw new ApiError('invalid_transition', `The booking is ${booking.status}.`, { details: { status: booking.status } })
    return { applied: true, status: moved.status }
  })
  return c.json(result, 200)
}
