// The consent inbox through ABDM's consent manager (the fake HIE-CM): a clinic on ABDM asks, the
// patient approves per hospital (narrowed, never widened), denies or revokes; the patient's ABDM
// sign-in is kept sealed from the ABHA login or link and refreshed; nobody else sees any of it.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AbdmConsentRequestSchema, AbdmConsentSchema, AbdmSubscriptionRequestSchema, AutoApprovalSchema } from '../src/features/abdm/schema'
import { LoginSchema, OtpChallengeSchema } from '../src/features/auth/schema'
import { linkedPatient, newAbha } from './fixtures/abdm'
import { loginByPhone, randomPhone, requestOtp } from './fixtures/auth'
import { expectError, expectOk, newClient, type Client } from './harness/client'
import {
  abdmAutoApprovals,
  abdmOtps,
  expireAbdmUserTokens,
  fakeCalls,
  raiseAbdmConsentRequest,
  raiseAbdmSubscriptionRequest,
  refuseNextAbdmAutoApproval,
} from './harness/fakes'
import { runSql } from './harness/sql'

const RequestPage = z.object({ items: z.array(AbdmConsentRequestSchema), next_cursor: z.null() })
const ConsentPage = z.object({ items: z.array(AbdmConsentSchema), next_cursor: z.null() })
const SubscriptionPage = z.object({ items: z.array(AbdmSubscriptionRequestSchema), next_cursor: z.null() })
const DAY = 86_400_000

const inbox = (client: Client, token: string, query = '') =>
  client.get(`/v1/abdm/consent-requests${query}`, { token }).then((r) => expectOk(r, 200, RequestPage))

describe('the ABDM consent inbox', () => {
  it('shows a clinic’s request, approves it narrowed per hospital, refuses widening, revokes, and denies another', async () => {
    const client = newClient()
    const login = await loginByPhone(client, randomPhone())
    // Before an ABHA is linked there is no ABDM sign-in to ask with.
    await expectError(await client.get('/v1/abdm/consent-requests', { token: login.access_token }), 409, 'abdm_login_required')

    const { token, abha } = await linkedPatient(client)
    const [kept] = await runSql<{ tokens: string; abha_address: string }>(
      sql`select s.tokens, s.abha_address from abdm_sessions s join patient_identities i on i.patient_id = s.patient_id where i.identifier = ${abha}`,
    )
    expect(kept).toMatchObject({ abha_address: abha, tokens: expect.stringMatching(/^v1\./) })
    expect(kept!.tokens).not.toMatch(/x-[0-9a-f]{8}-/)

    // The demo clinic asks (as `npm run dev` lets a developer do from Swagger).
    const raised = await expectOk(
      await client.post('/dev/abdm/consent-requests', { abha_address: abha }),
      201,
      z.object({ id: z.string(), abha_address: z.string() }),
    )
    const waiting = await inbox(client, token, '?status=requested')
    expect(waiting.items).toHaveLength(1)
    const request = waiting.items[0]!
    expect(request).toMatchObject({
      id: raised.id,
      status: 'requested',
      purpose: { code: 'CAREMGT' },
      requester: { hiu_id: 'DEMO-HIU', hiu_name: 'Demo City Clinic', name: 'Dr. Meera Joshi' },
      hospitals: [{ hip_id: 'DEMO-HIP', name: 'Demo Hospital, Pune' }],
      hi_types: ['Prescription', 'DiagnosticReport', 'OPConsultation'],
      access_mode: 'VIEW',
    })
    expect((await inbox(client, token, '?status=granted')).items).toHaveLength(0)
    const one = await expectOk(await client.get(`/v1/abdm/consent-requests/${raised.id}`, { token }), 200, AbdmConsentRequestSchema)
    expect(one).toEqual(request)

    // Never more than was asked: each refusal names the field, and nothing is granted.
    const narrowed = {
      hip_id: 'DEMO-HIP',
      hi_types: ['Prescription'],
      from: new Date(Date.parse(request.from) + 365 * DAY).toISOString(),
      to: request.to,
      erase_at: new Date(Date.now() + 30 * DAY).toISOString(),
    }
    const widened: [Record<string, unknown>, string][] = [
      [{ hi_types: ['Prescription', 'Invoice'] }, 'consents.0.hi_types'],
      [{ from: new Date(Date.parse(request.from) - DAY).toISOString() }, 'consents.0.from'],
      [{ to: new Date(Date.parse(request.to) + DAY).toISOString() }, 'consents.0.to'],
      [{ erase_at: new Date(Date.parse(request.erase_at) + DAY).toISOString() }, 'consents.0.erase_at'],
      [{ hip_id: 'OTHER-HIP' }, 'consents.0.hip_id'],
    ]
    for (const [change, path] of widened) {
      const refused = await expectError(
        await client.post(`/v1/abdm/consent-requests/${raised.id}/approve`, { consents: [{ ...narrowed, ...change }] }, { token }),
        400,
        'validation_failed',
      )
      expect(JSON.stringify(refused), path).toContain(path)
    }
    expect((await inbox(client, token, '?status=requested')).items.map((r) => r.id)).toEqual([raised.id])

    // Approved narrowed, with an Idempotency-Key: a retry answers the same, a second approval is 409.
    const key = { 'idempotency-key': `approve-${raised.id}` }
    const approve = () => client.post(`/v1/abdm/consent-requests/${raised.id}/approve`, { consents: [narrowed] }, { token, headers: key })
    const granted = await expectOk(await approve(), 200, AbdmConsentRequestSchema)
    expect(granted).toMatchObject({ id: raised.id, status: 'granted' })
    expect(await expectOk(await approve(), 200, AbdmConsentRequestSchema)).toEqual(granted)
    await expectError(
      await client.post(`/v1/abdm/consent-requests/${raised.id}/approve`, { consents: [narrowed] }, { token }),
      409,
      'conflict',
    )
    const consents = await expectOk(await client.get('/v1/abdm/consents', { token }), 200, ConsentPage)
    expect(consents.items).toHaveLength(1)
    const consent = consents.items[0]!
    expect(consent).toMatchObject({
      consent_request_id: raised.id,
      status: 'granted',
      hospital: { hip_id: 'DEMO-HIP', name: 'Demo Hospital, Pune' },
      requester: { hiu_id: 'DEMO-HIU' },
      hi_types: ['Prescription'],
      from: narrowed.from,
      to: request.to,
      erase_at: narrowed.erase_at,
    })

    // Revoked; revoking again answers the same (a retry is safe).
    const revoked = await expectOk(await client.post(`/v1/abdm/consents/${consent.id}/revoke`, {}, { token }), 200, AbdmConsentSchema)
    expect(revoked).toMatchObject({ id: consent.id, status: 'revoked' })
    expect(await expectOk(await client.post(`/v1/abdm/consents/${consent.id}/revoke`, {}, { token }), 200, AbdmConsentSchema)).toEqual(
      revoked,
    )
    expect((await expectOk(await client.get('/v1/abdm/consents', { token }), 200, ConsentPage)).items[0]!.status).toBe('revoked')

    // Another request, denied with a reason.
    const second = await raiseAbdmConsentRequest({ abhaAddress: abha, hiTypes: ['DischargeSummary'] })
    await expectError(await client.post(`/v1/abdm/consent-requests/${second.id}/deny`, { reason: '' }, { token }), 400, 'validation_failed')
    const denied = await expectOk(
      await client.post(`/v1/abdm/consent-requests/${second.id}/deny`, { reason: 'I do not know this clinic.' }, { token }),
      200,
      AbdmConsentRequestSchema,
    )
    expect(denied).toMatchObject({ id: second.id, status: 'denied', hi_types: ['DischargeSummary'] })
    expect((await inbox(client, token, '?status=denied')).items.map((r) => r.id)).toEqual([second.id])
    expect((await inbox(client, token)).items.map((r) => r.id)).toEqual([second.id, raised.id])
  })

  it('keeps each patient’s inbox their own', async () => {
    const mine = await linkedPatient()
    const theirs = await linkedPatient()
    const request = await raiseAbdmConsentRequest({ abhaAddress: mine.abha })
    expect((await inbox(theirs.client, theirs.token)).items).toHaveLength(0)
    for (const call of [
      theirs.client.get(`/v1/abdm/consent-requests/${request.id}`, { token: theirs.token }),
      theirs.client.post(`/v1/abdm/consent-requests/${request.id}/deny`, { reason: 'not mine' }, { token: theirs.token }),
    ]) {
      await expectError(await call, 404, 'not_found')
    }
    await expectError(await theirs.client.get('/v1/abdm/consent-requests'), 401, 'unauthorized')
    await expectError(await theirs.client.get('/v1/abdm/consent-requests/not%20an%20id', { token: mine.token }), 400, 'validation_failed')
    // Still waiting for its owner.
    expect((await inbox(mine.client, mine.token, '?status=requested')).items.map((r) => r.id)).toEqual([request.id])
  })

  it('refreshes an ended ABDM sign-in, and asks for the ABHA again once ABDM will not', async () => {
    const { client, token, abha } = await linkedPatient()
    await raiseAbdmConsentRequest({ abhaAddress: abha })
    await expireAbdmUserTokens()
    const before = (await fakeCalls('abdm'))['GET /abha/api/v3/phr/app/login/profile/request/token'] ?? 0
    expect((await inbox(client, token)).items).toHaveLength(1)
    expect((await fakeCalls('abdm'))['GET /abha/api/v3/phr/app/login/profile/request/token']).toBe(before + 1)

    await expireAbdmUserTokens(true)
    const ended = await expectError(await client.get('/v1/abdm/consent-requests', { token }), 409, 'abdm_login_required')
    expect(JSON.stringify(ended)).toContain('/v1/abdm/abha/link')
    // Confirming the ABHA again (the same link flow) gives ABDM's sign-in back.
    const challenge = await expectOk(await client.post('/v1/abdm/abha/link', { abha }, { token }), 202, OtpChallengeSchema)
    const otp = (await abdmOtps(abha))[0]!.otp
    expect((await client.post('/v1/abdm/abha/link/confirm', { challenge_id: challenge.challenge_id, otp }, { token })).status).toBe(200)
    expect((await inbox(client, token)).items).toHaveLength(1)
  })

  it('keeps the ABDM sign-in of an ABHA login too', async () => {
    const abha = await newAbha('Lata')
    const client = newClient()
    const challenge = await requestOtp(client, 'abha', abha)
    const login = await expectOk(
      await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp: (await abdmOtps(abha))[0]!.otp }),
      200,
      LoginSchema,
    )
    expect(JSON.stringify(login)).not.toMatch(/[xr]-[0-9a-f]{8}-/)
    const request = await raiseAbdmConsentRequest({ abhaAddress: abha, hips: [] })
    const listed = await inbox(client, login.access_token)
    expect(listed.items).toMatchObject([{ id: request.id, hospitals: [] }])
  })

  it('answers subscription requests, narrowed, and switches auto-approval of my own pulls on and off', async () => {
    const { client, token, abha } = await linkedPatient()
    const asked = await raiseAbdmSubscriptionRequest({ abhaAddress: abha })
    const listed = await expectOk(await client.get('/v1/abdm/subscription-requests', { token }), 200, SubscriptionPage)
    expect(listed.items).toMatchObject([
      {
        id: asked.id,
        status: 'requested',
        categories: ['LINK', 'DATA'],
        hospitals: [{ hip_id: 'DEMO-HIP' }],
        requester: { hiu_id: 'DEMO-HIU' },
      },
    ])
    const approve = (body: unknown) => client.post(`/v1/abdm/subscription-requests/${asked.id}/approve`, body, { token })
    await expectError(await approve({ hi_types: ['Invoice'] }), 400, 'validation_failed')
    await expectError(await approve({ hip_ids: ['OTHER-HIP'] }), 400, 'validation_failed')
    const granted = await expectOk(await approve({ categories: ['DATA'] }), 200, AbdmSubscriptionRequestSchema)
    expect(granted).toMatchObject({ status: 'granted', categories: ['DATA'], hi_types: ['Prescription', 'DiagnosticReport'] })
    await expectError(await approve({}), 409, 'conflict')
    const second = await raiseAbdmSubscriptionRequest({ abhaAddress: abha })
    expect(
      (
        await expectOk(
          await client.post(`/v1/abdm/subscription-requests/${second.id}/deny`, { reason: 'Not now.' }, { token }),
          200,
          AbdmSubscriptionRequestSchema,
        )
      ).status,
    ).toBe('denied')
    const other = await loginByPhone(newClient())
    await expectError(
      await client.post(`/v1/abdm/subscription-requests/${second.id}/deny`, { reason: 'x' }, { token: other.access_token }),
      404,
      'not_found',
    )

    // Auto-approval: off and not asked until I answer; on makes ABDM's policy once, off disables it.
    const setting = () => client.get('/v1/abdm/auto-approval', { token }).then((r) => expectOk(r, 200, AutoApprovalSchema))
    expect(await setting()).toMatchObject({ enabled: false, asked: false })
    const put = (enabled: boolean) =>
      client.put('/v1/abdm/auto-approval', { enabled }, { token }).then((r) => expectOk(r, 200, AutoApprovalSchema))
    // ABDM fails to make the policy: nothing is kept as answered, and the next tap tries again.
    await refuseNextAbdmAutoApproval(abha)
    await expectError(await client.put('/v1/abdm/auto-approval', { enabled: true }, { token }), 503, 'upstream_unavailable')
    expect(await setting()).toMatchObject({ enabled: false, asked: false })
    expect(await put(false)).toMatchObject({ enabled: false, asked: true })
    expect(await abdmAutoApprovals(abha)).toEqual([])
    // Two taps at once: one policy at ABDM; the other tap is told to wait, or sees it made.
    const taps = await Promise.all([true, true].map((enabled) => client.put('/v1/abdm/auto-approval', { enabled }, { token })))
    for (const tap of taps)
      if (tap.status === 409) await expectError(tap, 409, 'request_in_flight')
      else expect(await expectOk(tap, 200, AutoApprovalSchema)).toMatchObject({ enabled: true, asked: true })
    expect(taps.some((tap) => tap.status === 200)).toBe(true)
    expect(await put(true)).toMatchObject({ enabled: true })
    const [policy] = await abdmAutoApprovals(abha)
    expect(await abdmAutoApprovals(abha)).toEqual([{ id: policy!.id, hiu: 'PHR-EDGE-DEV', enabled: true }])
    expect(await put(false)).toMatchObject({ enabled: false })
    expect(await abdmAutoApprovals(abha)).toEqual([{ id: policy!.id, hiu: 'PHR-EDGE-DEV', enabled: false }])
    expect(await put(true)).toMatchObject({ enabled: true })
    expect(await abdmAutoApprovals(abha)).toEqual([{ id: policy!.id, hiu: 'PHR-EDGE-DEV', enabled: true }])
    expect(await setting()).toMatchObject({ enabled: true, asked: true })
  })
})
