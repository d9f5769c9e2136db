import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import {
  finishJob,
  finishJobWith,
  refOrPending,
  newJob,
  rejectWork,
  type JobContext,
  type JobHandlers,
  type JobOutcome,
  type OutboxJob,
} from '../../core/outbox'
import type { Services } from '../../core/types'
import { carePackageApplications, carePackages, hospitals, hospitalShares, liveShareOf, outbox, patients } from '../../db/schema'
import { hmisLinkOf, hmisPartition } from '../../integrations/hmis/port'

// A care-package application reaches the hospital that offers the package through the one outbox:
// the application and its send_care_application job are one transaction, the request sends it
// within the booking budget, the queue retries. The hospital moves it on with signed events; the
// patient may withdraw it (withdraw_care_application), which waits for a send still under way so
// that what the hospital got is withdrawn there too.

/** While the patient may withdraw: before the hospital enrolled or declined them. */
export const WITHDRAWABLE = ['applied', 'contacted'] as const

export const applicationNotFound = () => new ApiError('not_found', 'No such application.')

type ApplicationRow = {
  application: typeof carePackageApplications.$inferSelect
  packageName: string
  hospitalName: string | null
}

export const toApplication = ({ application: a, packageName, hospitalName }: ApplicationRow) => ({
  id: a.id,
  package_id: a.packageId,
  package_name: packageName,
  hospital_id: a.hospitalId,
  hospital_name: hospitalName,
  status: a.status,
  status_reason: a.statusReason,
  sent_to_hospital: a.sentAt !== null,
  withdrawable: (WITHDRAWABLE as readonly string[]).includes(a.status),
  created_at: a.createdAt.toISOString(),
  updated_at: a.updatedAt.toISOString(),
})

/** Applications with their package's and hospital's names, in one statement. */
export function selectApplications(db: Db, where: SQL | undefined) {
  return db
    .select({ application: carePackageApplications, packageName: carePackages.name, hospitalName: hospitals.name })
    .from(carePackageApplications)
    .innerJoin(carePackages, eq(carePackages.id, carePackageApplications.packageId))
    .leftJoin(hospitals, eq(hospitals.id, carePackageApplications.hospitalId))
    .where(where)
    .orderBy(desc(carePackageApplications.createdAt), desc(carePackageApplications.id))
}

/** One of the patient's applications as they see it; 404 for anyone else's. */
export async function applicationOf(db: Db, patientId: string, id: string) {
  const [row] = await selectApplications(db, and(eq(carePackageApplications.id, id), eq(carePackageApplications.patientId, patientId)))
  if (!row) throw applicationNotFound()
  return toApplication(row)
}

/** The job of a new application or of its withdrawal, made claimed so that the request sends it at once. */
export const applicationJob = (
  kind: 'send_care_application' | 'withdraw_care_application',
  hospitalId: string,
  id: string,
  leaseSeconds: number,
) => newJob({ kind, partitionKey: hmisPartition(hospitalId), subjectId: id }, { leaseSeconds })

/** Withdraws an application (one transaction with its job); 404 for anyone else's, 409 once enrolled or declined. */
export async function withdrawApplication(db: Db, patientId: string, id: string, reason: string | null, leaseSeconds: number) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(carePackageApplications)
      .set({ status: 'withdrawn', statusReason: reason ?? 'withdrawn by the patient', updatedAt: sql`now()` })
      .where(
        and(
          eq(carePackageApplications.id, id),
          eq(carePackageApplications.patientId, patientId),
          inArray(carePackageApplications.status, [...WITHDRAWABLE]),
        ),
      )
      .returning({ hospitalId: carePackageApplications.hospitalId })
    if (!row) {
      const [existing] = await tx
        .select({ status: carePackageApplications.status })
        .from(carePackageApplications)
        .where(and(eq(carePackageApplications.id, id), eq(carePackageApplications.patientId, patientId)))
      if (!existing) throw applicationNotFound()
      throw new ApiError('invalid_transition', `An application that is ${existing.status} cannot be withdrawn.`, {
        details: { status: existing.status },
      })
    }
    if (!row.hospitalId) return undefined
    const [job] = await tx
      .insert(outbox)
      .values(applicationJob('withdraw_care_application', row.hospitalId, id, leaseSeconds))
      .returning()
    return job
  })
}

/** The application of a job, its package, hospital, patient and the patient's live share there. */
async function contextOf(db: Db, applicationId: string) {
  const [context] = await db
    .select({
      application: carePackageApplications,
      pkg: carePackages,
      hospital: hospitals,
      patient: { name: patients.name, phone: patients.phone, email: patients.email, language: patients.language },
      hmisPatientId: hospitalShares.hmisPatientId,
    })
    .from(carePackageApplications)
    .innerJoin(carePackages, eq(carePackages.id, carePackageApplications.packageId))
    .innerJoin(hospitals, eq(hospitals.id, carePackageApplications.hospitalId))
    .innerJoin(patients, eq(patients.id, carePackageApplications.patientId))
    .leftJoin(hospitalShares, liveShareOf(carePackageApplications))
    .where(eq(carePackageApplications.id, applicationId))
  return context
}

/** The hospital will not take it: declined with the reason, the patient told, the job closed. */
async function decline(
  db: Db,
  job: OutboxJob,
  context: NonNullable<Awaited<ReturnType<typeof contextOf>>>,
  reason: string,
  jobStatus: 'done' | 'failed',
) {
  await rejectWork(db, job, {
    reason,
    jobStatus,
    mark: (tx) =>
      tx
        .update(carePackageApplications)
        .set({ status: 'declined', statusReason: reason, updatedAt: sql`now()` })
        .where(and(eq(carePackageApplications.id, context.application.id), eq(carePackageApplications.status, 'applied'))),
    tell: {
      patientId: context.application.patientId,
      type: 'care_package_declined',
      title: { en: `Your application for ${context.pkg.name} did not go through`, hi: `${context.pkg.name} के लिए आपका आवेदन नहीं हो सका` },
      body: `${context.hospital.name}: ${reason}`,
      link: { kind: 'care_package_application', id: context.application.id },
      dedupeKey: `declined:${context.application.id}`,
    },
  })
}

async function sendApplication(services: Services, job: OutboxJob, context: JobContext): Promise<JobOutcome> {
  const { db, integrations } = services
  const found = await contextOf(db, job.subjectId)
  if (!found) {
    await finishJob(db, job.id, 'done', 'the application no longer exists')
    return 'done'
  }
  const { application, pkg, hospital } = found
  // Withdrawn before it was sent: nothing to send, unless an earlier attempt may have reached the
  // hospital (it timed out): sent again (idempotent) to learn its reference for the withdrawal.
  const learnRef = application.status === 'withdrawn' && job.attempts > 1
  if ((application.status !== 'applied' && !learnRef) || application.sentAt) {
    await finishJob(db, job.id, 'done', `nothing to send: it is ${application.status}`)
    return 'done'
  }
  const hmis = integrations.hmisFor(hmisLinkOf(hospital, { timeoutMs: context.waiting?.timeoutMs, deadline: context.deadline }))
  const outcome = await hmis.applyForCarePackage({
    phr_application_id: application.id,
    package_code: pkg.hmisCode ?? pkg.id,
    hmis_patient_id: found.hmisPatientId,
    patient: found.patient,
    applied_at: application.createdAt.toISOString(),
  })
  if ('refused' in outcome) {
    if (learnRef) await finishJob(db, job.id, 'done', `refused, and withdrawn anyway: ${outcome.refused.message}`)
    else await decline(db, job, found, outcome.refused.message, 'done')
    return 'refused'
  }
  await finishJobWith(
    db,
    job.id,
    sql`update care_package_applications set hmis_application_ref = ${outcome.ref}, sent_at = coalesce(sent_at, now()), updated_at = now()
        where id = ${application.id}`,
  )
  return 'done'
}

async function sendWithdrawal(services: Services, job: OutboxJob, context: JobContext): Promise<JobOutcome> {
  const { db, integrations } = services
  const found = await contextOf(db, job.subjectId)
  if (!found || found.application.status !== 'withdrawn') {
    await finishJob(db, job.id, 'done', `nothing to withdraw: it is ${found?.application.status ?? 'gone'}`)
    return 'done'
  }
  const { application, hospital } = found
  let ref = application.hmisApplicationRef
  if (!ref) {
    const now = await refOrPending(
      db,
      sql`select hmis_application_ref from care_package_applications where id = ${application.id}`,
      application.id,
      'send_care_application',
    )
    if (now.pending) return { later: 30 }
    if (!now.ref) {
      await finishJob(db, job.id, 'done', 'it never reached the hospital')
      return 'done'
    }
    ref = now.ref
  }
  const hmis = integrations.hmisFor(hmisLinkOf(hospital, { timeoutMs: context.waiting?.timeoutMs, deadline: context.deadline }))
  const outcome = await hmis.withdrawCareApplication(ref, application.statusReason)
  await finishJob(
    db,
    job.id,
    'done',
    outcome === 'cancelled' ? undefined : `the hospital answered ${outcome.refused.code}: ${outcome.refused.message}`,
  )
  return outcome === 'cancelled' ? 'done' : 'refused'
}

export const carePackageJobs: JobHandlers = {
  send_care_application: {
    run: sendApplication,
    async giveUp(services, job) {
      const found = await contextOf(services.db, job.subjectId)
      if (!found) return finishJob(services.db, job.id, 'failed', 'the application no longer exists')
      await decline(
        services.db,
        job,
        found,
        `The hospital could not be reached after ${job.attempts} attempts. Please apply again later.`,
        'failed',
      )
    },
  },
  withdraw_care_application: {
    run: sendWithdrawal,
    giveUp: (services, job, reason) => finishJob(services.db, job.id, 'failed', `the hospital could not be told: ${reason}`),
  },
}
