import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
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
})
