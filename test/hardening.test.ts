import { env } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { EXAMPLE_SECRETS, loadConfig } from '../src/core/config'
import { describeError } from '../src/core/logger'
import { loginByPhone } from './fixtures/auth'
import { expectError, failingPaths, newClient } from './harness/client'
import { runSql } from './harness/sql'
import { hmisCall } from './harness/hmis'
import { fetchWithSettings } from './harness/worker'

describe('request bodies', () => {
  it('answers 413 to a 30 MB JSON body, before reading it', async () => {
    const huge = new Uint8Array(30 * 1024 * 1024).fill(0x20)
    huge[0] = 0x7b
    huge[huge.length - 1] = 0x7d
    const started = performance.now()
    const response = await newClient().post('/v1/auth/otp', huge)
    const error = await expectError(response, 413, 'payload_too_large')
    expect(error.details).toEqual({ limit_bytes: 65536 })
    console.log(`30 MB JSON body → 413 in ${(performance.now() - started).toFixed(1)} ms`)
  })

  it('answers 413 to a chunked body without Content-Length once it passes the limit', async () => {
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 128 chunks of 64 KB would be 8 MB; the Worker stops reading after the first 64 KB.
        if (sent++ >= 128) return controller.close()
        controller.enqueue(
          new TextEncoder().encode(sent === 1 ? `{"channel":"phone","identifier":"${' '.repeat(65_000)}` : ' '.repeat(65_536)),
        )
      },
    })
    const response = await newClient().call('POST', '/v1/auth/otp', { body: stream })
    await expectError(response, 413, 'payload_too_large')
  })

  it('answers 400, never 500, to NUL characters and unpaired surrogates anywhere', async () => {
    const { access_token: token, client } = await loginByPhone()
    const cases: [Promise<Response>, string][] = [
      [client.patch('/v1/me', { address: { line1: 'Flat 4\u0000B' } }, { token }), 'address.line1'],
      [client.patch('/v1/me', { emergency_contact: { name: 'Rahul \udc00', phone: '9822012345' } }, { token }), 'emergency_contact.name'],
      [client.post('/v1/auth/otp', { channel: 'email', identifier: 'asha\u0000@example.in' }), 'identifier'],
      [client.get('/dev/outbox?to=%00'), 'to'],
    ]
    for (const [response, path] of cases) {
      const error = await expectError(await response, 400, 'validation_failed')
      expect(failingPaths(error)).toContain(path)
    }
  })

  it('answers 400 to a tampered pagination cursor', async () => {
    const forge = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    for (const cursor of [
      forge({ at: '+275760-09-13T00:00:00.000Z', id: crypto.randomUUID() }),
      forge({ at: '2026-02-30T00:00:00.000Z', id: crypto.randomUUID() }),
      forge({ at: '2026-01-01T00:00:00.000Z', id: "x' or 1=1" }),
      forge('a string'),
      '%%%',
    ]) {
      const error = await expectError(await newClient().get(`/dev/outbox?cursor=${encodeURIComponent(cursor)}`), 400, 'validation_failed')
      expect(failingPaths(error)).toEqual(['cursor'])
    }
  })
})

describe('ids', () => {
  it.each(['6c1f2e3d-4b5a-0978-ca6b-5c4d3e2f1a0b', '00000000-0000-0000-0000-000000000000', '6C1F2E3D-4B5A-4978-8A6B-5C4D3E2F1A0B'])(
    'takes %s (a UUID of any version or variant, as `format: uuid` documents): 404, not 400',
    async (id) => {
      const { access_token: token, client } = await loginByPhone()
      await expectError(await client.get(`/v1/appointments/${id}`, { token }), 404, 'not_found')
      await expectError(await client.get(`/v1/records/${id}`, { token }), 404, 'not_found')
    },
  )
})

describe('malformed multipart bodies', () => {
  const broken: [string, string, string][] = [
    ['a part header with no terminator', 'multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"'],
    ['no boundary', 'multipart/form-data', '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--\r\n'],
    [
      'a part that never ends',
      'multipart/form-data; boundary=xyz',
      '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nno closing boundary',
    ],
  ]

  it.each(broken)('answer 400 malformed_body, never 500, on every multipart route (%s)', async (_why, contentType, text) => {
    const { access_token: token, client } = await loginByPhone()
    const check = await client.post('/v1/symptom-checks', { symptom_codes: ['fever'] }, { token })
    const { id } = (await check.json()) as { id: string }
    const body = new TextEncoder().encode(text)
    for (const path of [
      '/v1/records',
      '/v1/store/medicine-orders',
      '/v1/symptom-checks/detect',
      `/v1/symptom-checks/${id}/audio`,
      '/v1/scan',
    ]) {
      const response = await client.call('POST', path, { token, body, headers: { 'content-type': contentType } })
      const error = await expectError(response, 400, 'malformed_body')
      expect(error.message, path).toMatch(/multipart/)
    }
    const hospital = await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', body, { contentType })
    await expectError(hospital.response, 400, 'malformed_body')
  })
})

/** Secrets that are not the examples, and the provider settings staging and production need. */
const realSecrets = {
  ...Object.fromEntries(Object.keys(EXAMPLE_SECRETS).map((key) => [key, `not-the-example-${key}-0123456789abcdefghijklmnop`])),
  HOSPITAL_SECRETS_KEY: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))),
  ABDM_TOKENS_KEY: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))),
  MSG91_AUTH_KEY: 'k',
  MSG91_OTP_TEMPLATE_ID: 't',
  RESEND_API_KEY: 'r',
  GOOGLE_SERVICE_ACCOUNT_EMAIL: 'meet@example.iam.gserviceaccount.com',
  GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY: 'k',
  GOOGLE_MEET_USER: 'u@example.in',
}

describe('methods, headers and environments', () => {
  it('answers 405 with Allow to a method a path does not take', async () => {
    const response = await newClient().put('/v1/me', {})
    expect(response.headers.get('allow')).toBe('GET, PATCH, DELETE')
    await expectError(response, 405, 'method_not_allowed')
  })

  it('marks token and patient answers no-store and every answer nosniff', async () => {
    const { access_token: token, client } = await loginByPhone()
    const me = await client.get('/v1/me', { token })
    expect(me.headers.get('cache-control')).toBe('no-store')
    expect(me.headers.get('x-content-type-options')).toBe('nosniff')
    await me.body?.cancel()
    const health = await client.get('/health')
    expect(health.headers.get('x-content-type-options')).toBe('nosniff')
    await health.body?.cancel()
  })

  it('answers 404 (not 400) to a malformed query on /dev/outbox outside development', async () => {
    await expectError(await fetchWithSettings({ ENVIRONMENT: 'staging' }, '/dev/outbox?limit=lots'), 404, 'not_found')
  })

  it.each(['staging', 'production'])('refuses to serve in %s with the console SMS or email provider', async (environment) => {
    for (const providers of [
      { SMS_PROVIDER: 'console', EMAIL_PROVIDER: 'resend' },
      { SMS_PROVIDER: 'msg91', EMAIL_PROVIDER: 'console' },
    ]) {
      const response = await fetchWithSettings({ ENVIRONMENT: environment, ...realSecrets, ...providers }, '/health')
      const error = await expectError(response, 500, 'config_invalid')
      expect(error.message).toContain('console providers are for development only')
    }
  })

  it.each(['staging', 'production'])('refuses to serve in %s with a secret from .dev.vars.example', async (environment) => {
    const response = await fetchWithSettings(
      { ENVIRONMENT: environment, SMS_PROVIDER: 'msg91', EMAIL_PROVIDER: 'resend', JWT_SECRET: EXAMPLE_SECRETS.JWT_SECRET },
      '/health',
    )
    const error = await expectError(response, 500, 'config_invalid')
    expect(error.message).toContain('JWT_SECRET')
    expect(error.message).not.toContain(EXAMPLE_SECRETS.JWT_SECRET!)
  })
})

describe('configuration', () => {
  it('is validated once per isolate (the env object Workers passes every request), frozen; another env anew', async () => {
    const config = loadConfig(env)
    expect(loadConfig(env)).toBe(config)
    expect(Object.isFrozen(config)).toBe(true)
    expect(() => loadConfig({ ...env, OUTBOX_LEASE_SECONDS: '5' })).toThrow(/OUTBOX_LEASE_SECONDS/)
    expect(loadConfig({ ...env, OUTBOX_LEASE_SECONDS: '60' }).OUTBOX_LEASE_SECONDS).toBe(60)
  })
})

describe('database overload', () => {
  it('answers 503 with Retry-After, not 500, when the database takes no more connections', async () => {
    const role = `busy_${crypto.randomUUID().slice(0, 8)}`
    await runSql(sql.raw(`create role ${role} login password 'busy' connection limit 0`))
    const url = new URL(env.DATABASE_URL!)
    url.username = role
    url.password = 'busy'
    const { access_token } = await loginByPhone()
    const response = await fetchWithSettings({ DATABASE_URL: url.toString() }, '/v1/me', {
      headers: { authorization: `Bearer ${access_token}` },
    })
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    const error = await expectError(response, 503, 'upstream_unavailable')
    expect(error.details).toMatchObject({ service: 'database' })
  })
})

describe('logs', () => {
  it('describe a failed query by its statement and cause, never its parameters', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })
    const failed = new Error('Failed query: update patients set email = $1 where id = $2\nparams: asha@example.in,7 Shivaji Nagar', {
      cause,
    })
    const logged = JSON.stringify(describeError(failed))
    expect(logged).toContain('update patients set email')
    expect(logged).toContain('23505')
    expect(logged).not.toContain('asha@example.in')
    expect(logged).not.toContain('Shivaji')
  })
})
