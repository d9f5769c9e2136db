import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { newJob, jobOf, type OutboxJob } from '../../core/outbox'
import { notify, type NewNotification } from '../../core/notify'
import type { Services } from '../../core/types'
import {
  abdmPulls,
  abdmTransfers,
  outbox,
  records,
  type AbdmPullRow,
  type AbdmTransferRow,
  type PullStatus,
  type TransferStatus,
} from '../../db/schema'

// The rows of a pull and its transfers, moved only from the states named (a callback that comes
// twice, late or out of order changes nothing), and the jobs each step leaves for the outbox.

export const TRANSFER_ACTIVE: TransferStatus[] = ['fetching', 'requesting', 'receiving']

export async function pullOf(db: Db, patientId: string, id: string) {
  const [row] = await db
    .select()
    .from(abdmPulls)
    .where(and(eq(abdmPulls.id, id), eq(abdmPulls.patientId, patientId)))
  return row
}

export async function listPulls(db: Db, patientId: string, limit = 50) {
  return db.select().from(abdmPulls).where(eq(abdmPulls.patientId, patientId)).orderBy(desc(abdmPulls.createdAt)).limit(limit)
}

export async function transfersOf(db: Db, pullIds: string[]) {
  if (pullIds.length === 0) return []
  return db.select().from(abdmTransfers).where(inArray(abdmTransfers.pullId, pullIds)).orderBy(abdmTransfers.createdAt)
}

export async function movePull(
  db: Db,
  where: { id: string } | { initRequestId: string } | { consentRequestId: string },
  from: PullStatus[],
  set: Partial<typeof abdmPulls.$inferInsert>,
) {
  const key =
    'id' in where
      ? eq(abdmPulls.id, where.id)
      : 'initRequestId' in where
        ? eq(abdmPulls.initRequestId, where.initRequestId)
        : eq(abdmPulls.consentRequestId, where.consentRequestId)
  const [row] = await db
    .update(abdmPulls)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(key, inArray(abdmPulls.status, from)))
    .returning()
  return row
}

export async function moveTransfer(
  db: Db,
  where: { id: string } | { fetchRequestId: string } | { hiRequestId: string },
  from: TransferStatus[],
  set: Partial<typeof abdmTransfers.$inferInsert>,
) {
  const key =
    'id' in where
      ? eq(abdmTransfers.id, where.id)
      : 'fetchRequestId' in where
        ? eq(abdmTransfers.fetchRequestId, where.fetchRequestId)
        : eq(abdmTransfers.hiRequestId, where.hiRequestId)
  const [row] = await db
    .update(abdmTransfers)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(key, inArray(abdmTransfers.status, from)))
    .returning()
  return row
}

/** Writes a job for a pull's or a transfer's next step; its row, to send after the commit. */
export async function addJob(db: Db, kind: string, subjectId: string, patientId: string): Promise<OutboxJob> {
  const [row] = await db
    .insert(outbox)
    .values(newJob({ kind, partitionKey: patientId, subjectId }))
    .returning()
  return jobOf(row!)
}

/** The pull is done once no hospital's transfer is still under way: the row when this call ended it. */
export async function finishPullIfDone(db: Db, pullId: string): Promise<AbdmPullRow | undefined> {
  const [row] = await db
    .update(abdmPulls)
    .set({ status: 'done', updatedAt: sql`now()` })
    .where(
      and(
        eq(abdmPulls.id, pullId),
        eq(abdmPulls.status, 'granted'),
        sql`not exists (select 1 from abdm_transfers t where t.pull_id = ${pullId} and t.status in ('fetching', 'requesting', 'receiving'))`,
      ),
    )
    .returning()
  return row
}

/** A notification about a pull, linked to it. */
export const pullNotice = (
  pull: { id: string; patientId: string },
  step: string,
  title: NewNotification['title'],
  body: NewNotification['body'],
): NewNotification => ({
  patientId: pull.patientId,
  type: 'abdm_pull_update',
  title,
  body,
  link: { kind: 'abdm_pull', id: pull.id },
  dedupeKey: `abdm-pull:${pull.id}:${step}`,
})

/**
 * Erases what ABDM's consents no longer allow us to keep: records whose erase date has passed (the
 * grant's dataEraseAt, or a revocation, which sets it to now) — their files, then their rows. At
 * most `limit` at a time, oldest due first; the hourly job takes the rest.
 */
export async function eraseDueAbdmRecords(services: Pick<Services, 'db' | 'files' | 'log'>, patientId?: string, limit = 500) {
  const { db } = services
  const due = await queryRows<{ id: string; storage_key: string }>(
    db,
    sql`select id, storage_key from records
        where erase_at <= now() ${patientId ? sql`and patient_id = ${patientId}` : sql``}
        order by erase_at limit ${limit}`,
  )
  if (due.length === 0) return { abdm_records_erased: 0 }
  await services.files().delete(due.map((r) => r.storage_key))
  await db.delete(records).where(
    inArray(
      records.id,
      due.map((r) => r.id),
    ),
  )
  services.log.log('info', 'ABDM records erased at the consent’s end', { count: due.length })
  return { abdm_records_erased: due.length }
}

/**
 * A hospital's transfer ended (transferred or failed): the patient told, ABDM told what arrived
 * (a job, once a transaction exists), and the pull done when it was the last. The jobs to send.
 */
export async function endTransfer(db: Db, transfer: AbdmTransferRow): Promise<OutboxJob[]> {
  const jobs: OutboxJob[] = []
  const where = transfer.hipName ?? transfer.hipId ?? 'a hospital'
  const pull = { id: transfer.pullId, patientId: transfer.patientId }
  if (transfer.status === 'transferred') {
    const n = transfer.recordsReceived
    await notify(
      db,
      pullNotice(
        pull,
        `transferred:${transfer.id}`,
        { en: `Records from ${where} arrived`, hi: `${where} से रिकॉर्ड आ गए` },
        {
          en: `${n} new record${n === 1 ? '' : 's'} in My Records.`,
          hi: `मेरे रिकॉर्ड में ${n} नए रिकॉर्ड।`,
        },
      ),
    )
  } else if (transfer.status === 'failed') {
    await notify(
      db,
      pullNotice(
        pull,
        `failed:${transfer.id}`,
        { en: `Records from ${where} did not arrive`, hi: `${where} से रिकॉर्ड नहीं आए` },
        { en: transfer.error ?? 'The transfer failed. Pull again later.', hi: 'रिकॉर्ड नहीं आ सके। बाद में फिर कोशिश करें।' },
      ),
    )
  }
  if (transfer.transactionId && transfer.hipId) jobs.push(await addJob(db, 'abdm_transfer_notify', transfer.id, transfer.patientId))
  await finishPullIfDone(db, transfer.pullId)
  return jobs
}

/** Ends a transfer still under way as failed (ABDM or the hospital refused a step, or never answered); the jobs to send. */
export async function failTransfer(db: Db, transferId: string, reason: string): Promise<OutboxJob[]> {
  const failed = await moveTransfer(db, { id: transferId }, TRANSFER_ACTIVE, { status: 'failed', error: reason.slice(0, 300) })
  return failed ? endTransfer(db, failed) : []
}
