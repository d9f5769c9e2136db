import { loadConfig } from './core/config'
import { ApiError } from './core/errors'
import { openRequestDatabase } from './core/db'
import { guardedFiles, type FileStore } from './core/files'
import { createLogger, describeError } from './core/logger'
import { runClaimedJob, sendJobs, sweepJobs, type JobHandlers, type OutboxJob } from './core/outbox'
import type { Bindings, Services } from './core/types'
import { createIntegrations } from './integrations'

/**
 * The services of one request, cron run, queue batch or Durable Object call: validated config, a
 * logger carrying `context`, the database (it connects on the first query) and the integrations
 * (building them does no I/O). `close()` ends the connection after the work, in waitUntil.
 */
export function openServices(
  env: Bindings,
  ctx: Pick<ExecutionContext, 'waitUntil'>,
  context: { request_id?: string } & Record<string, unknown>,
  /** The outbox handlers of every feature (the Durable Objects, which run no jobs, pass none). */
  handlers: JobHandlers = {},
): Services {
  const config = loadConfig(env)
  const log = createLogger(context)
  const database = openRequestDatabase(config, env.HYPERDRIVE)
  let files: FileStore | undefined
  const send = (jobs: Pick<OutboxJob, 'id' | 'nextAttemptAt'>[]) =>
    ctx.waitUntil(
      sendJobs(env.OUTBOX_QUEUE, jobs).catch((error: unknown) =>
        // Not lost: the sweeper finds the jobs once they are overdue.
        log.log('warn', 'sending outbox jobs to the queue failed', { jobs: jobs.length, error: describeError(error) }),
      ),
    )
  const services: Services = {
    config,
    log,
    db: database.db,
    integrations: createIntegrations(config, database.db, log, context.request_id ?? crypto.randomUUID(), (work) => ctx.waitUntil(work)),
    files() {
      if (!env.RECORDS)
        throw new ApiError('upstream_unavailable', 'File storage is not configured (the RECORDS R2 binding).', {
          details: { service: 'R2' },
        })
      return (files ??= guardedFiles(env.RECORDS))
    },
    roundTrips: database.roundTrips,
    outbox: {
      async runNow(job, waiting, preloaded) {
        const { result, retryInSeconds } = await runClaimedJob(services, handlers, job, waiting, preloaded)
        if (retryInSeconds !== undefined) send([{ id: job.id, nextAttemptAt: new Date(Date.now() + retryInSeconds * 1000) }])
        return result
      },
      send,
      sweep: () => sweepJobs(services, env.OUTBOX_QUEUE),
    },
    push: {
      kick(shards) {
        const queue = env.PUSH_QUEUE
        if (!queue || shards.length === 0) return
        ctx.waitUntil(
          queue.sendBatch(shards.map((shard) => ({ body: { shard } }))).catch((error: unknown) =>
            // Not lost: the sweeper finds the shard's due notifications within a minute.
            log.log('warn', 'asking the push queue failed', { shards: shards.length, error: describeError(error) }),
          ),
        )
      },
    },
    close() {
      ctx.waitUntil(database.close().catch((error: unknown) => log.log('warn', 'closing the database failed', { error: String(error) })))
    },
  }
  return services
}
