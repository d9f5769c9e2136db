// `npm run bench`: latency of GET /v1/me under concurrent load, against `wrangler dev` and a real
// Postgres, compared with GET /health (one `select 1` through the same driver), for each database
// driver. Round trips per request come from the Server-Timing header the Worker sets.
// Settings (environment): BENCH_DATABASE_URL, BENCH_REQUESTS (default 1000), BENCH_CONCURRENCY (10).
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { migrate } from './lib/migrate.mjs'
import { freePort, startPostgres } from './lib/postgres.mjs'
import { allowFor, startWsProxy } from './lib/ws-proxy.mjs'

const root = new URL('..', import.meta.url).pathname
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10)
const log = (line) => console.log(`[bench] ${line}`)

async function startWorker(vars) {
  const port = await freePort()
  const args = [join(root, 'node_modules/wrangler/bin/wrangler.js'), 'dev', '--port', String(port), '--ip', '127.0.0.1']
  for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`)
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, stop: () => child.kill('SIGTERM') }
    await new Promise((r) => setTimeout(r, 500))
  }
  child.kill('SIGKILL')
  throw new Error(`wrangler dev did not start:\n${output.slice(-2000)}`)
}

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

async function load(url, headers) {
  const latencies = []
  let roundTrips = 0
  let failures = 0
  let next = 0
  async function lane() {
    while (next < REQUESTS) {
      next++
      const started = performance.now()
      const response = await fetch(url, { headers })
      await response.arrayBuffer()
      latencies.push(performance.now() - started)
      if (!response.ok) failures++
      roundTrips = Number(response.headers.get('server-timing')?.match(/(\d+) round trips/)?.[1] ?? roundTrips)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane))
  latencies.sort((a, b) => a - b)
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), roundTrips, failures }
}

const postgres = await startPostgres({ preferUrl: process.env.BENCH_DATABASE_URL, log })
const proxy = await startWsProxy({ allow: [allowFor(postgres.url)] })
const results = []
try {
  await migrate(postgres.url, { log: () => {} })
  for (const driver of ['neon-ws', 'tcp']) {
    const worker = await startWorker({
      DATABASE_URL: postgres.url,
      DATABASE_DRIVER: driver,
      NEON_WS_PROXY: proxy.endpoint,
      SERVER_TIMING: 'true',
    })
    try {
      const token = await login(worker.base)
      const auth = { authorization: `Bearer ${token}` }
      await load(`${worker.base}/health`, {}) // warm-up
      const bare = await load(`${worker.base}/health`, {})
      const me = await load(`${worker.base}/v1/me`, auth)
      results.push({ driver, bare, me })
    } finally {
      worker.stop()
    }
  }
} finally {
  await proxy.close()
  await postgres.stop()
}

const ms = (v) => `${v.toFixed(1)} ms`
console.log(`\n${REQUESTS} requests per route, ${CONCURRENCY} concurrent, wrangler dev, Postgres: ${postgres.kind}\n`)
console.log('driver   route              p50       p95       p99       db round trips  failures')
for (const { driver, bare, me } of results) {
  for (const [route, r] of [
    ['GET /health (select 1)', bare],
    ['GET /v1/me', me],
  ]) {
    console.log(
      `${driver.padEnd(8)} ${route.padEnd(22)} ${ms(r.p50).padEnd(9)} ${ms(r.p95).padEnd(9)} ${ms(r.p99).padEnd(9)} ${String(r.roundTrips).padEnd(15)} ${r.failures}`,
    )
  }
  console.log(
    `${driver.padEnd(8)} ratio /v1/me ÷ select 1: p50 ${(me.p50 / bare.p50).toFixed(2)}, p95 ${(me.p95 / bare.p95).toFixed(2)}, p99 ${(me.p99 / bare.p99).toFixed(2)}`,
  )
}
process.exit(0)
