// Fault drills over HTTP against `wrangler dev`, on a Postgres, a reference HMIS and a fake Gemini
// of their own (so that restarting the database or injecting faults disturbs no other test): the
// HMIS slow, failing, timing out and answering malformed bodies; Gemini failing; Postgres
// restarted in the middle of a run. Every answer is a documented status in the error envelope,
// nothing the patient was told is saved goes missing, nothing is done twice, and retries converge.
// (File storage failing is drilled in test/faults-storage.test.ts, where the bucket can fail.)
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeGemini } from '../../scripts/fakes/gemini.mjs'
import { startReferenceHmis } from '../../scripts/hmis/reference.mjs'
import { hospitals as demoHospitals } from '../../scripts/hmis/seed.mjs'
import { registerHospital } from '../../scripts/lib/hospitals.mjs'
import { migrate } from '../../scripts/lib/migrate.mjs'
import { startPostgres, systemPostgresBin } from '../../scripts/lib/postgres.mjs'
import { recording, routineFever } from '../fixtures/symptom-data'
import { testSecrets } from '../secrets'
import { ok, refused, startE2e, type E2e, type Patient, type Reply } from './harness/e2e'
import { toolMissing } from './harness/tools'

let postgres: Awaited<ReturnType<typeof startPostgres>>
let hmis: Awaited<ReturnType<typeof startReferenceHmis>>
let gemini: Awaited<ReturnType<typeof startFakeGemini>>
let e2e: E2e
let hospital: string

beforeAll(async () => {
  postgres = await startPostgres()
  await migrate(postgres.url, { log: () => {} })
  hmis = await startReferenceHmis({ apiKeys: { sahyadri: 'drill-hmis-key' } })
  gemini = await startFakeGemini({ apiKey: testSecrets.GEMINI_API_KEY })
  const sahyadri = demoHospitals.find((h) => h.key === 'sahyadri')!
  hospital = await registerHospital(postgres.url, testSecrets.HOSPITAL_SECRETS_KEY, {
    hfrId: sahyadri.hfrId,
    name: sahyadri.name,
    address: sahyadri.address,
    timezone: sahyadri.timezone,
    adapter: 'rest',
    baseUrl: hmis.baseUrlOf('sahyadri'),
    apiKey: 'drill-hmis-key',
    inboundSecrets: ['test-inbound-sahyadri'],
  })
  e2e = await startE2e(
    {
      DATABASE_URL: postgres.url,
      GEMINI_BASE_URL: gemini.url,
      HMIS_READ_TIMEOUT_MS: '1500',
      HMIS_BOOKING_BUDGET_MS: '1500',
      GEMINI_TIMEOUT_MS: '1500',
    },
    { upstreamFailures: true },
  )
}, 180_000)

afterAll(async () => {
  await e2e?.stop()
  await Promise.allSettled([hmis?.close(), gemini?.close()])
  await postgres?.stop()
})

/**
 * Rounds of the outbox as Cloudflare runs it: the pending jobs made overdue (as if their backoff
 * and a lost message had passed), two overlapping sweeper runs send them to the local queue, and
 * the round ends when wrangler's queue consumer has run them all (none due or running).
 */
async function drainOutbox(rounds: number) {
  for (let round = 0; round < rounds; round++) {
    await sql(`update outbox set next_attempt_at = now() - interval '2 minutes'
               where status = 'pending' and (locked_until is null or locked_until < now())`)
    await Promise.all([e2e.cron(), e2e.cron()])
    for (const until = Date.now() + 30_000; Date.now() < until;) {
      const [busy] = await sql<{ n: number }>(
        `select count(*)::int as n from outbox where status = 'pending' and (next_attempt_at <= now() or locked_until > now())`,
      )
      if (busy!.n === 0) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

async function sql<Row = Record<string, any>>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: postgres.url })
  await client.connect()
  try {
    return (await client.query(text, values)).rows as Row[]
  } finally {
    await client.end()
  }
}

const hmisControl = (path: string, init?: RequestInit) => fetch(`${hmis.url}/_hmis/${path}`, init).then((r) => r.json())
const fault = (f: Record<string, unknown>, count = 1) => hmisControl('faults', { method: 'POST', body: JSON.stringify({ ...f, count }) })
const geminiFails = (body: Record<string, unknown>) => fetch(`${gemini.url}/_fake/fail`, { method: 'POST', body: JSON.stringify(body) })

/** A refusal a client can act on: an error envelope with a documented 5xx, Retry-After on 503. */
function expectUpstreamError(reply: Reply, status: number) {
  refused(reply, status)
  if (status === 503) expect(reply.headers.get('retry-after')).toMatch(/^\d+$/)
}

async function sharedPatient() {
  const patient = await e2e.patient()
  ok(await patient.post(`/v1/hospitals/${hospital}/share`, {}), 201)
  return patient
}

describe('the HMIS slow, failing, timing out, answering malformed bodies', () => {
  it('reads answer 502/503/504 in the envelope within the timeout, and the next read works', async () => {
    const asha = await sharedPatient()
    const search = (n: string) => asha.get(`/v1/hospitals/${hospital}/doctors?name=${encodeURIComponent(`meera|${n}${Date.now()}`)}`)
    await fault({ kind: 'malformed', route: 'GET /doctors' })
    expectUpstreamError(await search('malformed'), 502)
    // An unavailable or unreachable hospital is tried once more, then answered 503 + Retry-After.
    await fault({ kind: 'status', status: 503, route: 'GET /doctors' })
    expect(ok(await search('blip'), 200).items).toHaveLength(1)
    await fault({ kind: 'status', status: 503, route: 'GET /doctors' }, 2)
    expectUpstreamError(await search('down'), 503)
    await fault({ kind: 'status', status: 500, route: 'GET /doctors' }, 2)
    expectUpstreamError(await search('broken'), 502)
    await fault({ kind: 'drop', route: 'GET /doctors' }, 2)
    expectUpstreamError(await search('drop'), 503)
    await fault({ kind: 'timeout', route: 'GET /doctors' })
    const started = Date.now()
    expectUpstreamError(await search('timeout'), 504)
    expect(Date.now() - started).toBeLessThan(5000)
    await fault({ kind: 'slow', ms: 500, route: 'GET /doctors' })
    expect(ok(await search('slow'), 200).items.map((d: { id: string }) => d.id)).toEqual(['d-sah-01'])
    expect(e2e.problems).toEqual([])
  })

  it('takes 12 bookings while the HMIS drops, fails, hangs, dawdles and garbles; each reaches the HMIS exactly once', async () => {
    const patients: Patient[] = []
    for (let i = 0; i < 12; i++) patients.push(await sharedPatient())
    const { availability } = ok(await patients[0]!.get(`/v1/hospitals/${hospital}/doctors/d-sah-01`), 200)
    const starts = (availability as { slots: { start: string; modes: string[] }[] }[])
      .flatMap((d) => d.slots)
      .filter((s) => s.modes.includes('online') && Date.parse(s.start) > Date.now() + 3 * 3600_000)
      .map((s) => s.start)
    for (const [kind, extra] of [
      ['drop', {}],
      ['status', { status: 503 }],
      ['timeout', {}],
      ['malformed', {}],
      ['slow', { ms: 2500 }],
    ] as const) {
      await fault({ kind, route: 'POST /appointments', ...extra }, 2)
    }
    const booked = await Promise.all(
      patients.map(async (p, i) => {
        const started = Date.now()
        const reply = await p.post('/v1/appointments', {
          hospital_id: hospital,
          doctor_id: 'd-sah-01',
          mode: 'online',
          slot_start: starts[i % starts.length],
        })
        return { patient: p, elapsed: Date.now() - started, appointment: ok(reply, 201) }
      }),
    )
    // Nobody waits on a hanging hospital: the booking is kept (pending_sync) and sent later.
    expect(Math.max(...booked.map((b) => b.elapsed))).toBeLessThan(8000)
    expect(booked.filter((b) => b.appointment.status === 'pending_sync').length).toBeGreaterThan(0)

    await drainOutbox(6)
    const atHmis = (await hmisControl('bookings?hospital=sahyadri')) as { phr_appointment_id: string }[]
    for (const { patient, appointment } of booked) {
      expect(ok(await patient.get(`/v1/appointments/${appointment.id}`), 200).status).toBe('booked')
      expect(atHmis.filter((b) => b.phr_appointment_id === appointment.id)).toHaveLength(1)
    }
    expect(await sql(`select id from outbox where status = 'pending'`)).toEqual([])
    expect(e2e.problems).toEqual([])
  }, 90_000)
})

describe('Gemini failing', () => {
  it('detection answers 503/502/504 and keeps nothing; the same Idempotency-Key then detects once', async () => {
    const asha = await e2e.patient()
    const voice = () => {
      const form = new FormData()
      form.append('audio', new File([recording('m4a', 'Kal se bukhar hai')], 'voice.m4a'))
      return form
    }
    const key = { 'idempotency-key': `drill-${crypto.randomUUID()}` }
    await geminiFails({ status: 503 })
    expectUpstreamError(await asha.upload('/v1/symptom-checks/detect', voice(), key), 503)
    await geminiFails({ status: 500 })
    expectUpstreamError(await asha.upload('/v1/symptom-checks/detect', voice(), key), 502)
    await geminiFails({ status: 0 })
    expectUpstreamError(await asha.upload('/v1/symptom-checks/detect', voice(), key), 503)
    await geminiFails({ delay_ms: 2500 })
    expectUpstreamError(await asha.upload('/v1/symptom-checks/detect', voice(), key), 504)
    expect(ok(await asha.get('/v1/symptom-checks'), 200).items).toEqual([])

    const detected = ok(await asha.upload('/v1/symptom-checks/detect', voice(), key), 201)
    expect(detected.detected_symptoms.map((s: { code: string }) => s.code)).toEqual(['fever'])
    expect(ok(await asha.upload('/v1/symptom-checks/detect', voice(), key), 201).check.id).toBe(detected.check.id)
    expect(ok(await asha.get('/v1/symptom-checks'), 200).items).toHaveLength(1)
    expect(e2e.problems).toEqual([])
  })
})

describe.skipIf(toolMissing('PostgreSQL (Debian postgresql, for a server to restart)', Boolean(systemPostgresBin())))(
  'Postgres restarted in the middle of a run',
  () => {
    it('answers 503 + Retry-After while it is down (never a 500), loses nothing it confirmed, doubles nothing, and the outbox converges', async () => {
      const patients = [await sharedPatient(), await sharedPatient(), await sharedPatient(), await sharedPatient()]
      // Each lane: symptom checks created with an Idempotency-Key, each retried with the same key
      // after a 5xx or a lost connection until it is confirmed, as the app does.
      const statuses = new Map<number, number>()
      const confirmed = new Map<string, string>() // idempotency key → check id
      let running = true
      const lane = async (patient: Patient, lane: number) => {
        for (let n = 0; running; n++) {
          const key = `drill-${lane}-${n}`
          for (let attempt = 0; ; attempt++) {
            const reply = await patient
              .post('/v1/symptom-checks', { symptom_codes: ['fever'] }, { 'idempotency-key': key })
              .catch(() => ({ status: 0, json: undefined, bytes: new Uint8Array(), headers: new Headers() }) as Reply)
            statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1)
            if (reply.status === 201) {
              confirmed.set(`${patient.id} ${key}`, reply.json.id)
              break
            }
            if (reply.status !== 0) expect([409, 503], JSON.stringify(reply.json)).toContain(reply.status)
            if (reply.status === 503) expect(reply.headers.get('retry-after')).toMatch(/^\d+$/)
            expect(attempt, `${key} never went through`).toBeLessThan(200)
            await new Promise((r) => setTimeout(r, 100))
          }
        }
      }
      const lanes = patients.map((p, i) => lane(p, i))
      // Bookings made just before the restart go through the outbox while the database comes back.
      await fault({ kind: 'status', status: 503, route: 'POST /appointments' }, 8)
      const { availability } = ok(await patients[0]!.get(`/v1/hospitals/${hospital}/doctors/d-sah-06`), 200)
      const starts = (availability as { slots: { start: string; modes: string[] }[] }[])
        .flatMap((d) => d.slots)
        .filter((s) => s.modes.includes('in_person') && Date.parse(s.start) > Date.now() + 3 * 3600_000)
        .map((s) => s.start)
      const bookings = await Promise.all(
        patients.map(async (p, i) =>
          ok(
            await p.post('/v1/appointments', { hospital_id: hospital, doctor_id: 'd-sah-06', mode: 'in_person', slot_start: starts[i]! }),
            201,
          ),
        ),
      )
      expect(bookings.every((b) => b.status === 'pending_sync')).toBe(true)

      await new Promise((r) => setTimeout(r, 1000))
      await (postgres as unknown as { restart(o: { downMs: number }): Promise<void> }).restart({ downMs: 1500 })
      await new Promise((r) => setTimeout(r, 2000))
      running = false
      await Promise.all(lanes)

      expect(statuses.get(500) ?? 0, JSON.stringify([...statuses])).toBe(0)
      expect(statuses.get(503) ?? 0, 'the outage was seen').toBeGreaterThan(0)
      // Every confirmed check is there, once; no check was made that was not confirmed.
      const rows = await sql<{ patient_id: string; n: number }>(
        `select patient_id, count(*)::int as n from symptom_checks where patient_id = any($1) group by patient_id`,
        [patients.map((p) => p.id)],
      )
      for (const patient of patients) {
        const mine = [...confirmed.entries()].filter(([k]) => k.startsWith(patient.id)).map(([, id]) => id)
        const listed = ok(await patient.get('/v1/symptom-checks?limit=100'), 200).items.map((c: { id: string }) => c.id)
        expect(new Set(listed)).toEqual(new Set(mine))
        expect(rows.find((r) => r.patient_id === patient.id)?.n ?? 0).toBe(mine.length)
      }
      // The bookings waiting in the outbox are sent once the database is back.
      await drainOutbox(4)
      const atHmis = (await hmisControl('bookings?hospital=sahyadri')) as { phr_appointment_id: string }[]
      for (const [i, booking] of bookings.entries()) {
        expect(ok(await patients[i]!.get(`/v1/appointments/${booking.id}`), 200).status).toBe('booked')
        expect(atHmis.filter((b) => b.phr_appointment_id === booking.id)).toHaveLength(1)
      }
      // And the service answers as before.
      const hers = [...confirmed.entries()].find(([k]) => k.startsWith(patients[0]!.id))![1]
      const after = await patients[0]!.put(`/v1/symptom-checks/${hers}/answers`, {
        answers: Object.entries(routineFever).map(([question_id, value]) => ({ question_id, value })),
      })
      expect(after.status).toBe(200)
      expect(e2e.problems).toEqual([])
    }, 120_000)
  },
)
