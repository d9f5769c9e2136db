import { sql } from 'drizzle-orm'
import { queryRows, type Db } from './db'
import { ApiError } from './errors'

export type Limit = { key: string; max: number; windowSeconds: number }

/**
 * Counts one hit on each key (fixed windows) in a single round trip, then throws 429 with
 * Retry-After if any key is over its limit. Hits over the limit still count: hammering does not
 * shorten the wait.
 */
export async function enforceRateLimits(db: Db, limits: Limit[], message: string): Promise<void> {
  const newRows = sql.join(
    limits.map((limit) => sql`(${limit.key}, 1, now(), now() + make_interval(secs => ${limit.windowSeconds}::int))`),
    sql`, `,
  )
  const rows = await queryRows<{ key: string; hits: number; retry_after: number }>(
    db,
    sql`
    insert into rate_limits (key, hits, window_started_at, expires_at)
    values ${newRows}
    on conflict (key) do update set
      hits = case when rate_limits.expires_at <= now() then 1 else rate_limits.hits + 1 end,
      window_started_at = case when rate_limits.expires_at <= now() then now() else rate_limits.window_started_at end,
      expires_at = case when rate_limits.expires_at <= now() then excluded.expires_at else rate_limits.expires_at end
    returning key, hits, greatest(1, ceil(extract(epoch from expires_at - now())))::int as retry_after`,
  )
  let retryAfter = 0
  for (const row of rows) {
    const limit = limits.find((l) => l.key === row.key)
    if (limit && row.hits > limit.max) retryAfter = Math.max(retryAfter, Number(row.retry_after))
  }
  if (retryAfter > 0) {
    throw new ApiError('rate_limited', message, {
      headers: { 'Retry-After': String(retryAfter) },
      details: { retry_after_seconds: retryAfter },
    })
  }
}
