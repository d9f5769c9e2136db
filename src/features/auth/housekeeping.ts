import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'

/**
 * Deletes what can no longer be used: expired rate-limit windows, challenges a day past expiry,
 * refresh tokens a day past expiry. Safe to run late, twice or concurrently.
 */
export async function removeExpiredAuthState(db: Db) {
  const rows = await queryRows<{ rate_limits: number; otp_challenges: number; refresh_tokens: number }>(
    db,
    sql`
    with rl as (delete from rate_limits where expires_at < now() returning 1),
    oc as (delete from otp_challenges where expires_at < now() - interval '1 day' returning 1),
    rt as (delete from refresh_tokens where expires_at < now() - interval '1 day' returning 1)
    select (select count(*) from rl)::int as rate_limits, (select count(*) from oc)::int as otp_challenges,
           (select count(*) from rt)::int as refresh_tokens`,
  )
  return rows[0]!
}
