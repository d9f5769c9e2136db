import { outboxHandlers } from './all-features'
import { createApp } from './app'
import { describeError } from './core/logger'
import { withPushScope } from './core/notify'
import { consumeJobs, deadLetters, sendJobs, type OutboxMessage } from './core/outbox'
import type { Bindings, PushShardMessage } from './core/types'
import { consumePushBatch } from './features/notifications'
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
      // The notifications the jobs make (reminders) are pushed from the push queue, shard by shard.
      await withPushScope(
        async () => {
          for (const job of jobs.filter((j) => j.cron === controller.cron)) {
            try {
              services.log.log('info', `${job.name} done`, await job.run(services, { at: new Date(controller.scheduledTime) }))
            } catch (error) {
              services.log.log('error', `${job.name} failed`, { error: describeError(error) })
              failed.push(job.name)
            }
          }
        },
        (shards) => services.push.kick(shards),
      )
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
  async queue(anyBatch, env, ctx) {
    const batch = anyBatch as MessageBatch<OutboxMessage>
    const open = () => openServices(env, ctx, { queue: batch.queue }, outboxHandlers)
    if (batch.queue.startsWith('phr-push')) {
      const services = open()
      try {
        const started = Date.now()
        const counts = await consumePushBatch(anyBatch as MessageBatch<PushShardMessage>, services)
        services.log.log('info', 'push batch', { shards: batch.messages.length, ...counts, ms: Date.now() - started })
      } finally {
        services.close()
      }
      return
    }
    if (batch.queue.endsWith('-dlq')) {
      const services = open()
      try {
        const given = await withPushScope(
          () => deadLetters(batch, services, outboxHandlers),
          (shards) => services.push.kick(shards),
        )
        services.log.log('warn', 'outbox dead letters', { given_up: given })
      } finally {
        services.close()
      }
      return
    }
    const first = open()
    const { config, log } = first
    const started = Date.now()
    // A connection per lane: a client runs one query at a time and would interleave a lane's
    // transaction with another lane's statements (Workers let six of an invocation's connections
    // wait for an answer at once and queue the rest).
    const lane = open
    try {
      // The notifications the jobs make (a booking rejected, a check not sent) are pushed after the batch.
      const counts = await withPushScope(
        () =>
          consumeJobs(
            batch,
            lane,
            outboxHandlers,
            { lanes: config.OUTBOX_CONSUMER_LANES, perPartition: config.OUTBOX_PARTITION_CONCURRENCY },
            (jobs) => sendJobs(env.OUTBOX_QUEUE, jobs),
          ),
        (shards) => first.push.kick(shards),
      )
      log.log('info', 'outbox batch', { messages: batch.messages.length, ...counts, ms: Date.now() - started })
    } finally {
      first.close()
    }
  },
} satisfies ExportedHandler<Bindings, OutboxMessage | PushShardMessage>
