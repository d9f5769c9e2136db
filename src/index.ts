import { outboxHandlers } from './all-features'
import { createApp } from './app'
import { describeError } from './core/logger'
import { consumeJobs, deadLetters, sendJobs, type OutboxMessage } from './core/outbox'
import type { Bindings } from './core/types'
import { jobs } from './jobs'
import { openServices } from './services'

export { ChatRoom } from './features/mindscape/room'

const app = createApp()

export default {
  fetch: app.fetch,
  /** Cron Triggers (wrangler.toml [triggers]): each job whose expression fired, one after another. */
  async scheduled(controller, env, ctx) {
    const services = openServices(env, ctx, { cron: controller.cron }, outboxHandlers)
    const failed: string[] = []
    try {
      for (const job of jobs.filter((j) => j.cron === controller.cron)) {
        try {
          services.log.log('info', `${job.name} done`, await job.run(services, { at: new Date(controller.scheduledTime) }))
        } catch (error) {
          services.log.log('error', `${job.name} failed`, { error: describeError(error) })
          failed.push(job.name)
        }
      }
    } finally {
      services.close()
    }
    // One failing job does not keep the others from running; the run is still reported as failed.
    if (failed.length > 0) throw new Error(`cron ${controller.cron}: ${failed.join(', ')} failed`)
  },
  /**
   * The outbox's queue (wrangler.toml [[queues.consumers]]): a batch of job ids, run with bounded
   * concurrency; its dead-letter queue (named `…-dlq`): jobs the queue gave up on, given up.
   */
  async queue(batch, env, ctx) {
    const open = () => openServices(env, ctx, { queue: batch.queue }, outboxHandlers)
    if (batch.queue.endsWith('-dlq')) {
      const services = open()
      try {
        services.log.log('warn', 'outbox dead letters', { given_up: await deadLetters(batch, services, outboxHandlers) })
      } finally {
        services.close()
      }
      return
    }
    const first = open()
    const { config, log } = first
    const started = Date.now()
    // postgres.js (tcp) pipelines the lanes' statements over one connection and gives a transaction
    // the connection to itself: one connection for the batch (an invocation may have six open). The
    // WebSocket driver's client runs one query at a time and would interleave a transaction with
    // another lane's statements: a connection per lane.
    const lane = config.DATABASE_DRIVER === 'tcp' ? () => ({ ...first, close() {} }) : open
    try {
      const counts = await consumeJobs(
        batch,
        lane,
        outboxHandlers,
        { lanes: config.OUTBOX_CONSUMER_LANES, perPartition: config.OUTBOX_PARTITION_CONCURRENCY },
        (jobs) => sendJobs(env.OUTBOX_QUEUE, jobs),
      )
      log.log('info', 'outbox batch', { messages: batch.messages.length, ...counts, ms: Date.now() - started })
    } finally {
      first.close()
    }
  },
} satisfies ExportedHandler<Bindings, OutboxMessage>
