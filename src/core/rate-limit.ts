import { sql } from 'drizzle-orm'
import { queryRows, type Db } from './db'
import { ApiError } from './errors'

export type Limit = { key: string; max: number; windowSeconds: number }

function rateLimited(message: string, retryAfter: number) {
  return new ApiError('rate_limited', message, {
    headers: { 'Retry-After': String(retryAfter) },
    details: { retry_after_seconds: retryAfter },
  })
}

/**
 * Every statement here locks counter rows in key order. A request that gives back what it counted
 * runs while others are counting the same keys (the shared send budget, an identity's keys); two
 * statements taking the same rows in different orders is a deadlock, and Postgres kills one.
 * Byte order on both sides (keys are ASCII; `collate "C"` in SQL), whatever the database's collation.
 */
const inKeyOrder = (limits: Limit[]) => [...limits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))

const keyList = (keys: string[]) =>
  sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  )

const newWindows = (limits: Limit[]) =>
  sql.join(
    limits.map((limit) => sql`(${limit.key}, 1, now(), now() + make_interval(secs => ${limit.windowSeconds}::int))`),
    sql`, `,
  )

/**
 * For limits on the caller itself (its address): counts one hit on each key (fixed windows) in a
 * single round trip, then throws 429 with Retry-After if any key is over its limit. Hits over the
 * limit still count: hammering does not shorten the wait.
 */
export async function enforceRateLimits(db: Db, limits: Limit[], message: string): Promise<void> {
  const rows = await queryRows<{ key: string; hits: number; retry_after: number }>(
    db,
    sql`
    insert into rate_limits (key, hits, window_started_at, expires_at)
    values ${newWindows(inKeyOrder(limits))}
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
  if (retryAfter > 0) throw rateLimited(message, retryAfter)
}

/**
 * For limits on what is spent (codes sent, budgets): all or nothing. One is counted on each key
 * only where that key is under its limit — checked row by row as the upsert takes each lock, so
 * concurrent requests can never push a key past its limit. If any key was full, what this request
 * counted on the others is given back (a second round trip, only then) and 429 is thrown: a refused
 * request never uses up anyone's allowance.
 */
export async function reserveQuota(db: Db, limits: Limit[], message: string): Promise<void> {
  const values = sql.join(
    limits.map((l) => sql`(${l.key}::text, ${l.max}::int)`),
    sql`, `,
  )
  const [row] = await queryRows<{ counted: string[] | null; retry_after: number | null }>(
    db,
    sql`
    with wanted (key, max) as (values ${values}),
    counted as (
      insert into rate_limits (key, hits, window_started_at, expires_at)
      select * from (values ${newWindows(inKeyOrder(limits))}) as v (key, hits, window_started_at, expires_at)
      on conflict (key) do update set
        hits = case when rate_limits.expires_at <= now() then 1 else rate_limits.hits + 1 end,
        window_started_at = case when rate_limits.expires_at <= now() then now() else rate_limits.window_started_at end,
        expires_at = case when rate_limits.expires_at <= now() then excluded.expires_at else rate_limits.expires_at end
      where rate_limits.expires_at <= now() or rate_limits.hits < (select w.max from wanted w where w.key = rate_limits.key)
      returning key
    )
    select (select jsonb_agg(key) from counted) as counted,
      (select max(greatest(1, ceil(extract(epoch from r.expires_at - now())))::int)
         from wanted w join rate_limits r on r.key = w.key
        where w.key not in (select key from counted)) as retry_after`,
  )
  const counted = row?.counted ?? []
  if (counted.length === limits.length) return
  if (counted.length > 0) await releaseQuota(db, counted)
  throw rateLimited(message, Math.max(1, Number(row?.retry_after ?? 1)))
}

/** Gives back what reserveQuota counted when the thing was not spent after all (the send failed). */
export async function releaseQuota(db: Db, keys: string[]): Promise<void> {
  await db.execute(
    sql`update rate_limits r set hits = greatest(0, r.hits - 1)
        from (select key from rate_limits where key in (${keyList(keys)}) and expires_at > now() order by key collate "C" for update) l
        where r.key = l.key`,
  )
}

/** Forgets the counters of these keys and of every key under these prefixes (a verified login). */
export async function clearRateLimits(db: Db, keys: string[], prefixes: string[]): Promise<void> {
  // Prefixes are hex digests and address groups: no LIKE wildcard in them (index: text_pattern_ops).
  const matches = [...keys.map((k) => sql`key = ${k}`), ...prefixes.map((p) => sql`key like ${`${p}%`}`)]
  await db.execute(
    sql`delete from rate_limits where key in (select key from rate_limits where ${sql.join(matches, sql` or `)} order by key collate "C" for update)`,
  )
}

/**
 * The key of a client address for per-address limits. IPv6 is grouped by /64: one subscriber holds
 * a whole /64, so a new address per request would otherwise escape every limit.
 */
export function addressGroup(ip: string): string {
  if (!ip.includes(':')) return ip
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const full = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  return `${full
    .slice(0, 4)
    .map((part) => part.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
