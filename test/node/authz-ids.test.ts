// The authorization matrix with real ids, over HTTP against `wrangler dev`, generated from the
// served /openapi.json. One patient holds one of everything; another patient calls every patient
// route with a path id using the first patient's real ids (404, and nothing of hers changes);
// hospitals call every HMIS route wrongly signed, stale, signed for another path, replayed, and as
// a hospital without the share or consent (401/403/404). A route added tomorrow is covered, or the
// test names it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfDocument, pngImage } from '../fixtures/documents'
import { recording, routineFever } from '../fixtures/symptom-data'
import { demoAbhaAccounts } from '../../scripts/fakes/abdm.mjs'
import { abdmOtps, addAbhaAccount, hmisOrders, raiseAbdmSubscriptionRequest } from '../harness/fakes'
import { exampleFor, type OpenApiDocument } from '../harness/openapi'
import { formOf, ok, openSlot, shareWith, startE2e, type E2e, type Patient } from './harness/e2e'

let e2e: E2e
beforeAll(async () => {
  e2e = await startE2e()
}, 120_000)
afterAll(async () => {
  await e2e?.stop()
})

/** Path parameters that name catalog entries anyone may read, not a patient's things. */
const CATALOG_PARAMS = new Set(['code'])

type Op = { method: string; path: string; op: Record<string, any> }

function operations(scheme: string): Op[] {
  const doc = e2e.doc as unknown as OpenApiDocument
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Record<string, any>>)
      .filter(([, op]) => Object.keys(op.security?.[0] ?? {})[0] === scheme)
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  )
}

/** The ids a patient sees in a collection (GET, up to 100): the field named like the parameter (share_id), else id. */
async function idsIn(patient: Patient, collection: string, param: string): Promise<string[] | null> {
  const reply = await patient.get(`${collection}?limit=100`)
  if (reply.status !== 200 || !Array.isArray(reply.json?.items)) return null
  return reply.json.items.map((item: Record<string, string>) => item[param] ?? item.id).filter(Boolean)
}

/** A body the operation accepts as far as its schema goes: the document's example, or a recording for audio. */
function bodyFor(op: Record<string, any>) {
  const content = op.requestBody?.content ?? {}
  if (content['application/json']) return { body: exampleFor(e2e.doc as unknown as OpenApiDocument, content['application/json'].schema) }
  if (content['multipart/form-data']) {
    const form = new FormData()
    form.append('audio', new File([recording('m4a', 'bukhar hai')], 'voice.m4a'))
    return { form }
  }
  return {}
}

describe('the authorization matrix with real ids', () => {
  it("another patient gets 404 on every patient route with one patient's real ids, and nothing of hers changes", async () => {
    const { asha } = await patientWithEverything()
    const ravi = await e2e.patient('Ravi Kumar')
    const routes = operations('bearerAuth').filter((r) => r.path.includes('{'))
    expect(routes.length).toBeGreaterThan(25)

    const collections = [...new Set(routes.map((r) => r.path.slice(0, r.path.indexOf('/{'))))]
    const snapshot = async () =>
      Object.fromEntries(await Promise.all(collections.map(async (c) => [c, (await asha.get(`${c}?limit=100`)).json] as const)))
    const before = await snapshot()

    const wrong: string[] = []
    const covered: string[] = []
    const positives: string[] = []
    for (const r of routes) {
      const collection = r.path.slice(0, r.path.indexOf('/{'))
      const param = r.path.match(/\{([^}]+)\}/)![1]!
      if (CATALOG_PARAMS.has(param)) continue
      const [mine, theirs] = [await idsIn(asha, collection, param), await idsIn(ravi, collection, param)]
      if (!mine?.length) {
        wrong.push(`${r.method} ${r.path}: no id of hers found at GET ${collection}`)
        continue
      }
      const own = mine.find((id) => !theirs?.includes(id))
      if (!own) continue // a public collection (hospitals, rooms, packages): the same for everyone
      if (r.path.match(/\{/g)!.length > 1) {
        wrong.push(`${r.method} ${r.path}: more than one id; add how to fill it`)
        continue
      }
      const path = r.path.replace(/\{[^}]+\}/, own)
      const reply = await ravi.call(r.method, path, bodyFor(r.op))
      if (reply.status !== 404 || reply.json?.error?.code !== 'not_found') wrong.push(`${r.method} ${r.path}: ${reply.status}`)
      covered.push(`${r.method} ${r.path}`)
      if (r.method === 'GET') positives.push(path)
    }
    expect(wrong).toEqual([])
    expect(covered.length).toBeGreaterThan(20)
    // Her things are as they were.
    expect(await snapshot()).toEqual(before)
    // And the same ids work for her: the 404s were about whose they are.
    for (const path of positives) {
      const reply = await asha.get(path)
      if (reply.status >= 400 && !(path.endsWith('/video') && reply.status === 409)) wrong.push(`GET ${path} as the owner: ${reply.status}`)
    }
    expect(wrong).toEqual([])
    expect(e2e.problems).toEqual([])
  })

  it('every HMIS route refuses a wrong secret, a stale timestamp, a signature for another path, a replay, and another hospital', async () => {
    const { asha, share, refs } = await patientWithEverything()
    const sahyadri = e2e.hospital('sahyadri')
    const amrita = e2e.hospital('amrita')
    const stamp = () => `${Date.now()}-${Math.random()}`
    const future = new Date(Date.now() + 2 * 86_400_000).toISOString()
    const document = () =>
      formOf('file', pdfDocument({ title: `Discharge ${stamp()}` }), 'd.pdf', {
        patient_ref: share.hmis_patient_id,
        type: 'report',
        title: 'Discharge summary',
      })
    // Each HMIS operation: a call as the right hospital would make it, and what another hospital gets.
    const calls: Record<string, { path: string; body?: () => unknown; other: number }> = {
      'POST /v1/hmis/consent-requests': {
        path: '/v1/hmis/consent-requests',
        body: () => ({
          request_ref: `cr-${stamp()}`,
          patient_ref: share.hmis_patient_id,
          purpose: 'Review before surgery',
          record_types: ['test_result'],
          expires_at: future,
        }),
        other: 403,
      },
      'GET /v1/hmis/consents/{id}': { path: `/v1/hmis/consents/${refs.consent}`, other: 404 },
      'GET /v1/hmis/consents/{id}/records': { path: `/v1/hmis/consents/${refs.consent}/records`, other: 404 },
      'GET /v1/hmis/consents/{id}/records/{record_id}/file': {
        path: `/v1/hmis/consents/${refs.consent}/records/${refs.record}/file`,
        other: 404,
      },
      'POST /v1/hmis/documents': { path: '/v1/hmis/documents', body: document, other: 403 },
      'POST /v1/hmis/appointments/{appointment_ref}/events': {
        path: `/v1/hmis/appointments/${refs.appointment}/events`,
        body: () => ({ event_id: `e-${stamp()}`, event: 'reviewed' }),
        other: 404,
      },
      'POST /v1/hmis/lab-bookings/{booking_ref}/events': {
        path: `/v1/hmis/lab-bookings/${refs.labBooking}/events`,
        body: () => ({ event_id: `e-${stamp()}`, event: 'slot_confirmed', slot_start: future }),
        other: 404,
      },
      'POST /v1/hmis/medicine-orders/{order_ref}/events': {
        path: `/v1/hmis/medicine-orders/${refs.order}/events`,
        body: () => ({ event_id: `e-${stamp()}`, event: 'accepted' }),
        other: 404,
      },
      'GET /v1/hmis/medicine-orders/{id}/prescription': { path: refs.prescriptionPath, other: 404 },
      'POST /v1/hmis/ambulance-requests/{request_ref}/events': {
        path: `/v1/hmis/ambulance-requests/${refs.ride}/events`,
        body: () => ({ event_id: `e-${stamp()}`, event: 'accepted' }),
        other: 404,
      },
      // A hospital's credentials are its own: another hospital's call acts on that hospital's (a
      // rotation kept the signing secret, so the matrix's calls stay signed), never on Sahyadri's.
      'POST /v1/hmis/credentials/inbound-secret': {
        path: '/v1/hmis/credentials/inbound-secret',
        body: () => ({ previous_valid_hours: 720 }),
        other: 200,
      },
      // Sahyadri's own key again (its HMIS accepts it: nothing changes); Amrita's HMIS refuses it (422).
      'PUT /v1/hmis/credentials/api-key': {
        path: '/v1/hmis/credentials/api-key',
        body: () => ({ api_key: 'test-hmis-key-sahyadri' }),
        other: 422,
      },
      'POST /v1/hmis/care-package-applications/{application_ref}/events': {
        path: `/v1/hmis/care-package-applications/${refs.application}/events`,
        body: () => ({ event_id: `e-${stamp()}`, event: 'contacted' }),
        other: 404,
      },
    }
    const routes = operations('hmisSignature').map((r) => `${r.method} ${r.path}`)
    expect(Object.keys(calls).sort(), 'an HMIS route without a row here').toEqual(routes.sort())

    // The consent the reads need, granted by the patient.
    ok(await asha.post(`/v1/consents/${refs.consent}/approve`, {}), 200)
    const wrong: string[] = []
    const expectStatus = (label: string, reply: { status: number; json: any }, status: number) => {
      if (reply.status !== status) wrong.push(`${label}: ${reply.status} ${JSON.stringify(reply.json?.error ?? null)}`)
    }
    for (const [route, call] of Object.entries(calls)) {
      const method = route.split(' ')[0]!
      const body = call.body?.()
      expectStatus(`${route} wrong secret`, await sahyadri(method, call.path, body, { secret: 'not-the-secret' }), 401)
      expectStatus(`${route} stale`, await sahyadri(method, call.path, body, { timestamp: Math.floor(Date.now() / 1000) - 3600 }), 401)
      expectStatus(`${route} other path`, await sahyadri(method, call.path, body, { signedPath: '/v1/hmis/documents' + '?x=1' }), 401)
      expectStatus(`${route} another hospital`, await amrita(method, call.path, call.body?.()), call.other)
      const right = await sahyadri(method, call.path, call.body?.())
      if (right.status >= 300) wrong.push(`${route} as the right hospital: ${right.status} ${JSON.stringify(right.json)}`)
      if (method !== 'GET') expectStatus(`${route} replayed`, await sahyadri(method, call.path, call.body?.(), { replay: true }), 401)
    }
    expect(wrong).toEqual([])
    // Without consent (revoked) the right hospital is refused too.
    ok(await asha.post(`/v1/consents/${refs.consent}/revoke`, {}), 200)
    expect((await sahyadri('GET', calls['GET /v1/hmis/consents/{id}/records']!.path)).status).toBe(403)
    expect(e2e.problems).toEqual([])
  })
})

/** A patient with one of everything a patient can own, at Sahyadri (REST), and the hospital's references. */
async function patientWithEverything() {
  const asha = await e2e.patient()
  const hmis = e2e.hospital('sahyadri')
  const { hospital, share } = await shareWith(asha)
  const slot = await openSlot(asha, hospital)
  const booked = ok(
    await asha.post('/v1/appointments', { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start }),
    201,
  )
  const check = ok(await asha.post('/v1/symptom-checks', { symptom_codes: ['fever'] }), 201)
  ok(
    await asha.put(`/v1/symptom-checks/${check.id}/answers`, {
      answers: Object.entries(routineFever).map(([question_id, value]) => ({ question_id, value })),
    }),
    200,
  )
  const record = ok(
    await asha.upload('/v1/records', formOf('file', pdfDocument({ title: 'CBC' }), 'cbc.pdf', { title: 'CBC', type: 'test_result' })),
    201,
  )
  ok(
    await hmis(
      'POST',
      '/v1/hmis/documents',
      formOf('file', pdfDocument({ title: 'Rx' }), 'rx.pdf', {
        patient_ref: share.hmis_patient_id,
        type: 'prescription',
        title: 'Prescription',
        medicines: JSON.stringify([{ name: 'Cetirizine 10 mg', dosage: '1 tablet', timings: ['bedtime'], duration_days: 5 }]),
      }),
    ),
    201,
  )
  ok(
    await asha.post('/v1/medications', {
      name: 'Metformin 500 mg',
      dosage: '1 tablet',
      timings: ['after_breakfast'],
      start_date: '2026-11-01',
    }),
    201,
  )
  // A summary and a data export, written by the queue before the matrix reads her lists (they must not change under it).
  const summary = ok(await asha.post('/v1/records/summaries', {}), 202)
  const exported = ok(await asha.post('/v1/me/export', undefined), 202)
  for (const path of [`/v1/records/summaries/${summary.id}`, `/v1/me/exports/${exported.id}`]) {
    for (let i = 0; i < 300 && ok(await asha.get(path), 200).status === 'pending'; i++) await new Promise((r) => setTimeout(r, 100))
    expect(ok(await asha.get(path), 200).status, path).toBe('ready')
  }
  ok(
    await asha.post('/v1/devices', { platform: 'android', push_token: `asha-phone:APA91b${crypto.randomUUID().replaceAll('-', '')}` }),
    201,
  )
  ok(
    await asha.post('/v1/ambulance-bookings', {
      pickup_address: 'Flat 12, Sai Residency, Kothrud, Pune',
      pickup_time: new Date(Date.now() + 86_400_000).toISOString(),
    }),
    201,
  )
  const consent = ok(
    await hmis('POST', '/v1/hmis/consent-requests', {
      request_ref: `cr-${crypto.randomUUID()}`,
      patient_ref: share.hmis_patient_id,
      purpose: 'Follow-up',
      record_types: ['test_result'],
      expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }),
    201,
  )
  const lab = ok(
    await asha.post('/v1/lab-tests/bookings', {
      test_ids: ['cbc'],
      hospital_id: hospital,
      preferred_slot: new Date(Date.now() + 86_400_000).toISOString(),
    }),
    201,
  )
  const order = ok(
    await asha.upload(
      '/v1/store/medicine-orders',
      formOf('prescription', pngImage(60, 80), 'rx.png', {
        hospital_id: hospital,
        delivery_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038',
      }),
    ),
    201,
  )
  const ride = ok(
    await asha.post('/v1/ambulance-bookings', {
      pickup_address: 'Flat 12, Sai Residency, Kothrud, Pune',
      pickup_time: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      provider_id: 'sahyadri-ambulance',
    }),
    201,
  )
  let rideRef: string | undefined
  for (let i = 0; i < 100 && !rideRef; i++) {
    rideRef = (await hmisOrders('ambulance-requests', 'sahyadri')).find((r) => r.phr_booking_id === ride.id)?.request_ref
    if (!rideRef) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const application = ok(await asha.post('/v1/care-packages/diabetes/apply', {}), 201)
  // Her family: a child's profile, an invitation she sent, and her husband who manages her.
  ok(
    await asha.post('/v1/profiles', {
      name: 'Aarav Verma',
      date_of_birth: '2017-08-14',
      gender: 'male',
      relationship: 'child',
      guardian_declaration: true,
    }),
    201,
  )
  ok(
    await asha.post('/v1/profiles/invitations', {
      email: `mother.${asha.id.slice(0, 8)}@example.in`,
      relationship: 'parent',
      scopes: ['medicines'],
    }),
    201,
  )
  const husband = await e2e.patient('Vikram Verma')
  const invitation = ok(
    await husband.post('/v1/profiles/invitations', { phone: asha.phone, relationship: 'spouse', scopes: ['appointments'] }),
    201,
  )
  ok(await asha.post(`/v1/profiles/invitations/${invitation.id}/accept`, undefined), 200)
  // Her ABHA linked, and a clinic on ABDM that asked twice: one request granted (a consent), one waiting;
  // a discovery under way, a pull of her records asked for, and a subscription request waiting.
  const abha = `asha.${asha.id.slice(0, 8)}@sbx`
  await addAbhaAccount({ ...demoAbhaAccounts[0], abhaNumber: null, abhaAddress: abha, mobile: asha.phone.slice(-10) })
  const link = ok(await asha.post('/v1/abdm/abha/link', { abha }), 202)
  ok(await asha.post('/v1/abdm/abha/link/confirm', { challenge_id: link.challenge_id, otp: (await abdmOtps(abha))[0]!.otp }), 200)
  const [asked] = await Promise.all([0, 1].map(async () => ok(await asha.post('/dev/abdm/consent-requests', { abha_address: abha }), 201)))
  const request = ok(await asha.get(`/v1/abdm/consent-requests/${asked!.id}`), 200)
  ok(
    await asha.post(`/v1/abdm/consent-requests/${asked!.id}/approve`, {
      consents: [{ hip_id: 'DEMO-HIP', hi_types: ['Prescription'], from: request.from, to: request.to, erase_at: request.erase_at }],
    }),
    200,
  )
  ok(await asha.post('/v1/abdm/discoveries', { hip_id: 'DEMO-HIP' }), 202)
  ok(await asha.post('/v1/abdm/pulls', {}), 202)
  await raiseAbdmSubscriptionRequest({ abhaAddress: abha })
  const applicationRef = (await hmisOrders('care-package-applications', 'sahyadri')).find((a) => a.phr_application_id === application.id)!
    .application_ref as string
  const labRef = (await hmisOrders('lab-bookings', 'sahyadri')).find((b) => b.phr_booking_id === lab.id)!.booking_ref as string
  const orderAtHmis = (await hmisOrders('medicine-orders', 'sahyadri')).find((o) => o.phr_order_id === order.id)!
  return {
    asha,
    share,
    refs: {
      appointment: booked.hmis_appointment_ref as string,
      consent: consent.consent_id as string,
      record: record.id as string,
      labBooking: labRef,
      order: orderAtHmis.order_ref as string,
      application: applicationRef,
      ride: rideRef!,
      prescriptionPath: new URL(orderAtHmis.prescription.url).pathname,
    },
  }
}
