// The push queue's consumer driven as Cloudflare would drive it: a batch naming the shards of these
// patients handed to the Worker's queue(). (miniflare's own queue also delivers what the Worker
// sends, a moment later; the claims make the two harmless, which some tests rely on.)
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { pushShardOf } from '../../src/core/notify'
import worker from '../../src/index'
import { runSql } from './sql'

/** One push-queue consumer invocation for these patients' shards, with settings changed. */
export async function deliverPush(patientIds: string[], settings: Record<string, string> = {}) {
  const shards = [...new Set(patientIds.map(pushShardOf))]
  const batch = createMessageBatch(
    'phr-push-dev',
    shards.map((shard, i) => ({ id: `p-${i}-${shard}-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: { shard } })),
  )
  const ctx = createExecutionContext()
  await worker.queue(batch as never, { ...env, ...settings } as never, ctx)
  return getQueueResult(batch, ctx)
}

export type PushState = {
  id: string
  type: string
  push_state: string
  push_note: string | null
  push_after: string
  push_attempts: number
}

/**
 * The push state of a patient's notifications once no consumer is working on them (a claim in
 * flight settles within the wait), oldest first.
 */
export async function pushStates(patientId: string, ms = 10_000): Promise<PushState[]> {
  const deadline = Date.now() + ms
  for (;;) {
    const rows = await runSql<PushState & { busy: boolean }>(
      sql`select id, type, push_state, push_note, push_after::text, push_attempts,
            (push_locked_until is not null and push_locked_until > now()) or (push_state in ('pending', 'held') and push_after <= now()) as busy
          from notifications where patient_id = ${patientId} order by created_at, id`,
    )
    if (!rows.some((r) => r.busy) || Date.now() > deadline) return rows.map(({ busy: _, ...row }) => row)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Makes the patient's waiting pushes due now, as if Retry-After or quiet hours had passed. */
export async function pushDueNow(patientId: string) {
  await runSql(sql`update notifications set push_after = now() where patient_id = ${patientId} and push_state in ('pending', 'held')`)
}
