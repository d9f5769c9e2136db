import { env } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/core/config'
import { openRequestDatabase, queryRows } from '../src/core/db'
import type { Bindings } from '../src/core/types'
import { HealthSchema } from '../src/features/health/routes'
import { PatientSchema } from '../src/features/profile/schema'
import { loginByPhone } from './fixtures/auth'
import { newClient } from './harness/client'

// Runs in both Workers projects: the Neon WebSocket driver through the proxy, and node-postgres
// over TCP through a Hyperdrive binding, against the same Postgres.
describe(`database driver ${env.DATABASE_DRIVER}`, () => {
  it('answers /health with one select through the driver', async () => {
    const response = await newClient().get('/health')
    const body = HealthSchema.parse(await response.json())
    expect(response.status).toBe(200)
    expect(body.database).toBe('ok')
  })

  it('logs a patient in and reads and writes their profile', async () => {
    const { access_token, patient, phone, client } = await loginByPhone()
    expect(patient.phone).toBe(phone)
    const update = await client.patch('/v1/me', { name: 'Meera Iyer', blood_group: 'O+' }, { token: access_token })
    expect(update.status).toBe(200)
    const me = PatientSchema.parse(await (await client.get('/v1/me', { token: access_token })).json())
    expect(me).toMatchObject({ id: patient.id, name: 'Meera Iyer', blood_group: 'O+', phone })
  })

  it('reads arrays that raw statements answer (preferences switched off, adherence) the same on either driver', async () => {
    const { access_token: token, client } = await loginByPhone()
    const prefs = (await (
      await client.put('/v1/me/notification-preferences', { push: { medication_refill: false, document_received: false } }, { token })
    ).json()) as { push: Record<string, boolean> }
    expect(prefs.push).toMatchObject({ medication_refill: false, document_received: false, medication_due: true, lab_cancelled: true })
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)
    const med = (await (
      await client.post(
        '/v1/medications',
        { name: 'Metformin 500 mg', dosage: '1 tablet', timings: ['bedtime'], start_date: yesterday },
        { token },
      )
    ).json()) as { id: string }
    const record = (await (await client.get(`/v1/medications/adherence?from=${yesterday}&to=${yesterday}`, { token })).json()) as {
      items: { medication_id: string; scheduled: number; missed: number; current_streak: number }[]
    }
    expect(record.items).toEqual([expect.objectContaining({ medication_id: med.id, scheduled: 1, missed: 1, current_streak: 0 })])
  })

  it('runs a transaction: its writes commit together, or roll back together when it throws', async () => {
    const database = openRequestDatabase(loadConfig(env), (env as unknown as Bindings).HYPERDRIVE)
    const key = `driver-test:${crypto.randomUUID()}`
    const rows = () => queryRows<{ key: string }>(database.db, sql`select key from rate_limits where key like ${`${key}%`} order by key`)
    try {
      await expect(
        database.db.transaction(async (tx) => {
          await tx.execute(
            sql`insert into rate_limits (key, hits, window_started_at, expires_at) values (${`${key}:a`}, 1, now(), now() + interval '1 hour')`,
          )
          await tx.execute(
            sql`insert into rate_limits (key, hits, window_started_at, expires_at) values (${`${key}:b`}, 1, now(), now() + interval '1 hour')`,
          )
          // Inside the transaction its own writes are seen…
          expect(await queryRows(tx, sql`select key from rate_limits where key like ${`${key}%`}`)).toHaveLength(2)
          throw new Error('the work failed after two writes')
        }),
      ).rejects.toThrow('the work failed after two writes')
      // …and after the throw neither is kept.
      expect(await rows()).toEqual([])
      await database.db.transaction(async (tx) => {
        await tx.execute(
          sql`insert into rate_limits (key, hits, window_started_at, expires_at) values (${`${key}:a`}, 1, now(), now() + interval '1 hour')`,
        )
        await tx.execute(
          sql`insert into rate_limits (key, hits, window_started_at, expires_at) values (${`${key}:b`}, 1, now(), now() + interval '1 hour')`,
        )
      })
      expect((await rows()).map((r) => r.key)).toEqual([`${key}:a`, `${key}:b`])
    } finally {
      await database.db.execute(sql`delete from rate_limits where key like ${`${key}%`}`)
      await database.close()
    }
  })

  it('keeps ten concurrent requests apart, each on its own connection', async () => {
    const client = newClient()
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.get('/health')))
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      await answer.body?.cancel()
    }
  })
})
