// `npm run dev`: everything a developer needs on a laptop with Node and no Postgres.
//   - Postgres: DATABASE_URL from your shell if set, else embedded PGlite (data in .data/pglite)
//   - migrations and demo seed data
//   - the WebSocket proxy the Neon driver needs in front of a non-Neon Postgres (port 8788)
//   - a local fake ABDM for ABHA login (port 8790)
//   - the reference HMIS (port 8791) with three demo hospitals registered
//   - a fake Google (port 8792: OAuth and Meet; port 8794: FCM) with a throwaway service-account key
//   - a fake Gemini (port 8793): say `SPEECH:<words>|END` inside a recording's bytes to be heard
//   - wrangler dev on http://localhost:8787 (Swagger UI at /docs)
import { spawn } from 'node:child_process'
import { appendFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startFakeAbdm } from './fakes/abdm.mjs'
import { startFakeGemini } from './fakes/gemini.mjs'
import { startFakeGoogle } from './fakes/google.mjs'
import { serviceAccountKeys } from './lib/keys.mjs'
import { migrate, seed } from './lib/migrate.mjs'
import { startPostgres } from './lib/postgres.mjs'
import { startReferenceHmis } from './hmis/reference.mjs'
import { devHmisKeys, hospitals as demoHospitals, qrPayloadOf } from './hmis/seed.mjs'
import { registerHospital, registerSandbox } from './lib/hospitals.mjs'
import { SANDBOX_HOSPITAL } from '../src/core/hospital-secrets.ts'
import { allowFor, startWsProxy } from './lib/ws-proxy.mjs'

const root = new URL('..', import.meta.url).pathname
const log = (line) => console.log(`[dev] ${line}`)
const PORT = Number(process.env.PORT ?? 8787)

const settingsOf = (file) =>
  Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  )

/** .dev.vars, made from .dev.vars.example, and given any setting added to the example since. */
function readDevVars() {
  const file = join(root, '.dev.vars')
  const example = join(root, '.dev.vars.example')
  if (!existsSync(file)) {
    copyFileSync(example, file)
    log('created .dev.vars from .dev.vars.example')
  }
  const missing = Object.entries(settingsOf(example)).filter(([key]) => !(key in settingsOf(file)))
  if (missing.length > 0) {
    appendFileSync(
      file,
      `\n# Added by npm run dev from .dev.vars.example\n${missing.map(([key, value]) => `${key}=${value}`).join('\n')}\n`,
    )
    log(`added to .dev.vars: ${missing.map(([key]) => key).join(', ')}`)
  }
  return settingsOf(file)
}

const vars = readDevVars()
const stops = []
async function shutdown(code = 0) {
  for (const stop of stops.reverse()) await stop().catch(() => {})
  process.exit(code)
}
process.on('SIGINT', () => shutdown(0))
process.on('SIGTERM', () => shutdown(0))

try {
  const postgres = await startPostgres({
    preferUrl: process.env.DATABASE_URL,
    pgliteDataDir: join(root, '.data/pglite'),
    log,
  })
  stops.push(() => postgres.stop())
  await migrate(postgres.url, { log })
  await seed(postgres.url, { log })

  const proxy = await startWsProxy({ port: 8788, allow: [allowFor(postgres.url)], log })
  stops.push(() => proxy.close())
  log(`WebSocket proxy on ${proxy.endpoint}`)

  const abdm = await startFakeAbdm({
    clientId: vars.ABDM_CLIENT_ID || 'phr-edge-dev',
    clientSecret: vars.ABDM_CLIENT_SECRET || 'phr-edge-dev-secret',
    port: 8790,
    // ABDM's gateway callbacks (linking) reach the Worker as they would its bridge URL.
    bridgeUrl: `http://127.0.0.1:${PORT}`,
    log,
  })
  stops.push(() => abdm.close())
  log(`fake ABDM on ${abdm.url} (demo ABHA: 91-1111-2222-3333 / asha.verma@sbx, or the family on mobile 9876500001; OTPs print here)`)

  const hmis = await startReferenceHmis({ port: 8791, apiKeys: devHmisKeys })
  stops.push(() => hmis.close())
  const secretsKey = vars.HOSPITAL_SECRETS_KEY
  if (!secretsKey) throw new Error('.dev.vars has no HOSPITAL_SECRETS_KEY (see .dev.vars.example)')
  for (const hospital of demoHospitals) {
    await registerHospital(postgres.url, secretsKey, {
      ...hospital,
      adapter: 'rest',
      baseUrl: hmis.baseUrlOf(hospital.key),
      apiKey: devHmisKeys[hospital.key],
      inboundSecrets: [`dev-inbound-${hospital.key}`],
    })
  }
  log(`reference HMIS on ${hmis.url}; hospitals registered: ${demoHospitals.map((h) => `${h.name} (${h.hfrId})`).join(', ')}`)
  // The sandbox hospital of docs/hmis-integration.md (its HMIS: the reference one's Sahyadri).
  await registerSandbox(postgres.url, secretsKey, { baseUrl: hmis.baseUrlOf('sahyadri'), apiKey: devHmisKeys.sahyadri })
  log(`sandbox hospital ${SANDBOX_HOSPITAL.hfrId}: sign with its published secret (docs/hmis-integration.md, npm run hmis:sign)`)
  const keys = serviceAccountKeys()
  const google = await startFakeGoogle({
    publicKeyPem: keys.publicKeyPem,
    meet: { serviceAccountEmail: keys.serviceAccountEmail, user: keys.user },
    fcm: keys.fcm,
    port: 8792,
    fcmPort: 8794,
    log,
  })
  stops.push(() => google.close())
  log(`fake Google Meet on ${google.url}; fake FCM on ${google.fcmUrl} (what a phone got: GET /dev/push?token=…)`)
  const gemini = await startFakeGemini({ apiKey: vars.GEMINI_API_KEY || 'dev-only-gemini-api-key', port: 8793, log })
  stops.push(() => gemini.close())
  log(`fake Gemini on ${gemini.url}`)
  log(`scan one: POST /v1/scan {"qr_payload":"${qrPayloadOf(demoHospitals[0])}"} (printable QR codes in docs/qr/)`)

  const wranglerArgs = [
    join(root, 'node_modules/wrangler/bin/wrangler.js'),
    'dev',
    '--env',
    'development',
    '--port',
    String(PORT),
    '--ip',
    '127.0.0.1',
    '--test-scheduled',
    '--var',
    `DATABASE_URL:${postgres.url}`,
    '--var',
    `NEON_WS_PROXY:${proxy.endpoint}`,
    '--var',
    `ABDM_ABHA_BASE_URL:${abdm.url}`,
    '--var',
    `ABDM_GATEWAY_BASE_URL:${abdm.url}`,
    '--var',
    `ABDM_FACILITY_BASE_URL:${abdm.url}`,
    '--var',
    `GOOGLE_OAUTH_TOKEN_URL:${google.tokenUrl}`,
    '--var',
    `GOOGLE_MEET_BASE_URL:${google.url}`,
    '--var',
    `FCM_BASE_URL:${google.fcmUrl}`,
    '--var',
    `FCM_PROJECT_ID:${keys.fcm.projectId}`,
    '--var',
    `FCM_SERVICE_ACCOUNT_EMAIL:${keys.fcm.serviceAccountEmail}`,
    '--var',
    `FCM_SERVICE_ACCOUNT_PRIVATE_KEY:${keys.privateKeyPem}`,
    '--var',
    `GEMINI_BASE_URL:${gemini.url}`,
    '--var',
    `GOOGLE_SERVICE_ACCOUNT_EMAIL:${keys.serviceAccountEmail}`,
    '--var',
    `GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY:${keys.privateKeyPem}`,
    '--var',
    `GOOGLE_MEET_USER:${keys.user}`,
  ]
  // wrangler dev (not the deployed Worker) exits when a response goes out before the request body
  // was read to its end, e.g. a 413 to a chunked upload (workers-sdk#15203): start it again.
  let stopping = false
  const crashes = []
  const startWrangler = () => {
    const wrangler = spawn(process.execPath, wranglerArgs, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    })
    wrangler.on('exit', (code) => {
      if (stopping) return
      crashes.push(Date.now())
      const recent = crashes.filter((at) => at > Date.now() - 60_000)
      if (code !== 0 && recent.length <= 5) {
        log(`wrangler exited (${code}); starting it again (a known wrangler dev bug, workers-sdk#15203)`)
        startWrangler()
      } else {
        log(`wrangler exited (${code})`)
        shutdown(code ?? 1)
      }
    })
    stops.push(async () => {
      stopping = true
      wrangler.kill('SIGTERM')
    })
  }
  startWrangler()

  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) {
      log(`ready: http://localhost:${PORT}/docs (Swagger UI), http://localhost:${PORT}/health`)
      log(`demo login: POST /v1/auth/otp {"channel":"phone","identifier":"9999900001"}, then read the code at /dev/outbox`)
      break
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
} catch (error) {
  console.error(`[dev] ${error.message}`)
  await shutdown(1)
}
