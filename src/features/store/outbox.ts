import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { notify } from '../../core/notify'
import type { Services } from '../../core/types'
import { hmisOutbox, hospitals, hospitalShares, labBookings, medicineOrders, type HmisJobRow } from '../../db/schema'
import { hmisLinkOf, type HmisOrderOutcome } from '../../integrations/hmis/port'
import { failedAttempt, finish, jobDeadline, storeJobs, type JobResult } from '../appointments/outbox'

// Lab bookings and medicine orders reach the hospital through the same outbox as appointments:
// the row and its job are written together, the request sends the job within the booking budget,
// the cron retries with backoff, and a refusal or the retry cap rejects it with the reason and
// tells the patient.

type Kind = 'request_lab_booking' | 'place_medicine_order'

/** The job of a new lab booking or medicine order, made already claimed so that the request sends it at once. */
export async function insertStoreJob(db: Db, kind: Kind, hospitalId: string, subjectId: string, leaseSeconds: number): Promise<HmisJobRow> {
  const [job] = await db
    .insert(hmisOutbox)
    .values({
      id: crypto.randomUUID(),
      kind,
      hospitalId,
      ...(kind === 'request_lab_booking' ? { labBookingId: subjectId } : { medicineOrderId: subjectId }),
      attempts: 1,
      lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
    })
    .returning()
  return job!
}

const WORDS = {
  request_lab_booking: { table: labBookings, done: 'requested' as const, what: 'lab test booking', ref: 'hmisBookingRef' as const },
  place_medicine_order: { table: medicineOrders, done: 'placed' as const, what: 'medicine order', ref: 'hmisOrderRef' as const },
}

/** The order or booking of a job, its hospital and the patient's live share there. */
async function contextOf(db: Db, job: HmisJobRow) {
  const kind = job.kind as Kind
  const table = WORDS[kind].table
  const subjectId = (kind === 'request_lab_booking' ? job.labBookingId : job.medicineOrderId) ?? ''
  const [context] = await db
    .select({ subject: table, hospital: hospitals, hmisPatientId: hospitalShares.hmisPatientId })
    .from(table)
    .innerJoin(hospitals, eq(hospitals.id, table.hospitalId))
    .leftJoin(
      hospitalShares,
      and(
        eq(hospitalShares.patientId, table.patientId),
        eq(hospitalShares.hospitalId, table.hospitalId),
        sql`${hospitalShares.revokedAt} is null`,
      ),
    )
    .where(eq(table.id, subjectId))
  return context
}

/** It will not reach the hospital: rejected with the reason, the patient told, the job closed. */
async function reject(db: Db, job: HmisJobRow, reason: string, jobStatus: 'done' | 'failed'): Promise<JobResult> {
  const kind = job.kind as Kind
  const table = WORDS[kind].table
  const context = await contextOf(db, job)
  if (!context) return finish(db, job, jobStatus, reason)
  await db.transaction(async (tx) => {
    await tx
      .update(table)
      .set({ status: 'rejected', statusReason: reason, updatedAt: sql`now()` })
      .where(and(eq(table.id, context.subject.id), eq(table.status, 'pending_sync')))
    await notify(tx, {
      patientId: context.subject.patientId,
      type: `${kind === 'request_lab_booking' ? 'lab_booking' : 'medicine_order'}_rejected`,
      title: `Your ${WORDS[kind].what} did not go through`,
      body: `${context.hospital.name}: ${reason}`,
      dedupeKey: `rejected:${context.subject.id}`,
    })
    await finish(tx, job, jobStatus, reason)
  })
  return jobStatus === 'failed' ? 'failed' : 'refused'
}

async function send(services: Services, job: HmisJobRow, waiting?: { timeoutMs: number }): Promise<JobResult> {
  try {
    return await attempt(services, job, waiting)
  } catch (error) {
    const reason = `The hospital could not be reached after ${job.attempts} attempts.`
    return failedAttempt(services, job, error, () => reject(services.db, job, reason, 'failed'), waiting)
  }
}

async function attempt(services: Services, job: HmisJobRow, waiting?: { timeoutMs: number }): Promise<JobResult> {
  const { db, integrations, config } = services
  const deadline = jobDeadline(config)
  const kind = job.kind as Kind
  const words = WORDS[kind]
  const table = words.table
  const context = await contextOf(db, job)
  if (!context) return finish(db, job, 'done', `the ${words.what} no longer exists`)
  const { subject, hospital } = context
  if (subject.status !== 'pending_sync') return finish(db, job, 'done', `nothing to send: it is ${subject.status}`)
  if (!context.hmisPatientId) return reject(db, job, 'Your profile is no longer shared with this hospital.', 'done')
  const hmis = integrations.hmisFor(hmisLinkOf(hospital, { timeoutMs: waiting?.timeoutMs, deadline }))
  let outcome: HmisOrderOutcome
  if (kind === 'request_lab_booking') {
    const booking = subject as typeof labBookings.$inferSelect
    outcome = await hmis.requestLabSlot({
      phr_booking_id: booking.id,
      hmis_patient_id: context.hmisPatientId,
      test_codes: booking.testIds,
      doctor_id: booking.doctorId,
      preferred_slot: booking.preferredSlot.toISOString(),
    })
  } else {
    const order = subject as typeof medicineOrders.$inferSelect
    outcome = await hmis.placeMedicineOrder({
      phr_order_id: order.id,
      hmis_patient_id: context.hmisPatientId,
      delivery_address: order.deliveryAddress,
      prescription: {
        url: `${config.PUBLIC_BASE_URL}/v1/hmis/medicine-orders/${order.id}/prescription`,
        content_type: order.prescriptionType as 'application/pdf' | 'image/png' | 'image/jpeg',
        sha256: order.prescriptionSha256,
      },
    })
  }
  if ('refused' in outcome) return reject(db, job, outcome.refused.message, 'done')
  await db.transaction(async (tx) => {
    await tx
      .update(table)
      .set({ status: words.done, [words.ref]: outcome.ref, updatedAt: sql`now()` })
      .where(and(eq(table.id, subject.id), eq(table.status, 'pending_sync')))
    await finish(tx, job, 'done')
  })
  return 'done'
}

storeJobs.request_lab_booking = send
storeJobs.place_medicine_order = send
