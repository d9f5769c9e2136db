import { createApp } from './app'
import { describeError } from './core/logger'
import type { Bindings } from './core/types'
import { jobs } from './jobs'
import { openServices } from './services'

export { ChatRoom } from './features/mindscape/room'

const app = createApp()

export default {
  fetch: app.fetch,
  /** Cron Triggers (wrangler.toml [triggers]): each job whose expression fired, one after another. */
  async scheduled(controller, env, ctx) {
    const services = openServices(env, ctx, { cron: controller.cron })
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
} satisfies ExportedHandler<Bindings>
