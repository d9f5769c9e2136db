import { env } from 'cloudflare:test'
import type { SQL } from 'drizzle-orm'
import { loadConfig } from '../../src/core/config'
import { openRequestDatabase, queryRows } from '../../src/core/db'

/** Direct SQL for arranging a state the API cannot reach quickly (an expired code, say). */
export async function runSql<Row = Record<string, unknown>>(query: SQL): Promise<Row[]> {
  const database = openRequestDatabase(loadConfig(env))
  try {
    return await queryRows<Row>(database.db, query)
  } finally {
    await database.close()
  }
}
