// Pulling my own records from an ABDM hospital through the fake HIE-CM: our consent request, my
// approval in the consent inbox (or auto-approval), the artefact fetched, the hospital's
// Fidelius-encrypted FHIR bundles pushed page by page, decrypted and kept as records of mine with
// the right types; revoking the consent erases them. Callbacks in either order, pages twice, a page
// that does not decrypt, an expired artefact; nobody else sees any of it.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AbdmConsentRequestSchema, AbdmPullSchema } from '../src/features/abdm/schema'
import { NotificationSchema } from '../src/features/notifications/schema'
import { RecordSchema } from '../src/features/records/schema'
import { deliver, linkDemoVisits, linkedPatient } from './fixtures/abdm'
import { loginByPhone } from './fixtures/auth'
import { expectError, expectOk, newClient, type Client } from './harness/client'
import { abdmCallbacks, abdmDataflowFault, abdmDataflowReports, abdmPushes, type GatewayCallback, type HospitalPage } from './harness/fakes'
import { deliverOutbox, dueNow } from './harness/outbox'
import { runSql } from './harness/sql'

const page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), next_cursor: z.null() })
const Notifications = z.object({ items: z.array(NotificationSchema) }).passthrough()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function pullOf(client: Client, token: string, id: string) {
  return expectOk(await client.get(`/v1/abdm/pulls/${id}`, { token }), 200, AbdmPullSchema)
}

/** Runs the pull's due jobs (as the queue would) until ABDM's answers about this ABHA address come back: at least `count`. */
async function answers(abha: string, pullId: string, count = 1): Promise<GatewayCallback[]> {
  const taken: GatewayCallback[] = []
  for (let i = 0; i < 80 && taken.length < count; i++) {
    const transfers = await runSql<{ id: string }>(sql`select id from abdm_transfers where pull_id = ${pullId}`)
    const due = await dueNow([pullId, ...transfers.map((t) => t.id)])
    if (due.length > 0) await deliverOutbox(due)
    taken.push(...(await abdmCallbacks(abha)))
    if (taken.length < count) await sleep(100)
  }
  expect(taken.length, 'ABDM’s answers').toBeGreaterThanOrEqual(count)
  return taken
}

const byPath = (callbacks: GatewayCallback[], end: string) => callbacks.find((c) => c.path.endsWith(end))!

async function pages(abha: string, count: number): Promise<HospitalPage[]> {
  const taken: HospitalPage[] = []
  for (let i = 0; i < 50 && taken.length < count; i++) {
    taken.push(...(await abdmPushes(abha)))
    if (taken.length < count) await sleep(100)
  }
  expect(taken).toHaveLength(count)
  return taken.sort((a, b) => a.body.pageNumber - b.body.pageNumber)
}

/** The hospital pushes a page to our data push URL, as it would (no gateway token: the URL is the secret). */
const push = (client: Client, page: HospitalPage) => client.post(new URL(page.url).pathname, page.body)

async function abdmRecords(client: Client, token: string) {
  return (await expectOk(await client.get('/v1/records?source=abdm', { token }), 200, page(RecordSchema))).items
}

describe('pulling my records from ABDM hospitals', () => {
  it('asks, waits for my approval, receives the hospital’s encrypted pages and keeps them as my records; revoking erases them', async () => {
    const { client, token, abha } = await linkedPatient()
    expect(await linkDemoVisits(client, token, abha)).toEqual(['OPD-2026-09-12', 'OPD-2026-10-03', 'LAB-2026-09-12'])

    await expectError(await client.post('/v1/abdm/pulls', { from: '2030-01-01T00:00:00Z' }, { token }), 400, 'validation_failed')
    await expectError(await client.post('/v1/abdm/pulls', { hi_types: ['Selfie'] }, { token }), 400, 'validation_failed')
    const started = await expectOk(
      await client.post('/v1/abdm/pulls', {}, { token, headers: { 'Idempotency-Key': `pull-${abha}` } }),
      202,
      AbdmPullSchema,
    )
    expect(started).toMatchObject({ status: 'requesting', hip_id: null, consent_request_id: null, hospitals: [] })
    const again = await expectOk(
      await client.post('/v1/abdm/pulls', {}, { token, headers: { 'Idempotency-Key': `pull-${abha}` } }),
      202,
      AbdmPullSchema,
    )
    expect(again.id).toBe(started.id)

    // The request is in my consent inbox before ABDM's on-init reaches us: I approve it there.
    const inbox = await expectOk(
      await client.get('/v1/abdm/consent-requests?status=requested', { token }),
      200,
      page(AbdmConsentRequestSchema),
    )
    const mine = inbox.items.find((r) => r.purpose.code === 'PATRQT')!
    expect(mine).toMatchObject({ requester: { hiu_name: 'PHR Edge' }, hospitals: [] })
    await expectOk(
      await client.post(
        `/v1/abdm/consent-requests/${mine.id}/approve`,
        { consents: [{ hip_id: 'DEMO-HIP', hi_types: mine.hi_types, from: mine.from, to: mine.to, erase_at: mine.erase_at }] },
        { token },
      ),
      200,
      AbdmConsentRequestSchema,
    )
    const first = await answers(abha, started.id, 2)
    const [onInit, grant] = [byPath(first, 'on-init'), byPath(first, '/notify')]
    // The grant overtakes the on-init that names the request: refused (not applied), applied when ABDM retries.
    expect((await client.post(grant.path, grant.body, { headers: grant.headers })).status).toBe(404)
    await deliver(client, onInit)
    expect((await pullOf(client, token, started.id)).status).toBe('awaiting_approval')
    await deliver(client, grant)
    await deliver(client, grant) // and again: applied once
    const afterGrant = await pullOf(client, token, started.id)
    expect(afterGrant).toMatchObject({ status: 'granted', consent_request_id: mine.id })
    expect(afterGrant.hospitals).toHaveLength(1)
    expect(afterGrant.hospitals[0]).toMatchObject({ status: 'fetching', hip_id: null })

    // Our jobs: the grant acknowledged, the artefact fetched; then the health information asked for.
    const fetched = byPath(await answers(abha, started.id), 'on-fetch')
    await deliver(client, fetched)
    expect((await pullOf(client, token, started.id)).hospitals[0]).toMatchObject({ status: 'requesting', hip_name: 'Demo Hospital, Pune' })
    const onRequest = byPath(await answers(abha, started.id), 'on-request')
    const sent = await pages(abha, 3)
    expect(sent.map((p) => [p.body.pageNumber, p.body.pageCount, p.body.entries[0].careContextReference])).toEqual([
      [1, 3, 'OPD-2026-09-12'],
      [2, 3, 'OPD-2026-10-03'],
      [3, 3, 'LAB-2026-09-12'],
    ])

    // A page before ABDM's on-request, a page twice, the on-request, the rest.
    expect((await push(client, sent[0]!)).status).toBe(202)
    expect((await push(client, sent[0]!)).status).toBe(202)
    expect((await pullOf(client, token, started.id)).hospitals[0]).toMatchObject({ status: 'receiving', pages: { received: 1, of: 3 } })
    await deliver(client, onRequest)
    const [second, third] = await Promise.all([push(client, sent[1]!), push(client, sent[2]!)])
    expect([second.status, third.status]).toEqual([202, 202])

    const done = await pullOf(client, token, started.id)
    expect(done).toMatchObject({ status: 'done', records_received: 3 })
    expect(done.hospitals[0]).toMatchObject({ status: 'transferred', records_received: 3, pages: { received: 3, of: 3 } })
    expect(done.hospitals[0]!.visits.every((v) => v.ok)).toBe(true)

    const kept = await abdmRecords(client, token)
    const byVisit = Object.fromEntries(kept.map((r) => [r.metadata!.abdm!.care_context, r]))
    expect(Object.keys(byVisit).sort()).toEqual(['LAB-2026-09-12', 'OPD-2026-09-12', 'OPD-2026-10-03'])
    expect(byVisit['OPD-2026-10-03']).toMatchObject({ type: 'prescription', source: 'abdm', record_date: '2026-10-03' })
    expect(byVisit['LAB-2026-09-12']).toMatchObject({ type: 'test_result' })
    expect(byVisit['OPD-2026-09-12']).toMatchObject({ type: 'report' })
    expect(byVisit['OPD-2026-10-03']!.metadata!.abdm).toMatchObject({
      hip_id: 'DEMO-HIP',
      hip_name: 'Demo Hospital, Pune',
      hi_type: 'Prescription',
    })
    expect(Date.parse(byVisit['OPD-2026-10-03']!.erase_at!)).toBe(Date.parse(mine.erase_at))
    // The prescription's PDF, and a consultation with no document in it: the FHIR bundle itself.
    const pdf = await client.get(`/v1/records/${byVisit['OPD-2026-10-03']!.id}/file`, { token })
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-')
    const bundle = await client.get(`/v1/records/${byVisit['OPD-2026-09-12']!.id}/file`, { token })
    expect(bundle.headers.get('content-type')).toBe('application/fhir+json')
    expect(bundle.headers.get('content-disposition')).toContain('.json')
    expect(((await bundle.json()) as { resourceType: string }).resourceType).toBe('Bundle')

    // ABDM was told: the grant acknowledged, the transfer TRANSFERRED per visit.
    const consentId = done.hospitals[0]!.consent_id
    const reports = await abdmDataflowReports(abha)
    expect(reports.find((r) => r.path === 'on-notify')?.body.acknowledgement).toEqual([{ status: 'OK', consentId }])
    for (let i = 0; i < 50 && !(await abdmDataflowReports(abha)).some((r) => r.path === 'notify'); i++) {
      const transfers = await runSql<{ id: string }>(sql`select id from abdm_transfers where pull_id = ${started.id}`)
      const due = await dueNow(transfers.map((t) => t.id))
      if (due.length > 0) await deliverOutbox(due)
      await sleep(100)
    }
    const notice = (await abdmDataflowReports(abha)).find((r) => r.path === 'notify')!.body.notification
    expect(notice.statusNotification.sessionStatus).toBe('TRANSFERRED')
    expect(notice.statusNotification.statusResponses.map((s: { hiStatus: string }) => s.hiStatus)).toEqual(['OK', 'OK', 'OK'])

    const told = (await expectOk(await client.get('/v1/notifications', { token }), 200, Notifications)).items.filter(
      (n) => n.type === 'abdm_pull_update',
    )
    expect(told.map((n) => n.title)).toEqual(
      expect.arrayContaining(['Records from Demo Hospital, Pune arrived', 'Approve to get your records']),
    )
    expect(told[0]).toMatchObject({ link: { kind: 'abdm_pull', id: started.id } })

    // Another patient sees and reaches none of it.
    const other = await loginByPhone(newClient())
    await expectError(await client.get(`/v1/abdm/pulls/${started.id}`, { token: other.access_token }), 404, 'not_found')
    expect((await expectOk(await client.get('/v1/abdm/pulls', { token: other.access_token }), 200, page(AbdmPullSchema))).items).toEqual([])
    await expectError(await client.get(`/v1/records/${byVisit['OPD-2026-10-03']!.id}`, { token: other.access_token }), 404, 'not_found')

    // I revoke the consent: ABDM tells us, and what came under it is erased.
    const list = await expectOk(await client.get('/v1/abdm/pulls', { token }), 200, page(AbdmPullSchema))
    expect(list.items.map((p) => p.id)).toEqual([started.id])
    await client.post(`/v1/abdm/consents/${consentId}/revoke`, {}, { token })
    const [revoked] = (await answers(abha, started.id)).filter((c) => c.path.endsWith('/notify'))
    expect(revoked!.body.notification.status).toBe('REVOKED')
    await deliver(client, revoked!)
    expect(await abdmRecords(client, token)).toEqual([])
    expect((await pullOf(client, token, started.id)).hospitals[0]!.status).toBe('revoked')
    const gone = await client.get(`/v1/records/${byVisit['OPD-2026-10-03']!.id}/file`, { token })
    expect(gone.status).toBe(404)
  })

  it('with auto-approval on, a page that does not decrypt fails only its visit, and an expired artefact ends that hospital’s part', async () => {
    const { client, token, abha } = await linkedPatient()
    await linkDemoVisits(client, token, abha)
    await expectOk(
      await client.put('/v1/abdm/auto-approval', { enabled: true }, { token }),
      200,
      z.object({ enabled: z.literal(true) }).passthrough(),
    )

    await abdmDataflowFault(abha, 'corrupt-page')
    await abdmDataflowFault(abha, 'nul-title')
    const pull = await expectOk(
      await client.post(
        '/v1/abdm/pulls',
        { hip_id: 'DEMO-HIP', hi_types: ['OPConsultation', 'Prescription', 'DiagnosticReport'] },
        { token },
      ),
      202,
      AbdmPullSchema,
    )
    // ABDM grants it itself: on-init and the grant come together.
    const first = await answers(abha, pull.id, 2)
    await deliver(client, byPath(first, 'on-init'))
    await deliver(client, byPath(first, '/notify'))
    await deliver(client, byPath(await answers(abha, pull.id), 'on-fetch'))
    await deliver(client, byPath(await answers(abha, pull.id), 'on-request'))
    const sent = await pages(abha, 3)
    for (const p of sent) expect((await push(client, p)).status).toBe(202)
    const done = await pullOf(client, token, pull.id)
    expect(done).toMatchObject({ status: 'done', hip_id: 'DEMO-HIP', records_received: 2 })
    expect(done.hospitals[0]!.visits).toEqual([
      { care_context_reference: 'OPD-2026-09-12', ok: false, description: 'Could not be decrypted.' },
      { care_context_reference: 'OPD-2026-10-03', ok: true, description: null },
      { care_context_reference: 'LAB-2026-09-12', ok: true, description: null },
    ])
    expect((await abdmRecords(client, token)).map((r) => r.metadata!.abdm!.care_context).sort()).toEqual([
      'LAB-2026-09-12',
      'OPD-2026-10-03',
    ])
    // The hospital's titles had a NUL in them: kept without it.
    expect((await abdmRecords(client, token)).map((r) => r.title).sort()).toEqual([
      'Diagnostic studies report — Blood tests, 12 Sep 2026',
      'Prescription record — OPD follow-up, 3 Oct 2026',
    ])
    // A page again once the transfer is over: no transfer waits at that address any more.
    await expectError(await push(client, sent[0]!), 404, 'not_found')

    await abdmDataflowFault(abha, 'expired-artefact')
    const expiring = await expectOk(await client.post('/v1/abdm/pulls', { hip_id: 'DEMO-HIP' }, { token }), 202, AbdmPullSchema)
    const next = await answers(abha, expiring.id, 2)
    await deliver(client, byPath(next, 'on-init'))
    await deliver(client, byPath(next, '/notify'))
    await deliver(client, byPath(await answers(abha, expiring.id), 'on-fetch'))
    await deliver(client, byPath(await answers(abha, expiring.id), 'on-request'))
    const ended = await pullOf(client, token, expiring.id)
    expect(ended).toMatchObject({ status: 'done', records_received: 0 })
    expect(ended.hospitals[0]).toMatchObject({ status: 'failed', error: 'Consent artefact expired' })
    expect(await abdmPushes(abha)).toEqual([])
    const told = (await expectOk(await client.get('/v1/notifications', { token }), 200, Notifications)).items
    expect(told.some((n) => n.title === 'Records from Demo Hospital, Pune did not arrive')).toBe(true)
    expect(told.some((n) => n.title === 'Approve to get your records')).toBe(false)
  })

  it('refuses pages at an address that is no transfer’s, and malformed ones', async () => {
    const client = newClient()
    const body = {
      pageNumber: 1,
      pageCount: 1,
      transactionId: 't-1',
      entries: [],
      keyMaterial: { dhPublicKey: { keyValue: 'AAAA' }, nonce: 'AAAA' },
    }
    await expectError(await client.post(`/abdm/data-push/${'A'.repeat(43)}`, body), 404, 'not_found')
    await expectError(await client.post(`/abdm/data-push/${'A'.repeat(43)}`, { ...body, pageNumber: 2 }), 400, 'validation_failed')
    await expectError(await client.post('/abdm/data-push/short', body), 400, 'validation_failed')
  })
})
