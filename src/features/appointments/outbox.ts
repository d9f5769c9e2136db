import { and, eq, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { describeError } from '../../core/logger'
import { notify } from '../../core/notify'
import type { Config } from '../../core/config'
import type { Services } from '../../core/types'
import { appointments, hmisOutbox, hospitals, hospitalShares, type HmisJobRow } from '../../db/schema'
import { hmisLinkOf } from '../../integrations/hmis/port'
import { shareFailed, shareSymptomCheck } from '../symptoms/share'

// The HMIS outbox: jobs written with the change they belong to, sent at once by the request when
// the hospital answers in time, otherwise by the cron every minute, with exponential backoff and
// jitter, a lease so that overlapping runs never send a job twice, and a cap after which the
// appointment is rejected and the patient told. Every failure stays visible on the job row.
//
// The lease covers the work in flight: a run claims one job when it is about to send it (never a
// batch that later jobs would outlive), and that job's HMIS calls are cut short to jobDeadline, so
// no job can still be talking to the hospital when another run may claim it.

export type JobResult = 'done' | 'retry' | 'refused' | 'failed'

/** Jobs of other features (the store's lab bookings and medicine orders), registered by them. */
export const storeJobs: Partial<
  Record<HmisJobRow['kind'], (services: Services, job: HmisJobRow, waiting?: { timeoutMs: number }) => Promise<JobResult>>
> = {}

/** A job row from raw SQL (snake_case columns). */
export const jobOf = (r: Record<string, unknown>): HmisJobRow => ({
  id: r.id as string,
  kind: r.kind as HmisJobRow['kind'],
  hospitalId: r.hospital_id as string,
  appointmentId: (r.appointment_id as string | null) ?? null,
  symptomCheckId: (r.symptom_check_id as string | null) ?? null,
  labBookingId: (r.lab_booking_id as string | null) ?? null,
  medicineOrderId: (r.medicine_order_id as string | null) ?? null,
  status: r.status as HmisJobRow['status'],
  attempts: Number(r.attempts),
  nextAttemptAt: new Date(r.next_attempt_at as string),
  lockedUntil: r.locked_until ? new Date(r.locked_until as string) : null,
  lastError: (r.last_error as string | null) ?? null,
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
})

/**
 * When a job claimed now must have finished talking to the hospital: a fifth of the lease (at
 * least 2 s) is left to record the outcome before another run may claim the job.
 */
export const jobDeadline = (config: Config, claimedAt = Date.now()) =>
  claimedAt + config.HMIS_OUTBOX_LEASE_SECONDS * 1000 - Math.max(2000, config.HMIS_OUTBOX_LEASE_SECONDS * 200)

/** Claims due jobs (or one job) for this run: FOR UPDATE SKIP LOCKED, and a lease. */
export async function claimJobs(db: Db, config: Config, options: { jobId?: string; limit: number }): Promise<HmisJobRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    update hmis_outbox set locked_until = now() + make_interval(secs => ${config.HMIS_OUTBOX_LEASE_SECONDS}), attempts = attempts + 1, updated_at = now()
    where id in (
      select id from hmis_outbox
      where status = 'pending' and (locked_until is null or locked_until < now())
        and ${options.jobId ? sql`id = ${options.jobId}` : sql`next_attempt_at <= now()`}
      order by next_attempt_at
      limit ${options.limit}
      for update skip locked
    )
    returning id, kind, hospital_id, appointment_id, symptom_check_id, lab_booking_id, medicine_order_id, status, attempts, next_attempt_at, locked_until, last_error, created_at, updated_at`,
  )
  return rows.map(jobOf)
}

/** Seconds before attempt n + 1: 30 s doubling to an hour, ±20 % jitter so retries do not stampede. */
export function backoffSeconds(attempts: number): number {
  const base = Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

/**
 * Sends one claimed job. With a patient waiting (`waiting`), the HMIS call is bounded by its
 * timeout and a refusal leaves nothing behind: the booking and its job are removed and the
 * refusal thrown as a 409 for the patient to choose again.
 */
export async function runJob(services: Services, job: HmisJobRow, waiting?: { timeoutMs: number }): Promise<JobResult> {
  const store = storeJobs[job.kind]
  if (store) return store(services, job, waiting)
  try {
    return await sendAppointmentJob(services, job, waiting)
  } catch (error) {
    return failedAttempt(services, job, error, () => giveUpAppointmentJob(services, job), waiting)
  }
}

async function sendAppointmentJob(services: Services, job: HmisJobRow, waiting?: { timeoutMs: number }): Promise<JobResult> {
  const { db, integrations } = services
  const deadline = jobDeadline(services.config)
  if (!job.appointmentId) return finish(db, job, 'failed', 'the job names no appointment')
  const [context] = await db
    .select({ appointment: appointments, hospital: hospitals, hmisPatientId: hospitalShares.hmisPatientId })
    .from(appointments)
    .innerJoin(hospitals, eq(hospitals.id, appointments.hospitalId))
    .leftJoin(
      hospitalShares,
      and(
        eq(hospitalShares.patientId, appointments.patientId),
        eq(hospitalShares.hospitalId, appointments.hospitalId),
        sql`${hospitalShares.revokedAt} is null`,
      ),
    )
    .where(eq(appointments.id, job.appointmentId))
  if (!context) return finish(db, job, 'done', 'the appointment no longer exists')
  const { appointment, hospital } = context
  const hmis = integrations.hmisFor(hmisLinkOf(hospital, { timeoutMs: waiting?.timeoutMs, deadline }))
  if (job.kind === 'share_symptom_check') {
    const outcome = await shareSymptomCheck(services, job, { appointment, hmisPatientId: context.hmisPatientId, hmis })
    if (outcome === 'later') {
      // Waiting for the booking is not a failed attempt.
      await db
        .update(hmisOutbox)
        .set({
          lockedUntil: null,
          attempts: sql`${hmisOutbox.attempts} - 1`,
          nextAttemptAt: sql`now() + interval '30 seconds'`,
          updatedAt: sql`now()`,
        })
        .where(eq(hmisOutbox.id, job.id))
      return 'retry'
    }
    return outcome
  }
  if (job.kind === 'cancel_appointment') {
    if (appointment.hmisAppointmentRef) await hmis.cancelAppointment(appointment.hmisAppointmentRef, appointment.statusReason)
    return finish(db, job, 'done')
  }
  if (appointment.status !== 'pending_sync') return finish(db, job, 'done', `nothing to send: the appointment is ${appointment.status}`)
  if (!context.hmisPatientId)
    return refuse(db, job, appointment, hospital.name, 'profile_not_shared', 'Your profile is no longer shared with this hospital.')
  const outcome = await hmis.bookAppointment({
    phr_appointment_id: appointment.id,
    hmis_patient_id: context.hmisPatientId,
    doctor_id: appointment.doctorId,
    mode: appointment.mode,
    slot_start: appointment.slotStart.toISOString(),
  })
  if ('refused' in outcome) {
    if (waiting) {
      await db.transaction(async (tx) => {
        await tx.delete(hmisOutbox).where(eq(hmisOutbox.id, job.id))
        await tx.delete(appointments).where(and(eq(appointments.id, appointment.id), eq(appointments.status, 'pending_sync')))
      })
      const slotTaken = outcome.refused.code === 'slot_unavailable'
      throw new ApiError(
        slotTaken ? 'slot_unavailable' : 'conflict',
        slotTaken ? 'That slot was just taken. Please choose another.' : outcome.refused.message,
        {
          details: { hmis_code: outcome.refused.code },
        },
      )
    }
    return refuse(db, job, appointment, hospital.name, outcome.refused.code, outcome.refused.message)
  }
  // One statement: the appointment booked (or, if it was cancelled meanwhile, the booking undone
  // at the hospital through a cancel job) and the job done.
  const [result] = await queryRows<{ booked: boolean }>(
    db,
    sql`
      with booked as (
        update appointments set status = 'booked', hmis_appointment_ref = ${outcome.booked.appointment_ref},
          join_url = ${outcome.booked.join_url ?? null}, updated_at = now()
        where id = ${appointment.id} and status = 'pending_sync'
        returning id
      ), late as (
        update appointments set hmis_appointment_ref = ${outcome.booked.appointment_ref}
        where id = ${appointment.id} and not exists (select 1 from booked)
        returning id
      ), undo as (
        insert into hmis_outbox (id, kind, hospital_id, appointment_id)
        select ${crypto.randomUUID()}, 'cancel_appointment', ${hospital.id}, id from late
      ), done as (
        update hmis_outbox set status = 'done', locked_until = null, last_error = null, updated_at = now() where id = ${job.id}
      )
      select exists (select 1 from booked) as booked`,
  )
  // A patient who left with pending_sync is told when the retry books it.
  if (result?.booked && job.attempts > 1) {
    await notify(db, {
      patientId: appointment.patientId,
      type: 'appointment_booked',
      title: 'Your appointment is confirmed',
      body: `${hospital.name} confirmed your appointment${appointment.doctorName ? ` with ${appointment.doctorName}` : ''}.`,
      link: { kind: 'appointment', id: appointment.id },
      dedupeKey: `booked:${appointment.id}`,
    })
  }
  return 'done'
}

/** An appointment job that failed HMIS_OUTBOX_MAX_ATTEMPTS times: what failing means for its kind. */
async function giveUpAppointmentJob(services: Services, job: HmisJobRow): Promise<JobResult> {
  const { db } = services
  const reason = `The hospital could not be reached after ${job.attempts} attempts.`
  const [context] = job.appointmentId
    ? await db
        .select({ appointment: appointments, hospitalName: hospitals.name })
        .from(appointments)
        .innerJoin(hospitals, eq(hospitals.id, appointments.hospitalId))
        .where(eq(appointments.id, job.appointmentId))
    : []
  if (!context) return finish(db, job, 'failed', reason)
  if (job.kind === 'book_appointment')
    return refuse(db, job, context.appointment, context.hospitalName, 'hmis_unreachable', reason, 'failed')
  if (job.kind === 'share_symptom_check') {
    await shareFailed(db, job, context.appointment.patientId, reason)
    return 'failed'
  }
  return finish(db, job, 'failed', 'the hospital could not be reached')
}

/**
 * A failed attempt of any job — the hospital failing (a 5xx) or anything else thrown (a bug, an
 * answer we could not handle): recorded on the job and retried with backoff until
 * HMIS_OUTBOX_MAX_ATTEMPTS, then `giveUp` says what failing means for that kind of job. With a
 * patient waiting, what is not the hospital failing is theirs to see (a refusal, a conflict): thrown.
 */
export async function failedAttempt(
  services: Services,
  job: HmisJobRow,
  error: unknown,
  giveUp: () => Promise<JobResult>,
  waiting?: { timeoutMs: number },
): Promise<JobResult> {
  const transient = error instanceof ApiError && error.status >= 500
  if (waiting && !transient) throw error
  services.log.log(
    transient ? 'warn' : 'error',
    transient ? 'an HMIS job failed; it will be retried' : 'an HMIS job threw; it will be retried',
    {
      job_id: job.id,
      kind: job.kind,
      attempts: job.attempts,
      error: describeError(error),
    },
  )
  if (job.attempts >= services.config.HMIS_OUTBOX_MAX_ATTEMPTS) return giveUp()
  await services.db
    .update(hmisOutbox)
    .set({
      lockedUntil: null,
      lastError:
        error instanceof ApiError
          ? `${error.code}: ${error.message}`
          : `unexpected: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500),
      nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(job.attempts)})`,
      updatedAt: sql`now()`,
    })
    .where(eq(hmisOutbox.id, job.id))
  return 'retry'
}

export async function finish(db: Db, job: HmisJobRow, status: 'done' | 'failed', note?: string): Promise<JobResult> {
  await db
    .update(hmisOutbox)
    .set({ status, lockedUntil: null, lastError: note ?? null, updatedAt: sql`now()` })
    .where(eq(hmisOutbox.id, job.id))
  return status
}

/** The hospital will not take the booking: the appointment is rejected with the reason, and the patient told. */
async function refuse(
  db: Db,
  job: HmisJobRow,
  appointment: { id: string; patientId: string },
  hospitalName: string,
  code: string,
  message: string,
  jobStatus: 'done' | 'failed' = 'done',
): Promise<JobResult> {
  await db.transaction(async (tx) => {
    await tx
      .update(appointments)
      .set({ status: 'rejected', statusReason: `${code}: ${message}`, updatedAt: sql`now()` })
      .where(and(eq(appointments.id, appointment.id), eq(appointments.status, 'pending_sync')))
    await notify(tx, {
      patientId: appointment.patientId,
      type: 'appointment_rejected',
      title: 'Your appointment could not be booked',
      body: `${hospitalName}: ${message} Please choose another slot.`,
      link: { kind: 'appointment', id: appointment.id },
      dedupeKey: `rejected:${appointment.id}`,
    })
    await finish(tx, job, jobStatus, `${code}: ${message}`)
  })
  return jobStatus === 'failed' ? 'failed' : 'refused'
}

/**
 * The cron: every due job within the run, each claimed just before it is sent (its lease starts
 * then). One job failing in any way never stops the others.
 */
export async function syncHmisOutbox(services: Services): Promise<Record<string, number>> {
  const counts: Record<string, number> = { done: 0, retry: 0, refused: 0, failed: 0, unrecorded: 0 }
  const started = Date.now()
  while (Date.now() - started < 20_000) {
    const [job] = await claimJobs(services.db, services.config, { limit: 1 })
    if (!job) break
    try {
      counts[await runJob(services, job)]! += 1
    } catch (error) {
      // Even the failure could not be recorded (the database failing): its lease lapses and a later run takes it.
      services.log.log('error', 'an HMIS job failed and could not be recorded', { job_id: job.id, error: describeError(error) })
      counts.unrecorded! += 1
    }
  }
  return counts
}
