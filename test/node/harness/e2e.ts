// The Worker over real HTTP: `wrangler dev` started with the test run's Postgres, reference HMIS,
// FHIR server and fakes, and clients for patients and hospitals whose every response is checked
// against the /openapi.json that Worker serves (statuses, bodies, declared headers).
import { createHmac } from 'node:crypto'
import { expect, inject } from 'vitest'
import { startFakeGemini } from '../../../scripts/fakes/gemini.mjs'
import { startWorker } from '../../../scripts/lib/worker.mjs'
import { testSecrets } from '../../secrets'
import { workerBindings, type Inject } from '../../bindings'
import { contract, type Doc } from './contract'

export type Reply = { status: number; json: any; bytes: Uint8Array; headers: Headers }
/** How a hospital call is signed: another secret, timestamp or path; `replay` sends it twice and answers the second. */
type SignOptions = { secret?: string; timestamp?: number; signedPath?: string; replay?: boolean }
type Send = { token?: string; body?: unknown; form?: FormData; headers?: Record<string, string> }

/** The hospitals of the test setup: HFR id and inbound secret (test/global-setup.ts). */
const HOSPITALS: Record<string, string> = {
  sahyadri: 'IN2710000011',
  amrita: 'IN3210000022',
  'sahyadri-fhir': 'IN2710000099',
  faulty: 'IN2710000077',
}

let addresses = 0

/**
 * wrangler dev on the tcp driver with the test settings (and these overrides), cron runs on
 * /__scheduled. It gets a fake Gemini of its own (unless given one): the Workers tests inject
 * Gemini failures into the shared one. Any 5xx answer is a problem of the run, but for the fault
 * drills (`upstreamFailures`), where 502/503/504 are what is tested; a 500 always is.
 */
export async function startE2e(overrides: Record<string, string> = {}, { upstreamFailures = false } = {}) {
  const gemini = overrides.GEMINI_BASE_URL ? undefined : await startFakeGemini({ apiKey: testSecrets.GEMINI_API_KEY })
  const vars = { ...workerBindings(inject as Inject, 'tcp'), ...(gemini ? { GEMINI_BASE_URL: gemini.url } : {}), ...overrides }
  const worker = await startWorker(vars, { scheduled: true })
  const doc = (await (await fetch(`${worker.base}/openapi.json`)).json()) as Doc
  const check = contract(doc)
  /** What the contract check found, over every call of the run; each test expects it empty. */
  const problems: string[] = []

  const record = async (method: string, url: string, response: Response): Promise<Reply> => {
    const bytes = new Uint8Array(await response.arrayBuffer())
    if (!worker.alive()) problems.push(`${method} ${new URL(url).pathname}: wrangler dev is gone:\n${worker.output().slice(-4000)}`)
    const text = /json/.test(response.headers.get('content-type') ?? '') && bytes.length ? new TextDecoder().decode(bytes) : ''
    const json = text ? JSON.parse(text) : undefined
    problems.push(...check(method, new URL(url).pathname, response, json))
    if (response.status === 500 || (response.status > 500 && !upstreamFailures))
      problems.push(`${method} ${new URL(url).pathname}: unexpected ${response.status} ${text.slice(0, 300)}`)
    return { status: response.status, json, bytes, headers: response.headers }
  }

  async function send(method: string, path: string, options: Send & { ip: string }) {
    const headers: Record<string, string> = { 'cf-connecting-ip': options.ip, ...options.headers }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    let body: BodyInit | undefined
    if (options.form) body = options.form
    else if (options.body instanceof Uint8Array) body = options.body
    else if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = JSON.stringify(options.body)
    }
    const url = `${worker.base}${path}`
    return record(method, url, await fetch(url, { method, headers, body }).catch((error: unknown) => Promise.reject(died(error))))
  }

  /** A failed fetch, with what wrangler dev said last when it is the worker that is gone. */
  const died = (error: unknown) =>
    worker.alive() ? error : new Error(`wrangler dev is gone; its last output:\n${worker.output().slice(-4000)}`, { cause: error })

  /** A client from its own address (rate limits are per address), optionally logged in. */
  function client(token?: string, ip = `10.${(addresses >> 8) & 255}.${addresses++ & 255}.${Math.floor(Math.random() * 250)}`) {
    const call = (method: string, path: string, options: Send = {}) => send(method, path, { token, ...options, ip })
    return {
      ip,
      token,
      call,
      get: (path: string, headers?: Record<string, string>) => call('GET', path, { headers }),
      post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, { body, headers }),
      put: (path: string, body?: unknown, headers?: Record<string, string>) => call('PUT', path, { body, headers }),
      patch: (path: string, body?: unknown) => call('PATCH', path, { body }),
      delete: (path: string) => call('DELETE', path),
      upload: (path: string, form: FormData, headers?: Record<string, string>) => call('POST', path, { form, headers }),
    }
  }

  /** A new patient logged in by phone OTP (the code read from the development outbox), with a name. */
  async function patient(name = 'Asha Verma') {
    const phone = `+9195${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    const anonymous = client()
    const challenge = ok(await anonymous.post('/v1/auth/otp', { channel: 'phone', identifier: phone }), 202)
    const outbox = ok(await anonymous.get(`/dev/outbox?to=${encodeURIComponent(phone)}&limit=1`), 200)
    const otp = String(outbox.items[0].body).match(/\d{6}/)![0]
    const login = ok(await anonymous.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp }), 200)
    const me = client(login.access_token, anonymous.ip)
    const profile = ok(await me.patch('/v1/me', { name }), 200)
    return { ...me, id: profile.id as string, phone }
  }

  /** Calls as a hospital's HMIS makes them, signed over `<ts>.<METHOD>.<path?query>.<body>` with its inbound secret. */
  function hospital(key: string) {
    // A POST signature is accepted once: each call is signed anew, a second later than the last.
    let last = 0
    return async (method: string, path: string, payload?: unknown, options: SignOptions = {}) => {
      let bytes: Uint8Array = new Uint8Array()
      const headers: Record<string, string> = { 'x-phr-hospital': HOSPITALS[key]! }
      if (payload instanceof FormData) {
        const request = new Request('http://x/', { method: 'POST', body: payload })
        headers['content-type'] = request.headers.get('content-type')!
        bytes = new Uint8Array(await request.arrayBuffer())
      } else if (payload !== undefined) {
        headers['content-type'] = 'application/json'
        bytes = new TextEncoder().encode(JSON.stringify(payload))
      }
      last = Math.max(Math.floor(Date.now() / 1000), last + 1)
      const timestamp = String(options.timestamp ?? last)
      const mac = createHmac('sha256', options.secret ?? `test-inbound-${key}`)
      mac.update(`${timestamp}.${method}.${options.signedPath ?? path}.`).update(bytes)
      headers['x-phr-timestamp'] = timestamp
      headers['x-phr-signature'] = `v1=${mac.digest('hex')}`
      const url = `${worker.base}${path}`
      const send = async () => record(method, url, await fetch(url, { method, headers, body: method === 'GET' ? undefined : bytes }))
      const reply = await send()
      return options.replay ? send() : reply
    }
  }

  /** A fetch that checks each response against the document too (for the generated client). */
  const checkedFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const response = await fetch(request)
    await record(request.method, request.url, response.clone())
    return response
  }) as typeof fetch

  /** One run of the every-minute cron, as Cloudflare starts it (now as its scheduled time). */
  async function cron(pattern = '* * * * *') {
    const response = await fetch(`${worker.base}/__scheduled?cron=${encodeURIComponent(pattern)}`)
    await response.arrayBuffer()
    expect(response.status).toBe(200)
  }

  /** The Worker's log lines about one request (by its x-request-id), to explain a 5xx: they reach us a moment after the answer. */
  const logOf = async (reply: Reply) => {
    await new Promise((r) => setTimeout(r, 500))
    const id = reply.headers.get('x-request-id')
    return id
      ? worker
          .output()
          .split('\n')
          .filter((line: string) => line.includes(id))
          .join('\n')
          .slice(0, 3000)
      : ''
  }

  const stop = async () => {
    await worker.stop()
    await gemini?.close()
  }
  return {
    base: worker.base,
    /** wrangler dev itself (its processes and inspector, for scripts/lib/inspector.mjs). */
    worker,
    doc,
    problems,
    client,
    patient,
    hospital,
    checkedFetch,
    cron,
    logOf,
    output: worker.output,
    stop,
  }
}

export type E2e = Awaited<ReturnType<typeof startE2e>>
export type Patient = Awaited<ReturnType<E2e['patient']>>

/** The body of a reply that must have this status (the body in the message otherwise). */
export function ok(reply: Reply, status: number) {
  expect(reply.status, JSON.stringify(reply.json ?? new TextDecoder().decode(reply.bytes.slice(0, 500)))).toBe(status)
  return reply.json
}

/** The code of an error reply that must have this status, in the envelope. */
export function refused(reply: Reply, status: number, code?: string) {
  expect(reply.status, JSON.stringify(reply.json)).toBe(status)
  expect(reply.json).toMatchObject({ error: { code: code ?? expect.any(String), message: expect.any(String) } })
  expect(reply.headers.get('x-request-id')).toBeTruthy()
  return reply.json.error.code as string
}

/** A multipart form: a file part plus text fields. */
export function formOf(field: string, bytes: Uint8Array, name: string, fields: Record<string, string> = {}) {
  const form = new FormData()
  form.append(field, new File([bytes], name))
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return form
}

/** Finds a demo hospital in the list by its HFR id (Sahyadri, REST, by default) and shares the patient's profile with it. */
export async function shareWith(patient: Patient, hfrId = 'IN2710000011') {
  const hospitals = ok(await patient.get('/v1/hospitals'), 200)
  const hospital = hospitals.items.find((h: { hfr_id: string }) => h.hfr_id === hfrId).id as string
  const share = ok(await patient.post(`/v1/hospitals/${hospital}/share`, {}), 201)
  return { hospital, share }
}

/** A random free slot of a doctor, at least three hours ahead, offering that mode. */
export async function openSlot(patient: Patient, hospital: string, doctor = 'd-sah-01', mode = 'online') {
  const { availability } = ok(await patient.get(`/v1/hospitals/${hospital}/doctors/${doctor}`), 200)
  const slots = (availability as { slots: { start: string; modes: string[]; available: number }[] }[])
    .flatMap((d) => d.slots)
    .filter((s) => s.modes.includes(mode) && s.available > 0 && Date.parse(s.start) > Date.now() + 3 * 3600_000)
  expect(slots.length).toBeGreaterThan(0)
  return slots[Math.floor(Math.random() * slots.length)]!
}
