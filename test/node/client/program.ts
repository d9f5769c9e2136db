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

/**
 * The consultation journey as an app writes it with the generated client: hospitals → share →
 * doctor → book → symptom check (answers, history, submit) → the appointment's status → vitals →
 * medicines → the FHIR export. Every call type-checked against the published document.
 */
export async function consultationJourney(baseUrl: string, fetchImpl: typeof fetch, phone: string) {
  const api = createClient<paths>({ baseUrl, fetch: fetchImpl, headers: { 'cf-connecting-ip': '203.0.113.78' } })
  const sent = await api.POST('/v1/auth/otp', { body: { channel: 'phone', identifier: phone } })
  const outbox = await api.GET('/dev/outbox', { params: { query: { to: phone, limit: 1 } } })
  const otp = outbox.data?.items[0]?.body.match(/\d{6}/)?.[0]
  if (!sent.data || !otp) throw new Error('no OTP')
  const login = await api.POST('/v1/auth/otp/verify', { body: { challenge_id: sent.data.challenge_id, otp } })
  if (!login.data) throw new Error(`login failed: ${login.error?.error.code}`)
  const headers = { Authorization: `Bearer ${login.data.access_token}` }

  const hospitals = await api.GET('/v1/hospitals', { headers })
  const hospital = hospitals.data?.items.find((h) => h.name === 'Sahyadri Hospital, Pune')
  if (!hospital) throw new Error('no hospital')
  const share = await api.POST('/v1/hospitals/{hospital_id}/share', { headers, params: { path: { hospital_id: hospital.id } } })
  if (!share.data) throw new Error(`share failed: ${share.error?.error.code}`)
  const doctor = await api.GET('/v1/hospitals/{hospital_id}/doctors/{doctor_id}', {
    headers,
    params: { path: { hospital_id: hospital.id, doctor_id: 'd-sah-01' }, query: {} },
  })
  const slot = doctor.data?.availability
    .flatMap((day) => day.slots)
    .find((s) => s.modes.includes('online') && s.available > 0 && Date.parse(s.start) > Date.now() + 3600_000)
  if (!slot) throw new Error('no slot')
  const booked = await api.POST('/v1/appointments', {
    headers,
    body: { hospital_id: hospital.id, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start },
  })
  if (!booked.data) throw new Error(`booking failed: ${booked.error?.error.code}`)

  const check = await api.POST('/v1/symptom-checks', {
    headers,
    params: { query: {} },
    body: { symptom_codes: ['fever'], appointment_id: booked.data.id },
  })
  if (!check.data) throw new Error(`check failed: ${check.error?.error.code}`)
  const id = check.data.id
  const answers = await api.PUT('/v1/symptom-checks/{id}/answers', {
    headers,
    params: { path: { id }, query: {} },
    body: {
      answers: [
        { question_id: 'fever.duration', value: { amount: 2, unit: 'days' } },
        { question_id: 'fever.severity', value: 'moderate' },
        { question_id: 'screen.age_years', value: 34 },
        { question_id: 'screen.sex', value: 'male' },
        { question_id: 'screen.danger', value: [] },
        { question_id: 'screen.fever', value: true },
        { question_id: 'screen.measured', value: true },
        { question_id: 'screen.temperature', value: 38.6 },
        { question_id: 'screen.heat', value: false },
        { question_id: 'screen.bite', value: false },
        { question_id: 'screen.fever_signs', value: [] },
        { question_id: 'screen.malaria_area', value: false },
        { question_id: 'fever.chills', value: false },
        { question_id: 'fever.comes_goes', value: false },
      ],
    },
  })
  if (!answers.data) throw new Error(`answers failed: ${answers.error?.error.code}`)
  await api.PUT('/v1/symptom-checks/{id}/history', { headers, params: { path: { id }, query: {} }, body: { allergies: 'Penicillin' } })
  const submitted = await api.POST('/v1/symptom-checks/{id}/submit', { headers, params: { path: { id }, query: {} }, body: {} })
  if (!submitted.data) throw new Error(`submit failed: ${submitted.error?.error.code}`)
  const appointment = await api.GET('/v1/appointments/{id}', { headers, params: { path: { id: booked.data.id } } })

  const vital = await api.POST('/v1/vitals', {
    headers,
    body: { type: 'temperature', value: 101.5, unit: '°F', measured_at: new Date().toISOString() },
  })
  const medicine = await api.POST('/v1/medications', {
    headers,
    body: {
      name: 'Paracetamol 650 mg',
      dosage: '1 tablet',
      timings: ['after_breakfast', 'after_dinner'],
      start_date: '2026-11-27',
      end_date: '2026-12-01',
    },
  })
  const bundle = await api.GET('/v1/me/fhir', { headers })
  return {
    triage: answers.data.triage.level,
    sharing: submitted.data.sharing?.status ?? null,
    appointment: appointment.data?.status ?? null,
    temperature: vital.data?.value ?? null,
    medicine: medicine.data?.name ?? null,
    bundleEntries: bundle.data?.entry.length ?? 0,
  }
}
