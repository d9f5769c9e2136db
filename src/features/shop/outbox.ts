import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import {
  finishJob,
  finishJobWith,
  jobOf,
  refOrPending,
  newJob,
  rejectWork,
  type JobContext,
  type JobHandlers,
  type JobOutcome,
  type OutboxJob,
} from '../../core/outbox'
import type { Services } from '../../core/types'
import { hospitals, hospitalShares, labBookings, medicineOrders, outbox, liveShareOf } from '../../db/schema'
import { hmisLinkOf, hmisPartition, type HmisOrderOutcome } from '../../integrations/hmis/port'

// Lab bookings and medicine orders reach the hospital through the one outbox (core/outbox): the row
// and its job are written together, the request sends the job within the booking budget, the queue
// retries with backoff, and a refusal or the retry cap rejects it with the reason and tells the
// patient. A cancellation is a job of its own (cancel_lab_booking, cancel_medicine_order), written
// with the status change: it waits for a placement still under way, so that what the hospital got
// is always cancelled, and a hospital that says it is too late puts the row back where it is.

type Kind = 'request_lab_booking' | 'place_medicine_order'
type CancelKind = 'cancel_lab_booking' | 'cancel_medicine_order'

const PLACEMENT_OF: Record<CancelKind, Kind> = { cancel_lab_booking: 'request_lab_booking', cancel_medicine_order: 'place_medicine_order' }

/** The job of a new lab booking or medicine order (or of its cancellation), made already claimed so that the request sends it at once. */
export async function insertOrderJob(
  db: Db,
  kind: Kind | CancelKind,
  hospitalId: string,
  subjectId: string,
  leaseSeconds: number,
): Promise<OutboxJob> {
  const [job] = await db
    .insert(outbox)
    .values(newJob({ kind, partitionKey: hmisPartition(hospitalId), subjectId }, { leaseSeconds }))
    .returning()
  return jobOf(job!)
}

const WORDS = {
  request_lab_booking: {
    table: labBookings,
    done: 'requested',
    what: 'lab test booking',
    whatHi: 'लैब जाँच की बुकिंग',
    refColumn: 'hmis_booking_ref',
    /** Where the hospital says a cancellation is too late: the sample is collected. */
    tooLate: 'sampled',
    stillOn: 'requested',
  },
  place_medicine_order: {
    table: medicineOrders,
    done: 'placed',
    what: 'medicine order',
    whatHi: 'दवा की बुकिंग',
    refColumn: 'hmis_order_ref',
    tooLate: 'dispatched',
    stillOn: 'placed',
  },
}

/** The order or booking of a job (of this kind), its hospital and the patient's live share there. */
async function contextOf(db: Db, job: OutboxJob, kind = job.kind as Kind) {
  const table = WORDS[kind].table
  const subjectId = job.subjectId
  const [context] = await db
    .select({ subject: table, hospital: hospitals, hmisPatientId: hospitalShares.hmisPatientId })
    .from(table)
    .innerJoin(hospitals, eq(hospitals.id, table.hospitalId))
    .leftJoin(hospitalShares, liveShareOf(table))
    .where(eq(table.id, subjectId))
  return context
}

/** It will not reach the hospital: rejected with the reason, the patient told, the job closed. */
async function reject(db: Db, job: OutboxJob, reason: string, jobStatus: 'done' | 'failed'): Promise<void> {
  const kind = job.kind as Kind
  const table = WORDS[kind].table
  const context = await contextOf(db, job)
  if (!context) return finishJob(db, job.id, jobStatus, reason)
  await rejectWork(db, job, {
    reason,
    jobStatus,
    mark: (tx) =>
      tx
        .update(table)
        .set({ status: 'rejected', statusReason: reason, updatedAt: sql`now()` })
        .where(and(eq(table.id, context.subject.id), eq(table.status, 'pending_sync'))),
    tell: {
      patientId: context.subject.patientId,
      type: kind === 'request_lab_booking' ? 'lab_booking_rejected' : 'medicine_order_rejected',
      title: { en: `Your ${WORDS[kind].what} did not go through`, hi: `आपकी ${WORDS[kind].whatHi} नहीं हो सकी` },
      body: `${context.hospital.name}: ${reason}`,
      link: { kind: kind === 'request_lab_booking' ? 'lab_booking' : 'medicine_order', id: context.subject.id },
      dedupeKey: `rejected:${context.subject.id}`,
    },
  })
}

/** One attempt: the order or booking sent; a refusal rejects it (the patient told); a 5xx is thrown for the outbox to retry. */
async function attempt(services: Services, job: OutboxJob, context: JobContext): Promise<JobOutcome> {
  const { db, integrations, config } = services
  const kind = job.kind as Kind
  const words = WORDS[kind]
  const table = words.table
  const found = await contextOf(db, job)
  if (!found) {
    await finishJob(db, job.id, 'done', `the ${words.what} no longer exists`)
    return 'done'
  }
  const { subject, hospital } = found
  // Cancelled before it was sent: nothing to send, unless an earlier attempt may have reached the
  // hospital (it timed out): then it is sent again (idempotent) to learn its reference, and the
  // cancellation, waiting for this job, cancels it there.
  const learnRef = subject.status === 'cancelled' && job.attempts > 1
  if (subject.status !== 'pending_sync' && !learnRef) {
    await finishJob(db, job.id, 'done', `nothing to send: it is ${subject.status}`)
    return 'done'
  }
  if (!found.hmisPatientId) {
    await reject(db, job, 'Your profile is no longer shared with this hospital.', 'done')
    return 'refused'
  }
  const hmis = integrations.hmisFor(hmisLinkOf(hospital, { timeoutMs: context.waiting?.timeoutMs, deadline: context.deadline }))
  let outcome: HmisOrderOutcome
  if (kind === 'request_lab_booking') {
    const booking = subject as typeof labBookings.$inferSelect
    outcome = await hmis.requestLabSlot({
      phr_booking_id: booking.id,
      hmis_patient_id: found.hmisPatientId,
      test_codes: booking.testIds,
      doctor_id: booking.doctorId,
      preferred_slot: booking.preferredSlot.toISOString(),
    })
  } else {
    const order = subject as typeof medicineOrders.$inferSelect
    outcome = await hmis.placeMedicineOrder({
      phr_order_id: order.id,
      hmis_patient_id: found.hmisPatientId,
      delivery_address: order.deliveryAddress,
      prescription: {
        url: `${config.PUBLIC_BASE_URL}/v1/hmis/medicine-orders/${order.id}/prescription`,
        content_type: order.prescriptionType as 'application/pdf' | 'image/png' | 'image/jpeg',
        sha256: order.prescriptionSha256,
      },
    })
  }
  if ('refused' in outcome) {
    if (learnRef) await finishJob(db, job.id, 'done', `refused, and cancelled anyway: ${outcome.refused.message}`)
    else await reject(db, job, outcome.refused.message, 'done')
    return 'refused'
  }
  // The reference is kept even when the patient cancelled meanwhile: the cancellation needs it.
  await finishJobWith(
    db,
    job.id,
    sql`update ${table} set ${sql.identifier(words.refColumn)} = ${outcome.ref},
          status = case when status = 'pending_sync' then ${words.done} else status end, updated_at = now()
        where id = ${subject.id}`,
  )
  return 'done'
}

/**
 * A cancellation reaches the hospital: by the reference once the placement has one; it waits while
 * the placement is still under way; a hospital that never got it has nothing to cancel.
 */
async function sendCancellation(services: Services, job: OutboxJob, context: JobContext): Promise<JobOutcome> {
  const { db, integrations } = services
  const kind = PLACEMENT_OF[job.kind as CancelKind]
  const words = WORDS[kind]
  const found = await contextOf(db, job, kind)
  if (!found || found.subject.status !== 'cancelled') {
    await finishJob(db, job.id, 'done', `nothing to cancel: it is ${found?.subject.status ?? 'gone'}`)
    return 'done'
  }
  const { subject, hospital } = found
  let ref = 'hmisBookingRef' in subject ? subject.hmisBookingRef : subject.hmisOrderRef
  if (!ref) {
    const now = await refOrPending(
      db,
      sql`select ${sql.identifier(words.refColumn)} from ${words.table} where id = ${subject.id}`,
      subject.id,
      kind,
    )
    if (now.pending) return { later: 30 }
    if (!now.ref) {
      await finishJob(db, job.id, 'done', 'it never reached the hospital')
      return 'done'
    }
    ref = now.ref
  }
  const hmis = integrations.hmisFor(hmisLinkOf(hospital, { timeoutMs: context.waiting?.timeoutMs, deadline: context.deadline }))
  const outcome =
    kind === 'request_lab_booking'
      ? await hmis.cancelLabBooking(ref, subject.statusReason)
      : await hmis.cancelMedicineOrder(ref, subject.statusReason)
  if (outcome === 'cancelled') {
    await finishJob(db, job.id, 'done')
    return 'done'
  }
  // The hospital keeps it: back to where it is there, the patient told why.
  const table = words.table
  const status = outcome.refused.code === 'too_late' ? words.tooLate : words.stillOn
  await rejectWork(db, job, {
    reason: `${outcome.refused.code}: ${outcome.refused.message}`,
    jobStatus: 'done',
    mark: (tx) =>
      tx.execute(
        sql`update ${table} set status = ${status}, status_reason = ${outcome.refused.message}, updated_at = now()
            where id = ${subject.id} and status = 'cancelled'`,
      ),
    tell: notCancelled(kind, subject, hospital.name, outcome.refused.message),
  })
  return 'refused'
}

function notCancelled(kind: Kind, subject: { id: string; patientId: string }, hospitalName: string, why: string) {
  const lab = kind === 'request_lab_booking'
  return {
    patientId: subject.patientId,
    type: lab ? 'lab_booking_not_cancelled' : 'medicine_order_not_cancelled',
    title: { en: `Your ${WORDS[kind].what} could not be cancelled`, hi: `आपकी ${WORDS[kind].whatHi} रद्द नहीं हो सकी` },
    body: `${hospitalName}: ${why}`,
    link: { kind: lab ? 'lab_booking' : 'medicine_order', id: subject.id },
    dedupeKey: `not-cancelled:${subject.id}`,
  } as const
}

const cancelJob = {
  run: sendCancellation,
  async giveUp(services: Services, job: OutboxJob) {
    // Cancelled here, not known to be cancelled there: the patient is told to call the hospital.
    const kind = PLACEMENT_OF[job.kind as CancelKind]
    const found = await contextOf(services.db, job, kind)
    if (!found) return finishJob(services.db, job.id, 'failed', 'the hospital could not be told')
    const why = `We could not reach the hospital to cancel it after ${job.attempts} attempts. Please call them.`
    await rejectWork(services.db, job, {
      reason: why,
      jobStatus: 'failed',
      mark: async () => {},
      tell: notCancelled(kind, found.subject, found.hospital.name, why),
    })
  },
}

const orderJob = {
  run: attempt,
  giveUp: (services: Services, job: OutboxJob) =>
    reject(services.db, job, `The hospital could not be reached after ${job.attempts} attempts.`, 'failed'),
}

export const shopJobs: JobHandlers = {
  request_lab_booking: orderJob,
  place_medicine_order: orderJob,
  cancel_lab_booking: cancelJob,
  cancel_medicine_order: cancelJob,
}
