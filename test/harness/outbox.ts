// The outbox's queue consumer driven as Cloudflare would drive it, deterministically: a message
// batch of job ids handed to the Worker's queue(), and its acks and retries read back. (miniflare's
// own queue also delivers what the Worker sends, a moment later; claims make the two harmless.)
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import worker from '../../src/index'
import { runSql } from './sql'

/**
 * One consumer invocation for these job ids (the due pending ones when none are named), with
 * settings changed; `queue` names the dead-letter queue to drive its consumer instead.
 */
export async function deliverOutbox(jobIds?: string[], settings: Record<string, string> = {}, queue = 'phr-outbox-dev') {
  const ids =
    jobIds ??
    (
      await runSql<{ id: string }>(
        sql`select id from outbox where status = 'pending' and next_attempt_at <= now() order by next_attempt_at`,
      )
    ).map((r) => r.id)
  const batch = createMessageBatch(
    queue,
    ids.map((id, i) => ({ id: `m-${i}-${id}`, timestamp: new Date(), attempts: 1, body: { job: id } })),
  )
  const ctx = createExecutionContext()
  await worker.queue(batch as never, { ...env, ...settings } as never, ctx)
  return getQueueResult(batch, ctx)
}

/** Makes every pending job of these subjects (or all) due now, as if its backoff had passed; their ids. */
export async function dueNow(subjectIds?: string[]): Promise<string[]> {
  const rows = await runSql<{ id: string }>(
    subjectIds
      ? sql`update outbox set next_attempt_at = now() where status = 'pending' and subject_id in (${sql.join(
          subjectIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) returning id`
      : sql`update outbox set next_attempt_at = now() where status = 'pending' returning id`,
  )
  return rows.map((r) => r.id)
}

/**
 * Delivers the due jobs of these subjects, round after round, until `done` holds or `ms` passed: a
 * job may answer `later` (waiting for another of the same subject, running in the same round), and
 * miniflare's own queue delivers the same jobs in between, so one round is not always enough.
 */
export async function deliverUntil(subjectIds: string[], done: () => Promise<boolean>, ms = 20_000): Promise<void> {
  for (const until = Date.now() + ms; !(await done()) && Date.now() < until;) {
    await deliverOutbox(await dueNow(subjectIds))
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
