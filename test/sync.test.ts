import { env } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { loadConfig } from '../src/core/config'
import { openRequestDatabase } from '../src/core/db'
import { ChangesSchema } from '../src/features/sync/changes'
import { RecordSchema } from '../src/features/records/schema'
import { book, openSlot } from './fixtures/appointments'
import { loginByPhone } from './fixtures/auth'
import { pdfDocument } from './fixtures/documents'
import { hospitalId, shareWith } from './fixtures/hospitals'
import { expectError, expectOk, type Client } from './harness/client'
import { hmisCall } from './harness/hmis'
import { runSql } from './harness/sql'

// An app that caches everything and syncs: after a day offline, one call to /v1/changes names what
// changed (and nothing else), and conditional GETs answer 304 for the rest.

type Changes = z.infer<typeof ChangesSchema>

const changes = async (client: Client, token: string, cursor?: string) =>
  expectOk(await client.get(`/v1/changes${cursor ? `?cursor=${cursor}` : ''}`, { token }), 200, ChangesSchema)

/** Follows the feed from a cursor until `until` holds for what came (changes of a concurrent transaction may come a call later). */
async function follow(client: Client, token: string, cursor: string, until: (items: Changes['items']) => boolean) {
  const seen: Changes['items'] = []
  for (const end = Date.now() + 10_000; ;) {
    const page = await changes(client, token, cursor)
    seen.push(...page.items)
    cursor = page.next_cursor
    if (until(seen) || Date.now() > end) return { items: seen, cursor }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const names = (items: Changes['items']) => items.map((i) => `${i.kind} ${i.id} ${i.change}`).sort()

describe('the change feed', () => {
  it('an offline day: the hospital reviews my appointment and posts a prescription; one call names exactly those, the rest answers 304', async () => {
    const { client, access_token: token } = await loginByPhone()
    const start = await changes(client, token)
    expect(start.items).toEqual([])
    const hospital = hospitalId('sahyadri')
    const share = await shareWith(client, token, hospital)
    const slot = await openSlot(client, token, hospital)
    const booked = await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start })
    // The app follows the feed up to its booking, and keeps the ETags of what it shows.
    const synced = await follow(client, token, start.next_cursor, (items) => items.some((i) => i.id === booked.id))
    expect(names(synced.items)).toEqual(expect.arrayContaining([`appointment ${booked.id} upserted`, `share ${share.share_id} upserted`]))
    expect(synced.items.find((i) => i.id === booked.id)!.path).toBe(`/v1/appointments/${booked.id}`)
    const etags = new Map<string, string>()
    for (const path of ['/v1/me', '/v1/home', '/v1/medications', '/v1/vitals', '/v1/records', `/v1/appointments/${booked.id}`]) {
      const answer = await client.get(path, { token })
      etags.set(path, answer.headers.get('etag')!)
      await answer.body?.cancel()
    }

    // Offline: the doctor reviews the appointment and the hospital posts the prescription.
    const reviewed = await hmisCall('sahyadri', 'POST', `/v1/hmis/appointments/${booked.hmis_appointment_ref}/events`, {
      event_id: `rev-${booked.id}`,
      event: 'reviewed',
    })
    expect(reviewed.response.status).toBe(200)
    await reviewed.response.body?.cancel()
    const form = new FormData()
    form.append('file', new File([pdfDocument({ title: 'Rx' })], 'rx.pdf'))
    form.append('patient_ref', share.hmis_patient_id)
    form.append('type', 'prescription')
    form.append('title', 'Prescription — Dr. Meera Kulkarni')
    form.append('appointment_ref', booked.hmis_appointment_ref!)
    const record = await expectOk((await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', form)).response, 201, RecordSchema)

    // Back online: the feed names the appointment, the record and the notifications that told me.
    const told = (await (await client.get('/v1/notifications', { token })).json()) as { items: { id: string; type: string }[] }
    const news = told.items.filter((n) => ['appointment_reviewed', 'document_received'].includes(n.type))
    expect(news.length).toBeGreaterThan(0)
    const expected = [
      `appointment ${booked.id} upserted`,
      `record ${record.id} upserted`,
      ...news.map((n) => `notification ${n.id} upserted`),
    ].sort()
    const back = await follow(client, token, synced.cursor, (items) => names(items).length >= expected.length)
    // Each resource once, even where it changed twice (the appointment: reviewed, then linked to its prescription).
    expect(names(back.items)).toEqual(expected)
    expect(back.items.find((i) => i.kind === 'record')!.path).toBe(`/v1/records/${record.id}`)
    for (const [path, etag] of etags) {
      const answer = await client.get(path, { token, headers: { 'if-none-match': etag } })
      await answer.body?.cancel()
      const changed = path === `/v1/appointments/${booked.id}` || path === '/v1/records' || path === '/v1/home'
      expect(answer.status, path).toBe(changed ? 200 : 304)
    }
    // Nothing more since.
    expect((await changes(client, token, back.cursor)).items).toEqual([])
  })

  it('never skips a change committed after a later one: a cursor does not pass a transaction still running', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    const cursor = (await changes(client, token)).next_cursor
    // A slow request: it changes my profile first, and commits last.
    const database = openRequestDatabase(loadConfig(env))
    let release!: () => void
    let wrote!: () => void
    const written = new Promise<void>((resolve) => (wrote = resolve))
    const slow = database.db.transaction(async (tx) => {
      await tx.execute(sql`update patients set name = 'Written first, committed last' where id = ${patient.id}`)
      wrote()
      await new Promise<void>((resolve) => (release = resolve))
    })
    await written
    // Meanwhile a quick one records a vital, and commits.
    const vital = await expectOk(
      await client.post('/v1/vitals', { type: 'pulse', value: 72, unit: 'bpm', measured_at: new Date().toISOString() }, { token }),
      201,
      z.object({ id: z.string() }),
    )
    const during = await changes(client, token, cursor)
    // Not yet: the vital's change is behind the running transaction (a sequence cursor would hand it out and move past the profile's).
    expect(during.items.map((i) => i.kind)).not.toContain('vital')
    release()
    await slow
    await database.close()
    const after = await follow(client, token, during.next_cursor, (items) => items.length >= 2)
    expect(names([...during.items, ...after.items])).toEqual([`profile ${patient.id} upserted`, `vital ${vital.id} upserted`].sort())
  })

  it('names deletions, shows no one else’s changes, refuses a forged cursor and expires an old one', async () => {
    const { client, access_token: token } = await loginByPhone()
    const cursor = (await changes(client, token)).next_cursor
    const medication = await expectOk(
      await client.post(
        '/v1/medications',
        { name: 'Amlodipine 5 mg', dosage: '1 tablet', timings: ['after_breakfast'], start_date: '2026-12-01' },
        { token },
      ),
      201,
      z.object({ id: z.string() }),
    )
    expect((await client.delete(`/v1/medications/${medication.id}`, { token })).status).toBe(204)
    const other = await loginByPhone()
    await expectOk(await other.client.patch('/v1/me', { name: 'Someone else' }, { token: other.access_token }), 200, z.object({}))
    const seen = await follow(client, token, cursor, (items) => items.some((i) => i.change === 'deleted'))
    expect(seen.items).toEqual([{ kind: 'medication', id: medication.id, change: 'deleted', at: expect.any(String), path: null }])

    for (const forged of ['nope', btoa('{"x":"1","s":"-1","t":1}'), btoa('{"x":"99999999999999999999999","s":"0","t":1}')]) {
      await expectError(await client.get(`/v1/changes?cursor=${encodeURIComponent(forged)}`, { token }), 400, 'validation_failed')
    }
    const old = btoa(JSON.stringify({ x: '1', s: '0', t: Math.floor(Date.now() / 1000) - 31 * 86_400 }))
      .replaceAll('=', '')
      .replaceAll('+', '-')
      .replaceAll('/', '_')
    await expectError(await client.get(`/v1/changes?cursor=${old}`, { token }), 410, 'cursor_expired')
  })

  it('names a dose by its medicine, date and timing, and a deletion of many rows at once row by row', async () => {
    const { client, access_token: token } = await loginByPhone()
    const medication = await expectOk(
      await client.post(
        '/v1/medications',
        { name: 'Metformin 500 mg', dosage: '1 tablet', timings: ['after_breakfast', 'after_dinner'], start_date: '2026-12-01' },
        { token },
      ),
      201,
      z.object({ id: z.string() }),
    )
    const cursor = (await follow(client, token, (await changes(client, token)).next_cursor, () => true)).cursor
    for (const timing of ['after_breakfast', 'after_dinner']) {
      const logged = await client.post(`/v1/medications/${medication.id}/doses`, { date: '2026-12-01', timing, status: 'taken' }, { token })
      expect(logged.status).toBeLessThan(300)
      await logged.body?.cancel()
    }
    const doses = [`dose ${medication.id}/2026-12-01/after_breakfast upserted`, `dose ${medication.id}/2026-12-01/after_dinner upserted`]
    const seen = await follow(client, token, cursor, (items) => items.filter((i) => i.kind === 'dose').length >= 2)
    expect(names(seen.items.filter((i) => i.kind === 'dose'))).toEqual(doses)
    // One statement deletes both doses (the statement-level trigger notes each of them).
    await runSql(sql`delete from medication_doses where medication_id = ${medication.id}`)
    const gone = await follow(client, token, seen.cursor, (items) => items.filter((i) => i.kind === 'dose').length >= 2)
    expect(names(gone.items.filter((i) => i.kind === 'dose'))).toEqual(doses.map((d) => d.replace('upserted', 'deleted')))
  })

  it('names a notification when it comes and when I read it, not while it is being pushed to my phones', async () => {
    const { client, access_token: token } = await loginByPhone()
    const cursor = (await changes(client, token)).next_cursor
    // A critical reading: a notification.
    await expectOk(
      await client.post('/v1/vitals', { type: 'spo2', value: 85, unit: '%', measured_at: new Date().toISOString() }, { token }),
      201,
      z.object({ id: z.string() }),
    )
    const came = await follow(client, token, cursor, (items) => items.some((i) => i.kind === 'notification'))
    const notification = came.items.find((i) => i.kind === 'notification')!
    // The push machinery works on it: no change the app needs to know of.
    const noted = async () =>
      (await runSql<{ n: number }>(sql`select count(*)::int as n from patient_changes where resource_id = ${notification.id}`))[0]!.n
    const before = await noted()
    await runSql(sql`update notifications set push_attempts = push_attempts + 1, push_note = 'sent' where id = ${notification.id}::uuid`)
    expect(await noted()).toBe(before)
    await expectOk(await client.post(`/v1/notifications/${notification.id}/read`, undefined, { token }), 200, z.object({}))
    const after = await follow(client, token, came.cursor, (items) => items.length > 0)
    expect(names(after.items)).toEqual([`notification ${notification.id} upserted`])
    expect((await changes(client, token, after.cursor)).items).toEqual([])
  })
})
