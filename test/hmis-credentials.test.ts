// A hospital vendor's side of signing (docs/hmis-integration.md): why a signed call was refused, the
// hospital's own secret and API key rotation with an overlap that ends, and the sandbox hospital.
import { describe, expect, it, inject } from 'vitest'
import { z } from 'zod'
import { RecordSchema } from '../src/features/records/schema'
import { hmacSha256HexOfParts } from '../src/core/crypto'
import { SANDBOX_HOSPITAL } from '../src/core/hospital-secrets'
import { loginByPhone } from './fixtures/auth'
import { pdfDocument } from './fixtures/documents'
import { hospitalId } from './fixtures/hospitals'
import { signatureVectors } from './fixtures/signature-vectors'
import { expectError, expectOk } from './harness/client'
import { hmisCall } from './harness/hmis'

const now = () => Math.floor(Date.now() / 1000)
const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
})
const RotatedSchema = z.object({ secret: z.string().min(40), previous_valid_until: z.string().datetime() })

describe('the guide’s signature test vectors', () => {
  it('are what the Worker’s own HMAC computes', async () => {
    for (const v of signatureVectors) {
      const prefix = new TextEncoder().encode(`${v.timestamp}.${v.method}.${v.pathAndQuery}.`)
      expect(`v1=${await hmacSha256HexOfParts(v.secret, [prefix, new TextEncoder().encode(v.body)])}`, v.pathAndQuery).toBe(v.expected)
    }
  })
})

describe('a refused signature says why', () => {
  // Past the signature, an unknown consent is 404: that is how an accepted signature shows.
  const read = '/v1/hmis/consents/00000000-0000-4000-8000-000000000000'

  it('tells a missing header, a bad signature, a stale timestamp, an unknown hospital and a replay apart', async () => {
    await expectError((await hmisCall('sahyadri', 'GET', read)).response, 404, 'not_found')
    const unsigned = (await hmisCall('sahyadri', 'GET', read, undefined, { unsigned: true })).response
    const missing = ErrorSchema.parse(await unsigned.clone().json())
    expect(missing.error.code).toBe('signature_invalid')
    expect(unsigned.status).toBe(401)
    expect(missing.error.message).toContain('X-PHR-Timestamp, X-PHR-Signature missing')
    expect(unsigned.headers.get('www-authenticate')).toBe('PHR-Signature')
    await expectError((await hmisCall('sahyadri', 'GET', read, undefined, { signature: 'v1=abc' })).response, 401, 'signature_invalid')
    await expectError((await hmisCall('sahyadri', 'GET', read, undefined, { secret: 'not-the-secret' })).response, 401, 'signature_invalid')
    // Upper-case hex is the same signature (documented: either case).
    await expectError((await hmisCall('sahyadri', 'GET', read, undefined, { upperCase: true })).response, 404, 'not_found')
    // The HFR id in either case, too.
    await expectError((await hmisCall('sahyadri', 'GET', read, undefined, { hfrId: 'in2710000011' })).response, 404, 'not_found')

    const stale = (await hmisCall('sahyadri', 'GET', read, undefined, { timestamp: now() - 600 })).response
    const staleBody = ErrorSchema.parse(await stale.json())
    expect([stale.status, staleBody.error.code]).toEqual([401, 'timestamp_out_of_range'])
    expect(Math.abs(Number(staleBody.error.details?.server_time) - now())).toBeLessThan(5)
    await expectError(
      (await hmisCall('sahyadri', 'GET', read, undefined, { timestamp: now() + 600 })).response,
      401,
      'timestamp_out_of_range',
    )
    // Milliseconds instead of seconds: the commonest mistake.
    await expectError(
      (await hmisCall('sahyadri', 'GET', read, undefined, { timestamp: Date.now() })).response,
      401,
      'timestamp_out_of_range',
    )

    await expectError((await hmisCall('sahyadri', 'GET', read, undefined, { hfrId: 'IN0000000404' })).response, 401, 'hospital_unknown')

    // A write's signature once: the same bytes again are a replay, whatever the first answer was.
    const write = await hmisCall('sahyadri', 'POST', '/v1/hmis/appointments/no-such-ref/events', {
      event_id: 'e-replay',
      event: 'reviewed',
    })
    await expectError(write.response, 404, 'not_found')
    await expectError(await write.replay(), 401, 'signature_replayed')
    // Nothing of a secret in any answer.
    for (const body of [missing, staleBody]) expect(JSON.stringify(body)).not.toContain('test-inbound')
  })
})

describe('a hospital rotates its own credentials', () => {
  // The keyring hospital's secret as the rotations leave it (the tests of this block run in order).
  let keyringSecret = 'test-inbound-keyring'

  it('gets a new signing secret; the old one is accepted until the end it chose, then refused with the date', async () => {
    const read = '/v1/hmis/consents/00000000-0000-4000-8000-000000000000'
    const accepted = async (secret: string) => (await hmisCall('keyring', 'GET', read, undefined, { secret })).response.status === 404
    const original = 'test-inbound-keyring'
    const rotate = async (secret: string, body: object) =>
      expectOk((await hmisCall('keyring', 'POST', '/v1/hmis/credentials/inbound-secret', body, { secret })).response, 200, RotatedSchema)

    const first = await rotate(original, { previous_valid_hours: 24 })
    expect(Date.parse(first.previous_valid_until) - Date.now()).toBeGreaterThan(23.9 * 3_600_000)
    expect(await accepted(first.secret)).toBe(true)
    expect(await accepted(original)).toBe(true)

    // The answer was lost: the vendor rotates again with the secret it still has. The lost secret is
    // replaced; the one that signed stays accepted.
    const second = await rotate(original, {})
    // Rotating again with the replaced secret never keeps it longer than its first end.
    expect(second.previous_valid_until).toBe(first.previous_valid_until)
    expect(await accepted(second.secret)).toBe(true)
    expect(await accepted(original)).toBe(true)
    expect(await accepted(first.secret)).toBe(false)

    // An overlap of 0 ends the signing secret at once, and a call made with it says so.
    const third = await rotate(second.secret, { previous_valid_hours: 0 })
    keyringSecret = third.secret
    expect(await accepted(third.secret)).toBe(true)
    const late = (await hmisCall('keyring', 'GET', read, undefined, { secret: second.secret })).response
    const body = ErrorSchema.parse(await late.clone().json())
    await expectError(late, 401, 'signature_invalid')
    expect(body.error.details?.secret_expired_at).toBe(third.previous_valid_until)
    expect(await accepted(original)).toBe(false)

    await expectError(
      (await hmisCall('keyring', 'POST', '/v1/hmis/credentials/inbound-secret', { previous_valid_hours: 10_000 }, { secret: third.secret }))
        .response,
      400,
      'validation_failed',
    )
  })

  it('replaces the API key it issued us only once its HMIS accepts it; calls use it at once', async () => {
    const hmis = inject('hmisCredentialsUrl')
    const control = (body: object) =>
      fetch(`${hmis}/_hmis/api-keys`, { method: 'POST', body: JSON.stringify({ hospital: 'sahyadri', ...body }) })
    const replace = (api_key: string) => hmisCall('keyring', 'PUT', '/v1/hmis/credentials/api-key', { api_key }, { secret: keyringSecret })
    const doctors = () =>
      hmisCallAsPatient(`/v1/hospitals/${hospitalId('keyring')}/doctors?name=k${crypto.randomUUID().slice(0, 8)}`).then((r) => r.status)

    // Not issued by the HMIS: refused, and the old key stays in use.
    const refused = (await replace('never-issued-key-0001')).response
    await expectError(refused, 422, 'unprocessable')
    expect(await doctors()).toBe(200)
    await expectError((await replace('short')).response, 400, 'validation_failed')

    const key = `issued-${crypto.randomUUID()}`
    await control({ key })
    const replaced = await expectOk(
      (await replace(key)).response,
      200,
      z.object({ verified_at: z.string().datetime(), key_ends_with: z.string().length(4) }),
    )
    expect(key.endsWith(replaced.key_ends_with)).toBe(true)
    // The HMIS stops accepting the first key: PHR Edge already sends the new one.
    await control({ retire_first: true })
    expect(await doctors()).toBe(200)
  })
})

describe('the sandbox hospital', () => {
  it('takes a signed document and an appointment event for its published patient, with its published secret', async () => {
    const form = new FormData()
    form.append('file', new File([pdfDocument({ title: 'Sandbox report' })], 'report.pdf', { type: 'application/pdf' }))
    form.append('patient_ref', SANDBOX_HOSPITAL.patientRef)
    form.append('type', 'test_result')
    form.append('title', 'Sandbox report')
    form.append('document_id', `sandbox-${crypto.randomUUID()}`)
    const secret = SANDBOX_HOSPITAL.inboundSecret
    const posted = await hmisCall('sandbox', 'POST', '/v1/hmis/documents', form, { secret })
    expect(await expectOk(posted.response, 201, RecordSchema)).toMatchObject({ source: 'received', type: 'test_result' })
    const event = await hmisCall(
      'sandbox',
      'POST',
      `/v1/hmis/appointments/${SANDBOX_HOSPITAL.appointmentRef}/events`,
      { event_id: `sandbox-${crypto.randomUUID()}`, event: 'reviewed' },
      { secret },
    )
    expect(await expectOk(event.response, 200, z.object({ applied: z.boolean(), status: z.string() }))).toMatchObject({
      status: 'reviewed',
    })
    expect(hospitalId('sandbox')).toBeTruthy()
  })
})

/** A patient's GET (the doctor list needs no share). */
async function hmisCallAsPatient(path: string) {
  const { client, access_token } = await loginByPhone()
  return client.get(path, { token: access_token })
}
