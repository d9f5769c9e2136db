import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { describeError } from '../../core/logger'
import { kindOf } from '../../core/notification-kinds'
import { PUSH_SHARDS } from '../../core/notify'
import { inZone, startOfLocalDay, addDays } from '../../core/time'
import type { PushShardMessage, Services } from '../../core/types'
import type { NotificationLink, NotificationPriority } from '../../db/schema'
import type { PushOutcome } from '../../integrations/push/port'

// The push queue's consumer: each message names a shard of the notifications (by patient, see
// core/notify). For each shard it claims up to PUSH_BATCH_SIZE due notifications in one statement
// (with each patient's devices, language-ready text, time zone and preferences), decides each one
// — no device, switched off, expired, held by quiet hours, or pushed — claims each (notification,
// device) pair before calling FCM (so a retried delivery never pushes a device twice), pushes
// PUSH_CONSUMER_LANES at once, and records every outcome in one statement: devices whose token is
// dead removed, retries after FCM's Retry-After, give-ups at PUSH_MAX_ATTEMPTS. A shard with more
// due notifications asks the queue for itself again. The in-app inbox is the truth; a push is a
// courtesy that may be late or, at worst, missing — never twice.

type Claimed = {
  id: string
  patient_id: string
  type: string
  title: string
  body: string
  link: NotificationLink | null
  priority: NotificationPriority
  created_at: string
  push_attempts: number
  timezone: string | null
  push_off: string[] | null
  quiet_start: string | null
  quiet_end: string | null
  devices: { id: string; platform: 'android' | 'ios'; token: string }[]
}

/** What happens to a notification this run. */
type Decision =
  | { state: 'done' | 'skipped' | 'failed'; note: string }
  | { state: 'held'; until: Date; note: string }
  | { state: 'pending'; until: Date; note: string }

type Delivery = { notificationId: string; deviceId: string; outcome: PushOutcome }

export type PushCounts = {
  claimed: number
  pushed: number
  held: number
  skipped: number
  retried: number
  failed: number
  devicesRemoved: number
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

/** When the quiet hours the patient is in now end, or undefined when they are not in them. */
export function quietUntil(now: Date, timeZone: string, start: string, end: string): Date | undefined {
  const local = inZone(now, timeZone)
  const minute = minutesOf(local.slice(11, 16))
  const [from, to] = [minutesOf(start), minutesOf(end)]
  if (from === to) return undefined
  const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to
  if (!inside) return undefined
  const today = local.slice(0, 10)
  // Past midnight in quiet hours that began yesterday, they end today; before midnight, tomorrow.
  const endDate = from > to && minute >= from ? addDays(today, 1) : today
  return new Date(startOfLocalDay(endDate, timeZone).getTime() + to * 60_000)
}

function decide(row: Claimed, now: Date, configured: boolean): Decision {
  const kind = kindOf(row.type)
  const expiresAt = new Date(row.created_at).getTime() + kind.ttlSeconds * 1000
  const critical = row.priority === 'critical'
  if (!configured) return { state: 'skipped', note: 'push is not configured on this server' }
  if (row.devices.length === 0) return { state: 'done', note: 'no device registered' }
  if (expiresAt <= now.getTime()) return { state: 'skipped', note: 'expired before it could be pushed' }
  if (!critical && row.push_off?.includes(row.type)) return { state: 'skipped', note: 'turned off by the patient' }
  if (!critical && row.quiet_start && row.quiet_end && row.timezone) {
    const until = quietUntil(now, row.timezone, row.quiet_start, row.quiet_end)
    if (until && until.getTime() >= expiresAt) return { state: 'skipped', note: 'quiet hours outlasted it' }
    if (until) return { state: 'held', until, note: 'held by quiet hours' }
  }
  return { state: 'done', note: 'pushed' }
}

/** Runs `work` over `items`, `limit` at once. */
async function inLanes<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}

/**
 * One push-queue batch: the shards it names (each once), run together over one connection, their
 * pushes sharing PUSH_CONSUMER_LANES. Answers the counts, and the shards that have more to push.
 */
export async function pushShards(services: Services, shards: number[]): Promise<PushCounts & { more: number[] }> {
  const { db, config, log } = services
  const counts: PushCounts = { claimed: 0, pushed: 0, held: 0, skipped: 0, retried: 0, failed: 0, devicesRemoved: 0 }
  const configured = config.PUSH_PROVIDER === 'fcm' && !!config.FCM_PROJECT_ID && !!config.FCM_SERVICE_ACCOUNT_EMAIL
  const now = new Date()
  const claims = await Promise.all(
    shards.map((shard) =>
      queryRows<Claimed>(
        db,
        sql`with claimed as (
              update notifications set push_locked_until = now() + interval '5 minutes'
              -- By primary key (= any(array(…))): with in (…) the planner may hash-join against a scan of every notification.
              where id = any (array(
                select id from notifications
                where push_shard = ${shard} and push_state in ('pending', 'held') and push_after <= now()
                  and (push_locked_until is null or push_locked_until < now())
                order by push_after limit ${config.PUSH_BATCH_SIZE}
                for update skip locked
              ))
              returning id, patient_id, type, title, body, link, priority, created_at, push_attempts
            )
            select c.*, p.timezone, to_jsonb(f.push_off) as push_off, f.quiet_start::text, f.quiet_end::text,
              coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'platform', d.platform, 'token', d.push_token) order by d.id)
                        from devices d where d.patient_id = c.patient_id), '[]') as devices
            from claimed c left join patients p on p.id = c.patient_id left join notification_preferences f on f.patient_id = c.patient_id`,
      ),
    ),
  )
  const more = shards.filter((_, i) => claims[i]!.length >= config.PUSH_BATCH_SIZE)
  const rows = claims.flat()
  counts.claimed = rows.length
  if (rows.length === 0) return { ...counts, more }

  const decisions = new Map<string, Decision>()
  for (const row of rows) decisions.set(row.id, decide(row, now, configured))
  const toPush = rows.filter((row) => decisions.get(row.id)!.note === 'pushed')

  // Each (notification, device) claimed before its call: one that already has a row — sent,
  // refused, or sent with no answer by an earlier delivery — is never pushed again.
  const pairs = toPush.flatMap((row) => row.devices.map((device) => ({ notification_id: row.id, device_id: device.id })))
  const fresh = new Set(
    pairs.length === 0
      ? []
      : (
          await queryRows<{ notification_id: string; device_id: string }>(
            db,
            sql`insert into push_deliveries (notification_id, device_id, status)
                select notification_id, device_id, 'sending' from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb)
                  as x(notification_id uuid, device_id uuid)
                on conflict do nothing
                returning notification_id, device_id`,
          )
        ).map((r) => `${r.notification_id} ${r.device_id}`),
  )

  const deliveries: Delivery[] = []
  const calls = toPush.flatMap((row) =>
    row.devices.filter((device) => fresh.has(`${row.id} ${device.id}`)).map((device) => ({ row, device })),
  )
  await inLanes(calls, config.PUSH_CONSUMER_LANES, async ({ row, device }) => {
    const kind = kindOf(row.type)
    const ttlSeconds = Math.max(1, Math.floor((new Date(row.created_at).getTime() + kind.ttlSeconds * 1000 - Date.now()) / 1000))
    let outcome: PushOutcome
    try {
      outcome = await services.integrations.push.send({
        token: device.token,
        platform: device.platform,
        title: row.title,
        body: row.body,
        data: {
          notification_id: row.id,
          type: row.type,
          priority: row.priority,
          ...(row.link ? { link_kind: row.link.kind, link_id: row.link.id } : {}),
          ...(row.link?.date && row.link.timing ? { link_date: row.link.date, link_timing: row.link.timing } : {}),
        },
        priority: row.priority,
        ttlSeconds,
        ...('collapse' in kind && kind.collapse ? { collapseKey: `${row.type}:${row.link?.id ?? row.id}` } : {}),
      })
    } catch (error) {
      outcome = { unknown: describeError(error)[0]?.message ?? 'unexpected' }
    }
    deliveries.push({ notificationId: row.id, deviceId: device.id, outcome })
  })

  // Each pushed notification's state from its deliveries: any retry keeps it pending (the
  // devices already done are not pushed again); otherwise it is done.
  for (const row of toPush) {
    const mine = deliveries.filter((d) => d.notificationId === row.id)
    const retries = mine.flatMap((d) => ('retryAfterSeconds' in d.outcome ? [d.outcome] : []))
    if (retries.length === 0) {
      const sent = mine.filter((d) => 'sent' in d.outcome).length
      decisions.set(row.id, { state: 'done', note: mine.length === 0 ? 'pushed before' : `pushed to ${sent} of ${mine.length} devices` })
    } else if (row.push_attempts + 1 >= config.PUSH_MAX_ATTEMPTS) {
      decisions.set(row.id, { state: 'failed', note: `FCM kept refusing: ${retries[0]!.reason}` })
    } else {
      const wait = Math.max(...retries.map((r) => r.retryAfterSeconds))
      decisions.set(row.id, { state: 'pending', until: new Date(Date.now() + wait * 1000), note: `retry: ${retries[0]!.reason}` })
    }
  }

  const outcomes = deliveries.map((d) => {
    const o = d.outcome
    return {
      notification_id: d.notificationId,
      device_id: d.deviceId,
      // A retry gives the pair back (nothing was delivered); the rest are final.
      status: 'sent' in o ? 'sent' : 'unknown' in o ? 'unknown' : 'retryAfterSeconds' in o ? 'retry' : 'failed',
      fcm: 'sent' in o ? o.sent : null,
      error: 'invalidToken' in o ? o.invalidToken : 'failed' in o ? o.failed : 'unknown' in o ? o.unknown : null,
      remove_device: 'invalidToken' in o,
    }
  })
  const states = rows.map((row) => {
    const decision = decisions.get(row.id)!
    return {
      id: row.id,
      state: decision.state,
      after: 'until' in decision ? decision.until.toISOString() : null,
      note: decision.note,
      attempt: decision.state === 'pending' ? 1 : 0,
    }
  })
  const [written] = await queryRows<{ removed: number }>(
    db,
    sql`with outcome as (
          select * from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb)
            as x(notification_id uuid, device_id uuid, status text, fcm text, error text, remove_device boolean)
        ), recorded as (
          update push_deliveries d set status = o.status, fcm_message = o.fcm, error = o.error, updated_at = now()
          from outcome o where d.notification_id = o.notification_id and d.device_id = o.device_id and o.status <> 'retry'
        ), released as (
          delete from push_deliveries d using outcome o
          where d.notification_id = o.notification_id and d.device_id = o.device_id and o.status = 'retry'
        ), removed as (
          delete from devices where id in (select device_id from outcome where remove_device) returning id
        ), state as (
          select * from jsonb_to_recordset(${JSON.stringify(states)}::jsonb) as s(id uuid, state text, after timestamptz, note text, attempt int)
        ), moved as (
          update notifications n set push_state = s.state, push_after = coalesce(s.after, n.push_after), push_note = s.note,
            push_attempts = n.push_attempts + s.attempt, push_locked_until = null
          from state s where n.id = s.id
        )
        select (select count(*) from removed)::int as removed`,
  )
  counts.devicesRemoved = written?.removed ?? 0
  for (const decision of decisions.values()) {
    if (decision.state === 'held') counts.held += 1
    else if (decision.state === 'skipped') counts.skipped += 1
    else if (decision.state === 'failed') counts.failed += 1
    else if (decision.state === 'pending') counts.retried += 1
  }
  counts.pushed = deliveries.filter((d) => 'sent' in d.outcome).length
  if (counts.devicesRemoved > 0) log.log('info', 'devices removed: FCM says their tokens are dead', { devices: counts.devicesRemoved })
  return { ...counts, more }
}

/** The push queue's batch: its shards pushed; a shard with more to push asks for itself again. */
export async function consumePushBatch(batch: MessageBatch<PushShardMessage>, services: Services): Promise<PushCounts> {
  const shards = [
    ...new Set(batch.messages.map((m) => m.body?.shard).filter((s): s is number => Number.isInteger(s) && s! >= 0 && s! < PUSH_SHARDS)),
  ]
  const { more, ...counts } = await pushShards(services, shards)
  batch.ackAll()
  services.push.kick(more)
  return counts
}

/**
 * The minute cron: shards with notifications due and nobody on them — quiet hours just ended, a
 * retry's time came, or the queue lost a message — asked for again. 64 index probes, no scan.
 */
export async function sweepPushShards(services: Services) {
  const rows = await queryRows<{ shard: number }>(
    services.db,
    sql`select s as shard from generate_series(0, ${PUSH_SHARDS - 1}) s
        where exists (
          select 1 from notifications
          where push_shard = s and push_state in ('pending', 'held') and push_after <= now() - interval '30 seconds'
            and (push_locked_until is null or push_locked_until < now())
        )`,
  )
  const shards = rows.map((r) => Number(r.shard))
  services.push.kick(shards)
  return { push_shards_kicked: shards.length }
}
