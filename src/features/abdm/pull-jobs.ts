import { eq, sql } from 'drizzle-orm'
import { randomToken, sha256Hex } from '../../core/crypto'
import { queryRows } from '../../core/db'
import { ApiError } from '../../core/errors'
import { finishJob, type JobHandler, type JobHandlers, type OutboxJob } from '../../core/outbox'
import { seal, unseal } from '../../core/sealed'
import type { Services } from '../../core/types'
import { abdmPulls, abdmTransfers, type AbdmTransferRow } from '../../db/schema'
import { generateKeyMaterial } from '../../integrations/abdm/fidelius'
import type { TransferKeys } from './pull-bridge'
import { failTransfer, TRANSFER_ACTIVE } from './pull-store'

// The calls a pull makes to ABDM after the patient's own request, each an outbox job (retried with
// backoff while ABDM is down): the grant acknowledged, each hospital's artefact fetched, its health
// information asked for with our Fidelius keys, and at the end ABDM told what arrived. ABDM's
// answers come back as callbacks (pull-bridge.ts); a step ABDM refuses ends that hospital's part.

/** How long our public key is offered for a transfer. */
const KEY_VALIDITY_MS = 24 * 3600_000

async function transferOf(services: Services, id: string) {
  const [row] = await services.db.select().from(abdmTransfers).where(eq(abdmTransfers.id, id))
  return row
}

/** A transfer's step: done; refused by ABDM (4xx) ends the transfer; a failure (5xx, down) is retried. */
function transferStep(
  step: (services: Services, transfer: AbdmTransferRow) => Promise<void>,
  when: AbdmTransferRow['status'][],
): JobHandler {
  return {
    async run(services, job) {
      const transfer = await transferOf(services, job.subjectId)
      if (!transfer || !when.includes(transfer.status)) {
        await finishJob(services.db, job.id, 'done', 'nothing to do: the transfer moved on')
        return 'done'
      }
      try {
        await step(services, transfer)
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error
        await endRefused(services, job, transfer.id, `ABDM refused: ${error.message}`)
        return 'refused'
      }
      await finishJob(services.db, job.id, 'done')
      return 'done'
    },
    async giveUp(services, job, reason) {
      if (when.some((status) => TRANSFER_ACTIVE.includes(status))) await endRefused(services, job, job.subjectId, reason, 'failed')
    },
  }
}

async function endRefused(services: Services, job: OutboxJob, transferId: string, reason: string, status: 'done' | 'failed' = 'done') {
  const jobs = await services.db.transaction(async (tx) => {
    const next = await failTransfer(tx, transferId, reason)
    await finishJob(tx, job.id, status, reason.slice(0, 500))
    return next
  })
  if (jobs.length) services.outbox.send(jobs)
}

/** Our key material for a transfer, made once (a retry sends the same keys and push URL). */
async function keysOf(services: Services, transfer: AbdmTransferRow): Promise<TransferKeys> {
  const sealingKey = services.config.ABDM_TOKENS_KEY
  if (!sealingKey) throw new ApiError('upstream_unavailable', 'ABDM is not configured here (ABDM_TOKENS_KEY).')
  if (transfer.keyMaterial) return unseal<TransferKeys>(sealingKey, transfer.keyMaterial)
  const keys: TransferKeys = { ...(await generateKeyMaterial()), pushToken: randomToken() }
  const [kept] = await services.db
    .update(abdmTransfers)
    .set({ keyMaterial: await seal(sealingKey, keys), pushTokenHash: await sha256Hex(keys.pushToken), updatedAt: sql`now()` })
    .where(sql`${abdmTransfers.id} = ${transfer.id} and ${abdmTransfers.keyMaterial} is null`)
    .returning({ id: abdmTransfers.id })
  // Another delivery of this job made them first: theirs are the ones.
  return kept ? keys : keysOf(services, (await transferOf(services, transfer.id))!)
}

const outcomesOf = (transfer: AbdmTransferRow) => {
  const byVisit = new Map(transfer.outcomes.map((o) => [o.careContextReference, o]))
  for (const cc of transfer.careContexts ?? [])
    if (!byVisit.has(cc.careContextReference))
      byVisit.set(cc.careContextReference, { careContextReference: cc.careContextReference, ok: false, description: 'Not received' })
  return [...byVisit.values()]
}

export const pullJobs: JobHandlers = {
  abdm_pull_ack: {
    async run(services, job) {
      const [pull] = await services.db.select().from(abdmPulls).where(eq(abdmPulls.id, job.subjectId))
      const consents = await services.db
        .select({ consentId: abdmTransfers.consentId })
        .from(abdmTransfers)
        .where(eq(abdmTransfers.pullId, job.subjectId))
      if (pull?.notifyRequestId && consents.length > 0)
        await services.integrations.abdmDataFlow.acknowledgeConsent(
          pull.notifyRequestId,
          consents.map((c) => c.consentId),
        )
      await finishJob(services.db, job.id, 'done')
      return 'done'
    },
    // An acknowledgement ABDM never took changes nothing of ours.
    async giveUp() {},
  },
  abdm_transfer_fetch: transferStep(
    (services, transfer) => services.integrations.abdmDataFlow.fetchConsent(transfer.fetchRequestId, transfer.consentId),
    ['fetching'],
  ),
  abdm_transfer_request: transferStep(
    async (services, transfer) => {
      const keys = await keysOf(services, transfer)
      await services.integrations.abdmDataFlow.requestHealthInformation(transfer.hiRequestId!, {
        consentId: transfer.consentId,
        from: transfer.dateFrom!.toISOString(),
        to: transfer.dateTo!.toISOString(),
        dataPushUrl: `${services.config.PUBLIC_BASE_URL}/abdm/data-push/${keys.pushToken}`,
        keyMaterial: { publicKey: keys.publicKey, nonce: keys.nonce, expiry: new Date(Date.now() + KEY_VALIDITY_MS).toISOString() },
      })
    },
    ['requesting'],
  ),
  abdm_transfer_notify: transferStep(
    (services, transfer) =>
      services.integrations.abdmDataFlow.notifyTransfer({
        consentId: transfer.consentId,
        transactionId: transfer.transactionId!,
        hipId: transfer.hipId!,
        status: transfer.status === 'transferred' ? 'TRANSFERRED' : 'FAILED',
        careContexts: outcomesOf(transfer),
      }),
    ['transferred', 'failed'],
  ),
}

/**
 * The hourly tidy of pulls: a request ABDM never answered (a day on) failed, and a hospital's part
 * that stopped half-way failed (ABDM told, the patient told). Linear in what is due, not in the table.
 */
export async function tidyPulls(services: Services) {
  const { db } = services
  const [pulls] = await queryRows<{ n: number }>(
    db,
    sql`with failed as (
          update abdm_pulls set status = 'failed', error = 'ABDM did not answer: pull again.', updated_at = now()
          where status = 'requesting' and updated_at < now() - interval '1 day' returning 1)
        select count(*)::int as n from failed`,
  )
  const stale = await db
    .select({ id: abdmTransfers.id })
    .from(abdmTransfers)
    .where(
      sql`${abdmTransfers.status} in ('fetching', 'requesting', 'receiving') and ${abdmTransfers.updatedAt} < now() - interval '1 day'`,
    )
    .limit(200)
  for (const { id } of stale) {
    const jobs = await db.transaction((tx) => failTransfer(tx, id, 'The hospital did not send everything within a day.'))
    if (jobs.length) services.outbox.send(jobs)
  }
  return { pulls_failed: pulls?.n ?? 0, transfers_failed: stale.length }
}
