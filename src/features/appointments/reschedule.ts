import { z } from '@hono/zod-openapi'
import { and, eq, sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { endWork, finishJob, jobOf, patientWaiting, type JobContext, type JobOutcome, type OutboxJob } from '../../core/outbox'
import { patientRoute, type PatientHandler } from '../../core/routes'
import type { JobHandler, Services } from '../../core/types'
import { appointments } from '../../db/schema'
import { hmisLinkOf, hmisPartition } from '../../integrations/hmis/port'
import { bookingContext, type BookingContext } from './outbox'
import { AppointmentParams, AppointmentSchema, toAppointment } from './schema'
import { appointmentOf } from './store'

// Moving an appointment at the patient's request. The slot asked for is kept beside the booked one
// (reschedule_slot_start/mode) with an outbox job (reschedule_appointment) in one statement; the job
// asks the hospital (POST /appointments/{ref}/reschedule, idempotent: the same slot again is no
// change). The booked slot holds until the hospital confirms: then it becomes the new one; a refusal
// clears the request and keeps the old slot. While the patient waits (the booking budget) the answer
// says which; later, a notification does.

const MOVABLE = ['booked', 'symptoms_shared', 'reviewed'] as const

const RescheduleSchema = z
  .object({
    slot_start: z.string().datetime({ offset: true }).openapi({ example: '2026-12-03T11:00:00+05:30' }),
    mode: z.enum(['in_person', 'online']).optional().openapi({ description: 'Omitted: the same mode.', example: 'online' }),
  })
  .strict()
  .openapi('RescheduleRequest')

export const rescheduleAppointment = patientRoute({
  method: 'post',
  path: '/v1/appointments/{id}/reschedule',
  operationId: 'rescheduleAppointment',
  tags: ['Appointments'],
  summary: 'Move my appointment to another slot (and mode) of the same doctor, through the hospital',
  description:
    'The current slot holds until the hospital confirms. 200 with the appointment moved when it confirms within HMIS_BOOKING_BUDGET_MS; 202 with `reschedule_pending` when it is slow or down (the queue asks again; a notification says how it ended); 409 `slot_unavailable` when the hospital refuses (nothing changes), `invalid_transition` for an appointment not booked, over, or already being moved, `request_in_flight` while another move is pending.',
  request: { params: AppointmentParams, body: jsonBody(RescheduleSchema) },
  responses: {
    200: jsonResponse(AppointmentSchema, 'Moved.'),
    202: jsonResponse(AppointmentSchema, 'Asked: the hospital has not answered yet; `reschedule_pending` shows the slot asked for.'),
    ...errorResponses(404, 409),
  },
})

export const rescheduleAppointmentHandler: PatientHandler<typeof rescheduleAppointment> = async (c) => {
  const services = c.var.services
  const { db, config } = services
  const id = c.req.valid('param').id
  const body = c.req.valid('json')
  const slotStart = new Date(body.slot_start)
  if (slotStart.getTime() <= Date.now()) throw new ApiError('slot_unavailable', 'That slot has already begun.')
  // One statement: the move asked for (while the appointment can move and none is pending) and its job, claimed.
  const [row] = await queryRows<{ job: Record<string, unknown> }>(
    db,
    sql`with asked as (
          update appointments set reschedule_slot_start = ${slotStart.toISOString()}, reschedule_mode = coalesce(${body.mode ?? null}, mode), updated_at = now()
          where id = ${id} and patient_id = ${c.var.patientId} and status in ('booked', 'symptoms_shared', 'reviewed')
            and slot_start > now() and reschedule_slot_start is null and hmis_appointment_ref is not null
          returning id, hospital_id
        )
        insert into outbox (id, kind, partition_key, subject_id, attempts, locked_until)
        select ${crypto.randomUUID()}, 'reschedule_appointment', ${hmisPartition('')} || hospital_id, id, 1,
               now() + make_interval(secs => ${config.OUTBOX_LEASE_SECONDS})
        from asked
        returning to_jsonb(outbox.*) as job`,
  )
  if (!row) {
    const current = (await appointmentOf(db, c.var.patientId, id)).appointment
    if (current.rescheduleSlotStart) throw new ApiError('request_in_flight', 'A move of this appointment is already being asked for.')
    throw new ApiError(
      'invalid_transition',
      `A ${current.status} appointment cannot be moved${MOVABLE.includes(current.status as never) ? ' once it has begun' : ''}.`,
    )
  }
  await services.outbox.runNow(jobOf(row.job), patientWaiting(config))
  const after = await appointmentOf(db, c.var.patientId, id)
  return c.json(toAppointment(after.appointment, after.hospital, after.links), after.appointment.rescheduleSlotStart ? 202 : 200)
}

/** The request cleared and the job closed; the patient told (when not waiting for the answer). */
async function refuse(services: Services, job: OutboxJob, found: BookingContext, why: string, tell: boolean) {
  const { appointment, hospital } = found
  await endWork(services.db, job, {
    jobStatus: 'done',
    note: why,
    mark: (tx) =>
      tx
        .update(appointments)
        .set({ rescheduleSlotStart: null, rescheduleMode: null, updatedAt: sql`now()` })
        .where(eq(appointments.id, appointment.id)),
    tell: tell
      ? {
          patientId: appointment.patientId,
          type: 'appointment_reschedule_refused',
          title: { en: 'Your appointment could not be moved', hi: 'आपकी अपॉइंटमेंट का समय नहीं बदल सका' },
          body: { en: `${hospital.name}: ${why} It stays at the old time.`, hi: `${hospital.name}: ${why} यह पुराने समय पर ही है।` },
          link: { kind: 'appointment', id: appointment.id },
        }
      : undefined,
  })
}

async function sendReschedule(services: Services, job: OutboxJob, context: JobContext): Promise<JobOutcome> {
  const found = await bookingContext(services.db, job.subjectId)
  const asked = found?.appointment
  if (!found || !asked?.rescheduleSlotStart || !asked.rescheduleMode || !asked.hmisAppointmentRef) {
    await finishJob(services.db, job.id, 'done', 'nothing to move')
    return 'done'
  }
  if (!MOVABLE.includes(asked.status as never)) {
    await refuse(services, job, found, `The appointment is ${asked.status}.`, false)
    return 'refused'
  }
  const outcome = await services.integrations
    .hmisFor(hmisLinkOf(found.hospital, { timeoutMs: context.waiting?.timeoutMs, deadline: context.deadline }))
    .rescheduleAppointment(asked.hmisAppointmentRef, { slot_start: asked.rescheduleSlotStart.toISOString(), mode: asked.rescheduleMode })
  if ('refused' in outcome) {
    await refuse(services, job, found, outcome.refused.message, !context.waiting)
    if (context.waiting) {
      throw new ApiError(outcome.refused.code === 'slot_unavailable' ? 'slot_unavailable' : 'conflict', outcome.refused.message, {
        details: { hmis_code: outcome.refused.code },
      })
    }
    return 'refused'
  }
  const moved = outcome.rescheduled
  const start = new Date(moved.slot_start)
  const end = moved.slot_end ? new Date(moved.slot_end) : new Date(start.getTime() + (asked.slotEnd.getTime() - asked.slotStart.getTime()))
  // The new slot is the slot; a video link made for the old mode goes with it unless the hospital sent one.
  await endWork(services.db, job, {
    jobStatus: 'done',
    mark: (tx) =>
      tx
        .update(appointments)
        .set({
          slotStart: start,
          slotEnd: end,
          mode: moved.mode,
          joinUrl: moved.join_url ?? (moved.mode === asked.mode ? asked.joinUrl : null),
          rescheduleSlotStart: null,
          rescheduleMode: null,
          updatedAt: sql`now()`,
        })
        .where(and(eq(appointments.id, asked.id), eq(appointments.rescheduleSlotStart, asked.rescheduleSlotStart!))),
    tell: context.waiting
      ? undefined
      : {
          patientId: asked.patientId,
          type: 'appointment_rescheduled',
          title: { en: 'Your appointment was moved', hi: 'आपकी अपॉइंटमेंट का समय बदल गया' },
          body: { en: `${found.hospital.name} confirmed the new time.`, hi: `${found.hospital.name} ने नया समय पक्का किया।` },
          link: { kind: 'appointment', id: asked.id },
        },
  })
  return 'done'
}

export const rescheduleJob: JobHandler = {
  run: sendReschedule,
  async giveUp(services, job, reason) {
    const found = await bookingContext(services.db, job.subjectId)
    if (found?.appointment.rescheduleSlotStart) await refuse(services, job, found, `The hospital could not be reached (${reason}).`, true)
    else await finishJob(services.db, job.id, 'failed', reason)
  },
}
