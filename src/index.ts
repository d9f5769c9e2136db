import { createApp } from './app'
import { loadConfig } from './core/config'
import { openRequestDatabase } from './core/db'
import { createLogger } from './core/logger'
import type { Bindings } from './core/types'
import { removeExpiredAuthState } from './features/auth/housekeeping'

const app = createApp()

export default {
  fetch: app.fetch,
  /** Cron Trigger (wrangler.toml [triggers]): housekeeping that must never block a request. */
  async scheduled(controller, env, ctx) {
    const log = createLogger({ cron: controller.cron })
    const config = loadConfig(env)
    const database = openRequestDatabase(config, env.HYPERDRIVE)
    try {
      const removed = await removeExpiredAuthState(database.db)
      log.log('info', 'housekeeping done', removed)
    } finally {
      ctx.waitUntil(database.close())
    }
  },
} satisfies ExportedHandler<Bindings>
