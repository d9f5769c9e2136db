import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { ApiError } from '../../core/errors'
import { describeError } from '../../core/logger'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import type { ErasureStep, OutboxJob, Services } from '../../core/types'

// Account deletion (DPDP Act; app stores require it). The request sets the date of erasure after a
// grace period (ACCOUNT_ERASE_GRACE_DAYS), logs every session out and forgets every phone at once;
// logging in again before that date cancels it (auth's startSession). The hourly housekeeping then
// erases what is due: in one transaction, with the patient's row locked (a login at that moment
// either cancels first or finds no account), every row of the patient in every table
// (erase_patient(), migration 0025) and a tombstone without personal data that lists the files
// still to delete; before the rows go, each feature's erasure step (Feature.erase: the hospitals
// feature writes, per hospital, a job that cancels what is open there and tells its HMIS the
// share ended); then the files (R2), and the tombstone's list is emptied. A storage failure
// leaves the list for the next run: no file outlives its account.

export const DeletionSchema = z
  .object({
    erase_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-07T09:30:00.000Z' }),
    message: z.string().openapi({
      example: 'Your account and everything in it will be erased on 7 December 2026. Log in again before then to keep it.',
    }),
  })
  .openapi('AccountDeletion')

export const deleteMe = patientRoute({
  method: 'delete',
  path: '/v1/me',
  operationId: 'deleteMe',
  tags: ['Profile'],
  summary: 'Delete my account: everything of mine is erased after a grace period; logging in again before then cancels it',
  description:
    'Every session is logged out and every phone forgotten at once. On `erase_at` (ACCOUNT_ERASE_GRACE_DAYS, 7 days) every record, file, appointment, check, medicine, reading, notification, order, booking, consent and share of mine is erased; hospitals keep the copies they made under their own duty to keep medical records. Asking again keeps the first date.',
  responses: { 202: jsonResponse(DeletionSchema, 'Deletion scheduled.'), ...errorResponses(404) },
})

export const deleteMeHandler: PatientHandler<typeof deleteMe> = async (c) => {
  const { db, config } = c.var.services
  // One statement: the date set (the first one kept), every session revoked, every phone forgotten.
  const [row] = await queryRows<{ erase_at: string }>(
    db,
    sql`with marked as (
          update patients set erase_requested_at = coalesce(erase_requested_at, now()),
            erase_at = coalesce(erase_at, now() + make_interval(days => ${config.ACCOUNT_ERASE_GRACE_DAYS})), updated_at = now()
          where id = ${c.var.patientId}
          returning erase_at
        ), sessions as (
          -- Its own sessions and those it switched into profiles it manages.
          update auth_sessions set revoked_at = now(), revoked_reason = 'account deletion requested'
          where (patient_id = ${c.var.patientId} or actor_id = ${c.var.patientId}) and revoked_at is null and exists (select 1 from marked)
        ), phones as (
          delete from devices where patient_id = ${c.var.patientId} and exists (select 1 from marked)
        )
        select erase_at from marked`,
  )
  if (!row) throw new ApiError('not_found', 'This account no longer exists.')
  const eraseAt = new Date(row.erase_at)
  const day = eraseAt.toLocaleDateString('en-IN', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Kolkata' })
  return c.json(
    {
      erase_at: eraseAt.toISOString(),
      message: `Your account and everything in it will be erased on ${day}. Log in again before then to keep it.`,
    },
    202,
  )
}

/** Deletes files from storage, a thousand keys a call (R2's limit), then empties the tombstone's list. */
async function dropFiles(services: Services, patientId: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) await services.files().delete(keys.slice(i, i + 1000))
  await services.db.execute(sql`update erased_accounts set pending_files = '{}' where patient_id = ${patientId}`)
}

/** Erases one account whose date has come (false when it is not due: cancelled by a login meanwhile, or already erased). */
async function eraseAccount(services: Services, patientId: string, steps: ErasureStep[]): Promise<boolean> {
  const erased = await services.db.transaction(async (tx) => {
    const [due] = await queryRows<{ erase_requested_at: string }>(
      tx,
      sql`select erase_requested_at from patients where id = ${patientId} and erase_at <= now() for update`,
    )
    if (!due) return undefined
    const files = await queryRows<{ key: string }>(
      tx,
      sql`select storage_key as key from records where patient_id = ${patientId}
          union select prescription_key from medicine_orders where patient_id = ${patientId}
          union select photo_key from patients where id = ${patientId} and photo_key is not null
          union select storage_key from data_exports where patient_id = ${patientId} and storage_key is not null`,
    )
    // What the features do first (the hospitals told, and what is open there cancelled), by jobs that outlive the rows.
    const jobs: OutboxJob[] = []
    for (const step of steps) jobs.push(...(await step(tx, patientId)))
    const [erased] = await queryRows<{ rows: number }>(tx, sql`select erase_patient(${patientId}) as rows`)
    const pending = files.map((f) => f.key)
    await tx.execute(
      sql`insert into erased_accounts (patient_id, requested_at, rows_erased, pending_files)
          values (${patientId}, ${due.erase_requested_at}, ${erased!.rows},
                  array(select jsonb_array_elements_text(${JSON.stringify(pending)}::jsonb)))`,
    )
    return { keys: pending, jobs }
  })
  if (!erased) return false
  services.outbox.send(erased.jobs)
  await dropFiles(services, patientId, erased.keys).catch((error: unknown) =>
    // Listed on the tombstone: this run's second pass, or the next run, deletes them.
    services.log.log('warn', 'the files of an erased account could not be deleted yet', {
      patient_id: patientId,
      error: describeError(error),
    }),
  )
  return true
}

/** The housekeeping job: accounts whose date has come are erased; files an earlier run could not delete are deleted. */
export async function eraseDueAccounts(
  services: Services,
  steps: ErasureStep[],
): Promise<{ erased: number; failed: number; files_retried: number }> {
  const { db, log } = services
  const counts = { erased: 0, failed: 0, files_retried: 0 }
  const due = await queryRows<{ id: string }>(db, sql`select id from patients where erase_at <= now() order by erase_at limit 100`)
  for (const { id } of due) {
    try {
      if (await eraseAccount(services, id, steps)) counts.erased += 1
    } catch (error) {
      // Left for the next run: the account (or the tombstone's list of files) is still there.
      counts.failed += 1
      log.log('error', 'an account could not be erased', { patient_id: id, error: describeError(error) })
    }
  }
  const leftover = await queryRows<{ patient_id: string; pending_files: string[] }>(
    db,
    sql`select patient_id, pending_files from erased_accounts where cardinality(pending_files) > 0 order by erased_at limit 100`,
  )
  for (const { patient_id, pending_files } of leftover) {
    try {
      await dropFiles(services, patient_id, pending_files)
      counts.files_retried += 1
    } catch (error) {
      counts.failed += 1
      log.log('error', 'the files of an erased account could not be deleted', { patient_id, error: describeError(error) })
    }
  }
  return counts
}
