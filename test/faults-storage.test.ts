// Fault drills for file storage (R2) and a database failing after the file is stored: clear 503s
// with Retry-After, nothing half-saved, no file left that nothing points at, and a retry (the same
// Idempotency-Key, the HMIS's redelivery) that converges on exactly one copy.
import { env } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RecordSchema } from '../src/features/records/schema'
import { loginByPhone } from './fixtures/auth'
import { pdfDocument, pngImage } from './fixtures/documents'
import { hospitalId, shareWith } from './fixtures/hospitals'
import { expectError, expectOk } from './harness/client'
import { hmisCall } from './harness/hmis'
import { runSql } from './harness/sql'

const bucket = (env as unknown as { RECORDS: R2Bucket }).RECORDS
const R2_DOWN = 'We encountered an internal error. Please try again.'

afterEach(() => {
  vi.restoreAllMocks()
})

function form(field: string, bytes: Uint8Array, fields: Record<string, string>) {
  const data = new FormData()
  data.append(field, new File([bytes], 'file'))
  for (const [k, v] of Object.entries(fields)) data.append(k, v)
  return data
}

/** R2 put failing `times` times, then working; the keys it was asked to store. */
function failingPuts(times: number) {
  const put = bucket.put.bind(bucket)
  const keys: string[] = []
  let failures = 0
  vi.spyOn(bucket, 'put').mockImplementation(async (...args: Parameters<R2Bucket['put']>) => {
    keys.push(args[0])
    if (failures++ < times) throw new Error(R2_DOWN)
    return put(...args)
  })
  return keys
}

async function countRows(table: 'records' | 'medicine_orders', patientId: string) {
  const [row] = await runSql<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where patient_id = ${patientId}`)
  return row!.n
}

describe('file storage failing', () => {
  it('an upload answers 503 + Retry-After, stores nothing, and the same Idempotency-Key then stores it once', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    failingPuts(1)
    const file = pdfDocument({ title: `Report ${crypto.randomUUID()}` })
    const key = { 'idempotency-key': `upload-${crypto.randomUUID()}` }
    const fields = { title: 'Blood test', type: 'test_result' }
    const refused = await client.postForm('/v1/records', form('file', file, fields), { token, headers: key })
    expect(refused.headers.get('retry-after')).toBe('2')
    const error = await expectError(refused, 503, 'upstream_unavailable')
    expect(error.details).toMatchObject({ service: 'R2' })
    expect(await countRows('records', patient.id)).toBe(0)

    const stored = await expectOk(
      await client.postForm('/v1/records', form('file', file, fields), { token, headers: key }),
      201,
      RecordSchema,
    )
    const again = await expectOk(
      await client.postForm('/v1/records', form('file', file, fields), { token, headers: key }),
      201,
      RecordSchema,
    )
    expect(again.id).toBe(stored.id)
    expect(await countRows('records', patient.id)).toBe(1)
    const served = await client.get(`/v1/records/${stored.id}/file`, { token })
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(file)
  })

  it('a streamed upload answers 503 (not 422) when storage fails on a whole body', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    failingPuts(1)
    const file = pdfDocument({ title: `Scan ${crypto.randomUUID()}` })
    const send = () =>
      client.put('/v1/records/stream?title=Scan&type=report', file, {
        token,
        headers: { 'content-type': 'application/pdf', 'content-length': String(file.length) },
      })
    await expectError(await send(), 503, 'upstream_unavailable')
    expect(await countRows('records', patient.id)).toBe(0)
    expect((await send()).status).toBe(201)
  })

  it('a hospital’s document answers 503 and its redelivery stores it once, with one notification', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    const share = await shareWith(client, token, hospitalId('sahyadri'))
    failingPuts(1)
    const documentId = `doc-${crypto.randomUUID()}`
    const post = () =>
      hmisCall(
        'sahyadri',
        'POST',
        '/v1/hmis/documents',
        form('file', pdfDocument({ title: documentId }), {
          patient_ref: share.hmis_patient_id,
          type: 'report',
          title: 'Discharge summary',
          document_id: documentId,
        }),
      )
    await expectError((await post()).response, 503, 'upstream_unavailable')
    expect(await countRows('records', patient.id)).toBe(0)
    const stored = await expectOk((await post()).response, 201, RecordSchema)
    expect((await expectOk((await post()).response, 200, RecordSchema)).id).toBe(stored.id)
    const notes = await runSql<{ n: number }>(
      sql`select count(*)::int as n from notifications where patient_id = ${patient.id} and type = 'document_received'`,
    )
    expect(notes[0]!.n).toBe(1)
  })

  it('a medicine order answers 503, places nothing at the pharmacy, and goes through on retry', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    await shareWith(client, token, hospitalId('sahyadri'))
    failingPuts(1)
    const fields = { hospital_id: hospitalId('sahyadri'), delivery_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038' }
    const place = () => client.postForm('/v1/store/medicine-orders', form('prescription', pngImage(90, 120), fields), { token })
    await expectError(await place(), 503, 'upstream_unavailable')
    expect(await countRows('medicine_orders', patient.id)).toBe(0)
    const jobs = await runSql<{ n: number }>(
      sql`select count(*)::int as n from outbox j join medicine_orders o on o.id = j.subject_id where o.patient_id = ${patient.id}`,
    )
    expect(jobs[0]!.n).toBe(0)
    expect((await place()).status).toBe(201)
    expect(await countRows('medicine_orders', patient.id)).toBe(1)
  })

  it('a download answers 503 while storage cannot read', async () => {
    const { client, access_token: token } = await loginByPhone()
    const record = await expectOk(
      await client.postForm('/v1/records', form('file', pdfDocument({ title: crypto.randomUUID() }), { title: 'X-ray', type: 'report' }), {
        token,
      }),
      201,
      RecordSchema,
    )
    vi.spyOn(bucket, 'get').mockRejectedValueOnce(new Error(R2_DOWN))
    await expectError(await client.get(`/v1/records/${record.id}/file`, { token }), 503, 'upstream_unavailable')
    expect((await client.get(`/v1/records/${record.id}/file`, { token })).status).toBe(200)
  })
})

describe('the database failing after the file is stored', () => {
  it('removes the stored file (no object that nothing points at) and answers 503', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    // A real failure of the insert, as a lost connection reports it (SQLSTATE 08006), for this title only.
    await runSql(sql`create or replace function drill_fail_insert() returns trigger language plpgsql as $$
      begin
        if new.title = 'drill: the database fails' then raise exception 'connection lost (drill)' using errcode = '08006'; end if;
        return new;
      end $$`)
    await runSql(sql`drop trigger if exists drill_fail_insert on records`)
    await runSql(sql`create trigger drill_fail_insert before insert on records for each row execute function drill_fail_insert()`)
    try {
      const keys = failingPuts(0)
      const file = pdfDocument({ title: crypto.randomUUID() })
      const refused = await client.postForm('/v1/records', form('file', file, { title: 'drill: the database fails', type: 'report' }), {
        token,
      })
      await expectError(refused, 503, 'upstream_unavailable')
      expect(keys).toHaveLength(1)
      expect(await bucket.head(keys[0]!)).toBeNull()
      expect(await countRows('records', patient.id)).toBe(0)
    } finally {
      await runSql(sql`drop trigger if exists drill_fail_insert on records`)
      await runSql(sql`drop function if exists drill_fail_insert()`)
    }
  })
})
