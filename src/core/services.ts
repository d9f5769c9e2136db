import { createMiddleware } from 'hono/factory'
import { createIntegrations } from '../integrations'
import { loadConfig } from './config'
import { openRequestDatabase } from './db'
import { createLogger } from './logger'
import type { AppEnv } from './types'

/**
 * Builds the request's services once: config (validated), logger, database (connects on first
 * query) and integrations. The database connection is closed after the response, in waitUntil.
 */
export const requestServices = createMiddleware<AppEnv>(async (c, next) => {
  const config = loadConfig(c.env)
  const log = createLogger({ request_id: c.get('requestId'), method: c.req.method, path: c.req.path })
  const database = openRequestDatabase(config, c.env.HYPERDRIVE)
  c.set('config', config)
  c.set('log', log)
  c.set('db', database.db)
  c.set('integrations', createIntegrations(config, database.db, log))
  try {
    await next()
  } finally {
    if (config.SERVER_TIMING) c.header('Server-Timing', `db;desc="${database.roundTrips()} round trips"`)
    const closing = database.close().catch((error: unknown) => log.log('warn', 'closing the database failed', { error: String(error) }))
    try {
      c.executionCtx.waitUntil(closing)
    } catch {
      await closing
    }
  }
})
