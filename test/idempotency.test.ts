// Idempotency-Key on the creating writes that touch only the database (symptom checks, medicines,
// ambulance bookings): key, work and answer in one transaction. A retry answers the first response,
// another body with the key is 422, concurrent duplicates make one thing, and a failed first
// request leaves nothing behind (the key is free again).
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { loginByPhone } from './fixtures/auth'
import { expectError } from './harness/client'
import { runSql } from './harness/sql'

const creates = [
  { path: '/v1/symptom-checks', table: 'symptom_checks', body: { symptom_codes: ['fever'] }, other: { symptom_codes: ['cough'] } },
  {
    path: '/v1/medications',
    table: 'medications',
    body: { name: 'Metformin 500 mg', dosage: '1 tablet', timings: ['after_breakfast'], start_date: '2026-11-01' },
    other: { name: 'Amlodipine 5 mg', dosage: '1 tablet', timings: ['bedtime'], start_date: '2026-11-01' },
  },
  {
    path: '/v1/ambulance-bookings',
    table: 'ambulance_bookings',
    body: { pickup_address: 'Flat 12, Sai Residency, Kothrud, Pune', pickup_time: new Date(Date.now() + 86_400_000).toISOString() },
    other: { pickup_address: 'Ruby Hall Clinic, Pune', pickup_time: new Date(Date.now() + 86_400_000).toISOString() },
  },
] as const

async function count(table: string, patientId: string) {
  const [row] = await runSql<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where patient_id = ${patientId}`)
  return row!.n
}

describe.each(creates)('Idempotency-Key on POST $path', ({ path, table, body, other }) => {
  it('answers a retry with the first response, refuses another body, and makes one under concurrent duplicates', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    const headers = { 'idempotency-key': `k-${crypto.randomUUID()}` }
    const first = await client.post(path, body, { token, headers })
    expect(first.status).toBe(201)
    const created = (await first.json()) as { id: string }
    const again = await client.post(path, body, { token, headers })
    expect(again.status).toBe(201)
    expect(((await again.json()) as { id: string }).id).toBe(created.id)
    await expectError(await client.post(path, other, { token, headers }), 422, 'idempotency_key_reused')
    expect(await count(table, patient.id)).toBe(1)

    // Five at once with a new key: one is made; the others answer it or 409 + Retry-After.
    const burst = { 'idempotency-key': `k-${crypto.randomUUID()}` }
    const replies = await Promise.all(Array.from({ length: 5 }, () => client.post(path, body, { token, headers: burst })))
    const ids = new Set<string>()
    for (const reply of replies) {
      if (reply.status === 201) ids.add(((await reply.json()) as { id: string }).id)
      else {
        expect(reply.headers.get('retry-after')).toBe('1')
        await expectError(reply, 409, 'request_in_flight')
      }
    }
    expect(ids.size).toBe(1)
    expect(await count(table, patient.id)).toBe(2)
  })
})

describe('a failed first request', () => {
  it('leaves neither the thing nor the key behind: the same key then works', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    const headers = { 'idempotency-key': `k-${crypto.randomUUID()}` }
    // An appointment that is not hers: the create fails inside the transaction.
    await expectError(
      await client.post('/v1/symptom-checks', { symptom_codes: ['fever'], appointment_id: crypto.randomUUID() }, { token, headers }),
      404,
      'not_found',
    )
    const keys = await runSql<{ n: number }>(sql`select count(*)::int as n from idempotency_keys where patient_id = ${patient.id}`)
    expect(keys[0]!.n).toBe(0)
    const retried = await client.post('/v1/symptom-checks', { symptom_codes: ['fever'] }, { token, headers })
    expect(retried.status).toBe(201)
    expect(await count('symptom_checks', patient.id)).toBe(1)
  })
})
