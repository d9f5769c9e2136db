import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { NOTIFICATION_KINDS } from '../src/core/notification-kinds'
import worker from '../src/index'
import { runSql } from './harness/sql'

describe('the housekeeping cron', () => {
  it('deletes expired rate-limit windows and keeps live ones', async () => {
    const expired = `test:expired:${crypto.randomUUID()}`
    const live = `test:live:${crypto.randomUUID()}`
    await runSql(sql`insert into rate_limits (key, hits, window_started_at, expires_at) values
      (${expired}, 3, now() - interval '2 hours', now() - interval '1 hour'),
      (${live}, 1, now(), now() + interval '1 hour')`)
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ cron: '17 * * * *', scheduledTime: Date.now() }), env, ctx)
    await waitOnExecutionContext(ctx)
    const left = await runSql<{ key: string }>(sql`select key from rate_limits where key in (${expired}, ${live})`)
    expect(left.map((r) => r.key)).toEqual([live])
  })

  it('drops push claims past every notification’s TTL and devices FCM would call stale, and keeps the rest', async () => {
    // The 8-day window is safe only while no kind's push outlives 7 days.
    expect(Math.max(...Object.values(NOTIFICATION_KINDS).map((k) => k.ttlSeconds))).toBeLessThanOrEqual(7 * 86_400)
    const patient = crypto.randomUUID()
    const [stale, fresh] = [crypto.randomUUID(), crypto.randomUUID()]
    await runSql(sql`insert into devices (id, patient_id, platform, push_token, last_registered_at) values
      (${stale}, ${patient}, 'android', ${`stale:${stale}`}, now() - interval '271 days'),
      (${fresh}, ${patient}, 'ios', ${`fresh:${fresh}`}, now() - interval '200 days')`)
    const [old, recent] = [crypto.randomUUID(), crypto.randomUUID()]
    await runSql(sql`insert into push_deliveries (notification_id, device_id, status, created_at) values
      (${old}, ${fresh}, 'sent', now() - interval '9 days'), (${recent}, ${fresh}, 'sent', now() - interval '1 day')`)
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ cron: '17 * * * *', scheduledTime: Date.now() }), env, ctx)
    await waitOnExecutionContext(ctx)
    expect((await runSql<{ id: string }>(sql`select id from devices where patient_id = ${patient}`)).map((r) => r.id)).toEqual([fresh])
    const left = await runSql<{ id: string }>(sql`select notification_id as id from push_deliveries where device_id = ${fresh}`)
    expect(left.map((r) => r.id)).toEqual([recent])
  })
  it('forgets old ABDM callback ids and dead ABDM sign-ins, and fails discoveries ABDM never answered', async () => {
    const patient = crypto.randomUUID()
    const [oldCallback, newCallback] = [crypto.randomUUID(), crypto.randomUUID()]
    await runSql(sql`insert into abdm_callbacks (request_id, path, received_at) values
      (${oldCallback}, '/x', now() - interval '8 days'), (${newCallback}, '/x', now() - interval '1 day')`)
    const [dead, alive] = [crypto.randomUUID(), crypto.randomUUID()]
    await runSql(sql`insert into abdm_sessions (patient_id, abha_address, tokens, expires_at, refresh_expires_at) values
      (${dead}, 'dead@sbx', 'v1.x.y', now() - interval '20 days', now() - interval '2 days'),
      (${alive}, 'alive@sbx', 'v1.x.y', now() - interval '20 days', now() + interval '2 days')`)
    const [stuck, waiting, linked] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]
    await runSql(sql`insert into abdm_discoveries (id, patient_id, hip_id, status, discover_request_id, updated_at) values
      (${stuck}, ${patient}, 'DEMO-HIP', 'searching', ${crypto.randomUUID()}, now() - interval '25 hours'),
      (${waiting}, ${patient}, 'DEMO-HIP', 'searching', ${crypto.randomUUID()}, now() - interval '1 hour'),
      (${linked}, ${patient}, 'DEMO-HIP', 'linked', ${crypto.randomUUID()}, now() - interval '30 days')`)
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ cron: '17 * * * *', scheduledTime: Date.now() }), env, ctx)
    await waitOnExecutionContext(ctx)
    const callbacks = await runSql<{ id: string }>(
      sql`select request_id as id from abdm_callbacks where request_id in (${oldCallback}, ${newCallback})`,
    )
    expect(callbacks.map((r) => r.id)).toEqual([newCallback])
    const sessions = await runSql<{ id: string }>(sql`select patient_id as id from abdm_sessions where patient_id in (${dead}, ${alive})`)
    expect(sessions.map((r) => r.id)).toEqual([alive])
    const discoveries = await runSql<{ id: string; status: string }>(
      sql`select id, status from abdm_discoveries where patient_id = ${patient} order by updated_at`,
    )
    expect(Object.fromEntries(discoveries.map((d) => [d.id, d.status]))).toEqual({
      [stuck]: 'failed',
      [waiting]: 'searching',
      [linked]: 'linked',
    })
  })
})
