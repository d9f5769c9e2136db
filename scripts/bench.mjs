// `npm run bench`: latency of key routes under concurrent load, against `wrangler dev`, a real
// Postgres and the reference HMIS, each as a ratio to GET /health (one `select 1` through the same
// driver, the floor), for each database driver: GET /v1/me, a symptom questionnaire, the doctor list from the edge cache,
// and uncached (every request a new search: the floor plus the HMIS's own time, measured alone), the
// home screen, saving symptom answers, recording a vital, bookings, the records list; then uploads
// and Worker memory, the dose-reminder run, the outbox draining through its queue, chat fan-out
// and the Worker bundle's gzip size and startup CPU; pushes end to end (due doses → reminders → push
// queue → FCM); with `large`, a 10-million-row database and the outbox sweeper's cost as it grows.
// Round trips per request come from the Server-Timing header the Worker sets.
// Settings (environment): BENCH_DATABASE_URL, BENCH_POOLER (none: no PgBouncer in front), BENCH_REQUESTS (default 1000), BENCH_CONCURRENCY (10),
// BENCH_DRAIN_JOBS (10000), BENCH_DRAIN_LANES (4,8,16,32), BENCH_DRAIN_LATENCY_MS (200), BENCH_PUSHES
// (100000), BENCH_PUSH_LANES (16,32,64), BENCH_FCM_LATENCY_MS (50), BENCH_LARGE_PATIENTS (100000),
// BENCH_LARGE_REQUESTS (300), BENCH_LARGE_REMINDERS (10000 due doses), BENCH_UPLOAD_CASES, BENCH_ONLY (a
// comma-separated subset of routes,uploads,large,reminders,drain,push; all by default), BENCH_PROFILE
// (a substring of route names: the Worker's CPU profile while they run).
// Each route is measured with its own floor: every lane sends GET /health after each request of it.
import { fork, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createDeflate, gzipSync } from 'node:zlib'
import pg from 'pg'
import { join } from 'node:path'
import { once } from 'node:events'
import { migrate } from './lib/migrate.mjs'
import { pgbouncerBin, startPgbouncer } from './lib/pgbouncer.mjs'
import { createDatabase, dropDatabase, startPostgres, withDatabase } from './lib/postgres.mjs'
import { startWorker } from './lib/worker.mjs'
import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { startFakeGoogle } from './fakes/google.mjs'
import { serviceAccountKeys } from './lib/keys.mjs'
import { hospitals } from './hmis/seed.mjs'
import { registerHospital } from './lib/hospitals.mjs'
import { allowFor, startWsProxy } from './lib/ws-proxy.mjs'
import { inspector, isolateAlive, isolateMemory, rssKb, treeRssKb, whileRunning, workerdPid } from './lib/inspector.mjs'
import WebSocket from 'ws'

const root = new URL('..', import.meta.url).pathname
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000)
/** The large-database section (BENCH_ONLY=large): its patients, and requests per route there. */
const LARGE_PATIENTS = Number(process.env.BENCH_LARGE_PATIENTS ?? 100_000)
const LARGE_REQUESTS = Number(process.env.BENCH_LARGE_REQUESTS ?? 300)
/** The sections to run (BENCH_ONLY, comma-separated): routes (with uploads, chat and hostile), uploads (alone, 1–25 MB), large (a 10-million-row database), reminders, drain, push. */
const only = new Set((process.env.BENCH_ONLY ?? 'routes,uploads,large,reminders,drain,push').split(','))
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10)
const log = (line) => console.log(`[bench] ${line}`)

/** The consumer's own account of each batch (its log line `message`): how many, and how long the median took. */
function batchTimes(worker, message) {
  const ms = [...worker.output().matchAll(new RegExp(`"message":"${message}".*?"ms":(\\d+)`, 'g'))]
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b)
  return { batches: ms.length, batchP50: ms[Math.floor(ms.length / 2)] ?? 0 }
}

/** The development secrets of .dev.vars.example, so that the bench runs from a fresh clone too. */
const exampleSecrets = Object.fromEntries(
  readFileSync(join(root, '.dev.vars.example'), 'utf8')
    .split('\n')
    .map((line) => line.match(/^([A-Z0-9_]+)=(.+)$/))
    .filter(Boolean)
    .map((m) => [m[1], m[2]]),
)

/** wrangler dev with the example secrets and these settings. */
const startBenchWorker = (overrides, options) => startWorker({ ...exampleSecrets, ...overrides }, options)

async function login(base) {
  const phone = `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
  const post = (path, body) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.7' },
      body: JSON.stringify(body),
    }).then((r) => r.json())
  const challenge = await post('/v1/auth/otp', { channel: 'phone', identifier: phone })
  const outbox = await fetch(`${base}/dev/outbox?to=${encodeURIComponent(phone)}`).then((r) => r.json())
  const otp = outbox.items[0].body.match(/\d{6}/)[0]
  return (await post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp })).access_token
}

/**
 * Bookings by one new patient who shared with the hospital, each in its own slot of one doctor's
 * week (a patient cannot hold two at once): as many as there are slots, at most BENCH_BOOKINGS.
 */
async function bookings(base, hospitalId) {
  const token = await login(base)
  const call = (method, path, body) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    }).then((r) => r.json())
  await call('POST', `/v1/hospitals/${hospitalId}/share`, {})
  const doctor = await call('GET', `/v1/hospitals/${hospitalId}/doctors/d-sah-01`)
  const slots = doctor.availability.flatMap((d) => d.slots).filter((s) => s.modes.includes('online') && s.available > 0)
  const count = Math.min(slots.length, Number(process.env.BENCH_BOOKINGS ?? 80))
  return load(
    (n) => ({
      url: `${base}/v1/appointments`,
      body: JSON.stringify({ hospital_id: hospitalId, doctor_id: 'd-sah-01', mode: 'online', slot_start: slots[n].start }),
    }),
    { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    count,
  )
}

/** The patient's profile shared with the hospital (once), so that it is one they can book with. */
async function shared(base, auth, hospitalId) {
  const response = await fetch(`${base}/v1/hospitals/${hospitalId}/share`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: '{}',
  })
  await response.arrayBuffer()
  if (response.status !== 201) throw new Error(`sharing with the bench hospital answered ${response.status}`)
}

/**
 * Saving symptom answers (validation against the questionnaire, triage from the rules, one
 * conditional update): one draft check per lane, its answers saved again and again.
 */
async function answers(base, token) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const checks = []
  for (let i = 0; i < CONCURRENCY; i++) {
    const created = await fetch(`${base}/v1/symptom-checks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ symptom_codes: ['fever'] }),
    })
    checks.push((await created.json()).id)
  }
  const body = JSON.stringify({
    answers: [
      { question_id: 'fever.duration', value: { amount: 2, unit: 'days' } },
      { question_id: 'fever.severity', value: 'moderate' },
      { question_id: 'screen.fever', value: true },
      { question_id: 'screen.measured', value: true },
      { question_id: 'screen.temperature', value: 38.6 },
    ],
  })
  return load((n) => ({ method: 'PUT', url: `${base}/v1/symptom-checks/${checks[n % checks.length]}/answers`, body }), headers)
}

/** Recording a vital (range check, conversion, thresholds and any alert in one statement), each at its own time. */
async function vitals(base, token, { unit = 'bpm' } = {}) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const start = Date.now() - REQUESTS * 60_000
  return load(
    (n) => ({
      url: `${base}/v1/vitals`,
      body: JSON.stringify({ type: 'pulse', value: 60 + (n % 40), unit, measured_at: new Date(start + n * 60_000).toISOString() }),
    }),
    headers,
  )
}

/**
 * Chat fan-out: SOCKETS sockets in one Mindscape room (one patient's tickets), 10 of them each
 * sending 5 messages (the per-socket limit); every message reaches every socket. Reports
 * deliveries per second and the send-to-receipt p50/p95.
 */
async function fanOut(base, sockets = Number(process.env.BENCH_SOCKETS ?? 100)) {
  const token = await login(base)
  const join = () =>
    fetch(`${base}/v1/mindscape/rooms/general/join`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).then((r) =>
      r.json(),
    )
  const latencies = []
  let expected = 0
  const clients = []
  for (let i = 0; i < sockets; i++) {
    const { ticket } = await join()
    const ws = new WebSocket(`${base.replace('http', 'ws')}/v1/mindscape/rooms/general/ws?ticket=${encodeURIComponent(ticket)}`)
    ws.addEventListener('message', (event) => {
      const frame = JSON.parse(event.data)
      const sent = frame.type === 'message' ? Number(frame.text.match(/^bench (\d+(?:\.\d+)?)/)?.[1]) : NaN
      if (!Number.isNaN(sent)) latencies.push(performance.now() - sent)
    })
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve, { once: true })
      ws.addEventListener('error', reject, { once: true })
    })
    clients.push(ws)
  }
  const senders = clients.slice(0, 10)
  const started = performance.now()
  for (let round = 0; round < 5; round++) {
    for (const ws of senders) ws.send(JSON.stringify({ type: 'message', text: `bench ${performance.now()}` }))
    expected += senders.length * sockets
  }
  const deadline = Date.now() + 30_000
  while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  const elapsed = (performance.now() - started) / 1000
  for (const ws of clients) ws.close(1000)
  const { p50, p95 } = quantiles(latencies)
  return { sockets, delivered: latencies.length, expected, perSecond: latencies.length / elapsed, p50, p95 }
}

/**
 * The floor measured with every route (`GET /health`, one `select 1`): while set, each lane of
 * `load` sends a floor request after each of the route's, so that the route and its floor meet the
 * same moment of the machine (on 2 cores the floor drifts by a third within a run) and the ratio
 * compares them, not two stretches of time.
 */
let pairedFloor

/** Requests `load` has sent (routes and their floors), for the isolate's memory per request. */
let sentByLoad = 0

/**
 * One request (`target`: a URL, or { url, method, body }) answered in full: its time, status and
 * round trips. A connection that fails is a failure named by its code, not timed, and not the end of
 * the bench: two full runs on 2026-12-02 ended on one (ECONNRESET in the large section, EPIPE in an
 * upload after it) 25–35 minutes in, whose cause the bench could not see.
 */
async function timed(target, headers) {
  sentByLoad++
  const started = performance.now()
  try {
    const response =
      typeof target === 'string'
        ? await fetch(target, { headers })
        : await fetch(target.url, { method: target.method ?? 'POST', headers, body: target.body })
    await response.arrayBuffer()
    const roundTrips = response.headers.get('server-timing')?.match(/(\d+) round trips/)?.[1]
    return { ms: performance.now() - started, ok: response.ok, status: response.status, roundTrips }
  } catch (error) {
    return { ms: Number.NaN, ok: false, status: error.cause?.code ?? error.message }
  }
}

/** What `load` and `sideBySide` report of one route: quantiles, round trips, failures by status, and its floor. */
function tally() {
  const latencies = []
  const floorLatencies = []
  const statuses = new Map()
  let roundTrips = 0
  let failures = 0
  return {
    add(answer) {
      if (!Number.isNaN(answer.ms)) latencies.push(answer.ms)
      if (!answer.ok) {
        failures++
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
      }
      roundTrips = Number(answer.roundTrips ?? roundTrips)
    },
    addFloor(answer) {
      if (!Number.isNaN(answer.ms)) floorLatencies.push(answer.ms)
      else this.add({ ...answer, status: `floor ${answer.status}` })
    },
    result: () => ({
      ...quantiles(latencies),
      roundTrips,
      failures: failures ? `${failures} (${[...statuses].map(([status, n]) => `${n}× ${status}`).join(', ')})` : 0,
      floor: floorLatencies.length ? quantiles(floorLatencies) : undefined,
    }),
  }
}

/** Sends REQUESTS requests, CONCURRENCY at a time; `url` may be a function of the request number. */
async function load(url, headers, requests = REQUESTS) {
  const floor = url === pairedFloor ? undefined : pairedFloor
  const route = tally()
  let next = 0
  async function lane() {
    while (next < requests) {
      const n = next++
      route.add(await timed(typeof url === 'function' ? url(n) : url, headers))
      if (floor) route.addFloor(await timed(floor))
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane))
  return route.result()
}

/**
 * The same route on two Workers at once (`sides`: [{ url, headers, floor }], each its own database),
 * request by request: each lane sends one side's request and its floor, then the other's (which
 * goes first alternates), so that both meet the same moments of the machine and their difference
 * is the databases', not the minutes'. Returns one `load` result per side.
 */
async function sideBySide(sides, requests) {
  const tallies = sides.map(() => tally())
  let next = 0
  async function lane() {
    while (next < requests) {
      const n = next++
      for (let k = 0; k < sides.length; k++) {
        const i = (k + n) % sides.length
        tallies[i].add(await timed(sides[i].url, sides[i].headers))
        if (sides[i].floor) tallies[i].addFloor(await timed(sides[i].floor))
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane))
  return tallies.map((t) => t.result())
}

function quantiles(latencies) {
  latencies.sort((a, b) => a - b)
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) }
}

/** A whole PDF of about `bytes` bytes (one page plus an incompressible stream), unique each time. */
function pdfOfSize(bytes) {
  const filler = randomBytes(Math.max(0, bytes - 600))
  const parts = []
  const offsets = []
  let length = 0
  const add = (chunk) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk
    parts.push(buffer)
    length += buffer.length
  }
  add('%PDF-1.4\n')
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R >>']
  objects.forEach((object, i) => {
    offsets.push(length)
    add(`${i + 1} 0 obj\n${object}\nendobj\n`)
  })
  offsets.push(length)
  add(`4 0 obj\n<< /Length ${filler.length} >>\nstream\n`)
  add(filler)
  add('\nendstream\nendobj\n')
  const xref = length
  add(`xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`)
  add(`trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
  return Buffer.concat(parts)
}

/**
 * The reference HMIS in a process of its own, as a hospital's HMIS is on its own machine: in the
 * bench's process its answers waited behind the bench's own load (10 lanes sending and timing),
 * which made an uncached doctor list look slower than the HMIS is (p95 83 ms alone, 2026-12-02).
 */
async function referenceHmisProcess(apiKeys) {
  const child = fork(join(root, 'scripts/hmis/serve.mjs'), {
    env: { ...process.env, HMIS_PORT: '0', HMIS_API_KEYS: JSON.stringify(apiKeys) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const [{ url }] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`the reference HMIS exited (${code}) before it listened`))),
  ])
  return {
    url,
    baseUrlOf: (key) => `${url}/hospitals/${key}`,
    close: async () => {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.disconnect()
      await exited
    },
  }
}

/**
 * BENCH_PROFILE (a substring of route names): the Worker's CPU profile while those routes run
 * (V8's sampling profiler through the inspector), printed as the functions with the most self
 * time, so that where a route's time goes is read, not guessed.
 */
async function profiled(worker, name, measure) {
  if (!process.env.BENCH_PROFILE || !name.includes(process.env.BENCH_PROFILE)) return measure()
  // workerd's own inspector: wrangler's proxy answers one session, the bench's kept one.
  const session = await inspector(worker, 30_000)
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: 200 })
  await whileRunning(worker, session.send('Profiler.start'))
  const result = await measure()
  const { profile } = (await whileRunning(worker, session.send('Profiler.stop'))) ?? {}
  session.close()
  if (!profile) return (log(`profile of ${name}: no answer from the inspector`), result)
  const self = new Map()
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
  let total = 0
  for (const [i, nodeId] of profile.samples.entries()) {
    const f = byNode.get(nodeId).callFrame
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    self.set(key, (self.get(key) ?? 0) + ms)
    total += ms
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)
  log(`profile of ${name}: ${total.toFixed(0)} ms sampled; most self time:`)
  for (const [key, ms] of top) log(`  ${ms.toFixed(1).padStart(8)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${key}`)
  return result
}

/**
 * Uploads of `count` PDFs of `megabytes` MB, one at a time, as multipart forms (`stream`: the raw
 * body to PUT /v1/records/stream): MB/s, the p50 of one upload, and the peak growth of resident
 * memory over its level before (sampled every 20 ms): of workerd alone (where the isolate is) and of
 * the whole wrangler dev tree (with the local R2 store, which holds the objects).
 */
async function uploads(worker, token, megabytes, count, { stream = false } = {}) {
  const files = Array.from({ length: count }, () => pdfOfSize(megabytes * 1024 * 1024))
  const workerd = workerdPid(worker.pid)
  const before = { tree: treeRssKb(worker.pid), workerd: workerd ? rssKb(workerd) : 0 }
  const peak = { ...before }
  const sampler = setInterval(() => {
    peak.tree = Math.max(peak.tree, treeRssKb(worker.pid))
    if (workerd) peak.workerd = Math.max(peak.workerd, rssKb(workerd))
  }, 20)
  // The isolate's own memory, sampled back to back while the uploads run: as V8 reports it (garbage
  // not yet collected included), then after a full collection forced through the inspector (what
  // the Worker holds alive at that moment: the request's chunks, a part on its way to R2).
  const isolate = await isolateMemory(worker)
  const liveBefore = await isolate.live()
  const isolateBefore = liveBefore || (await isolate.sample())
  let isolatePeak = isolateBefore
  let livePeak = liveBefore
  let uploading = true
  const isolateSampler = (async () => {
    while (uploading) {
      isolatePeak = Math.max(isolatePeak, await isolate.sample())
      if (liveBefore) livePeak = Math.max(livePeak, await isolate.live())
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  })()
  const times = []
  let failures = 0
  /** Uploads the connection failed under (the error, and what wrangler dev said last): counted, reported, not the end of the bench. */
  const broken = []
  const started = performance.now()
  for (const [i, file] of files.entries()) {
    const title = `bench ${megabytes} MB ${i}`
    const t = performance.now()
    let target
    if (stream) {
      target = { url: `${worker.base}/v1/records/stream?${new URLSearchParams({ title, type: 'report' })}`, method: 'PUT', body: file }
    } else {
      const form = new FormData()
      form.append('file', new Blob([file]), 'bench.pdf')
      form.append('title', title)
      form.append('type', 'report')
      target = { url: `${worker.base}/v1/records`, body: form }
    }
    const headers = { authorization: `Bearer ${token}`, ...(stream ? { 'content-type': 'application/pdf' } : {}) }
    const answer = await timed(target, headers)
    if (answer.status !== 201) failures++
    if (Number.isNaN(answer.ms)) broken.push(`${answer.status}; wrangler dev's last output:\n${worker.output().slice(-3000)}`)
    times.push(performance.now() - t)
  }
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  uploading = false
  await isolateSampler
  isolate.close()
  times.sort((a, b) => a - b)
  return {
    megabytes,
    count,
    stream,
    isolateGrowthMb: (isolatePeak - isolateBefore) / 1024 / 1024,
    liveGrowthMb: liveBefore ? (livePeak - liveBefore) / 1024 / 1024 : Number.NaN,
    isolatePeakMb: isolatePeak / 1024 / 1024,
    mbPerSecond: (megabytes * count) / seconds,
    broken,
    p50: times[Math.floor(times.length / 2)],
    peakGrowthMb: (peak.tree - before.tree) / 1024,
    workerdGrowthMb: (peak.workerd - before.workerd) / 1024,
    failures,
  }
}

/**
 * `count` patients (UTC, named 'bench'), each with one medicine due at bedtime one minute ago; with
 * `devices`, each with an Android phone registered for push. Earlier bench patients are removed with
 * what they had (nobody else's rows: the large database's seeded reminders stay).
 */
async function dosesDue(client, count, devices = false) {
  const bench = `(select id from patients where name = 'bench')`
  await client.query(`delete from push_deliveries; delete from devices where patient_id in ${bench};
    delete from notifications where type = 'medication_due' and patient_id in ${bench};
    delete from medication_reminders where patient_id in ${bench};
    delete from medications where name = 'bench' and patient_id in ${bench}; delete from patient_routines where patient_id in ${bench};
    delete from patients where name = 'bench'`)
  const due = new Date(Date.now() - 60_000)
  const bed = `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`
  await client.query(
    `with p as (insert into patients (id, name, timezone) select gen_random_uuid(), 'bench', 'UTC' from generate_series(1, $1) returning id),
     r as (insert into patient_routines (patient_id, bed_at) select id, $2::time from p),
     d as (insert into devices (id, patient_id, platform, push_token)
           select gen_random_uuid(), id, 'android', 'bench' || replace(id::text, '-', '') || ':APA91bBench' from p where $3)
     insert into medications (id, patient_id, name, dosage, timings, start_date)
     select gen_random_uuid(), id, 'bench', '1 tablet', array['bedtime'], current_date - 1 from p`,
    [count, bed, devices],
  )
}

/** One scheduled run through wrangler dev (GET /__scheduled, every-minute cron): its wall time and whether it answered 200. */
async function cronRun(base) {
  const started = performance.now()
  const response = await fetch(`${base}/__scheduled?cron=${encodeURIComponent('* * * * *')}`)
  await response.arrayBuffer()
  return { ms: performance.now() - started, ok: response.ok }
}

/**
 * Pushes end to end: `count` due doses, each patient with a phone; one scheduled run makes the
 * reminders and asks the push queue for every shard; the consumer (PUSH_CONSUMER_LANES pushes at
 * once) sends them to the fake FCM answering in its latency. Reports pushes/s from the run to the
 * last push accepted, and whether any phone got one twice.
 */
async function pushRun(databaseUrl, base, fcmUrl, count, alive) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await dosesDue(client, count, true)
    await client.query('analyze')
    await fetch(`${fcmUrl}/_fake/fcm/reset`, { method: 'POST' })
    const stats = () => fetch(`${fcmUrl}/_fake/fcm/stats`).then((r) => r.json())
    const started = performance.now()
    const reminded = (await cronRun(base)).ms
    let now = await stats()
    const deadline = Date.now() + Number(process.env.BENCH_PUSH_TIMEOUT_MS ?? 900_000)
    while (now.sent < count && Date.now() < deadline) {
      if (!alive()) throw new Error('wrangler dev exited during the push run')
      await new Promise((r) => setTimeout(r, 250))
      now = await stats()
    }
    const ms = performance.now() - started
    const { rows } = await client.query(
      `select push_state, count(*)::int as n from notifications where type = 'medication_due' group by push_state`,
    )
    return { count, ms, reminded, ...now, states: Object.fromEntries(rows.map((r) => [r.push_state, r.n])) }
  } finally {
    await client.end()
  }
}

/**
 * The dose-reminder run at scale: `count` patients (UTC), each with one medicine due at bedtime one
 * minute ago, then one scheduled run through wrangler dev (/__scheduled), then a second one with
 * nothing left due (what every minute's run costs for the medicines alone). Reports both runs' wall
 * time and the reminders made (one SQL statement makes them all).
 */
async function reminderRun(databaseUrl, base, count) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const reminders = async () => (await client.query(`select count(*)::int as n from medication_reminders`)).rows[0].n
  try {
    // The minute before: every medicine's next dose worked out (all of them at once only the first
    // time, as after this ships or after a bulk load), as in a system that runs each minute.
    const primed = await cronRun(base)
    await dosesDue(client, count)
    await client.query('analyze')
    const before = await reminders()
    const first = await cronRun(base)
    const reminded = (await reminders()) - before
    // The run asked the push consumer to take the new reminders, and it does so in this isolate now
    // (these patients have no phone: it skips them, 2,000 a batch). The minute after is timed once
    // it is done, as it would be a minute later: timed at once, the 100,000's quiet run waited 1.4 s
    // behind those batches (2026-12-02), the push section's work, not the run's.
    const pending = `select count(*)::int as n from notifications where type = 'medication_due' and push_state = 'pending'`
    for (const quiet = Date.now() + 120_000; Date.now() < quiet && (await client.query(pending)).rows[0].n > 0;)
      await new Promise((resolve) => setTimeout(resolve, 250))
    const again = await cronRun(base)
    const { rows } = await client.query(`select count(*)::int as n from medications where reminders_enabled`)
    // Nobody is to push these (if the consumer had not taken them all by then): the sections after
    // this one measure their own work only. The push consumer may be claiming some of them at this
    // moment: a deadlock between the two is retried, not a failed bench.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`update notifications set push_state = 'skipped' where type = 'medication_due' and push_state = 'pending'`)
        break
      } catch (error) {
        if (error?.code !== '40P01' || attempt >= 5) throw error
      }
    }
    return {
      count,
      ms: first.ms,
      reminded,
      ok: primed.ok && first.ok && again.ok,
      againMs: again.ms,
      primedMs: primed.ms,
      medications: rows[0].n,
    }
  } finally {
    await client.end()
  }
}

/**
 * The outbox draining through the queue (wrangler dev's local Queues): `count` lab bookings left
 * pending for `partitions` hospitals (all served by the reference HMIS, which answers each call in
 * `latencyMs`), their jobs overdue as if every message had been lost; the sweeper (one scheduled
 * run per 5,000) sends them to the queue and the consumer runs them with OUTBOX_CONSUMER_LANES at
 * once. Reports jobs/s from the first sweep to the last job closed, and whether the HMIS received
 * each exactly once.
 */
async function drain(databaseUrl, base, { count, partitions, hospitalIds, alive }) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(`delete from outbox; delete from lab_bookings; delete from hospital_shares where hmis_patient_id like 'bench-%'`)
    // One patient per 20 bookings, shared with every hospital; each booking at one hospital in turn.
    await client.query(
      `with p as (select gen_random_uuid() as id from generate_series(1, greatest(1, $1 / 20))),
       h as (select unnest($2::uuid[]) as id),
       s as (insert into hospital_shares (id, patient_id, hospital_id, hmis_patient_id, token_number, token_expires_at)
             select gen_random_uuid(), p.id, h.id, 'bench-' || p.id, 'T-1', now() + interval '1 day' from p, h returning patient_id),
       b as (insert into lab_bookings (id, patient_id, hospital_id, test_ids, preferred_slot)
             select gen_random_uuid(), (array(select id from p))[1 + (n % greatest(1, $1 / 20))], ($2::uuid[])[1 + (n % $3)],
                    array['cbc'], now() + interval '2 days'
             from generate_series(0, $1 - 1) n returning id, hospital_id)
       insert into outbox (id, kind, partition_key, subject_id, next_attempt_at)
       select gen_random_uuid(), 'request_lab_booking', 'hospital:' || hospital_id, id, now() - interval '2 minutes' from b`,
      [count, hospitalIds.slice(0, partitions), partitions],
    )
    await client.query('analyze')
    const pending = async () => (await client.query(`select count(*)::int as n from outbox where status = 'pending'`)).rows[0].n
    const started = performance.now()
    const sweeps = []
    for (let sent = 0; sent < count; sent += 5000) {
      sweeps.push((await cronRun(base)).ok)
    }
    let left = await pending()
    const deadline = Date.now() + Number(process.env.BENCH_DRAIN_TIMEOUT_MS ?? 900_000)
    while (left > 0 && Date.now() < deadline) {
      if (!alive()) throw new Error('wrangler dev exited during the drain')
      await new Promise((r) => setTimeout(r, 250))
      left = await pending()
    }
    const ms = performance.now() - started
    const { rows } = await client.query(`select status, count(*)::int as n from outbox group by status`)
    return { count, ms, left, statuses: Object.fromEntries(rows.map((r) => [r.status, r.n])), sweeps }
  } finally {
    await client.end()
  }
}

/** A wrangler command in the project, to its end (its output as text). */
const wrangler = (...args) =>
  spawnSync(process.execPath, [join(root, 'node_modules/wrangler/bin/wrangler.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })

/**
 * The Worker as it would be uploaded (`wrangler deploy --dry-run`): its modules' total size and
 * their gzip size (what counts against the Workers size limit), and the largest module.
 */
function bundleSize() {
  const out = mkdtempSync(join(tmpdir(), 'phr-bundle-'))
  try {
    const built = wrangler('deploy', '--dry-run', '--outdir', out)
    if (built.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${built.stderr.slice(-2000)}`)
    const files = readdirSync(out, { recursive: true })
      .map((name) => join(out, String(name)))
      .filter((file) => statSync(file).isFile() && !file.endsWith('.map') && !file.endsWith('README.md'))
      .map((file) => ({ file: file.slice(out.length + 1), bytes: readFileSync(file) }))
    const largest = files.reduce((a, b) => (b.bytes.length > a.bytes.length ? b : a))
    return {
      bytes: files.reduce((sum, f) => sum + f.bytes.length, 0),
      gzip: files.reduce((sum, f) => sum + gzipSync(f.bytes, { level: 9 }).length, 0),
      largest: { file: largest.file, gzip: gzipSync(largest.bytes, { level: 9 }).length },
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/**
 * The Worker's startup (`wrangler check startup`: the bundle evaluated in a fresh workerd isolate
 * under the CPU profiler, what a cold start costs before the first request's own work), `runs`
 * times: the active CPU time of each (GC included) and where the median run spent it, by module.
 */
function startupProfile(runs = 3) {
  const out = mkdtempSync(join(tmpdir(), 'phr-startup-'))
  try {
    const measured = []
    for (let i = 0; i < runs; i++) {
      const file = join(out, `startup-${i}.cpuprofile`)
      const checked = wrangler('check', 'startup', '--outfile', file)
      const active = checked.stdout.match(/Active: ([\d.]+) ms \(including ([\d.]+) ms garbage/)
      if (checked.status !== 0 || !active)
        throw new Error(`wrangler check startup failed:\n${(checked.stdout + checked.stderr).slice(-2000)}`)
      // Self time per script (the bundle, the runtime's own node: modules, the garbage collector).
      const profile = JSON.parse(readFileSync(file, 'utf8'))
      const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
      const bySource = {}
      profile.samples.forEach((id, at) => {
        const frame = nodes.get(id).callFrame
        const source = frame.url.endsWith('index.js')
          ? 'the bundle (index.js)'
          : frame.url.startsWith('node-internal:')
            ? 'node: modules'
            : frame.functionName
        bySource[source] = (bySource[source] ?? 0) + (profile.timeDeltas[at + 1] ?? 0) / 1000
      })
      measured.push({ activeMs: Number(active[1]), gcMs: Number(active[2]), bySource })
    }
    measured.sort((a, b) => a.activeMs - b.activeMs)
    return { runs: measured.map((m) => m.activeMs), median: measured[Math.floor(measured.length / 2)] }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/** A PDF of about 1 MB whose object stream inflates to `inflated` bytes (a decompression bomb). */
async function pdfBomb(inflated) {
  const deflate = createDeflate({ level: 9 })
  const chunks = []
  deflate.on('data', (chunk) => chunks.push(chunk))
  const done = new Promise((resolve) => deflate.on('end', resolve))
  deflate.write('<< /Type /Page /Parent 2 0 R >>\n')
  const block = Buffer.alloc(1024 * 1024, 0x20)
  for (let left = inflated; left > 0; left -= block.length) {
    if (!deflate.write(block)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  deflate.end()
  await done
  const stream = Buffer.concat(chunks)
  const head = Buffer.from(
    `%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Count 1 >>\nendobj\n3 0 obj\n<< /Type /ObjStm /N 1 /First 0 /Filter /FlateDecode /Length ${stream.length} >>\nstream\n`,
    'latin1',
  )
  const middle = Buffer.from('\nendstream\nendobj\n', 'latin1')
  const tail = Buffer.from(
    `4 0 obj\n<< /Type /XRef /Size 5 /Root 1 0 R >>\nendobj\nstartxref\n${head.length + stream.length + middle.length}\n%%EOF\n`,
    'latin1',
  )
  return Buffer.concat([head, stream, middle, tail])
}

/** Runs `work` while sampling the Worker's resident memory: its result, the wall time and the peak growth. */
async function measured(worker, work) {
  const before = treeRssKb(worker.pid)
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssKb(worker.pid))), 20)
  const started = performance.now()
  try {
    const result = await work()
    return { result, ms: performance.now() - started, peakGrowthMb: (peak - before) / 1024 }
  } finally {
    clearInterval(sampler)
  }
}

/**
 * What a hostile client can cost (issue 17): three 9.5 MB hospital posts signed with a wrong secret
 * under a real HFR id, at once; a 1 MB PDF whose object stream inflates to 1 GiB; and the worst
 * doctor-search pattern the guard accepts, through to the reference HMIS.
 */
async function hostile(worker, token, hfrId, hospitalId) {
  const body = randomBytes(9.5 * 1024 * 1024)
  const post = () => {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const signature = createHmac('sha256', 'not-the-secret').update(`${timestamp}.POST./v1/hmis/documents.`).update(body).digest('hex')
    return fetch(`${worker.base}/v1/hmis/documents`, {
      method: 'POST',
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'x-phr-hospital': hfrId,
        'x-phr-timestamp': timestamp,
        'x-phr-signature': `v1=${signature}`,
      },
      body,
    }).then(async (r) => (await r.arrayBuffer(), r.status))
  }
  const unsigned = await measured(worker, () => Promise.all([post(), post(), post()]))
  const bomb = await pdfBomb(1024 * 1024 * 1024)
  const inflating = await measured(worker, async () => {
    const form = new FormData()
    form.append('file', new Blob([bomb]), 'bomb.pdf')
    form.append('title', 'bomb')
    form.append('type', 'report')
    const response = await fetch(`${worker.base}/v1/records`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
    await response.arrayBuffer()
    return response.status
  })
  const worst = await load(
    (n) =>
      `${worker.base}/v1/hospitals/${hospitalId}/doctors?name=${encodeURIComponent(WORST_PATTERN)}&specialty=${encodeURIComponent(`.|z${n}`)}`,
    { authorization: `Bearer ${token}` },
    Math.min(REQUESTS, 200),
  )
  return { unsigned, bomb: { ...inflating, bytes: bomb.length }, worst }
}

/** The costliest pattern the doctor-search guard accepts (cost 4096: two unbounded repeats). */
const WORST_PATTERN = '.*.*x'

/**
 * A realistic large database, set-based (triggers off while it loads: the change feed of seeded
 * rows is nobody's): LARGE_PATIENTS patients with 10 million rows in the largest tables —
 * notifications 4M, doses 3M, vitals 2M, records 0.5M, the access log 0.5M — spread over a year.
 */
async function seedLarge(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const started = performance.now()
  try {
    await client.query(`set session_replication_role = replica`)
    await client.query(`create temporary table seeded as
      select gen_random_uuid() as id, gen_random_uuid() as medication_id, n from generate_series(1, ${LARGE_PATIENTS}) n`)
    await client.query(`insert into patients (id, name) select id, 'Seeded ' || n from seeded`)
    await client.query(`insert into medications (id, patient_id, name, dosage, timings, start_date)
      select medication_id, id, 'Metformin 500 mg', '1 tablet', '{after_breakfast}', current_date - 365 from seeded`)
    const per = (rows) => Math.ceil(rows / LARGE_PATIENTS)
    await client.query(`insert into notifications (id, patient_id, type, title, body, read_at, created_at, push_state)
      select gen_random_uuid(), s.id, 'medication_due', 'Time for Metformin', 'After breakfast: 1 tablet',
             case when i % 3 = 0 then null else now() end, now() - random() * interval '365 days', 'done'
      from seeded s, generate_series(1, ${per(4_000_000)}) i`)
    await client.query(`insert into medication_doses (medication_id, dose_date, timing, patient_id, status)
      select s.medication_id, current_date - i, 'after_breakfast', s.id, case when i % 5 = 0 then 'skipped' else 'taken' end
      from seeded s, generate_series(1, ${per(3_000_000)}) i`)
    await client.query(`insert into vitals (id, patient_id, type, value, unit, measured_at, created_at)
      select gen_random_uuid(), s.id, 'pulse', 60 + (i % 30), 'bpm', t, t
      from seeded s, generate_series(1, ${per(2_000_000)}) i, lateral (select now() - random() * interval '365 days' as t) m`)
    await client.query(`insert into records (id, patient_id, source, type, title, storage_key, content_type, size_bytes, sha256, created_at)
      select gen_random_uuid(), s.id, 'uploaded', 'report', 'Report ' || i, 'records/' || gen_random_uuid(), 'application/pdf', 120000,
             md5(s.id::text || i), now() - random() * interval '365 days'
      from seeded s, generate_series(1, ${per(500_000)}) i`)
    await client.query(`insert into record_access_log (id, patient_id, hospital_id, action, created_at)
      select gen_random_uuid(), s.id, s.medication_id, 'records_listed', now() - random() * interval '365 days'
      from seeded s, generate_series(1, ${per(500_000)}) i`)
    // As a database that has lived with these rows: vacuumed (visibility map, statistics) and checkpointed,
    // so that the measurement does not share the machine with the load's aftermath.
    await client.query(`vacuum (analyze)`)
    await client.query(`checkpoint`)
    const { rows } = await client.query(`select (select count(*) from notifications) + (select count(*) from medication_doses)
      + (select count(*) from vitals) + (select count(*) from records) + (select count(*) from record_access_log) as n`)
    return { rows: Number(rows[0].n), ms: performance.now() - started }
  } finally {
    await client.end()
  }
}

/**
 * What the outbox sweeper's statement costs as the table grows (src/core/outbox.ts sweepJobs, the
 * same statement, run under EXPLAIN ANALYZE in a transaction that is rolled back): an outbox of
 * 200,000 and then 2,000,000 finished jobs with 100,000 pending ones not yet due, and 1,000 then
 * 10,000 overdue (the sweeper takes 5,000 a run). Linear in the overdue jobs, not in the table.
 */
async function sweepCost(databaseUrl) {
  const SWEEP = `update outbox set next_attempt_at = now(), updated_at = now()
    where id = any (array(
      select id from outbox
      where status = 'pending' and next_attempt_at < now() - interval '1 minute' and (locked_until is null or locked_until < now())
      order by next_attempt_at limit 5000
      for update skip locked
    ))
    returning id`
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const add = (rows, status, due) =>
    client.query(`insert into outbox (id, kind, partition_key, subject_id, status, next_attempt_at)
      select gen_random_uuid(), 'bench_sweep', 'hospital:' || (i % 20), gen_random_uuid(), '${status}', ${due}
      from generate_series(1, ${rows}) i`)
  const measure = async (label) => {
    await client.query(`analyze outbox`)
    await client.query('begin')
    try {
      const { rows } = await client.query(`explain (analyze, buffers, format json) ${SWEEP}`)
      const [{ Plan: plan, 'Execution Time': ms }] = rows[0]['QUERY PLAN']
      const scans = []
      const walk = (node) => {
        if (/Scan/.test(node['Node Type']))
          scans.push(`${node['Node Type']}${node['Index Name'] ? ` on ${node['Index Name']}` : ''} (${node['Actual Rows']} rows)`)
        for (const child of node.Plans ?? []) walk(child)
      }
      walk(plan)
      const { rows: counted } = await client.query(`select count(*)::int as n from outbox`)
      return {
        label,
        table: counted[0].n,
        ms,
        swept: plan['Actual Rows'],
        buffers: plan['Shared Hit Blocks'] + plan['Shared Read Blocks'],
        scans,
      }
    } finally {
      await client.query('rollback')
    }
  }
  try {
    await client.query(`set session_replication_role = replica`)
    await add(200_000, 'done', `now() - interval '1 day'`)
    await add(100_000, 'pending', `now() + interval '1 hour'`)
    await add(1_000, 'pending', `now() - interval '10 minutes'`)
    const out = [await measure('1,000 overdue')]
    await add(1_800_000, 'done', `now() - interval '1 day'`)
    out.push(await measure('1,000 overdue, 10× the finished jobs'))
    await add(9_000, 'pending', `now() - interval '10 minutes'`)
    out.push(await measure('10,000 overdue'))
    return out
  } finally {
    await client.query(`delete from outbox where kind = 'bench_sweep'`)
    await client.end()
  }
}

/** A year of one patient's data, as a heavy user has it: 3,000 notifications, 1,095 doses, 1,460 readings, 300 documents, 1,000 reads by hospitals. */
async function giveAYear(databaseUrl, patientId) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(`set session_replication_role = replica`)
    const medication = randomUUID()
    await client.query(
      `insert into medications (id, patient_id, name, dosage, timings, start_date)
       values ($2, $1, 'Amlodipine 5 mg', '1 tablet', '{after_breakfast,after_lunch,after_dinner}', current_date - 365)`,
      [patientId, medication],
    )
    await client.query(
      `insert into notifications (id, patient_id, type, title, body, read_at, created_at, push_state)
       select gen_random_uuid(), $1::uuid, 'medication_due', 'Time for Amlodipine', '1 tablet', case when i % 10 = 0 then null else now() end,
              now() - (i * interval '175 minutes'), 'done' from generate_series(1, 3000) i`,
      [patientId],
    )
    await client.query(
      `insert into medication_doses (medication_id, dose_date, timing, patient_id, status)
       select $2, current_date - d, t, $1, 'taken' from generate_series(1, 365) d, unnest('{after_breakfast,after_lunch,after_dinner}'::text[]) t`,
      [patientId, medication],
    )
    await client.query(
      `insert into vitals (id, patient_id, type, value, value2, unit, measured_at, created_at)
       select gen_random_uuid(), $1::uuid, 'blood_pressure', 120 + i % 20, 80 + i % 10, 'mmHg', now() - i * interval '6 hours', now() - i * interval '6 hours'
       from generate_series(1, 1460) i`,
      [patientId],
    )
    await client.query(
      `insert into records (id, patient_id, source, type, title, storage_key, content_type, size_bytes, sha256, created_at)
       select gen_random_uuid(), $1::uuid, 'uploaded', 'report', 'Report ' || i, 'records/' || gen_random_uuid(), 'application/pdf', 120000,
              md5($1::uuid::text || i), now() - i * interval '29 hours' from generate_series(1, 300) i`,
      [patientId],
    )
    await client.query(
      `insert into record_access_log (id, patient_id, hospital_id, action, created_at)
       select gen_random_uuid(), $1::uuid, gen_random_uuid(), 'records_listed', now() - i * interval '8 hours' from generate_series(1, 1000) i`,
      [patientId],
    )
    await client.query(`vacuum (analyze)`)
    await client.query(`checkpoint`)
  } finally {
    await client.end()
  }
}

/**
 * Waits for the machine to be as quiet as it was before the seed: dirty pages written out (`sync`),
 * no autovacuum worker for two seconds, then the floor (GET /health, 200 requests) back within 10 %
 * of `floor` at p50 (at most eight tries). What it waited is printed with the large run: a year
 * of data is measured, not the load's aftermath.
 */
async function settle(databaseUrl, healthUrl, floor) {
  const started = performance.now()
  spawnSync('sync')
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  let quiet = 0
  try {
    while (quiet < 2 && performance.now() - started < 300_000) {
      const { rows } = await client.query(`select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum worker'`)
      quiet = rows[0].n === 0 ? quiet + 1 : 0
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  } finally {
    await client.end()
  }
  const floors = []
  for (let i = 0; i < 8; i++) {
    const r = await load(healthUrl, {}, 200)
    floors.push(r.p50 / floor.p50)
    if (r.p50 <= floor.p50 * 1.1) break
  }
  return { ms: performance.now() - started, floors }
}

/**
 * The plans of the statements one request per route runs (auto_explain, for new sessions only while
 * it is on: through PgBouncer, its server connections are made again before and after).
 */
async function plansOf(postgres, databaseUrl, requests, pooler) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const database = (await client.query('select current_database() as d')).rows[0].d
  const set = async (on) => {
    for (const [name, value] of [
      ['session_preload_libraries', 'auto_explain'],
      ['auto_explain.log_min_duration', '0'],
      ['auto_explain.log_level', 'warning'],
    ])
      await client.query(on ? `alter database "${database}" set ${name} = '${value}'` : `alter database "${database}" reset ${name}`)
  }
  const plans = []
  try {
    await set(true)
    await pooler?.reconnect()
    for (const [route, run] of requests) {
      const from = postgres.serverLog().length
      await run()
      await new Promise((resolve) => setTimeout(resolve, 200))
      const logged = postgres.serverLog().slice(from)
      const statements = logged.split(/WARNING: {2}duration: /).slice(1)
      plans.push({
        route,
        statements: statements.map((text) => ({
          query: (text.match(/Query Text: ([\s\S]*?)\n\s*(?:[A-Z][a-zA-Z ]+ {2}\(|$)/)?.[1] ?? '').replace(/\s+/g, ' ').slice(0, 140),
          nodes: [
            ...text.matchAll(
              /((?:Parallel )?(?:Index Only Scan|Index Scan Backward|Index Scan|Bitmap Index Scan|Bitmap Heap Scan|Seq Scan|Incremental Sort|Sort)\b[^(\n]*?)\s+\(cost=/g,
            ),
          ].map((m) => m[1].trim()),
        })),
      })
    }
  } finally {
    await set(false)
    await pooler?.reconnect()
    await client.end()
  }
  return plans
}

/** Questionnaires of several sizes, in turn. */
const SYMPTOMS = ['fever', 'cough', 'headache', 'chest_pain', 'abdominal_pain', 'low_mood']

const bundle = bundleSize()
const postgres = await startPostgres({ preferUrl: process.env.BENCH_DATABASE_URL, log })
// The Worker reaches Postgres through PgBouncer, as in production (Hyperdrive's pool, Neon's pooler):
// without one, every request pays for a new server process (BENCH_POOLER=none to measure that).
const pooler =
  process.env.BENCH_POOLER === 'none' || process.env.BENCH_DATABASE_URL
    ? undefined
    : pgbouncerBin()
      ? await startPgbouncer(postgres.url, { log })
      : (log('pgbouncer is not installed (apt-get install pgbouncer): the Worker connects directly, each request to a new server process'),
        undefined)
const workerDatabaseUrl = pooler?.url ?? postgres.url
const proxy = await startWsProxy({ allow: [allowFor(postgres.url), allowFor(workerDatabaseUrl)] })
const hmisKeys = Object.fromEntries(hospitals.map((h) => [h.key, `bench-hmis-key-${h.key}`]))
const hmis = await referenceHmisProcess(hmisKeys)
const results = []
let hmisAlone
let chat
let hostileResult
const uploadResults = []
const reminderResults = []
const drainResults = []
const pushResults = []
let largeResult
try {
  await migrate(postgres.url, { log: () => {} })
  const secretsKey = randomBytes(32).toString('base64')
  const hospitalId = await registerHospital(postgres.url, secretsKey, {
    ...hospitals[0],
    adapter: 'rest',
    baseUrl: hmis.baseUrlOf(hospitals[0].key),
    apiKey: hmisKeys[hospitals[0].key],
    inboundSecrets: ['bench-inbound-secret'],
  })
  /** wrangler dev on the tcp driver with cron runs at /__scheduled, and these settings. */
  const scheduledTcpWorker = (settings) =>
    startBenchWorker(
      {
        DATABASE_URL: workerDatabaseUrl,
        DATABASE_DRIVER: 'tcp',
        NEON_WS_PROXY: proxy.endpoint,
        HOSPITAL_SECRETS_KEY: secretsKey,
        ...settings,
      },
      { scheduled: true },
    )
  // The HMIS on its own (its own process, asked from the bench): what an uncached doctor list adds to the floor.
  hmisAlone = await load((n) => `${hmis.baseUrlOf(hospitals[0].key)}/doctors?name=${encodeURIComponent(`meera|zz${n}`)}`, {
    authorization: `Bearer ${hmisKeys[hospitals[0].key]}`,
  })
  if (only.has('reminders')) {
    // Dose reminders at 10,000 and 100,000 due doses, one scheduled run each (tcp driver).
    const worker = await scheduledTcpWorker({})
    try {
      for (const count of (process.env.BENCH_REMINDERS ?? '10000,100000').split(',').map(Number)) {
        reminderResults.push(await reminderRun(postgres.url, worker.base, count))
      }
    } finally {
      await worker.stop()
    }
  }
  if (only.has('drain')) {
    // The outbox drain: BENCH_DRAIN_JOBS pending jobs over 20 hospitals, the HMIS answering in 200 ms,
    // for each OUTBOX_CONSUMER_LANES in BENCH_DRAIN_LANES (1,000 jobs below 16 lanes, which are slow).
    const hospitalIds = []
    for (let i = 0; i < 20; i++) {
      hospitalIds.push(
        await registerHospital(postgres.url, secretsKey, {
          ...hospitals[0],
          hfrId: `IN99${String(i).padStart(8, '0')}`,
          name: `Bench hospital ${i + 1}`,
          adapter: 'rest',
          baseUrl: hmis.baseUrlOf(hospitals[0].key),
          apiKey: hmisKeys[hospitals[0].key],
          inboundSecrets: [`bench-inbound-${i}`],
        }),
      )
    }
    const latencyMs = Number(process.env.BENCH_DRAIN_LATENCY_MS ?? 200)
    const setLatency = (ms) => fetch(`${hmis.url}/_hmis/latency`, { method: 'POST', body: JSON.stringify({ ms }) }).then((r) => r.json())
    await setLatency(latencyMs)
    try {
      for (const lanes of (process.env.BENCH_DRAIN_LANES ?? '4,8,16,32').split(',').map(Number)) {
        const worker = await scheduledTcpWorker({ OUTBOX_CONSUMER_LANES: String(lanes) })
        try {
          const jobs = Number(process.env.BENCH_DRAIN_JOBS ?? 10_000)
          const result = await drain(postgres.url, worker.base, {
            count: lanes < 16 ? Math.min(jobs, 1000) : jobs,
            partitions: 20,
            hospitalIds,
            alive: worker.alive,
          }).catch((error) => {
            throw new Error(`${error.message}; its output ends:\n${worker.output().slice(-4000)}`)
          })
          // Exactly once at the HMIS: each of the run's bookings received once.
          const atHmis = new Map(
            (await fetch(`${hmis.url}/_hmis/lab-bookings?hospital=${hospitals[0].key}`).then((r) => r.json())).map((b) => [
              b.phr_booking_id,
              b.received,
            ]),
          )
          const client = new pg.Client({ connectionString: postgres.url })
          await client.connect()
          const ids = (await client.query('select id from lab_bookings')).rows.map((r) => r.id)
          await client.end()
          // The consumer's own account of each batch (its log line): how long one took.
          drainResults.push({
            ...batchTimes(worker, 'outbox batch'),
            lanes,
            latencyMs,
            ...result,
            missing: ids.filter((id) => !atHmis.has(id)).length,
            twice: ids.filter((id) => (atHmis.get(id) ?? 0) > 1).length,
          })
        } finally {
          await worker.stop()
        }
      }
    } finally {
      await setLatency(0)
    }
  }
  if (only.has('push')) {
    // Pushes: BENCH_PUSHES due doses, each patient with a phone, the fake FCM answering in
    // BENCH_FCM_LATENCY_MS, for each PUSH_CONSUMER_LANES in BENCH_PUSH_LANES.
    const keys = serviceAccountKeys()
    const google = await startFakeGoogle({
      publicKeyPem: keys.publicKeyPem,
      meet: { serviceAccountEmail: keys.serviceAccountEmail, user: keys.user },
      fcm: keys.fcm,
    })
    const fcmLatencyMs = Number(process.env.BENCH_FCM_LATENCY_MS ?? 50)
    await fetch(`${google.fcmUrl}/_fake/fcm/settings`, { method: 'POST', body: JSON.stringify({ latency_ms: fcmLatencyMs }) })
    try {
      for (const lanes of (process.env.BENCH_PUSH_LANES ?? '16,32,64').split(',').map(Number)) {
        const worker = await scheduledTcpWorker({
          GOOGLE_OAUTH_TOKEN_URL: google.tokenUrl,
          FCM_BASE_URL: google.fcmUrl,
          FCM_PROJECT_ID: keys.fcm.projectId,
          FCM_SERVICE_ACCOUNT_EMAIL: keys.fcm.serviceAccountEmail,
          FCM_SERVICE_ACCOUNT_PRIVATE_KEY: keys.privateKeyPem,
          PUSH_CONSUMER_LANES: String(lanes),
        })
        try {
          const result = await pushRun(
            postgres.url,
            worker.base,
            google.fcmUrl,
            Number(process.env.BENCH_PUSHES ?? 100_000),
            worker.alive,
          ).catch((error) => {
            throw new Error(`${error.message}; its output ends:\n${worker.output().slice(-4000)}`)
          })
          pushResults.push({ lanes, fcmLatencyMs, ...batchTimes(worker, 'push batch'), ...result })
        } finally {
          await worker.stop()
        }
      }
    } finally {
      await google.close()
    }
  }
  if (only.has('large')) {
    // The same reads for a patient on the empty database and for a patient with a year of data among
    // 100,000 (10 million rows), side by side: a second database on the same server, seeded, behind a
    // Worker of its own, each request sent to both in turn. Measured as two halves minutes apart
    // (until 2026-12-02), the change swung ±15–20 % between runs of the same code, the floor having
    // moved up to 1.8× between the halves. Then the plans of what each ran, the outbox sweep, and the
    // scheduled run with the same doses due on the empty and on the large database.
    const largeUrl = await createDatabase(postgres.url, 'bench_large')
    await migrate(largeUrl, { log: () => {} })
    const workers = []
    try {
      workers.push(await scheduledTcpWorker({ SERVER_TIMING: 'true' }))
      workers.push(
        await scheduledTcpWorker({ SERVER_TIMING: 'true', DATABASE_URL: pooler ? withDatabase(pooler.url, 'bench_large') : largeUrl }),
      )
      const [emptyWorker, largeWorker] = workers
      const reads = (base, token) => {
        const auth = { authorization: `Bearer ${token}` }
        return [
          ['GET /v1/me', `${base}/v1/me`, auth],
          ['GET /v1/home', `${base}/v1/home`, auth],
          ['GET /v1/notifications', `${base}/v1/notifications?limit=20`, auth],
          ['GET /v1/vitals', `${base}/v1/vitals?limit=20`, auth],
          ['GET /v1/vitals?type=', `${base}/v1/vitals?limit=20&type=blood_pressure`, auth],
          ['GET /v1/records', `${base}/v1/records?limit=20`, auth],
          ['GET /v1/records/access-log', `${base}/v1/records/access-log?limit=20`, auth],
          ['GET /v1/medications', `${base}/v1/medications`, auth],
        ]
      }
      const dueDoses = Number(process.env.BENCH_LARGE_REMINDERS ?? 10_000)
      const reminders = [await reminderRun(postgres.url, emptyWorker.base, dueDoses)]
      const floorBefore = await load(`${largeWorker.base}/health`, {}, 200)
      const seeded = await seedLarge(largeUrl)
      const [emptyToken, largeToken] = [await login(emptyWorker.base), await login(largeWorker.base)]
      const me = await (await fetch(`${largeWorker.base}/v1/me`, { headers: { authorization: `Bearer ${largeToken}` } })).json()
      await giveAYear(largeUrl, me.id)
      const settled = await settle(largeUrl, `${largeWorker.base}/health`, floorBefore)
      const health = workers.map((w) => ({ url: `${w.base}/health` }))
      const [empty, large] = [[], []]
      const both = (name, results) => results.forEach((result, i) => [empty, large][i].push([name, result]))
      both('GET /health (floor)', await sideBySide(health, LARGE_REQUESTS))
      const emptyReads = reads(emptyWorker.base, emptyToken)
      for (const [i, [name, url, headers]] of reads(largeWorker.base, largeToken).entries())
        both(
          name,
          await sideBySide(
            [
              { url: emptyReads[i][1], headers: emptyReads[i][2], floor: health[0].url },
              { url, headers, floor: health[1].url },
            ],
            LARGE_REQUESTS,
          ),
        )
      both('GET /health again (floor)', await sideBySide(health, LARGE_REQUESTS))
      const plans = postgres.serverLog
        ? await plansOf(
            postgres,
            largeUrl,
            reads(largeWorker.base, largeToken).map(([name, url, headers]) => [
              name,
              () => fetch(url, { headers }).then((r) => r.arrayBuffer()),
            ]),
            pooler,
          )
        : []
      const sweep = await sweepCost(largeUrl)
      reminders.push(await reminderRun(largeUrl, largeWorker.base, dueDoses))
      largeResult = { empty, large, seeded, settled, plans, sweep, reminders }
    } finally {
      for (const worker of workers) await worker.stop()
      // The sections after this one run on the empty database, as before it.
      await dropDatabase(postgres.url, 'bench_large')
    }
  }
  if (only.has('uploads')) {
    // Uploads alone (tcp): 1 and 10 MB as multipart forms, 10 and 25 MB streamed (over the multipart limit).
    const worker = await startBenchWorker({
      DATABASE_URL: workerDatabaseUrl,
      DATABASE_DRIVER: 'tcp',
      NEON_WS_PROXY: proxy.endpoint,
      HOSPITAL_SECRETS_KEY: secretsKey,
    })
    try {
      const token = await login(worker.base)
      const upload = []
      // BENCH_UPLOAD_CASES: [[megabytes, count, streamed], …] instead of these.
      for (const [megabytes, count, stream] of JSON.parse(process.env.BENCH_UPLOAD_CASES ?? 'null') ?? [
        [1, 10, false],
        [10, 5, false],
        [10, 3, true],
        [25, 3, true],
      ])
        upload.push(await uploads(worker, token, megabytes, count, { stream }))
      uploadResults.push({ driver: 'tcp', upload })
    } finally {
      await worker.stop()
    }
  }
  for (const driver of only.has('routes') ? ['neon-ws', 'tcp'] : []) {
    const worker = await startBenchWorker({
      DATABASE_URL: workerDatabaseUrl,
      DATABASE_DRIVER: driver,
      NEON_WS_PROXY: proxy.endpoint,
      SERVER_TIMING: 'true',
      HOSPITAL_SECRETS_KEY: secretsKey,
    })
    try {
      const token = await login(worker.base)
      const auth = { authorization: `Bearer ${token}` }
      await load(`${worker.base}/health`, {}) // warm-up
      const aliveBefore = await isolateAlive(worker)
      const sentBefore = sentByLoad
      const doctors = `${worker.base}/v1/hospitals/${hospitalId}/doctors`
      const routes = [['GET /health (select 1)', await load(`${worker.base}/health`, {})]]
      pairedFloor = `${worker.base}/health`
      const measure = async (name, run) => routes.push([name, await profiled(worker, name, run)])
      await measure('GET /v1/me', () => load(`${worker.base}/v1/me`, auth))
      await measure('GET symptom questions', () =>
        load((n) => `${worker.base}/v1/symptoms/${SYMPTOMS[n % SYMPTOMS.length]}/questions`, auth),
      )
      // With the copy in place: the request that makes it is an uncached list (the next row). Measured
      // cold, the first CONCURRENCY requests all missed at once (218 ms against a 150 ms tail,
      // 2026-12-02): 10 of 300 is within a few requests of the p95, which swung 1.11–1.63 between runs.
      await (await fetch(`${doctors}?specialty=general`, { headers: auth })).arrayBuffer()
      await measure('GET doctors (edge cache)', () => load(`${doctors}?specialty=general`, auth))
      await measure('GET doctors (uncached)', () => load((n) => `${doctors}?name=${encodeURIComponent(`meera|${driver}${n}`)}`, auth))
      // Every hospital the patient shares with, asked at once (here the bench's one): the fan-out's own cost.
      await shared(worker.base, auth, hospitalId)
      await measure('GET /v1/doctors across hospitals (uncached)', () =>
        load((n) => `${worker.base}/v1/doctors?name=${encodeURIComponent(`meera|x${driver}${n}`)}`, auth),
      )
      await measure('GET /v1/home', () => load(`${worker.base}/v1/home`, auth))
      await measure('PUT symptom answers', () => answers(worker.base, token))
      await measure('POST vitals', () => vitals(worker.base, token))
      // The same request refused before the database (an impossible unit: 422, every one a "failure"):
      // what the body, the token, validation and the answer cost on their own.
      await measure('POST vitals, 422 before the DB', () => vitals(worker.base, token, { unit: 'kg' }))
      await measure('POST booking (HMIS answers)', () => bookings(worker.base, hospitalId))
      await fetch(`${hmis.url}/_hmis/faults`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'drop', route: 'POST /appointments', count: 100_000 }),
      })
      await measure('POST booking (HMIS down)', () => bookings(worker.base, hospitalId))
      await fetch(`${hmis.url}/_hmis/faults`, { method: 'DELETE' })
      // The records list of a patient with 25 documents, before the chat and the large uploads (whose
      // garbage the isolate collects for a while after: that would be the uploads' cost, not the list's).
      const uploader = await login(worker.base)
      await uploads(worker, uploader, 0.01, 25)
      await measure('GET records (list)', () => load(`${worker.base}/v1/records?limit=20`, { authorization: `Bearer ${uploader}` }))
      pairedFloor = undefined
      // What the isolate holds once the routes' requests are over: a request that leaves something
      // behind shows here (the tcp driver's clients, never ended, held ~29 KB each until 2026-12-02).
      const alive = { before: aliveBefore, after: await isolateAlive(worker), requests: sentByLoad - sentBefore }
      if (driver === 'neon-ws') chat = await fanOut(worker.base)
      const upload = [await uploads(worker, uploader, 1, 20), await uploads(worker, uploader, 10, 5)]
      // The floor again at the end: the machine's own drift during the run shows as the gap between the two.
      routes.push(['GET /health again (floor)', await load(`${worker.base}/health`, {})])
      if (driver === 'tcp') hostileResult = await hostile(worker, uploader, hospitals[0].hfrId, hospitalId)
      uploadResults.push({ driver, upload })
      results.push({ driver, routes, alive })
    } catch (error) {
      log(`${driver}: the routes failed; wrangler dev's last output:\n${worker.output().slice(-6000)}`)
      throw error
    } finally {
      await worker.stop()
    }
  }
} finally {
  await hmis.close()
  await proxy.close()
  await pooler?.stop()
  await postgres.stop()
}

const ms = (v) => `${v.toFixed(1)} ms`
console.log(
  `\n${REQUESTS} requests per route, ${CONCURRENCY} concurrent, wrangler dev, Postgres: ${postgres.kind}, ${pooler ? 'through PgBouncer (session pooling)' : 'direct (a new server process per request)'}\n`,
)
console.log(`reference HMIS alone (GET /doctors, its own process, 10 at a time): p50 ${ms(hmisAlone.p50)}, p95 ${ms(hmisAlone.p95)}\n`)
console.log(
  'Each route is measured with its own floor (GET /health sent by every lane after each of its requests): × floor is against that; the first and last GET /health rows are the floor alone, against the lower of the two.',
)
console.log(
  'driver   route                        p50       p95       p99       ×floor p50/p95/p99  floor p50/p95      db round trips  failures',
)
for (const { driver, routes } of results) {
  // The floor alone: the lower of its two measurements per quantile (a stall during one of them is not the floor).
  const [first, last] = [routes[0][1], routes[routes.length - 1][1]]
  const alone = { p50: Math.min(first.p50, last.p50), p95: Math.min(first.p95, last.p95), p99: Math.min(first.p99, last.p99) }
  for (const [route, r] of routes) {
    const floor = r.floor ?? alone
    const ratio = `${(r.p50 / floor.p50).toFixed(2)}/${(r.p95 / floor.p95).toFixed(2)}/${(r.p99 / floor.p99).toFixed(2)}`
    const floorMs = r.floor ? `${r.floor.p50.toFixed(0)}/${r.floor.p95.toFixed(0)} ms` : 'alone'
    console.log(
      `${driver.padEnd(8)} ${route.padEnd(28)} ${ms(r.p50).padEnd(9)} ${ms(r.p95).padEnd(9)} ${ms(r.p99).padEnd(9)} ${ratio.padEnd(19)} ${floorMs.padEnd(16)} ${String(r.roundTrips).padEnd(15)} ${r.failures}`,
    )
  }
}
for (const { driver, alive } of results) {
  console.log(
    `${driver.padEnd(8)} isolate alive after a forced collection: ${alive.before.toFixed(1)} MB after the warm-up, ${alive.after.toFixed(1)} MB after ${alive.requests} requests of the routes (${alive.before && alive.after ? `${(((alive.after - alive.before) * 1024) / alive.requests).toFixed(2)} KB a request` : 'not measured'})`,
  )
}
for (const { driver, upload } of uploadResults) {
  for (const u of upload) {
    console.log(
      `${driver.padEnd(8)} upload ${u.megabytes} MB PDF ×${u.count}${u.stream ? ' (streamed)' : ' (multipart)'}: ${u.mbPerSecond.toFixed(1)} MB/s, p50 ${ms(u.p50)}, memory peak: ${Number.isNaN(u.liveGrowthMb) ? 'alive not measured (the inspector did not collect)' : `alive +${u.liveGrowthMb.toFixed(1)} MB after a forced collection (${u.liveGrowthMb <= u.megabytes + 16 ? 'within' : 'OVER'} file + 16 MB)`}, isolate +${u.isolateGrowthMb.toFixed(1)} MB with garbage (V8 heap + ArrayBuffers; ${u.isolatePeakMb.toFixed(0)} MB in all), workerd RSS +${u.workerdGrowthMb.toFixed(0)} MB, wrangler dev tree +${u.peakGrowthMb.toFixed(0)} MB, failures ${u.failures}`,
    )
    for (const why of u.broken) console.log(`  an upload's connection failed: ${why}`)
  }
}
if (largeResult) {
  const { empty, large, seeded, settled, plans, sweep, reminders } = largeResult
  const floorOf = (run) => {
    const floors = run.filter(([name]) => name.startsWith('GET /health')).map(([, r]) => r)
    return { p50: Math.min(...floors.map((f) => f.p50)), p95: Math.min(...floors.map((f) => f.p95)) }
  }
  const [emptyFloor, largeFloor] = [floorOf(empty), floorOf(large)]
  console.log(
    `\nlarge database (tcp): ${seeded.rows.toLocaleString('en')} rows in the five largest tables, ${LARGE_PATIENTS.toLocaleString('en')} patients, seeded in ${(seeded.ms / 1000).toFixed(0)} s; ${LARGE_REQUESTS} requests a route to each database, side by side`,
  )
  console.log(
    `settled after the seed in ${(settled.ms / 1000).toFixed(0)} s (sync, autovacuum idle; floor p50 against the one before the seed: ${settled.floors.map((f) => `${f.toFixed(2)}×`).join(', ')})`,
  )
  console.log(
    'route                        empty p50/p95 ×floor   year of data p50/p95 ×floor   p95 change   p95 large/empty   db round trips',
  )
  for (const [i, [name, e]] of empty.entries()) {
    const l = large[i][1]
    // Against each route's own floor (measured with it), else the lower of that database's floor-alone rows.
    const ratio = (r, f) => `${(r.p50 / (r.floor ?? f).p50).toFixed(2)} / ${(r.p95 / (r.floor ?? f).p95).toFixed(2)}`
    // A floor-alone row has no change of its own (the floors are what routes are divided by).
    const change = l.floor ? `${((l.p95 / l.floor.p95 / (e.p95 / e.floor.p95) - 1) * 100).toFixed(1)} %` : '—'
    console.log(
      `${name.padEnd(28)} ${ratio(e, emptyFloor).padEnd(22)} ${ratio(l, largeFloor).padEnd(29)} ${change.padEnd(12)} ${(l.p95 / e.p95).toFixed(2).padEnd(17)} ${l.roundTrips}${e.failures || l.failures ? ` failures ${e.failures} / ${l.failures}` : ''}`,
    )
  }
  for (const { route, statements } of plans) {
    console.log(`plans of ${route}:`)
    for (const { query, nodes } of statements) console.log(`  ${nodes.join(' · ') || '(no scan)'}  ← ${query}`)
  }
  for (const r of sweep)
    console.log(
      `outbox sweep, ${r.label} (${r.table.toLocaleString('en')} jobs in the table): ${r.swept} swept in ${r.ms.toFixed(1)} ms, ${r.buffers} buffers; ${r.scans.join(' · ')}`,
    )
  for (const [i, r] of reminders.entries()) console.log(reminderLine(r, i === 0 ? 'empty database' : 'among the 10M rows'))
}
/** One dose-reminder run's line: the run with `count` due, then the next minute's with none. */
function reminderLine(r, where) {
  return `dose reminders (${where}): ${r.count} due → ${r.reminded} reminded in one scheduled run of ${ms(r.ms)}; the next run, nothing due, ${ms(r.againMs)} (${r.medications.toLocaleString('en')} medicines with reminders on; the run before, working out the next dose of those not yet looked at, ${ms(r.primedMs)}) ${r.ok ? 'ok' : 'FAILED'}`
}
for (const r of reminderResults) console.log(reminderLine(r, 'scale'))
for (const r of drainResults) {
  console.log(
    `outbox drain: ${r.count} jobs over 20 hospitals, HMIS ${r.latencyMs} ms a call, OUTBOX_CONSUMER_LANES ${String(r.lanes).padEnd(2)} → ${(r.count / (r.ms / 1000)).toFixed(1)} jobs/s (${(r.ms / 1000).toFixed(1)} s, ${r.batches} batches of p50 ${r.batchP50} ms; ${JSON.stringify(r.statuses)}, left ${r.left}); at the HMIS: ${r.missing} missing, ${r.twice} twice`,
  )
}
for (const r of pushResults) {
  console.log(
    `push: ${r.count} due doses, each patient with a phone, FCM ${r.fcmLatencyMs} ms a send, PUSH_CONSUMER_LANES ${String(r.lanes).padEnd(2)} → ${(r.sent / (r.ms / 1000)).toFixed(0)} pushes/s (${(r.ms / 1000).toFixed(1)} s; reminders made in ${ms(r.reminded)}; ${r.batches} batches of p50 ${r.batchP50} ms; ${JSON.stringify(r.states)}); at FCM: ${r.sent} accepted for ${r.tokens} phones, ${r.twice} twice`,
  )
}
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`
console.log(
  `Worker bundle: ${kb(bundle.gzip)} gzip (${kb(bundle.bytes)} uncompressed); largest module ${bundle.largest.file}, ${kb(bundle.largest.gzip)} gzip`,
)
const startup = startupProfile()
const top = Object.entries(startup.median.bySource)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 5)
  .map(([source, ms]) => `${source} ${ms.toFixed(0)} ms`)
  .join(', ')
console.log(
  `Worker startup (wrangler check startup, a fresh isolate evaluating the bundle, CPU): ${startup.runs.map((ms) => `${ms.toFixed(0)} ms`).join(' / ')} active; the median run: ${startup.median.gcMs.toFixed(0)} ms of it garbage collection; by source: ${top}`,
)
if (hostileResult) {
  const { unsigned, bomb, worst } = hostileResult
  const floor = results.find((r) => r.driver === 'tcp').routes[0][1]
  console.log(
    `\nhostile (tcp): 3 × 9.5 MB hospital posts with a wrong signature, at once → ${unsigned.result.join('/')} in ${ms(unsigned.ms)}, Worker memory peak +${unsigned.peakGrowthMb.toFixed(0)} MB`,
  )
  console.log(
    `hostile (tcp): a ${kb(bomb.bytes)} PDF inflating to 1 GiB → ${bomb.result} in ${ms(bomb.ms)}, Worker memory peak +${bomb.peakGrowthMb.toFixed(0)} MB`,
  )
  console.log(
    `hostile (tcp): doctors ?name=${WORST_PATTERN} (the costliest accepted pattern), uncached → p50 ${ms(worst.p50)}, p95 ${ms(worst.p95)} (${(worst.p95 / floor.p95).toFixed(2)}× the floor p95), failures ${worst.failures}`,
  )
}
if (chat) {
  console.log(
    `\nchat fan-out: ${chat.sockets} sockets in one room, ${chat.delivered}/${chat.expected} deliveries, ${chat.perSecond.toFixed(0)} deliveries/s, send→receipt p50 ${ms(chat.p50)}, p95 ${ms(chat.p95)}`,
  )
}
process.exit(0)
