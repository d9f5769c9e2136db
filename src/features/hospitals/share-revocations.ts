import { eq, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { finishJob, finishJobWith, jobOf, type OutboxJob } from '../../core/outbox'
import type { JobHandler, Services } from '../../core/types'
import { hospitals, shareRevocations, type OpenRef } from '../../db/schema'
import { hmisLinkOf, hmisPartition, type Hmis, type HmisCancelOutcome } from '../../integrations/hmis/port'

// Telling a hospital that a patient's share with it ended. Revoking a share (DELETE /v1/shares/{id})
// and erasing an account write a share_revocations row and its outbox job (revoke_share) in the
// same statement or transaction as the change; the row has no patient_id, so it outlives an erased
// account until the hospital is told. The job cancels at the hospital what is still open there (an
// erased account's future appointments, lab bookings, orders, applications, ambulance requests:
// nobody would come, and nobody could be told) with the contract's own cancel calls, then tells its
// HMIS (POST /patients/{ref}/share/revoke). Every call is idempotent, so a retry repeats them all.
// Once told, the hospital's patient id and the references are cleared.

const REVOKE_KIND = 'revoke_share'

/** The outbox rows of the revocations just written (a CTE named `revocations`), in the hospitals' partitions. */
const jobsOfRevocations = sql`insert into outbox (id, kind, partition_key, subject_id)
  select gen_random_uuid(), ${REVOKE_KIND}, ${hmisPartition('')} || hospital_id, id from revocations
  returning to_jsonb(outbox.*) as job`

/**
 * Revokes one of the patient's shares: the share ends at once and, when it was live, its hospital
 * is to be told (a revocation and its job, in the same statement). `found` is false for no such share
 * of this patient; `jobs` are to be sent to the queue.
 */
export async function revokeShareAndTell(db: Db, patientId: string, shareId: string): Promise<{ found: boolean; jobs: OutboxJob[] }> {
  const rows = await queryRows<{ found: boolean; job: Record<string, unknown> | null }>(
    db,
    sql`with revoked as (
          update hospital_shares set revoked_at = now()
          where id = ${shareId} and patient_id = ${patientId} and revoked_at is null
          returning id, patient_id, hospital_id, hmis_patient_id, revoked_at
        ), revocations as (
          insert into share_revocations (id, phr_patient_id, hospital_id, share_id, hmis_patient_id, reason, revoked_at)
          select gen_random_uuid(), patient_id, hospital_id, id, hmis_patient_id, 'revoked_by_patient', revoked_at from revoked
          returning id, hospital_id
        ), jobs as (${jobsOfRevocations})
        select exists (select 1 from hospital_shares where id = ${shareId} and patient_id = ${patientId}) as found,
               (select job from jobs) as job`,
  )
  const [row] = rows
  return { found: Boolean(row?.found), jobs: row?.job ? [jobOf(row.job)] : [] }
}

/**
 * For an account being erased (in its transaction, before its rows go): one revocation per
 * hospital the patient ever shared with or holds something open at, listing what is open there.
 * The jobs are to be sent to the queue after the commit.
 */
export async function tellHospitalsOfErasure(tx: Db, patientId: string): Promise<OutboxJob[]> {
  const rows = await queryRows<{ job: Record<string, unknown> }>(
    tx,
    sql`with open as (
          select hospital_id, 'appointment' as kind, hmis_appointment_ref as ref from appointments
          where patient_id = ${patientId} and hmis_appointment_ref is not null
            and status in ('booked', 'symptoms_shared', 'reviewed') and slot_end > now()
          union all
          select hospital_id, 'lab_booking', hmis_booking_ref from lab_bookings
          where patient_id = ${patientId} and hmis_booking_ref is not null and status in ('requested', 'confirmed')
          union all
          select hospital_id, 'medicine_order', hmis_order_ref from medicine_orders
          where patient_id = ${patientId} and hmis_order_ref is not null and status in ('placed', 'accepted')
          union all
          select hospital_id, 'care_application', hmis_application_ref from care_package_applications
          where patient_id = ${patientId} and hmis_application_ref is not null and hospital_id is not null
            and status in ('applied', 'contacted')
          union all
          select p.hospital_id, 'ambulance_request', b.hmis_request_ref from ambulance_bookings b
          join ambulance_providers p on p.id = b.provider_id
          where b.patient_id = ${patientId} and b.hmis_request_ref is not null and p.hospital_id is not null
            and b.status in ('requested', 'accepted') and b.pickup_time > now()
        ), shared as (
          -- The live share with each hospital, or else the latest.
          select distinct on (hospital_id) hospital_id, id as share_id, hmis_patient_id from hospital_shares
          where patient_id = ${patientId}
          order by hospital_id, revoked_at is null desc, shared_at desc
        ), per_hospital as (
          select coalesce(s.hospital_id, o.hospital_id) as hospital_id, s.share_id, s.hmis_patient_id,
                 coalesce(jsonb_agg(jsonb_build_object('kind', o.kind, 'ref', o.ref)) filter (where o.ref is not null), '[]') as open_refs
          from shared s full join open o on o.hospital_id = s.hospital_id
          group by 1, 2, 3
        ), revocations as (
          insert into share_revocations (id, phr_patient_id, hospital_id, share_id, hmis_patient_id, reason, open_refs)
          select gen_random_uuid(), ${patientId}, hospital_id, share_id, hmis_patient_id, 'account_erased', open_refs from per_hospital
          returning id, hospital_id
        )
        ${jobsOfRevocations}`,
  )
  return rows.map((r) => jobOf(r.job))
}

const REASON = 'the patient’s account is erased'

/** Cancels one open thing at the hospital; a refusal (too late: already dispatched, sampled) is its answer, not a failure. */
function cancelOpen(hmis: Hmis, open: OpenRef): Promise<HmisCancelOutcome | void> {
  switch (open.kind) {
    case 'appointment':
      return hmis.cancelAppointment(open.ref, REASON)
    case 'lab_booking':
      return hmis.cancelLabBooking(open.ref, REASON)
    case 'medicine_order':
      return hmis.cancelMedicineOrder(open.ref, REASON)
    case 'care_application':
      return hmis.withdrawCareApplication(open.ref, REASON)
    case 'ambulance_request':
      return hmis.cancelAmbulanceRequest(open.ref, REASON)
  }
}

/** The revoke_share job: what is open cancelled, the HMIS told, the row cleared of the hospital's ids. */
async function tellHospital(services: Services, job: OutboxJob, context: { deadline: number }) {
  const { db } = services
  const [found] = await db
    .select({ revocation: shareRevocations, hospital: hospitals })
    .from(shareRevocations)
    .leftJoin(hospitals, eq(hospitals.id, shareRevocations.hospitalId))
    .where(eq(shareRevocations.id, job.subjectId))
  const revocation = found?.revocation
  if (!revocation || revocation.toldAt) {
    await finishJob(db, job.id, 'done', revocation ? 'already told' : 'nothing to tell')
    return 'done' as const
  }
  if (!found.hospital) {
    await finishJob(db, job.id, 'failed', 'the hospital is no longer registered')
    return 'done' as const
  }
  const hmis = services.integrations.hmisFor(hmisLinkOf(found.hospital, { deadline: context.deadline }))
  const refused: string[] = []
  for (const open of revocation.openRefs) {
    const outcome = await cancelOpen(hmis, open)
    if (outcome && typeof outcome === 'object') refused.push(`${open.kind} ${open.ref}: ${outcome.refused.code}`)
  }
  if (revocation.hmisPatientId) {
    await hmis.revokeShare(revocation.hmisPatientId, {
      phr_revocation_id: revocation.id,
      phr_patient_id: revocation.phrPatientId,
      reason: revocation.reason,
      revoked_at: revocation.revokedAt.toISOString(),
    })
  }
  await finishJobWith(
    db,
    job.id,
    sql`update share_revocations set told_at = now(), hmis_patient_id = null, open_refs = '[]' where id = ${revocation.id}`,
  )
  // Kept by the hospital (dispatched, sampled): nothing more PHR Edge can do; an operator may follow up.
  if (refused.length)
    services.log.log('warn', 'a hospital could not cancel what an erased account still had open', {
      hospital_id: found.hospital.id,
      refused,
    })
  return 'done' as const
}

export const revokeShareJob: JobHandler = {
  run: tellHospital,
  giveUp: (services, job, reason) => finishJob(services.db, job.id, 'failed', `the hospital could not be told: ${reason}`),
}
