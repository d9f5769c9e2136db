// Linking a patient's visits at any ABDM hospital (user-initiated linking through the fake HIE-CM):
// facility search, discovery, the hospital's code, linked; each answer a gateway callback, verified,
// applied once, in either order relative to our own call; nobody else sees or moves any of it.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AbdmDiscoverySchema, AbdmFacilitySchema, AbdmLinkSchema } from '../src/features/abdm/schema'
import { NotificationSchema } from '../src/features/notifications/schema'
import { deliver, linkedPatient, nextCallbacks } from './fixtures/abdm'
import { loginByPhone } from './fixtures/auth'
import { expectError, expectOk, newClient, type Client } from './harness/client'
import { abdmGatewayToken, abdmOtps, holdNextAbdmAnswer, releaseAbdmAnswer } from './harness/fakes'

const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), next_cursor: z.null() })
const Notifications = z.object({ items: z.array(NotificationSchema) }).passthrough()

async function discovery(client: Client, token: string, id: string) {
  return expectOk(await client.get(`/v1/abdm/discoveries/${id}`, { token }), 200, AbdmDiscoverySchema)
}

/** Starts a discovery at the demo hospital and delivers its answer: the visits found. */
async function found(client: Client, token: string, abha: string) {
  const started = await expectOk(
    await client.post('/v1/abdm/discoveries', { hip_id: 'DEMO-HIP', hip_name: 'Demo Hospital, Pune' }, { token }),
    202,
    AbdmDiscoverySchema,
  )
  expect(started.status).toBe('searching')
  for (const callback of await nextCallbacks(abha)) await deliver(client, callback)
  return discovery(client, token, started.id)
}

describe('linking visits at an ABDM hospital', () => {
  it('finds the hospital, discovers my visits, links the ones I choose with the hospital’s code, and tells me', async () => {
    const { client, token, abha } = await linkedPatient()
    const facilities = await expectOk(await client.get('/v1/abdm/facilities?name=demo', { token }), 200, page(AbdmFacilitySchema))
    expect(facilities.items.map((f) => f.hip_id)).toEqual(['DEMO-HIP', 'DEMO-HIP-2'])
    await expectError(await client.get('/v1/abdm/facilities?name=de', { token }), 400, 'validation_failed')

    const d = await found(client, token, abha)
    expect(d.status).toBe('found')
    expect(d.care_contexts.map((c) => [c.care_context_reference, c.hi_type])).toEqual([
      ['OPD-2026-09-12', 'OPConsultation'],
      ['OPD-2026-10-03', 'OPConsultation'],
      ['LAB-2026-09-12', 'DiagnosticReport'],
    ])
    const [opd, , lab] = d.care_contexts
    const ref = (c: typeof opd) => ({ patient_reference: c!.patient_reference, care_context_reference: c!.care_context_reference })

    // Only visits the hospital found; the code cannot be confirmed before it is sent.
    await expectError(
      await client.post(
        `/v1/abdm/discoveries/${d.id}/link`,
        { care_context_refs: [{ ...ref(opd), care_context_reference: 'OPD-1999' }] },
        { token },
      ),
      400,
      'validation_failed',
    )
    await expectError(await client.post(`/v1/abdm/discoveries/${d.id}/confirm`, { otp: '123456' }, { token }), 409, 'conflict')

    const linking = await expectOk(
      await client.post(`/v1/abdm/discoveries/${d.id}/link`, { care_context_refs: [ref(opd), ref(lab)] }, { token }),
      202,
      AbdmDiscoverySchema,
    )
    expect(linking.status).toBe('linking')
    for (const callback of await nextCallbacks(abha)) await deliver(client, callback)
    const sent = await discovery(client, token, d.id)
    expect(sent).toMatchObject({ status: 'otp_sent', error: null })
    expect(Date.parse(sent.otp_expires_at!)).toBeGreaterThan(Date.now())
    expect(sent.chosen.map((c) => c.care_context_reference)).toEqual(['OPD-2026-09-12', 'LAB-2026-09-12'])
    const otp = (await abdmOtps(`link:${abha}`))[0]!.otp

    // A wrong code comes back to otp_sent with the hospital's reason; the right one links.
    const wrong = otp === '000000' ? '111111' : '000000'
    await expectOk(await client.post(`/v1/abdm/discoveries/${d.id}/confirm`, { otp: wrong }, { token }), 202, AbdmDiscoverySchema)
    for (const callback of await nextCallbacks(abha)) await deliver(client, callback)
    expect(await discovery(client, token, d.id)).toMatchObject({ status: 'otp_sent', error: 'Invalid OTP' })
    expect(
      (await expectOk(await client.post(`/v1/abdm/discoveries/${d.id}/confirm`, { otp }, { token }), 202, AbdmDiscoverySchema)).status,
    ).toBe('confirming')
    const [confirmed] = await nextCallbacks(abha)
    await deliver(client, confirmed!)
    await deliver(client, confirmed!) // ABDM retries: applied once
    expect((await discovery(client, token, d.id)).status).toBe('linked')

    const notes = await expectOk(await client.get('/v1/notifications', { token }), 200, Notifications)
    const told = notes.items.filter((n) => n.type === 'abdm_records_linked')
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ link: { kind: 'abdm_discovery', id: d.id } })
    expect(told[0]!.body).toContain('2 visits at Demo Hospital, Pune')

    const links = await expectOk(await client.get('/v1/abdm/links', { token }), 200, page(AbdmLinkSchema))
    expect(links.items.map((l) => [l.hospital.hip_id, l.hi_type, l.care_contexts.map((c) => c.care_context_reference)])).toEqual([
      ['DEMO-HIP', 'OPConsultation', ['OPD-2026-09-12']],
      ['DEMO-HIP', 'DiagnosticReport', ['LAB-2026-09-12']],
    ])

    // Another patient sees and moves none of it.
    const other = await loginByPhone(newClient())
    const as = { token: other.access_token }
    await expectError(await client.get(`/v1/abdm/discoveries/${d.id}`, as), 404, 'not_found')
    await expectError(await client.post(`/v1/abdm/discoveries/${d.id}/link`, { care_context_refs: [ref(opd)] }, as), 404, 'not_found')
    await expectError(await client.post(`/v1/abdm/discoveries/${d.id}/confirm`, { otp }, as), 404, 'not_found')
  })

  it('applies a callback that arrives before our call returns, and says when a hospital finds nothing', async () => {
    const { client, token, abha } = await linkedPatient()
    await holdNextAbdmAnswer(abha)
    const started = client.post('/v1/abdm/discoveries', { hip_id: 'DEMO-HIP' }, { token })
    // The gateway's answer overtakes the hospital's 202: our row was stored before the call went out.
    for (const callback of await nextCallbacks(abha)) await deliver(client, callback)
    await releaseAbdmAnswer(abha)
    const answered = await expectOk(await started, 202, AbdmDiscoverySchema)
    expect(answered.status).toBe('found')
    expect(answered.care_contexts).toHaveLength(3)

    const nothing = await expectOk(await client.post('/v1/abdm/discoveries', { hip_id: 'DEMO-HIP-2' }, { token }), 202, AbdmDiscoverySchema)
    for (const callback of await nextCallbacks(abha)) await deliver(client, callback)
    expect(await discovery(client, token, nothing.id)).toMatchObject({ status: 'not_found', care_contexts: [] })
    expect((await discovery(client, token, nothing.id)).error).toMatch(/no matching patient/i)
    await expectError(await client.post('/v1/abdm/discoveries', { hip_id: 'NO-SUCH-HIP' }, { token }), 404, 'not_found')
  })

  it('refuses callbacks that are not the gateway’s, and never applies them', async () => {
    const { client, token, abha } = await linkedPatient()
    const started = await expectOk(await client.post('/v1/abdm/discoveries', { hip_id: 'DEMO-HIP' }, { token }), 202, AbdmDiscoverySchema)
    const [callback] = await nextCallbacks(abha)
    const forged = await abdmGatewayToken({ foreign: true })
    const expired = await abdmGatewayToken({ expiresIn: -60 })
    for (const authorization of [undefined, 'Bearer not.a.jwt', `Bearer ${forged}`, `Bearer ${expired}`]) {
      const headers = { ...callback!.headers, authorization: authorization ?? '' }
      if (!authorization) delete (headers as Record<string, string>).authorization
      await expectError(await client.post(callback!.path, callback!.body, { headers }), 401, 'unauthorized')
    }
    await expectError(
      await client.post(callback!.path, callback!.body, { headers: { ...callback!.headers, 'request-id': 'again' } }),
      400,
      'validation_failed',
    )
    expect((await discovery(client, token, started.id)).status).toBe('searching')
    await deliver(client, callback!)
    expect((await discovery(client, token, started.id)).status).toBe('found')
  })
})
