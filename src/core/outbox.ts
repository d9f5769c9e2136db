import { sql, type SQL } from 'drizzle-orm'
import { outbox } from '../db/schema'
import type { Config } from './config'
import { queryRows, type Db } from './db'
import { ApiError } from './errors'
import { describeError } from './logger'
import { notify, type NewNotification } from './notify'
import type { JobHandler, JobHandlers, JobResult, OutboxJob, OutboxMessage, Services } from './types'

// The one outbox of every feature. Work that must reach another system (a hospital's HMIS, and the
// next features' push, dispatch and ABDM calls) is a row of `outbox`, written in the same
// transaction as the change it belongs to. After the commit its id goes to a Cloudflare Queue
// (`OUTBOX_QUEUE`); a consumer claims the job (a lease), runs the handler its feature declared for
// its kind (Feature.outbox) and records what happened: done or refused (the handler's own
// statement closes the job), a failed attempt (retried with backoff and jitter through the queue's
// own delay), or, after OUTBOX_MAX_ATTEMPTS, the handler's giveUp (reject the work, tell the
// patient). Failures stay in the row's history. A request with a patient waiting runs its job
// inline within its budget first. A cron sweeper re-sends ids whose message was lost; a dead-letter
// consumer gives up on what the queue could not deliver. The job's id is the idempotency key the
// other system sees, so a message delivered twice never does the work twice.

export type { JobContext, JobHandler, JobHandlers, JobOutcome, JobResult, OutboxJob, OutboxMessage } from './types'

/** The values of a new job row, for the feature's own insert in its transaction. */
export function newJob(
  job: { kind: string; partitionKey: string; subjectId: string },
  claimed?: { leaseSeconds: number },
): typeof outbox.$inferInsert {
  return {
    id: crypto.randomUUID(),
    kind: job.kind,
    partitionKey: job.partitionKey,
    subjectId: job.subjectId,
    // Made claimed when the request itself sends it at once: nobody else takes it during its lease.
    ...(claimed ? { attempts: 1, lockedUntil: sql`now() + make_interval(secs => ${claimed.leaseSeconds})` } : {}),
  } as typeof outbox.$inferInsert
}

/** A job row from raw SQL or drizzle (snake_case or camelCase columns). */
export function jobOf(r: Record<string, unknown>): OutboxJob {
  const at = (value: unknown) => (value ? new Date(value as string) : null)
  return {
    id: r.id as string,
    kind: r.kind as string,
    partitionKey: (r.partition_key ?? r.partitionKey) as string,
    subjectId: (r.subject_id ?? r.subjectId) as string,
    status: r.status as OutboxJob['status'],
    attempts: Number(r.attempts),
    nextAttemptAt: at(r.next_attempt_at ?? r.nextAttemptAt)!,
    lockedUntil: at(r.locked_until ?? r.lockedUntil),
    lastError: ((r.last_error ?? r.lastError) as string | null) ?? null,
  }
}

const COLUMNS = sql`id, kind, partition_key, subject_id, status, attempts, next_attempt_at, locked_until, last_error`

/**
 * How long a request with the patient waiting runs its job before the queue takes over: the
 * booking budget, never past the write timeout.
 */
export const patientWaiting = (config: Config) => ({ timeoutMs: Math.min(config.HMIS_BOOKING_BUDGET_MS, config.HMIS_WRITE_TIMEOUT_MS) })

/**
 * The reference the other system gave a subject (`ref`: a scalar subquery), or else whether the job
 * of this kind that would get it is still to run (or running): work that needs the reference waits
 * for it. Both are read in one statement, one snapshot: a job that finishes between two reads would
 * otherwise look like one that never reached the other system, and what it placed there would stay.
 */
export async function refOrPending(db: Db, ref: SQL, subjectId: string, kind: string): Promise<{ ref: string | null; pending: boolean }> {
  const [row] = await queryRows<{ ref: string | null; pending: boolean }>(
    db,
    sql`select (${ref}) as ref,
               exists (select 1 from outbox where subject_id = ${subjectId} and kind = ${kind} and status = 'pending') as pending`,
  )
  return row!
}

/**
 * When a job claimed now must have finished talking to the other system: a fifth of the lease (at
 * least 2 s) is left to record the outcome before anyone else may claim it.
 */
export const jobDeadline = (config: Config, claimedAt = Date.now()) =>
  claimedAt + config.OUTBOX_LEASE_SECONDS * 1000 - Math.max(2000, config.OUTBOX_LEASE_SECONDS * 200)

/**
 * Claims these jobs (or the due ones, oldest first) for one attempt each: pending, due, and not
 * leased by anyone else; a lease and the attempt counted. FOR UPDATE SKIP LOCKED: two consumers
 * with the same message never both get the job.
 */
export async function claimJobs(
  db: Db,
  config: Config,
  which: { ids: string[]; evenIfNotDue?: boolean } | { due: number },
): Promise<OutboxJob[]> {
  const chosen =
    'ids' in which
      ? sql`id in (${sql.join(
          which.ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) ${which.evenIfNotDue ? sql`` : sql`and next_attempt_at <= now() + interval '1 second'`}`
      : sql`next_attempt_at <= now() order by next_attempt_at limit ${which.due}`
  if ('ids' in which && which.ids.length === 0) return []
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`update outbox set locked_until = now() + make_interval(secs => ${config.OUTBOX_LEASE_SECONDS}), attempts = attempts + 1, updated_at = now()
        where id = any (array(
          select id from outbox where status = 'pending' and (locked_until is null or locked_until < now()) and ${chosen}
          for update skip locked
        ))
        returning ${COLUMNS}`,
  )
  return rows.map(jobOf)
}

/** Closes a job in the handler's own statement or transaction: done (or refused: done with the reason), or failed. */
export async function finishJob(db: Db, jobId: string, status: 'done' | 'failed', note?: string): Promise<void> {
  await db.execute(
    sql`update outbox set status = ${status}, locked_until = null, last_error = ${note ?? null}, updated_at = now() where id = ${jobId}`,
  )
}

/**
 * The job done together with the change it made (a data-modifying statement of the feature's, e.g.
 * the order marked placed): one statement, one round trip, both or neither.
 */
export async function finishJobWith(db: Db, jobId: string, change: SQL): Promise<void> {
  await db.execute(sql`
    with change as (${change})
    update outbox set status = 'done', locked_until = null, last_error = null, updated_at = now() where id = ${jobId}`)
}

/**
 * The work of a job ends, one way or the other: in one transaction the feature marks its row
 * (`mark`: an appointment moved, a summary written or failed), the patient is told when `tell` is
 * given, and the job is closed with its note.
 */
export async function endWork(
  db: Db,
  job: Pick<OutboxJob, 'id'>,
  end: { jobStatus: 'done' | 'failed'; note?: string; mark: (tx: Db) => Promise<unknown>; tell?: NewNotification },
): Promise<void> {
  await db.transaction(async (tx) => {
    await end.mark(tx)
    if (end.tell) await notify(tx, end.tell)
    await finishJob(tx, job.id, end.jobStatus, end.note)
  })
}

/**
 * The work of a job will not be done (the other system refused it, or it failed too often): the
 * feature marks its row (`mark`, e.g. an appointment rejected with the reason), the patient is told,
 * and the job is closed — done for a refusal, failed for a give-up — with the reason (endWork).
 */
export const rejectWork = (
  db: Db,
  job: Pick<OutboxJob, 'id'>,
  rejection: { reason: string; jobStatus: 'done' | 'failed'; mark: (tx: Db) => Promise<unknown>; tell: NewNotification },
) => endWork(db, job, { jobStatus: rejection.jobStatus, note: rejection.reason, mark: rejection.mark, tell: rejection.tell })

/** Seconds before attempt n + 1: 30 s doubling to an hour, ±20 % jitter so retries do not stampede. */
export function backoffSeconds(attempts: number): number {
  const base = Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

const historyEntry = (attempt: number, outcome: string, note: string | null) =>
  sql`jsonb_build_array(jsonb_build_object('at', now(), 'attempt', ${attempt}::int, 'outcome', ${outcome}::text, 'note', ${note}::text))`

/**
 * One attempt of a claimed job, whatever happens: the handler's outcome, or a failed attempt
 * recorded (retry with backoff, or give up at the cap). `retryInSeconds` says when a job left
 * pending is due again. With a patient waiting, what is not the other system failing (a refusal
 * thrown as a 409, a conflict) is theirs to see: thrown.
 */
export async function runClaimedJob(
  services: Services,
  handlers: JobHandlers,
  job: OutboxJob,
  waiting?: { timeoutMs: number },
  preloaded?: unknown,
): Promise<{ result: JobResult; retryInSeconds?: number }> {
  const handler = handlers[job.kind]
  if (!handler) {
    // A kind nobody handles (a job left by an older release): never sent twice, never lost silently.
    services.log.log('error', 'an outbox job of an unknown kind', { job_id: job.id, kind: job.kind })
    await finishJob(services.db, job.id, 'failed', `no handler for ${job.kind}`)
    return { result: 'failed' }
  }
  try {
    const outcome = await handler.run(services, job, { deadline: jobDeadline(services.config), waiting, preloaded })
    if (typeof outcome !== 'object') return { result: outcome }
    // Waiting on other work is not an attempt.
    await services.db.execute(
      sql`update outbox set locked_until = null, attempts = attempts - 1, next_attempt_at = now() + make_interval(secs => ${outcome.later}),
            updated_at = now() where id = ${job.id}`,
    )
    return { result: 'later', retryInSeconds: outcome.later }
  } catch (error) {
    const transient = error instanceof ApiError && error.status >= 500
    if (waiting && !transient) throw error
    services.log.log(transient ? 'warn' : 'error', transient ? 'an outbox job failed; it will be retried' : 'an outbox job threw', {
      job_id: job.id,
      kind: job.kind,
      attempts: job.attempts,
      error: describeError(error),
    })
    const note = (
      error instanceof ApiError
        ? `${error.code}: ${error.message}`
        : `unexpected: ${error instanceof Error ? error.message : String(error)}`
    ).slice(0, 500)
    if (job.attempts >= services.config.OUTBOX_MAX_ATTEMPTS) {
      await giveUpJob(services, handler, job, `failed ${job.attempts} times; last: ${note}`)
      return { result: 'failed' }
    }
    const wait = backoffSeconds(job.attempts)
    await services.db.execute(
      sql`update outbox set locked_until = null, last_error = ${note}, next_attempt_at = now() + make_interval(secs => ${wait}),
            history = history || ${historyEntry(job.attempts, 'failed_attempt', note)}, updated_at = now()
          where id = ${job.id}`,
    )
    return { result: 'retry', retryInSeconds: wait }
  }
}

/** The handler's giveUp, and the give-up in the job's history whatever the handler wrote. */
async function giveUpJob(services: Services, handler: JobHandler, job: OutboxJob, reason: string) {
  await handler.giveUp(services, job, reason)
  await services.db.execute(
    sql`update outbox set status = 'failed', locked_until = null, last_error = coalesce(last_error, ${reason}),
          history = history || ${historyEntry(job.attempts, 'given_up', reason)}, updated_at = now()
        where id = ${job.id}`,
  )
}

/** A job as the queue needs it: its id and when it is due. */
type Due = Pick<OutboxJob, 'id' | 'nextAttemptAt'>

/** Queues' longest delay; a job due later is found by the sweeper in time. */
const MAX_DELAY_SECONDS = 12 * 3600

const delayOf = (job: Due) => Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((job.nextAttemptAt.getTime() - Date.now()) / 1000)))

/**
 * Sends job ids to the queue, each with the delay until it is due, 100 to a batch (the Queues
 * limit). Without a queue binding (a tool, a test app in Node) it sends nothing: the sweeper will.
 */
export async function sendJobs(queue: Queue<OutboxMessage> | undefined, jobs: Due[]): Promise<void> {
  if (!queue || jobs.length === 0) return
  for (let at = 0; at < jobs.length; at += 100) {
    await queue.sendBatch(jobs.slice(at, at + 100).map((job) => ({ body: { job: job.id }, delaySeconds: delayOf(job) })))
  }
}

/**
 * A consumer batch. The jobs are read in one statement, then run with bounded concurrency —
 * `lanes` at once, each lane on its own connection (`open()`), at most `perPartition` of one
 * hospital, so a slow one never holds up the others — each claimed only when its lane starts it (its
 * lease covers its own work, never a queue behind it). A failed attempt's message is retried with
 * the backoff's delay (`retry`, counted by the queue: the attempt cap comes first, OUTBOX_MAX_ATTEMPTS
 * below the consumer's max_retries). What is not an attempt — a job not due yet, leased by someone
 * else, or waiting on other work — is acknowledged and sent again as a new message with its delay
 * (`resend`), so waiting never spends the message's retries. A job closed or gone is acknowledged.
 */
export async function consumeJobs(
  batch: MessageBatch<OutboxMessage>,
  open: () => Services,
  handlers: JobHandlers,
  limits: { lanes: number; perPartition: number },
  resend: (jobs: Due[]) => Promise<void>,
): Promise<Record<JobResult | 'skipped', number>> {
  const counts: Record<JobResult | 'skipped', number> = { done: 0, refused: 0, failed: 0, retry: 0, later: 0, skipped: 0 }
  const messages = new Map<string, Message<OutboxMessage>[]>()
  for (const message of batch.messages) {
    const id = typeof message.body?.job === 'string' ? message.body.job : ''
    if (!UUID.test(id)) {
      message.ack()
      continue
    }
    messages.set(id, [...(messages.get(id) ?? []), message])
  }
  const again: Due[] = []
  /** A job's messages acknowledged; with `retry`, retried after that delay; with `resend`, sent anew to come then. */
  const settle = (id: string, next?: { retry: number } | { resend: number }) => {
    for (const message of messages.get(id) ?? [])
      if (next && 'retry' in next) message.retry({ delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil(next.retry))) })
      else message.ack()
    if (next && 'resend' in next) again.push({ id, nextAttemptAt: new Date(Date.now() + Math.max(1, next.resend) * 1000) })
  }
  if (messages.size === 0) return counts
  const services = open()
  let ready: { id: string; partitionKey: string }[]
  try {
    const rows = await queryRows<{ id: string; partition_key: string; status: string; wait: number }>(
      services.db,
      sql`select id, partition_key, status,
            ceil(extract(epoch from greatest(next_attempt_at, coalesce(locked_until, now())) - now()))::int as wait
          from outbox where id in (${sql.join(
            [...messages.keys()].map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    )
    ready = []
    for (const id of messages.keys()) {
      const row = rows.find((r) => r.id === id)
      if (row?.status !== 'pending') {
        settle(id)
        counts.skipped += 1
      } else if (Number(row.wait) > 1) {
        settle(id, { resend: Number(row.wait) })
        counts.skipped += 1
      } else ready.push({ id, partitionKey: row.partition_key })
    }
  } finally {
    services.close()
  }
  const running = new Map<string, number>()
  const lane = async () => {
    const laneServices = open()
    try {
      for (;;) {
        const index = ready.findIndex((job) => (running.get(job.partitionKey) ?? 0) < limits.perPartition)
        if (index < 0) {
          if (ready.length === 0) return
          // Every job left is of a partition at its limit: wait for one of them to finish.
          await new Promise((resolve) => setTimeout(resolve, 25))
          continue
        }
        const [next] = ready.splice(index, 1)
        running.set(next!.partitionKey, (running.get(next!.partitionKey) ?? 0) + 1)
        try {
          const [job] = await claimJobs(laneServices.db, laneServices.config, { ids: [next!.id] })
          if (!job) {
            // Someone else claimed it meanwhile: it comes back when their lease could have lapsed.
            settle(next!.id, { resend: laneServices.config.OUTBOX_LEASE_SECONDS })
            counts.skipped += 1
            continue
          }
          const { result, retryInSeconds } = await runClaimedJob(laneServices, handlers, job)
          counts[result] += 1
          settle(
            job.id,
            retryInSeconds === undefined ? undefined : result === 'retry' ? { retry: retryInSeconds } : { resend: retryInSeconds },
          )
        } catch (error) {
          // Even the failure could not be recorded (the database failing): its lease lapses and it comes back.
          laneServices.log.log('error', 'an outbox job failed and could not be recorded', { job_id: next!.id, error: describeError(error) })
          settle(next!.id, { retry: laneServices.config.OUTBOX_LEASE_SECONDS })
        } finally {
          running.set(next!.partitionKey, running.get(next!.partitionKey)! - 1)
        }
      }
    } finally {
      laneServices.close()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limits.lanes, ready.length) }, lane))
  // Not lost if this fails: the sweeper finds the jobs once they are overdue.
  await resend(again).catch((error: unknown) =>
    services.log.log('warn', 'sending outbox jobs to the queue again failed', { jobs: again.length, error: describeError(error) }),
  )
  return counts
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The dead-letter consumer: messages the queue gave up on (their consumer kept failing). Each
 * pending job is given up through its handler (the work rejected, the patient told).
 */
export async function deadLetters(batch: MessageBatch<OutboxMessage>, services: Services, handlers: JobHandlers): Promise<number> {
  let given = 0
  const ids = batch.messages.map((m) => m.body?.job).filter((id): id is string => typeof id === 'string' && UUID.test(id))
  // Due or not (a job in its backoff gets no better), unless someone is running it now.
  const claimed = await claimJobs(services.db, services.config, { ids, evenIfNotDue: true })
  for (const job of claimed) {
    const handler = handlers[job.kind]
    try {
      if (handler) await giveUpJob(services, handler, job, 'the queue could not deliver it')
      else await finishJob(services.db, job.id, 'failed', `no handler for ${job.kind}`)
      given += 1
    } catch (error) {
      // Left pending: its lease lapses and the sweeper sends it again.
      services.log.log('error', 'an outbox job could not be given up', { job_id: job.id, kind: job.kind, error: describeError(error) })
    }
  }
  for (const message of batch.messages) message.ack()
  return given
}

/**
 * The sweeper (cron): pending jobs overdue by more than a minute and not leased — their message was
 * lost, or their request died before sending it — go to the queue again. One index range scan of
 * the due jobs, `limit` at most a run; each updated by its primary key (`= any(array(…))`: with
 * `in (…)` the planner may hash-join against a scan of the whole table, every job ever queued).
 */
export async function sweepJobs(services: Services, queue: Queue<OutboxMessage> | undefined, limit = 5000): Promise<number> {
  if (!queue) return 0
  // Touched as they are sent again: the next run leaves them alone for a minute.
  const rows = await queryRows<{ id: string }>(
    services.db,
    sql`update outbox set next_attempt_at = now(), updated_at = now()
        where id = any (array(
          select id from outbox
          where status = 'pending' and next_attempt_at < now() - interval '1 minute' and (locked_until is null or locked_until < now())
          order by next_attempt_at limit ${limit}
          for update skip locked
        ))
        returning id`,
  )
  await sendJobs(
    queue,
    rows.map((r) => ({ id: r.id, nextAttemptAt: new Date(0) })),
  )
  return rows.length
}
