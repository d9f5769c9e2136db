// What an app developer writes against a client generated from our /openapi.json
// (openapi-typescript + openapi-fetch). The test generates ./api.d.ts from the served document,
// compiles this file with `tsc --strict`, then runs it against the API.
import createClient from 'openapi-fetch'
import type { paths } from './api'

export async function profileJourney(baseUrl: string, fetchImpl: typeof fetch, phone: string) {
  const api = createClient<paths>({ baseUrl, fetch: fetchImpl, headers: { 'cf-connecting-ip': '203.0.113.77' } })

  const sent = await api.POST('/v1/auth/otp', { body: { channel: 'phone', identifier: phone } })
  if (!sent.data) throw new Error(`OTP request failed: ${sent.error?.error.code}`)
  const outbox = await api.GET('/dev/outbox', { params: { query: { to: phone, limit: 1 } } })
  const otp = outbox.data?.items[0]?.body.match(/\d{6}/)?.[0]
  if (!otp) throw new Error('no OTP in the development outbox')

  const login = await api.POST('/v1/auth/otp/verify', { body: { challenge_id: sent.data.challenge_id, otp } })
  if (!login.data) throw new Error(`login failed: ${login.error?.error.code}`)
  const headers = { Authorization: `Bearer ${login.data.access_token}` }

  const me = await api.GET('/v1/me', { headers })
  if (!me.data) throw new Error(`GET /v1/me failed: ${me.error?.error.code}`)

  const updated = await api.PATCH('/v1/me', {
    headers,
    body: {
      name: 'Asha Verma',
      address: { line1: '7 Shivaji Nagar', city: 'Pune', state: 'Maharashtra', pincode: '411005' },
      emergency_contact: { name: 'Rahul Verma', phone: '098220 12345', relationship: 'brother' },
    },
  })
  if (!updated.data) throw new Error(`PATCH /v1/me failed: ${updated.error?.error.code}`)
  const contact: { name: string; phone: string } | null = updated.data.emergency_contact
  return { id: me.data.id, name: updated.data.name, city: updated.data.address?.city ?? null, contact }
}
