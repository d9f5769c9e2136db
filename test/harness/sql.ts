import { env } from 'cloudflare:test'
import { sql, type SQL } from 'drizzle-orm'
import { loadConfig } from '../../src/core/config'
import { openRequestDatabase, queryRows } from '../../src/core/db'
import { otpSendKeys } from '../../src/features/auth/otp'

/** Direct SQL for arranging a state the API cannot reach quickly (an expired code, say). */
export async function runSql<Row = Record<string, unknown>>(query: SQL): Promise<Row[]> {
  const database = openRequestDatabase(loadConfig(env))
  try {
    return await queryRows<Row>(database.db, query)
  } finally {
    await database.close()
  }
}

/** Ends the resend cooldown of one identifier, as if OTP_RESEND_COOLDOWN_SECONDS had passed. */
export async function endResendCooldown(channel: 'phone' | 'email', identifier: string) {
  const { resend } = await otpSendKeys({ channel, identifier })
  await runSql(sql`update rate_limits set expires_at = now() where key = ${resend}`)
}
