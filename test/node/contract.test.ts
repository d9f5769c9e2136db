// Contract validation: a patient's day through the Worker's app (in Node, tcp driver, the shared
// reference HMIS and fake Gemini), every response checked against the served /openapi.json with
// a JSON Schema 2020-12 validator: the status is documented for that operation, the body matches
// its schema, and the headers it declares are present.
import { describe, expect, inject, it } from 'vitest'
import { createApp } from '../../src/app'
import { testSecrets } from '../secrets'
import { contract, type Doc } from './harness/contract'

const app = createApp()
const env = {
  ...testSecrets,
  ENVIRONMENT: 'development',
  DATABASE_URL: inject('databaseUrl'),
  DATABASE_DRIVER: 'tcp',
  SMS_PROVIDER: 'console',
  EMAIL_PROVIDER: 'console',
  MEET_PROVIDER: 'none',
  GEMINI_BASE_URL: inject('geminiUrl'),
  OTP_SEND_BUDGET_PER_MINUTE: '100000',
}
const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} }

describe('every response of a patient’s day matches /openapi.json', () => {
  it('login → profile → symptoms → share → book → check → vitals → medicines → store → consents → export', async () => {
    const ip = `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
    const raw = (path: string, init: RequestInit = {}) =>
      app.request(`http://localhost${path}`, { ...init, headers: { 'cf-connecting-ip': ip, ...init.headers } }, env, ctx)
    const doc = (await (await raw('/openapi.json')).json()) as Doc
    const check = contract(doc)
    const problems: string[] = []
    let token = ''
    /** One call; its status must be `expected` (a documented 5xx with a good envelope is still a failure). */
    const call = async (method: string, path: string, body?: unknown, expected = method === 'POST' ? 201 : 200) => {
      const response = await raw(path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      const json = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text
      problems.push(...check(method, path.split('?')[0]!, response, json))
      if (response.status !== expected) problems.push(`${method} ${path}: ${response.status}, expected ${expected}: ${text.slice(0, 300)}`)
      return { status: response.status, json: json as any }
    }

    const phone = `+9196${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    const challenge = await call('POST', '/v1/auth/otp', { channel: 'phone', identifier: phone }, 202)
    const outbox = await call('GET', `/dev/outbox?to=${encodeURIComponent(phone)}&limit=1`)
    const otp = String(outbox.json.items[0].body).match(/\d{6}/)![0]
    token = (await call('POST', '/v1/auth/otp/verify', { challenge_id: challenge.json.challenge_id, otp }, 200)).json.access_token
    await call('PATCH', '/v1/me', { name: 'Asha Verma', gender: 'female', date_of_birth: '1990-04-12' })
    await call('GET', '/v1/me')
    await call('GET', '/v1/home')
    await call('GET', '/v1/symptoms?lang=hi')
    await call('GET', '/v1/symptoms/fever/questions')
    const symptomCheck = await call('POST', '/v1/symptom-checks', { symptom_codes: ['fever'] })
    await call('PUT', `/v1/symptom-checks/${symptomCheck.json.id}/answers`, {
      answers: [
        { question_id: 'screen.fever', value: true },
        { question_id: 'screen.measured', value: true },
        { question_id: 'screen.temperature', value: 39 },
      ],
    })
    await call('PUT', `/v1/symptom-checks/${symptomCheck.json.id}/answers`, {
      answers: [{ question_id: 'screen.fever_signs', value: ['stiff_neck'] }],
    })
    await call('PUT', `/v1/symptom-checks/${symptomCheck.json.id}/history`, { allergies: 'Penicillin' })
    await call('GET', `/v1/symptom-checks/${symptomCheck.json.id}`)
    await call('GET', '/v1/symptom-checks')
    const hospitals = await call('GET', '/v1/hospitals')
    const hospital = hospitals.json.items.find((h: { name: string }) => h.name === 'Sahyadri Hospital, Pune')
    await call('GET', `/v1/hospitals/${hospital.id}`)
    await call('POST', `/v1/hospitals/${hospital.id}/share`, {})
    await call('GET', '/v1/shares')
    await call('GET', `/v1/hospitals/${hospital.id}/specialties`)
    await call('GET', `/v1/hospitals/${hospital.id}/doctors?name=meera`)
    const doctor = await call('GET', `/v1/hospitals/${hospital.id}/doctors/d-sah-01`)
    const slot = doctor.json.availability
      .flatMap((d: { slots: { start: string; modes: string[]; available: number }[] }) => d.slots)
      .find(
        (s: { modes: string[]; available: number; start: string }) =>
          s.modes.includes('online') && s.available > 0 && Date.parse(s.start) > Date.now() + 3600_000,
      )
    const booked = await call('POST', '/v1/appointments', {
      hospital_id: hospital.id,
      doctor_id: 'd-sah-01',
      mode: 'online',
      slot_start: slot.start,
    })
    await call('GET', `/v1/appointments/${booked.json.id}`)
    await call('GET', '/v1/appointments')
    // Before the doctor's review: refused, as documented.
    await call('GET', `/v1/appointments/${booked.json.id}/video`, undefined, 409)
    await call('POST', '/v1/vitals', {
      type: 'blood_pressure',
      value: 182,
      diastolic: 121,
      unit: 'mmHg',
      measured_at: new Date().toISOString(),
    })
    await call('POST', '/v1/vitals', { type: 'weight', value: 65, unit: 'kg', measured_at: new Date().toISOString() })
    await call('GET', '/v1/vitals')
    await call('GET', '/v1/vitals/trends?type=blood_pressure&bucket=week')
    await call('PUT', '/v1/me/routine', { breakfast_at: '07:30' })
    await call('GET', '/v1/me/routine')
    const med = await call('POST', '/v1/medications', {
      name: 'Metformin 500 mg',
      dosage: '1 tablet',
      timings: ['after_breakfast'],
      start_date: '2026-11-01',
      quantity_on_hand: 30,
    })
    await call('POST', `/v1/medications/${med.json.id}/doses`, { timing: 'after_breakfast', date: '2026-11-20', status: 'taken' }, 200)
    await call('PATCH', `/v1/medications/${med.json.id}`, { reminders_enabled: false })
    await call('GET', '/v1/medications')
    await call('GET', '/v1/lab-tests')
    await call('POST', '/v1/lab-tests/bookings', {
      test_ids: ['cbc'],
      hospital_id: hospital.id,
      preferred_slot: new Date(Date.now() + 86_400_000).toISOString(),
    })
    await call('GET', '/v1/lab-tests/bookings')
    await call('GET', '/v1/store/medicine-orders')
    await call('GET', '/v1/ambulances')
    await call('POST', '/v1/ambulance-bookings', {
      pickup_address: 'Flat 12, Sai Residency, Kothrud, Pune',
      pickup_time: new Date(Date.now() + 86_400_000).toISOString(),
    })
    await call('GET', '/v1/ambulance-bookings')
    await call('GET', '/v1/care-packages')
    await call('POST', '/v1/care-packages/senior/apply')
    await call('POST', '/v1/care-packages/senior/apply', undefined, 409)
    await call('GET', '/v1/care-packages/applications')
    await call('GET', '/v1/consents')
    await call('GET', '/v1/records')
    await call('GET', '/v1/records/access-log')
    await call('GET', '/v1/handouts')
    await call('GET', '/v1/notifications')
    await call('POST', '/v1/notifications/read-all', undefined, 200)
    await call('GET', '/v1/mindscape/rooms')
    await call('GET', '/v1/me/fhir')
    // Refusals are documented too.
    await call('GET', `/v1/symptom-checks/${crypto.randomUUID()}`, undefined, 404)
    await call('POST', '/v1/vitals', { type: 'spo2', value: 140, unit: '%', measured_at: new Date().toISOString() }, 422)
    await call(
      'PUT',
      `/v1/symptom-checks/${symptomCheck.json.id}/answers`,
      { answers: [{ question_id: 'fever.severity', value: 'awful' }] },
      400,
    )
    token = ''
    await call('GET', '/v1/me', undefined, 401)
    expect(problems).toEqual([])
  }, 60_000)
})
