import { SELF, env } from 'cloudflare:test'
import { inject, expect } from 'vitest'
import { ErrorBodySchema } from '../src/core/errors'
import { LoginSchema, OtpChallengeSchema } from '../src/features/auth/schema'

let counter = 0

/** A client of the API with its own address, so that tests never share a rate-limit bucket. */
export function newClient(ip = `10.${rand(255)}.${rand(255)}.${++counter % 250}`) {
  const call = (method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { 'cf-connecting-ip': ip, ...options.headers }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    let body: string | undefined
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    }
    return SELF.fetch(`https://phr.test${path}`, { method, headers, body })
  }
  return {
    ip,
    get: (path: string, options?: Parameters<typeof call>[2]) => call('GET', path, options),
    post: (path: string, body?: unknown, options?: Parameters<typeof call>[2]) => call('POST', path, { ...options, body }),
    patch: (path: string, body?: unknown, options?: Parameters<typeof call>[2]) => call('PATCH', path, { ...options, body }),
  }
}
export type Client = ReturnType<typeof newClient>

export function rand(n: number) {
  return Math.floor(Math.random() * n)
}

export function randomPhone() {
  return `+91${6 + rand(4)}${String(rand(1e9)).padStart(9, '0')}`
}

export function randomEmail() {
  return `patient.${crypto.randomUUID().slice(0, 8)}@Example.IN`
}

/** Asserts the error envelope of api.md and returns it. */
export async function expectError(response: Response, status: number, code: string) {
  const body = await response.json()
  expect(response.status, JSON.stringify(body)).toBe(status)
  const parsed = ErrorBodySchema.parse(body)
  expect(parsed.error.code).toBe(code)
  expect(response.headers.get('x-request-id')).toBeTruthy()
  return parsed.error
}

/** The OTP as the patient would read it: from the fake SMS gateway/email API, or the dev outbox. */
export async function readOtp(channel: 'phone' | 'email', destination: string): Promise<string> {
  const viaHttp = channel === 'phone' ? env.SMS_PROVIDER === 'msg91' : env.EMAIL_PROVIDER === 'resend'
  if (viaHttp) {
    const url =
      channel === 'phone'
        ? `${inject('msg91Url')}/_fake/messages?to=${encodeURIComponent(destination)}`
        : `${inject('resendUrl')}/_fake/emails?to=${encodeURIComponent(destination)}`
    const sent = (await (await fetch(url)).json()) as { variables?: { otp: string }; text?: string }[]
    const latest = sent[0]
    const otp = channel === 'phone' ? latest?.variables?.otp : latest?.text?.match(/\b\d{6}\b/)?.[0]
    if (!otp) throw new Error(`no OTP was sent to ${destination}`)
    return otp
  }
  const response = await newClient().get(`/dev/outbox?to=${encodeURIComponent(destination)}`)
  const page = (await response.json()) as { items: { body: string }[] }
  const otp = page.items[0]?.body.match(/\b\d{6}\b/)?.[0]
  if (!otp) throw new Error(`no OTP in the dev outbox for ${destination}`)
  return otp
}

export async function requestOtp(client: Client, channel: 'phone' | 'email' | 'abha', identifier: string) {
  const response = await client.post('/v1/auth/otp', { channel, identifier })
  const body = await response.json()
  expect(response.status, JSON.stringify(body)).toBe(202)
  return OtpChallengeSchema.parse(body)
}

/** Logs a new patient in by phone and returns the login answer. */
export async function loginByPhone(client: Client = newClient(), phone = randomPhone()) {
  const challenge = await requestOtp(client, 'phone', phone)
  const otp = await readOtp('phone', phone)
  const response = await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp })
  const body = await response.json()
  expect(response.status, JSON.stringify(body)).toBe(200)
  return { ...LoginSchema.parse(body), phone, client }
}
