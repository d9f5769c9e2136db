import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ConsentSchema } from '../src/features/records/consents'
import { RecordSchema } from '../src/features/records/schema'
import { book, openSlot } from './fixtures/appointments'
import { loginByPhone } from './fixtures/auth'
import { pdfDocument, pngImage } from './fixtures/documents'
import { hospitalId, shareWith } from './fixtures/hospitals'
import { answer, createCheck, routineFever } from './fixtures/symptoms'
import { expectError, expectOk, type Client } from './harness/client'
import { fhirValidate, geminiRequests } from './harness/fakes'
import { hmisCall } from './harness/hmis'
import { deliverUntil } from './harness/outbox'
import { expectHiddenFromOthers } from './harness/ownership'
import { runSql } from './harness/sql'

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next_cursor: z.string().nullable() })
const HospitalConsent = z.object({
  consent_id: z.string().uuid(),
  request_ref: z.string(),
  status: z.string(),
  granted: z.object({ record_types: z.array(z.string()), record_ids: z.array(z.string()).nullable(), expires_at: z.string() }).nullable(),
})
const AccessEntry = z.object({
  action: z.string(),
  hospital_name: z.string().nullable(),
  record_id: z.string().nullable(),
  record_title: z.string().nullable(),
})
const Summary = z.object({
  id: z.string(),
  status: z.enum(['pending', 'ready', 'failed']),
  summary: z.string().nullable(),
  record_ids: z.array(z.string()),
  unreadable_record_ids: z.array(z.string()),
  model: z.string().nullable(),
})

async function upload(client: Client, token: string, bytes: Uint8Array, fields: Record<string, string>) {
  const form = new FormData()
  form.append('file', new File([bytes], 'f'))
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  const request = new Request('https://phr.test/', { method: 'POST', body: form })
  const response = await client.call('POST', '/v1/records', {
    token,
    headers: { 'content-type': request.headers.get('content-type')! },
    body: new Uint8Array(await request.arrayBuffer()),
  })
  return expectOk(response, 201, RecordSchema)
}

const withText = (text: string, pages = 1) => {
  const pdf = pdfDocument({ pages, title: text.slice(0, 20) })
  const marker = new TextEncoder().encode(`%TEXT:${text}|END\n`)
  // A comment line after the header: still a whole PDF (the cross-reference moves with it).
  const out = new Uint8Array(pdf.length + marker.length)
  out.set(pdf.subarray(0, 9))
  out.set(marker, 9)
  out.set(pdf.subarray(9), 9 + marker.length)
  const fixed = new TextDecoder('latin1')
    .decode(out)
    .replace(/startxref\n(\d+)/, (_m, n: string) => `startxref\n${Number(n) + marker.length}`)
  return new Uint8Array([...fixed].map((c) => c.charCodeAt(0)))
}

async function patientWithRecords() {
  const login = await loginByPhone()
  const token = login.access_token
  const share = await shareWith(login.client, token, hospitalId('sahyadri'))
  const cbc = await upload(login.client, token, withText('CBC normal, haemoglobin 13.1 g/dL'), {
    title: 'CBC',
    type: 'test_result',
    record_date: '2026-10-10',
  })
  const lipid = await upload(login.client, token, withText('LDL 162 mg/dL, high'), {
    title: 'Lipid profile',
    type: 'test_result',
    record_date: '2026-11-01',
  })
  const rx = await upload(login.client, token, withText('Atorvastatin 10 mg at night'), {
    title: 'Old prescription',
    type: 'prescription',
    record_date: '2026-11-02',
  })
  const scan = await upload(login.client, token, pngImage(32, 32), { title: 'Photo of a report', type: 'report' })
  return { ...login, token, share, cbc, lipid, rx, scan }
}

async function askConsent(ref: string, patientRef: string, extra: Record<string, unknown> = {}) {
  const { response } = await hmisCall('sahyadri', 'POST', '/v1/hmis/consent-requests', {
    request_ref: ref,
    patient_ref: patientRef,
    purpose: 'Cardiology follow-up: review of recent tests',
    record_types: ['test_result', 'prescription'],
    expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    ...extra,
  })
  return response
}

describe('consent before a hospital reads', () => {
  it('request → notified → narrowed approval → hospital reads only that → revoke → refused at once; the access log shows it all', async () => {
    const { client, token, share, cbc, lipid, rx } = await patientWithRecords()
    const ref = `cr-${crypto.randomUUID()}`
    const asked = await expectOk(await askConsent(ref, share.hmis_patient_id), 201, HospitalConsent)
    expect(asked.status).toBe('requested')
    // Asking again with the same ref is the same consent.
    expect((await expectOk(await askConsent(ref, share.hmis_patient_id), 200, HospitalConsent)).consent_id).toBe(asked.consent_id)
    const id = asked.consent_id

    // Before approval the hospital is refused.
    await expectError((await hmisCall('sahyadri', 'GET', `/v1/hmis/consents/${id}/records`)).response, 403, 'forbidden')
    const pending = await expectOk(await client.get('/v1/consents?status=requested', { token }), 200, page(ConsentSchema))
    expect(pending.items.map((c) => c.id)).toEqual([id])
    const notes = (await (await client.get('/v1/notifications', { token })).json()) as {
      items: { type: string; link: { kind: string; id: string } }[]
    }
    expect(notes.items.find((n) => n.type === 'consent_requested')?.link).toEqual({ kind: 'consent', id })

    // Narrowing beyond the request is refused; within it, granted.
    await expectError(await client.post(`/v1/consents/${id}/approve`, { record_types: ['report'] }, { token }), 400, 'validation_failed')
    await expectError(
      await client.post(`/v1/consents/${id}/approve`, { expires_at: new Date(Date.now() + 90 * 86_400_000).toISOString() }, { token }),
      400,
      'validation_failed',
    )
    const granted = await expectOk(
      await client.post(`/v1/consents/${id}/approve`, { record_types: ['test_result'], record_ids: [lipid.id] }, { token }),
      200,
      ConsentSchema,
    )
    expect(granted).toMatchObject({ status: 'granted', granted: { record_types: ['test_result'], record_ids: [lipid.id] } })
    await expectError(await client.post(`/v1/consents/${id}/approve`, {}, { token }), 409, 'invalid_transition')

    const listed = await expectOk(
      (await hmisCall('sahyadri', 'GET', `/v1/hmis/consents/${id}/records`)).response,
      200,
      z.object({ items: z.array(RecordSchema) }),
    )
    expect(listed.items.map((r) => r.id)).toEqual([lipid.id])
    const file = (await hmisCall('sahyadri', 'GET', `/v1/hmis/consents/${id}/records/${lipid.id}/file`)).response
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    await file.arrayBuffer()
    for (const other of [cbc.id, rx.id]) {
      await expectError((await hmisCall('sahyadri', 'GET', `/v1/hmis/consents/${id}/records/${other}/file`)).response, 403, 'forbidden')
    }
    // A signature binds its path: one made for the listing does not fetch a file.
    await expectError(
      (
        await hmisCall('sahyadri', 'GET', `/v1/hmis/consents/${id}/records/${lipid.id}/file`, undefined, {
          signedPath: `/v1/hmis/consents/${id}/records`,
        })
      ).response,
      401,
      'signature_invalid',
    )
    // Another hospital cannot even see the consent.
    await expectError((await hmisCall('amrita', 'GET', `/v1/hmis/consents/${id}`)).response, 404, 'not_found')

    const revoked = await expectOk(await client.post(`/v1/consents/${id}/revoke`, {}, { token }), 200, ConsentSchema)
    expect(revoked.status).toBe('revoked')
    await expectError((await hmisCall('sahyadri', 'GET', `/v1/hmis/consents/${id}/records/${lipid.id}/file`)).response, 403, 'forbidden')
    const seen = await expectOk((await hmisCall('sahyadri', 'GET', `/v1/hmis/consents/${id}`)).response, 200, HospitalConsent)
    expect(seen).toMatchObject({ status: 'revoked', granted: null })

    const log = await expectOk(await client.get('/v1/records/access-log', { token }), 200, page(AccessEntry))
    expect(log.items.map((e) => e.action)).toEqual(['consent_read', 'record_downloaded', 'records_listed', 'consent_requested'])
    expect(log.items[1]).toMatchObject({ hospital_name: 'Sahyadri Hospital, Pune', record_id: lipid.id, record_title: 'Lipid profile' })
  })

  it('expiry takes effect at once; deny; another patient sees nothing; a hospital without a share is refused', async () => {
    const { client, token, share } = await patientWithRecords()
    const other = await loginByPhone()
    const a = await expectOk(await askConsent(`cr-${crypto.randomUUID()}`, share.hmis_patient_id), 201, HospitalConsent)
    await expectOk(await client.post(`/v1/consents/${a.consent_id}/approve`, {}, { token }), 200, ConsentSchema)
    const all = await expectOk(
      (await hmisCall('sahyadri', 'GET', `/v1/hmis/consents/${a.consent_id}/records`)).response,
      200,
      z.object({ items: z.array(RecordSchema) }),
    )
    expect(all.items).toHaveLength(3)
    await runSql(sql`update consents set expires_at = now() - interval '1 second' where id = ${a.consent_id}`)
    await expectError((await hmisCall('sahyadri', 'GET', `/v1/hmis/consents/${a.consent_id}/records`)).response, 403, 'forbidden')
    expect((await expectOk(await client.get(`/v1/consents/${a.consent_id}`, { token }), 200, ConsentSchema)).status).toBe('expired')
    await expectError(await client.post(`/v1/consents/${a.consent_id}/revoke`, {}, { token }), 409, 'invalid_transition')

    const b = await expectOk(await askConsent(`cr-${crypto.randomUUID()}`, share.hmis_patient_id), 201, HospitalConsent)
    await expectHiddenFromOthers((t) => other.client.post(`/v1/consents/${b.consent_id}/approve`, {}, { token: t }), other)
    expect((await expectOk(await client.post(`/v1/consents/${b.consent_id}/deny`, {}, { token }), 200, ConsentSchema)).status).toBe(
      'denied',
    )
    await expectError((await hmisCall('sahyadri', 'GET', `/v1/hmis/consents/${b.consent_id}/records`)).response, 403, 'forbidden')

    await expectError(
      (
        await hmisCall('amrita', 'POST', '/v1/hmis/consent-requests', {
          request_ref: 'x-1',
          patient_ref: share.hmis_patient_id,
          purpose: 'Not my patient',
          record_types: ['report'],
          expires_at: new Date(Date.now() + 86_400_000).toISOString(),
        })
      ).response,
      403,
      'forbidden',
    )
    await expectError(
      (await hmisCall('sahyadri', 'GET', `/v1/hmis/consents/${b.consent_id}`, undefined, { unsigned: true })).response,
      401,
      'signature_invalid',
    )
  })
})

describe('records lists, summaries and export', () => {
  it('filters by date range; lists handouts a hospital sent', async () => {
    const { client, token, share, lipid, rx } = await patientWithRecords()
    const november = await expectOk(await client.get('/v1/records?from=2026-10-15&to=2026-11-10', { token }), 200, page(RecordSchema))
    expect(november.items.map((r) => r.id).sort()).toEqual([lipid.id, rx.id].sort())
    const form = new FormData()
    form.append('file', new File([pdfDocument({ title: 'Diet after a heart attack' })], 'h.pdf'))
    form.append('patient_ref', share.hmis_patient_id)
    form.append('type', 'handout')
    form.append('title', 'Heart-healthy diet')
    await expectOk((await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', form)).response, 201, RecordSchema)
    const handouts = await expectOk(await client.get('/v1/handouts', { token }), 200, page(RecordSchema))
    expect(handouts.items.map((r) => r.title)).toEqual(['Heart-healthy diet'])
  })

  it('summarises selected and all records from the documents themselves, and says which it could not read', async () => {
    const { client, token, cbc, lipid, scan } = await patientWithRecords()
    const before = (await geminiRequests()).length
    // Asked: 202 with a pending summary at once; the queue writes it, then says so.
    const written = async (body: Record<string, unknown>) => {
      const asked = await expectOk(await client.post('/v1/records/summaries', body, { token }), 202, Summary)
      expect(asked).toMatchObject({ status: 'pending', summary: null })
      let seen = asked
      await expect
        .poll(async () => (seen = await expectOk(await client.get(`/v1/records/summaries/${asked.id}`, { token }), 200, Summary)).status, {
          timeout: 15_000,
        })
        .toBe('ready')
      return seen
    }
    const some = await written({ record_ids: [cbc.id, lipid.id] })
    expect(some.summary).toContain('haemoglobin 13.1 g/dL')
    expect(some.summary).toContain('LDL 162 mg/dL')
    expect(some).toMatchObject({ unreadable_record_ids: [], model: 'gemini-2.5-flash' })
    const sent = (await geminiRequests()).slice(before)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.media.map((m) => m.mimeType)).toEqual(['application/pdf', 'application/pdf'])

    const all = await written({})
    expect(all.record_ids).toHaveLength(4)
    expect(all.unreadable_record_ids).toEqual([scan.id])
    expect(all.summary).toMatch(/Could not be read: "Photo of a report"/)

    // Kept: listed newest first, and the notification links to the summary.
    const listed = (await (await client.get('/v1/records/summaries', { token })).json()) as { items: { id: string }[] }
    expect(listed.items.map((i) => i.id)).toEqual([all.id, some.id])
    const told = (await (await client.get('/v1/notifications', { token })).json()) as { items: { type: string; link: unknown }[] }
    expect(told.items.filter((n) => n.type === 'summary_ready').map((n) => n.link)).toEqual([
      { kind: 'record_summary', id: all.id },
      { kind: 'record_summary', id: some.id },
    ])

    const other = await loginByPhone()
    await expectError(await other.client.get(`/v1/records/summaries/${all.id}`, { token: other.access_token }), 404, 'not_found')
    await expectError(
      await other.client.post('/v1/records/summaries', { record_ids: [cbc.id] }, { token: other.access_token }),
      404,
      'not_found',
    )
    await expectError(await other.client.post('/v1/records/summaries', {}, { token: other.access_token }), 422, 'unprocessable')
  })

  it('ends a summary Gemini refuses to write as failed after a few tries, with the reason, and says so', async () => {
    const { client, access_token: token } = await loginByPhone()
    // A document Gemini's safety filter blocks (the fake blocks what carries BLOCKME): every try fails.
    const blocked = await upload(client, token, pdfDocument({ title: 'BLOCKME' }), { title: 'Old letter', type: 'report' })
    const asked = await expectOk(await client.post('/v1/records/summaries', { record_ids: [blocked.id] }, { token }), 202, Summary)
    const read = async () =>
      expectOk(
        await client.get(`/v1/records/summaries/${asked.id}`, { token }),
        200,
        Summary.extend({ status_reason: z.string().nullable() }),
      )
    await deliverUntil([asked.id], async () => (await read()).status === 'failed', 30_000)
    const failed = await read()
    expect(failed).toMatchObject({ status: 'failed', summary: null, status_reason: expect.stringMatching(/blocked: SAFETY/) })
    const [job] = await runSql<{ status: string; attempts: number }>(
      sql`select status, attempts from outbox where subject_id = ${asked.id}`,
    )
    expect(job).toMatchObject({ status: 'failed', attempts: 3 })
    const told = (await (await client.get('/v1/notifications', { token })).json()) as { items: { type: string; link: unknown }[] }
    expect(told.items.filter((n) => n.type === 'summary_failed').map((n) => n.link)).toEqual([{ kind: 'record_summary', id: asked.id }])
  }, 45_000)

  it('exports the whole record as a FHIR R4 Bundle that Medplum’s validator accepts', async () => {
    const { client, token, cbc } = await patientWithRecords()
    await client.patch(
      '/v1/me',
      {
        name: 'Asha Verma',
        gender: 'female',
        date_of_birth: '1990-04-12',
        allergies: [{ substance: 'Sulfa drugs', reaction: 'Rash', severity: 'moderate' }],
        conditions: [{ name: 'Hypothyroidism', since: '2018-02-01' }],
        family_history: [{ relation: 'mother', condition: 'Breast cancer' }],
      },
      { token },
    )
    const slot = await openSlot(client, token, hospitalId('sahyadri'))
    const booked = await book(client, token, {
      hospital_id: hospitalId('sahyadri'),
      doctor_id: 'd-sah-01',
      mode: 'online',
      slot_start: slot.start,
    })
    const check = await createCheck(client, token, { symptom_codes: ['fever'], appointment_id: booked.id })
    await answer(client, token, check.id, routineFever)
    await client.put(`/v1/symptom-checks/${check.id}/history`, { allergies: 'Penicillin', family_history: 'Father: diabetes' }, { token })
    await client.post(
      '/v1/vitals',
      { type: 'blood_pressure', value: 128, diastolic: 84, unit: 'mmHg', measured_at: new Date().toISOString() },
      { token },
    )
    await client.post('/v1/vitals', { type: 'temperature', value: 37.2, unit: '°C', measured_at: new Date().toISOString() }, { token })
    await client.post(
      '/v1/medications',
      { name: 'Metformin 500 mg', dosage: '1 tablet', timings: ['after_dinner'], start_date: '2026-11-01' },
      { token },
    )

    const response = await client.get('/v1/me/fhir', { token })
    expect(response.headers.get('content-type')).toBe('application/fhir+json')
    const bundle = (await response.json()) as { resourceType: string; entry: { fullUrl: string; resource: Record<string, any> }[] }
    const types = bundle.entry.map((e) => e.resource.resourceType)
    expect(types).toEqual(
      expect.arrayContaining([
        'Patient',
        'Appointment',
        'DocumentReference',
        'QuestionnaireResponse',
        'AllergyIntolerance',
        'FamilyMemberHistory',
        'Observation',
        'MedicationStatement',
      ]),
    )
    expect(bundle.entry.find((e) => e.resource.resourceType === 'Patient')!.resource).toMatchObject({
      name: [{ text: 'Asha Verma' }],
      birthDate: '1990-04-12',
    })
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'DocumentReference').map((e) => e.fullUrl)).toContain(
      `urn:uuid:${cbc.id}`,
    )
    // The health profile is there as the patient keeps it.
    const of = (type: string) => bundle.entry.filter((e) => e.resource.resourceType === type).map((e) => e.resource)
    expect(of('Condition')).toEqual([expect.objectContaining({ code: { text: 'Hypothyroidism' }, onsetDateTime: '2018-02-01' })])
    expect(of('AllergyIntolerance')).toContainEqual(expect.objectContaining({ code: { text: 'Sulfa drugs' }, criticality: 'low' }))
    expect(of('FamilyMemberHistory')).toContainEqual(
      expect.objectContaining({
        relationship: { coding: [expect.objectContaining({ code: 'MTH' })] },
        condition: [{ code: { text: 'Breast cancer' } }],
      }),
    )
    expect(await fhirValidate(bundle)).toBe('valid')
  })
})
