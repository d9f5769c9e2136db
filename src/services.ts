import { loadConfig } from './core/config'
import { ApiError } from './core/errors'
import { openRequestDatabase } from './core/db'
import { guardedFiles, type FileStore } from './core/files'
import { createLogger } from './core/logger'
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
): Services {
  const config = loadConfig(env)
  const log = createLogger(context)
  const database = openRequestDatabase(config, env.HYPERDRIVE)
  let files: FileStore | undefined
  return {
    config,
    log,
    db: database.db,
    integrations: createIntegrations(config, database.db, log, context.request_id ?? crypto.randomUUID()),
    files() {
      if (!env.RECORDS)
        throw new ApiError('upstream_unavailable', 'File storage is not configured (the RECORDS R2 binding).', {
          details: { service: 'R2' },
        })
      return (files ??= guardedFiles(env.RECORDS))
    },
    roundTrips: database.roundTrips,
    close() {
      ctx.waitUntil(database.close().catch((error: unknown) => log.log('warn', 'closing the database failed', { error: String(error) })))
    },
  }
}
