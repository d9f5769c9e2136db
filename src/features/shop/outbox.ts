import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import {
  finishJob,
  finishJobWith,
  jobOf,
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
// patient.

type Kind = 'request_lab_booking' | 'place_medicine_order'

/** The job of a new lab booking or medicine order, made already claimed so that the request sends it at once. */
export async function insertOrderJob(db: Db, kind: Kind, hospitalId: string, subjectId: string, leaseSeconds: number): Promise<OutboxJob> {
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
  },
  place_medicine_order: {
    table: medicineOrders,
    done: 'placed',
    what: 'medicine order',
    whatHi: 'दवा की बुकिंग',
    refColumn: 'hmis_order_ref',
  },
}

/** The order or booking of a job, its hospital and the patient's live share there. */
async function contextOf(db: Db, job: OutboxJob) {
  const kind = job.kind as Kind
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
  if (subject.status !== 'pending_sync') {
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
    await reject(db, job, outcome.refused.message, 'done')
    return 'refused'
  }
  await finishJobWith(
    db,
    job.id,
    sql`update ${table} set status = ${words.done}, ${sql.identifier(words.refColumn)} = ${outcome.ref}, updated_at = now()
        where id = ${subject.id} and status = 'pending_sync'`,
  )
  return 'done'
}

const orderJob = {
  run: attempt,
  giveUp: (services: Services, job: OutboxJob) =>
    reject(services.db, job, `The hospital could not be reached after ${job.attempts} attempts.`, 'failed'),
}

export const shopJobs: JobHandlers = { request_lab_booking: orderJob, place_medicine_order: orderJob }
