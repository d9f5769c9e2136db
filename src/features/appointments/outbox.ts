import { and, eq, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { notify } from '../../core/notify'
import { finishJob, newJob, rejectWork, type JobContext, type JobHandlers, type JobOutcome, type OutboxJob } from '../../core/outbox'
import type { Services } from '../../core/types'
import { appointments, hospitals, hospitalShares, outbox, type AppointmentRow, type HospitalRow, liveShareOf } from '../../db/schema'
import { hmisLinkOf, hmisPartition as hospitalPartition } from '../../integrations/hmis/port'
import { appointmentFromJson } from './schema'

// The appointments' outbox jobs (core/outbox runs them): a booking and a cancellation sent to the
// hospital's HMIS. The appointment's id is the HMIS's idempotency key: a job run twice books once.

/**
 * What a booking job sends: the appointment, its hospital and the patient's live share there. The
 * booking request passes it (JobContext.preloaded) and reads back the booked appointment (`booked`).
 */
export type BookingContext = {
  appointment: AppointmentRow
  hospital: HospitalRow
  hmisPatientId: string | null
  booked?: AppointmentRow
}

export async function bookingContext(db: Db, appointmentId: string): Promise<BookingContext | undefined> {
  const [context] = await db
    .select({ appointment: appointments, hospital: hospitals, hmisPatientId: hospitalShares.hmisPatientId })
    .from(appointments)
    .innerJoin(hospitals, eq(hospitals.id, appointments.hospitalId))
    .leftJoin(hospitalShares, liveShareOf(appointments))
    .where(eq(appointments.id, appointmentId))
  return context
}

/**
 * One attempt at booking. With a patient waiting, a refusal leaves nothing behind: the booking and
 * its job are removed and the refusal thrown as a 409 for the patient to choose again.
 */
async function sendBooking(services: Services, job: OutboxJob, context: JobContext): Promise<JobOutcome> {
  const { db, integrations } = services
  const preloaded = context.preloaded as BookingContext | undefined
  const found = preloaded ?? (await bookingContext(db, job.subjectId))
  if (!found) {
    await finishJob(db, job.id, 'done', 'the appointment no longer exists')
    return 'done'
  }
  const { appointment, hospital } = found
  if (appointment.status !== 'pending_sync') {
    await finishJob(db, job.id, 'done', `nothing to send: the appointment is ${appointment.status}`)
    return 'done'
  }
  if (!found.hmisPatientId) {
    await refuseBooking(db, job, appointment, hospital.name, 'profile_not_shared', 'Your profile is no longer shared with this hospital.')
    return 'refused'
  }
  const hmis = integrations.hmisFor(hmisLinkOf(hospital, { timeoutMs: context.waiting?.timeoutMs, deadline: context.deadline }))
  const answer = await hmis.bookAppointment({
    phr_appointment_id: appointment.id,
    hmis_patient_id: found.hmisPatientId,
    doctor_id: appointment.doctorId,
    mode: appointment.mode,
    slot_start: appointment.slotStart.toISOString(),
  })
  if ('refused' in answer) {
    if (context.waiting) {
      await db.transaction(async (tx) => {
        await tx.delete(outbox).where(eq(outbox.id, job.id))
        await tx.delete(appointments).where(and(eq(appointments.id, appointment.id), eq(appointments.status, 'pending_sync')))
      })
      const slotTaken = answer.refused.code === 'slot_unavailable'
      throw new ApiError(
        slotTaken ? 'slot_unavailable' : 'conflict',
        slotTaken ? 'That slot was just taken. Please choose another.' : answer.refused.message,
        { details: { hmis_code: answer.refused.code } },
      )
    }
    await refuseBooking(db, job, appointment, hospital.name, answer.refused.code, answer.refused.message)
    return 'refused'
  }
  // One statement: the appointment booked (or, if it was cancelled meanwhile, the booking undone
  // at the hospital through a cancel job) and the job done; the appointment as it now is.
  const undoId = crypto.randomUUID()
  const [row] = await queryRows<{ appointment: Record<string, unknown>; booked: boolean; undo: boolean }>(
    db,
    sql`
      with booked as (
        update appointments set status = 'booked', hmis_appointment_ref = ${answer.booked.appointment_ref},
          join_url = ${answer.booked.join_url ?? null}, updated_at = now()
        where id = ${appointment.id} and status = 'pending_sync'
        returning *
      ), late as (
        update appointments set hmis_appointment_ref = ${answer.booked.appointment_ref}
        where id = ${appointment.id} and not exists (select 1 from booked)
        returning *
      ), undo as (
        insert into outbox (id, kind, partition_key, subject_id)
        select ${undoId}, 'cancel_appointment', ${hospitalPartition(hospital.id)}, id from late
        returning id
      ), done as (
        update outbox set status = 'done', locked_until = null, last_error = null, updated_at = now() where id = ${job.id}
      )
      select coalesce((select to_jsonb(b) from booked b), (select to_jsonb(l) from late l)) as appointment,
        exists (select 1 from booked) as booked, exists (select 1 from undo) as undo`,
  )
  if (row?.undo) services.outbox.send([{ id: undoId, nextAttemptAt: new Date() }])
  // A patient who left with pending_sync is told when the retry books it.
  if (row?.booked && job.attempts > 1) {
    await notify(db, {
      patientId: appointment.patientId,
      type: 'appointment_booked',
      title: { en: 'Your appointment is confirmed', hi: 'आपकी अपॉइंटमेंट पक्की हो गई' },
      body: {
        en: `${hospital.name} confirmed your appointment${appointment.doctorName ? ` with ${appointment.doctorName}` : ''}.`,
        hi: `${hospital.name} ने ${appointment.doctorName ? `${appointment.doctorName} के साथ ` : ''}आपकी अपॉइंटमेंट पक्की कर दी है।`,
      },
      link: { kind: 'appointment', id: appointment.id },
      dedupeKey: `booked:${appointment.id}`,
    })
  }
  if (preloaded && row?.appointment) preloaded.booked = appointmentFromJson(row.appointment)
  return 'done'
}

/** The hospital will not take the booking: the appointment is rejected with the reason, and the patient told. */
function refuseBooking(
  db: Db,
  job: OutboxJob,
  appointment: { id: string; patientId: string },
  hospitalName: string,
  code: string,
  message: string,
  jobStatus: 'done' | 'failed' = 'done',
) {
  return rejectWork(db, job, {
    reason: `${code}: ${message}`,
    jobStatus,
    mark: (tx) =>
      tx
        .update(appointments)
        .set({ status: 'rejected', statusReason: `${code}: ${message}`, updatedAt: sql`now()` })
        .where(and(eq(appointments.id, appointment.id), eq(appointments.status, 'pending_sync'))),
    tell: {
      patientId: appointment.patientId,
      type: 'appointment_rejected',
      title: { en: 'Your appointment could not be booked', hi: 'आपकी अपॉइंटमेंट बुक नहीं हो सकी' },
      body: { en: `${hospitalName}: ${message} Please choose another slot.`, hi: `${hospitalName}: ${message} कृपया कोई दूसरा समय चुनें।` },
      link: { kind: 'appointment', id: appointment.id },
      dedupeKey: `rejected:${appointment.id}`,
    },
  })
}

/** The appointment's cancellation job, for the transaction that cancels it (claimed: the request sends it at once). */
export const cancellationJob = (hospitalId: string, appointmentId: string, leaseSeconds: number) =>
  newJob({ kind: 'cancel_appointment', partitionKey: hospitalPartition(hospitalId), subjectId: appointmentId }, { leaseSeconds })

export const appointmentJobs: JobHandlers = {
  book_appointment: {
    run: sendBooking,
    async giveUp(services, job, reason) {
      const found = await bookingContext(services.db, job.subjectId)
      if (!found) return finishJob(services.db, job.id, 'failed', reason)
      await refuseBooking(
        services.db,
        job,
        found.appointment,
        found.hospital.name,
        'hmis_unreachable',
        `The hospital could not be reached after ${job.attempts} attempts.`,
        'failed',
      )
    },
  },
  cancel_appointment: {
    async run(services, job, context) {
      const found = await bookingContext(services.db, job.subjectId)
      if (found?.appointment.hmisAppointmentRef) {
        const hmis = services.integrations.hmisFor(
          hmisLinkOf(found.hospital, { deadline: context.deadline, timeoutMs: context.waiting?.timeoutMs }),
        )
        await hmis.cancelAppointment(found.appointment.hmisAppointmentRef, found.appointment.statusReason)
      }
      await finishJob(services.db, job.id, 'done')
      return 'done'
    },
    giveUp: (services, job, reason) => finishJob(services.db, job.id, 'failed', `the hospital could not be told: ${reason}`),
  },
}
