// The conformance kit of the HMIS contract: a hospital vendor runs it against their own HMIS (or
// adapter) before going live.
//   npm run hmis:check -- https://hmis.example-hospital.in/phr/v1 --api-key <the key PHR Edge will use>
// It exercises every call of the contract, bodies checked against the contract's own schemas, and
// prints PASS or FAIL for each check with the reason. It books and cancels a test appointment, and
// revokes the test patient's share at the end.
// @ts-check (tsconfig.scripts.json)
import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import {
  HmisBookingSchema,
  HmisRescheduledSchema,
  HmisDoctorSchema,
  HmisErrorSchema,
  HmisListSchema,
  HmisPatientTokenSchema,
  HmisSpecialtySchema,
  HmisSymptomCheckSchema,
  HmisMedicineOrderRequestSchema,
  HmisMedicineOrderSchema,
  HmisLabBookingSchema,
  HmisCareApplicationRequestSchema,
  HmisCareApplicationSchema,
  HmisAmbulanceRequestSchema,
  HmisAmbulanceBookingSchema,
  HmisShareRevocationSchema,
} from '../../src/integrations/hmis/contract.ts'

/** @typedef {import('zod').z.infer<typeof HmisDoctorSchema>} Doctor */
/**
 * What earlier checks found, for the later ones: each is read only after needs() saw it there.
 * @typedef {{
 *   specialty: import('zod').z.infer<typeof HmisSpecialtySchema>,
 *   doctors: Doctor[],
 *   slot: { doctor: Doctor, slot: Doctor['availability'][number]['slots'][number] },
 *   token: import('zod').z.infer<typeof HmisPatientTokenSchema>,
 *   booking: { id: string, mode: string, ref: string },
 *   labBooking: import('zod').z.infer<typeof HmisLabBookingSchema>,
 *   order: import('zod').z.infer<typeof HmisMedicineOrderSchema>,
 * }} State
 */

/**
 * Runs every check; never throws.
 * @param {{ baseUrl: string, apiKey: string, timeoutMs?: number }} options
 * @returns {Promise<{ name: string, ok: boolean, reason?: string }[]>}
 */
export async function runConformance({ baseUrl, apiKey, timeoutMs = 10_000 }) {
  const base = baseUrl.replace(/\/+$/, '')
  /** @type {{ name: string, ok: boolean, reason?: string }[]} */
  const results = []
  const state = /** @type {State} */ ({})
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<{ status: number, json: any, ms: number }>}
   */
  const call = async (method, path, body, { key = apiKey } = {}) => {
    const started = performance.now()
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'x-request-id': randomUUID(), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await response.text()
    /** @type {any} */
    let json
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: response.status, json, ms: performance.now() - started }
  }
  /**
   * @template {import('zod').ZodType} S
   * @param {S} schema
   * @param {unknown} value
   * @param {string} what
   * @returns {import('zod').z.output<S>}
   */
  const parse = (schema, value, what) => {
    const parsed = schema.safeParse(value)
    if (!parsed.success)
      throw new Error(
        `${what} does not match the contract: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(body)'} ${i.message}`)
          .join('; ')}`,
      )
    return parsed.data
  }
  /**
   * @param {{ status: number }} answer
   * @param {number[]} statuses
   * @param {string} what
   */
  const expectStatus = (answer, statuses, what) => {
    if (!statuses.includes(answer.status)) throw new Error(`${what} answered ${answer.status}, expected ${statuses.join(' or ')}`)
  }
  /**
   * @param {string} name
   * @param {() => Promise<void>} run
   */
  async function check(name, run) {
    try {
      await run()
      results.push({ name, ok: true })
    } catch (error) {
      results.push({ name, ok: false, reason: error instanceof Error ? error.message : String(error) })
    }
  }
  /** @param {...keyof State} keys */
  const needs = (...keys) => {
    for (const key of keys) if (state[key] === undefined) throw new Error(`skipped: an earlier check did not provide ${key}`)
  }

  await check('auth: a call without the API key is refused with 401', async () => {
    expectStatus(await call('GET', '/specialties', undefined, { key: '' }), [401], 'GET /specialties without a key')
  })
  await check('specialties: GET /specialties lists code and name', async () => {
    const answer = await call('GET', '/specialties')
    expectStatus(answer, [200], 'GET /specialties')
    const [first] = parse(HmisListSchema(HmisSpecialtySchema), answer.json, 'the answer').items
    if (!first) throw new Error('no specialties')
    state.specialty = first
  })
  await check('doctors: GET /doctors lists doctors in the contract shape', async () => {
    const answer = await call('GET', '/doctors')
    expectStatus(answer, [200], 'GET /doctors')
    const { items } = parse(HmisListSchema(HmisDoctorSchema), answer.json, 'the answer')
    if (items.length === 0) throw new Error('no doctors')
    state.doctors = items
  })
  await check('doctors: the name pattern is case-insensitive', async () => {
    needs('doctors')
    const [doctor] = /** @type {[Doctor, ...Doctor[]]} */ (state.doctors)
    const word = doctor.name.split(/\s+/).find((w) => /^[A-Za-z]{3,}$/.test(w) && !/^dr$/i.test(w))
    if (!word) throw new Error('no searchable word in the first doctor’s name')
    for (const variant of [word.toUpperCase(), word.toLowerCase()]) {
      const answer = await call('GET', `/doctors?name=${encodeURIComponent(variant)}`)
      expectStatus(answer, [200], `GET /doctors?name=${variant}`)
      const { items } = parse(HmisListSchema(HmisDoctorSchema), answer.json, 'the answer')
      if (!items.some((d) => d.doctor_id === doctor.doctor_id)) throw new Error(`name=${variant} did not find ${doctor.name}`)
    }
  })
  await check('doctors: the name pattern is a regular expression (alternation)', async () => {
    needs('doctors')
    const [a, b] = state.doctors
    if (!a || !b) throw new Error('needs at least two doctors')
    const pattern = `^(${escape(a.name)}|${escape(b.name)})$`
    const answer = await call('GET', `/doctors?name=${encodeURIComponent(pattern)}`)
    expectStatus(answer, [200], 'GET /doctors with an alternation')
    const ids = parse(HmisListSchema(HmisDoctorSchema), answer.json, 'the answer').items.map((d) => d.doctor_id)
    if (!ids.includes(a.doctor_id) || !ids.includes(b.doctor_id)) throw new Error(`${pattern} should find both doctors`)
  })
  await check('doctors: the specialty pattern is case-insensitive and matches the code or the name', async () => {
    needs('specialty')
    for (const variant of [state.specialty.code.toUpperCase(), state.specialty.name.toLowerCase()]) {
      const answer = await call('GET', `/doctors?specialty=${encodeURIComponent(escape(variant))}`)
      expectStatus(answer, [200], `GET /doctors?specialty=${variant}`)
      const { items } = parse(HmisListSchema(HmisDoctorSchema), answer.json, 'the answer')
      if (items.length === 0 || !items.every((d) => d.specialties.some((s) => s.code === state.specialty.code))) {
        throw new Error(`specialty=${variant} should list only and at least the doctors of ${state.specialty.name}`)
      }
    }
  })
  await check('doctors: a catastrophic pattern is refused with 400 invalid_pattern, quickly', async () => {
    const answer = await call('GET', `/doctors?name=${encodeURIComponent('(a+)+$')}`)
    expectStatus(answer, [400], 'GET /doctors?name=(a+)+$')
    if (parse(HmisErrorSchema, answer.json, 'the error').error.code !== 'invalid_pattern')
      throw new Error('the code is not invalid_pattern')
    if (answer.ms > 2000) throw new Error(`took ${Math.round(answer.ms)} ms`)
  })
  await check('doctor: GET /doctors/{id} gives slots with capacity over a date range, with offsets', async () => {
    needs('doctors')
    const from = new Date().toISOString().slice(0, 10)
    const to = new Date(Date.now() + 13 * 86_400_000).toISOString().slice(0, 10)
    for (const doctor of state.doctors) {
      const answer = await call('GET', `/doctors/${encodeURIComponent(doctor.doctor_id)}?from=${from}&to=${to}`)
      expectStatus(answer, [200], `GET /doctors/${doctor.doctor_id}`)
      const one = parse(HmisDoctorSchema, answer.json, 'the doctor')
      for (const day of one.availability) {
        for (const slot of day.slots) {
          if (!/[+-]\d{2}:\d{2}$|Z$/.test(slot.start)) throw new Error(`slot ${slot.start} has no offset`)
          if (slot.start.slice(0, 10) !== day.date)
            throw new Error(`slot ${slot.start} is listed under ${day.date}: dates must be local to the hospital`)
          if (slot.available > slot.capacity) throw new Error(`slot ${slot.start} has more places available than its capacity`)
        }
      }
      const open = one.availability.flatMap((d) => d.slots).find((s) => s.available > 0)
      if (open && !state.slot) state.slot = { doctor: one, slot: open }
    }
    if (!state.slot) throw new Error('no doctor has an open slot in the next 14 days')
  })
  await check('doctor: an unknown doctor is 404', async () => {
    expectStatus(await call('GET', `/doctors/phr-edge-conformance-${randomUUID()}`), [404], 'GET /doctors/<unknown>')
  })
  const patient = {
    phr_patient_id: randomUUID(),
    name: 'Conformance Test Patient',
    gender: 'female',
    date_of_birth: '1990-04-12',
    phone: '+919999900099',
    email: null,
    abha_number: null,
    abha_address: null,
    address: { city: 'Pune', country: 'IN' },
    counter_id: null,
  }
  await check('patients: POST /patients registers and answers a token with its expiry', async () => {
    const answer = await call('POST', '/patients', patient)
    expectStatus(answer, [200, 201], 'POST /patients')
    state.token = parse(HmisPatientTokenSchema, answer.json, 'the token')
    if (new Date(state.token.token_expires_at) <= new Date()) throw new Error('the token has already expired')
  })
  await check('patients: registering again within the window gives the same patient and token', async () => {
    needs('token')
    const answer = await call('POST', '/patients', { ...patient, name: 'Conformance Test Patient (updated)' })
    expectStatus(answer, [200, 201], 'POST /patients again')
    const again = parse(HmisPatientTokenSchema, answer.json, 'the token')
    if (again.hmis_patient_id !== state.token.hmis_patient_id) throw new Error('a second patient was made')
    if (again.token_number !== state.token.token_number) throw new Error('a second token was given within the window')
  })
  await check('appointments: POST /appointments books a slot', async () => {
    needs('token', 'slot')
    const booking = { id: randomUUID(), mode: state.slot.slot.modes[0] ?? 'in_person' }
    const answer = await call('POST', '/appointments', bookingFor(state, booking.id, booking.mode))
    expectStatus(answer, [201], 'POST /appointments')
    // Kept only once booked: the checks that need it skip otherwise.
    state.booking = { ...booking, ref: parse(HmisBookingSchema, answer.json, 'the booking').appointment_ref }
  })
  await check('appointments: booking again with the same phr_appointment_id is idempotent', async () => {
    needs('booking')
    const answer = await call('POST', '/appointments', bookingFor(state, state.booking.id, state.booking.mode))
    expectStatus(answer, [200, 201], 'POST /appointments again')
    if (parse(HmisBookingSchema, answer.json, 'the booking').appointment_ref !== state.booking.ref)
      throw new Error('a second booking was made')
  })
  await check('appointments: a full slot is refused with 409 slot_unavailable', async () => {
    needs('booking')
    const extra = []
    for (let i = 0; i < state.slot.slot.capacity + 1; i++) {
      const id = randomUUID()
      const answer = await call('POST', '/appointments', bookingFor(state, id, state.booking.mode))
      if (answer.status === 409) {
        if (parse(HmisErrorSchema, answer.json, 'the error').error.code !== 'slot_unavailable')
          throw new Error('the code is not slot_unavailable')
        for (const ref of extra) await call('POST', `/appointments/${encodeURIComponent(ref)}/cancel`, { reason: 'conformance test' })
        return
      }
      expectStatus(answer, [201], 'POST /appointments while the slot has room')
      extra.push(parse(HmisBookingSchema, answer.json, 'the booking').appointment_ref)
    }
    throw new Error(`the slot took more than its capacity of ${state.slot.slot.capacity}`)
  })
  await check('appointments: POST /appointments/{ref}/symptom-checks is received, again idempotently', async () => {
    needs('booking')
    const check = {
      phr_symptom_check_id: randomUUID(),
      phr_appointment_id: state.booking.id,
      hmis_patient_id: state.token.hmis_patient_id,
      submitted_at: new Date().toISOString(),
      symptoms: [{ code: 'fever', name: 'Fever' }],
      answers: [
        { question_id: 'fever.temperature', question: 'Highest temperature measured (°C)', type: 'number', answer: '38.5 °C', value: 38.5 },
      ],
      triage: { level: 'consultation', reasons: [] },
      allergies: null,
      family_history: null,
      extra_info: null,
    }
    parse(HmisSymptomCheckSchema, check, 'our own symptom check')
    const path = `/appointments/${encodeURIComponent(state.booking.ref)}/symptom-checks`
    expectStatus(await call('POST', path, check), [200, 202], 'POST …/symptom-checks')
    expectStatus(await call('POST', path, check), [200, 202], 'POST …/symptom-checks again')
  })
  await check(
    'appointments: POST /appointments/{ref}/reschedule to its own slot is no change (200), to a slot that does not exist 409 slot_unavailable',
    async () => {
      needs('booking')
      const path = `/appointments/${encodeURIComponent(state.booking.ref)}/reschedule`
      const same = await call('POST', path, { slot_start: state.slot.slot.start, mode: state.booking.mode })
      expectStatus(same, [200], 'POST …/reschedule to the same slot')
      const moved = parse(HmisRescheduledSchema, same.json, 'the rescheduled booking')
      if (Date.parse(moved.slot_start) !== Date.parse(state.slot.slot.start)) throw new Error('the slot changed')
      // Three minutes past the slot: no doctor's slot starts there.
      const nowhere = new Date(Date.parse(state.slot.slot.start) + 3 * 60_000).toISOString()
      const refused = await call('POST', path, { slot_start: nowhere, mode: state.booking.mode })
      expectStatus(refused, [409], 'POST …/reschedule to a slot that does not exist')
      if (parse(HmisErrorSchema, refused.json, 'the error').error.code !== 'slot_unavailable')
        throw new Error('the code is not slot_unavailable')
    },
  )
  await check('appointments: POST /appointments/{ref}/cancel cancels', async () => {
    needs('booking')
    const answer = await call('POST', `/appointments/${encodeURIComponent(state.booking.ref)}/cancel`, { reason: 'conformance test' })
    expectStatus(answer, [200], 'POST …/cancel')
    if (parse(HmisBookingSchema, answer.json, 'the booking').status !== 'cancelled') throw new Error('the status is not cancelled')
  })
  await check('lab bookings: POST /lab-bookings is idempotent on phr_booking_id', async () => {
    needs('token')
    const request = {
      phr_booking_id: randomUUID(),
      hmis_patient_id: state.token.hmis_patient_id,
      test_codes: ['CBC'],
      doctor_id: null,
      preferred_slot: new Date(Date.now() + 86_400_000).toISOString(),
    }
    const first = await call('POST', '/lab-bookings', request)
    expectStatus(first, [201], 'POST /lab-bookings')
    const again = await call('POST', '/lab-bookings', request)
    expectStatus(again, [200, 201], 'POST /lab-bookings again')
    if (first.json?.booking_ref !== again.json?.booking_ref) throw new Error('a second lab booking was made')
    state.labBooking = parse(HmisLabBookingSchema, first.json, 'the lab booking')
  })
  await check('lab bookings: POST /lab-bookings/{ref}/cancel cancels, and again (a retry) is not an error', async () => {
    needs('labBooking')
    const path = `/lab-bookings/${encodeURIComponent(state.labBooking.booking_ref)}/cancel`
    const answer = await call('POST', path, { reason: 'conformance test' })
    expectStatus(answer, [200], 'POST …/cancel')
    if (parse(HmisLabBookingSchema, answer.json, 'the lab booking').status !== 'cancelled') throw new Error('the status is not cancelled')
    expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/cancel again')
  })
  await check('medicine orders: POST /medicine-orders is idempotent on phr_order_id', async () => {
    needs('token')
    const request = {
      phr_order_id: randomUUID(),
      hmis_patient_id: state.token.hmis_patient_id,
      delivery_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038',
      prescription: {
        url: 'https://api.phr-edge.in/v1/hmis/medicine-orders/x/prescription',
        content_type: 'application/pdf',
        sha256: '0'.repeat(64),
      },
    }
    parse(HmisMedicineOrderRequestSchema, request, 'our own order')
    const first = await call('POST', '/medicine-orders', request)
    expectStatus(first, [201], 'POST /medicine-orders')
    const again = await call('POST', '/medicine-orders', request)
    expectStatus(again, [200, 201], 'POST /medicine-orders again')
    if (parse(HmisMedicineOrderSchema, first.json, 'the order').order_ref !== again.json?.order_ref)
      throw new Error('a second order was made')
    state.order = parse(HmisMedicineOrderSchema, first.json, 'the order')
  })
  await check('medicine orders: POST /medicine-orders/{ref}/cancel cancels, and again (a retry) is not an error', async () => {
    needs('order')
    const path = `/medicine-orders/${encodeURIComponent(state.order.order_ref)}/cancel`
    const answer = await call('POST', path, { reason: 'conformance test' })
    expectStatus(answer, [200], 'POST …/cancel')
    if (parse(HmisMedicineOrderSchema, answer.json, 'the order').status !== 'cancelled') throw new Error('the status is not cancelled')
    expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/cancel again')
  })
  await check('care packages: POST /care-package-applications is idempotent on phr_application_id, and a withdrawal is too', async () => {
    needs('token')
    const request = {
      phr_application_id: randomUUID(),
      package_code: 'DM-CARE-1Y',
      hmis_patient_id: state.token.hmis_patient_id,
      patient: { name: 'Conformance Test', phone: '+919999900000', email: null, language: 'en' },
      applied_at: new Date().toISOString(),
    }
    parse(HmisCareApplicationRequestSchema, request, 'our own application')
    const first = await call('POST', '/care-package-applications', request)
    expectStatus(first, [201], 'POST /care-package-applications')
    const again = await call('POST', '/care-package-applications', request)
    expectStatus(again, [200, 201], 'POST /care-package-applications again')
    const application = parse(HmisCareApplicationSchema, first.json, 'the application')
    if (application.application_ref !== again.json?.application_ref) throw new Error('a second application was made')
    const path = `/care-package-applications/${encodeURIComponent(application.application_ref)}/withdraw`
    expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/withdraw')
    expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/withdraw again')
  })
  await check('ambulances: POST /ambulance-requests is idempotent on phr_booking_id, and a cancellation is too', async () => {
    const request = {
      phr_booking_id: randomUUID(),
      hmis_patient_id: null,
      patient: { name: 'Conformance Test', phone: '+919999900000', language: 'en' },
      pickup_address: 'Conformance test, Karve Road, Pune 411004',
      pickup_location: null,
      pickup_time: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      ambulance_type: 'patient_transport',
      notes: 'conformance test: please ignore',
    }
    parse(HmisAmbulanceRequestSchema, request, 'our own request')
    const first = await call('POST', '/ambulance-requests', request)
    expectStatus(first, [201], 'POST /ambulance-requests')
    const again = await call('POST', '/ambulance-requests', request)
    expectStatus(again, [200, 201], 'POST /ambulance-requests again')
    const booked = parse(HmisAmbulanceBookingSchema, first.json, 'the request')
    if (booked.request_ref !== again.json?.request_ref) throw new Error('a second request was made')
    const path = `/ambulance-requests/${encodeURIComponent(booked.request_ref)}/cancel`
    expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/cancel')
    expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/cancel again')
  })
  // Last: it ends the test patient's share.
  await check(
    'patients: POST /patients/{ref}/share/revoke records a revocation, again (a retry) too; an unknown patient is 404 or done',
    async () => {
      needs('token')
      const revocation = {
        phr_revocation_id: randomUUID(),
        phr_patient_id: patient.phr_patient_id,
        reason: 'revoked_by_patient',
        revoked_at: new Date().toISOString(),
      }
      parse(HmisShareRevocationSchema, revocation, 'our own revocation')
      const path = `/patients/${encodeURIComponent(state.token.hmis_patient_id)}/share/revoke`
      expectStatus(await call('POST', path, revocation), [200, 204], 'POST /patients/{ref}/share/revoke')
      expectStatus(await call('POST', path, revocation), [200, 204], 'POST /patients/{ref}/share/revoke again')
      const unknown = await call('POST', `/patients/conformance-${randomUUID()}/share/revoke`, {
        ...revocation,
        phr_revocation_id: randomUUID(),
      })
      expectStatus(unknown, [404, 200, 204], 'POST /patients/{unknown}/share/revoke')
    },
  )
  return results
}

/**
 * @param {State} state
 * @param {string} id
 * @param {string} mode
 */
function bookingFor(state, id, mode) {
  return {
    phr_appointment_id: id,
    hmis_patient_id: state.token.hmis_patient_id,
    doctor_id: state.slot.doctor.doctor_id,
    mode,
    slot_start: state.slot.slot.start,
  }
}

/** @param {string} text */
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'api-key': { type: 'string', default: process.env.HMIS_API_KEY } },
  })
  if (!positionals[0] || !values['api-key']) {
    console.error('usage: npm run hmis:check -- <base-url> --api-key <key>   (or HMIS_API_KEY)')
    process.exit(2)
  }
  const results = await runConformance({ baseUrl: positionals[0], apiKey: values['api-key'] })
  for (const result of results) console.log(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name}${result.ok ? '' : `\n      ${result.reason}`}`)
  const failed = results.filter((r) => !r.ok).length
  console.log(`\n${results.length - failed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}
