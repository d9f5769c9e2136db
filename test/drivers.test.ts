import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
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

  it('runs a transaction (ABHA-style multi-statement writes roll back together)', async () => {
    // Concurrency through one driver: ten requests at once each open and close their own connection.
    const client = newClient()
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.get('/health')))
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      await answer.body?.cancel()
    }
  })
})
