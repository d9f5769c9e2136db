// The conformance kit of the HMIS contract: a hospital vendor runs it against their own HMIS (or
// adapter) before going live (docs/hmis-integration.md, section 9; `--help` lists the checks).
//   npm run hmis:check -- https://hmis.example-hospital.in/phr/v1 --api-key <the key PHR Edge will use> [--json]
// It exercises every call of the contract with PHR Edge's own timeouts and retries, bodies checked
// against the contract's own schemas, and says PASS, FAIL or SKIP for each check, with the reason and
// the section of the guide it tests. It writes to the HMIS: one test patient (phr_patient_id
// 00000000-c0de-4…), bookings, a lab booking, an order, an application and an ambulance request for
// them; it cancels all of them and revokes the patient's share before it ends.
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
 *   singleModeSlot: { doctor: Doctor, slot: Doctor['availability'][number]['slots'][number] },
 *   booking: { id: string, mode: string, ref: string },
 *   labBooking: import('zod').z.infer<typeof HmisLabBookingSchema>,
 *   order: import('zod').z.infer<typeof HmisMedicineOrderSchema>,
 * }} State
 */

/** PHR Edge's own limits (HMIS_READ_TIMEOUT_MS, HMIS_WRITE_TIMEOUT_MS; guide, section 1). */
export const TIMEOUTS = { readMs: 5_000, writeMs: 10_000 }

/** @typedef {{ name: string, section: string, status: 'pass' | 'fail' | 'skip', ok: boolean, reason?: string }} CheckResult */

class Skip extends Error {}

/** A test patient's id: recognisable in the vendor's system (guide, section 9). */
const testPatientId = () => `00000000-c0de-4${randomUUID().slice(15)}`

/**
 * Runs every check; never throws. With `dryRun`, runs none: each is listed as skipped (for --help).
 * @param {{ baseUrl: string, apiKey: string, dryRun?: boolean }} options
 * @returns {Promise<CheckResult[]>}
 */
export async function runConformance({ baseUrl, apiKey, dryRun = false }) {
  const base = baseUrl.replace(/\/+$/, '')
  /** @type {CheckResult[]} */
  const results = []
  const state = /** @type {State} */ ({})
  /** Cancels of what the kit made, run at the end whatever failed (idempotent). */
  /** @type {string[]} */
  const undo = []
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<{ status: number, json: any, ms: number }>}
   */
  const call = async (method, path, body, { key = apiKey } = {}) => {
    const started = performance.now()
    const timeoutMs = method === 'GET' ? TIMEOUTS.readMs : TIMEOUTS.writeMs
    // As PHR Edge calls: an answer that never came or a 5xx/429 is tried once more at once; a timeout is not.
    const send = () =>
      fetch(`${base}${path}`, {
        method,
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'x-request-id': randomUUID(), 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    /** @type {Response} */
    let response
    try {
      response = await send()
      if (response.status >= 500 || response.status === 429) {
        await response.body?.cancel()
        response = await send()
      }
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError')
        throw new Error(
          `${method} ${path} did not answer within ${timeoutMs / 1000} s (PHR Edge's limit for a ${method === 'GET' ? 'read' : 'write'})`,
          { cause: error },
        )
      response = await send().catch((again) => {
        throw new Error(`${method} ${path}: ${again instanceof Error ? again.message : again}`, { cause: again })
      })
    }
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
   * @param {{ status: number, json?: any }} answer
   * @param {number[]} statuses
   * @param {string} what
   */
  const expectStatus = (answer, statuses, what) => {
    if (!statuses.includes(answer.status)) throw new Error(`${what} answered ${answer.status}, expected ${statuses.join(' or ')}`)
    // Every error in the envelope, whatever its status (guide, section 1).
    if (answer.status >= 400) parse(HmisErrorSchema, answer.json, `the error body of ${what}`)
  }
  /**
   * An error answer with its code.
   * @param {{ status: number, json: any }} answer
   * @param {number} status
   * @param {string} code
   * @param {string} what
   */
  const expectError = (answer, status, code, what) => {
    expectStatus(answer, [status], what)
    const given = answer.json.error.code
    if (given !== code) throw new Error(`${what}: the code is ${given}, expected ${code}`)
  }
  /**
   * @param {string} section the guide's section it tests
   * @param {string} name
   * @param {() => Promise<void>} run
   */
  async function check(section, name, run) {
    if (dryRun) return void results.push({ name, section, status: 'skip', ok: false, reason: 'not run (--help)' })
    try {
      await run()
      results.push({ name, section, status: 'pass', ok: true })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      results.push({ name, section, status: error instanceof Skip ? 'skip' : 'fail', ok: false, reason })
    }
  }
  /** @param {...keyof State} keys */
  const needs = (...keys) => {
    for (const key of keys) if (state[key] === undefined) throw new Skip(`an earlier check did not provide ${key}`)
  }
  /**
   * A create sent twice with the same phr_* id: 201, then 200 with the same reference. What it made is
   * noted for the final cleanup (`undoOf` its reference) before the second call. Returns the first answer.
   * @template {import('zod').ZodType} S
   * @param {string} path
   * @param {object} request
   * @param {S} schema
   * @param {string} refKey
   * @param {(ref: string) => string} undoOf
   * @param {string} what
   * @returns {Promise<import('zod').z.output<S>>}
   */
  const createTwice = async (path, request, schema, refKey, undoOf, what) => {
    const first = await call('POST', path, request)
    expectStatus(first, [201], `POST ${path}`)
    const made = parse(schema, first.json, `the ${what}`)
    undo.push(undoOf(encodeURIComponent(made[refKey])))
    const again = await call('POST', path, request)
    expectStatus(again, [200, 201], `POST ${path} again`)
    if (made[refKey] !== again.json?.[refKey]) throw new Error(`a second ${what} was made`)
    expectStatus(again, [200], `POST ${path} again (the same ${what}: 200, not 201)`)
    return made
  }
  const S1 = '1. Calls from PHR Edge to your HMIS'
  const S4 = '4. Patients and appointments'

  await check(S1, 'auth: a call without the API key is refused with 401', async () => {
    expectStatus(await call('GET', '/specialties', undefined, { key: '' }), [401], 'GET /specialties without a key')
  })
  await check(S1, 'specialties: GET /specialties lists code and name', async () => {
    const answer = await call('GET', '/specialties')
    expectStatus(answer, [200], 'GET /specialties')
    const [first] = parse(HmisListSchema(HmisSpecialtySchema), answer.json, 'the answer').items
    if (!first) throw new Error('no specialties')
    state.specialty = first
  })
  await check(S1, 'doctors: GET /doctors lists doctors in the contract shape', async () => {
    const answer = await call('GET', '/doctors')
    expectStatus(answer, [200], 'GET /doctors')
    const { items } = parse(HmisListSchema(HmisDoctorSchema), answer.json, 'the answer')
    if (items.length === 0) throw new Error('no doctors')
    state.doctors = items
  })
  await check(S1, 'doctors: the name pattern is case-insensitive', async () => {
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
  await check(S1, 'doctors: the name pattern is a regular expression (alternation)', async () => {
    needs('doctors')
    const [a, b] = state.doctors
    if (!a || !b) throw new Error('needs at least two doctors')
    const pattern = `^(${escape(a.name)}|${escape(b.name)})$`
    const answer = await call('GET', `/doctors?name=${encodeURIComponent(pattern)}`)
    expectStatus(answer, [200], 'GET /doctors with an alternation')
    const ids = parse(HmisListSchema(HmisDoctorSchema), answer.json, 'the answer').items.map((d) => d.doctor_id)
    if (!ids.includes(a.doctor_id) || !ids.includes(b.doctor_id)) throw new Error(`${pattern} should find both doctors`)
  })
  await check(S1, 'doctors: the specialty pattern is case-insensitive and matches the code or the name', async () => {
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
  await check(S1, 'doctors: a catastrophic pattern is refused with 400 invalid_pattern, quickly', async () => {
    const answer = await call('GET', `/doctors?name=${encodeURIComponent('(a+)+$')}`)
    expectStatus(answer, [400], 'GET /doctors?name=(a+)+$')
    if (parse(HmisErrorSchema, answer.json, 'the error').error.code !== 'invalid_pattern')
      throw new Error('the code is not invalid_pattern')
    if (answer.ms > 2000) throw new Error(`took ${Math.round(answer.ms)} ms`)
  })
  await check(S1, 'doctor: GET /doctors/{id} gives slots with capacity over a date range, with offsets', async () => {
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
      // A slot offered in one mode only, for the check of the other mode.
      const single = one.availability.flatMap((d) => d.slots).find((s) => s.available > 0 && s.modes.length === 1)
      if (single && !state.singleModeSlot) state.singleModeSlot = { doctor: one, slot: single }
    }
    if (!state.slot) throw new Error('no doctor has an open slot in the next 14 days')
  })
  await check(S1, 'doctors: GET /doctors?date= answers that local date', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    const answer = await call('GET', `/doctors?date=${tomorrow}`)
    expectStatus(answer, [200], `GET /doctors?date=${tomorrow}`)
    parse(HmisListSchema(HmisDoctorSchema), answer.json, 'the answer')
  })
  await check(S1, 'doctor: a range of more than 31 days is refused with 400', async () => {
    needs('doctors')
    const from = new Date().toISOString().slice(0, 10)
    const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10)
    const doctor = state.doctors[0]?.doctor_id ?? ''
    expectStatus(await call('GET', `/doctors/${encodeURIComponent(doctor)}?from=${from}&to=${to}`), [400], 'GET /doctors/{id} over 41 days')
  })
  await check(S1, 'doctor: an unknown doctor is 404', async () => {
    expectStatus(await call('GET', `/doctors/phr-edge-conformance-${randomUUID()}`), [404], 'GET /doctors/<unknown>')
  })
  const patient = {
    phr_patient_id: testPatientId(),
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
  await check(S4, 'patients: POST /patients registers and answers a token with its expiry', async () => {
    const answer = await call('POST', '/patients', patient)
    expectStatus(answer, [200, 201], 'POST /patients')
    state.token = parse(HmisPatientTokenSchema, answer.json, 'the token')
    if (new Date(state.token.token_expires_at) <= new Date()) throw new Error('the token has already expired')
  })
  await check(S4, 'patients: registering again within the window gives the same patient and token', async () => {
    needs('token')
    const answer = await call('POST', '/patients', { ...patient, name: 'Conformance Test Patient (updated)' })
    expectStatus(answer, [200, 201], 'POST /patients again')
    const again = parse(HmisPatientTokenSchema, answer.json, 'the token')
    if (again.hmis_patient_id !== state.token.hmis_patient_id) throw new Error('a second patient was made')
    if (again.token_number !== state.token.token_number) throw new Error('a second token was given within the window')
  })
  await check(S4, 'appointments: POST /appointments books a slot', async () => {
    needs('token', 'slot')
    const booking = { id: randomUUID(), mode: state.slot.slot.modes[0] ?? 'in_person' }
    const answer = await call('POST', '/appointments', bookingFor(state, booking.id, booking.mode))
    expectStatus(answer, [201], 'POST /appointments')
    // Kept only once booked: the checks that need it skip otherwise.
    state.booking = { ...booking, ref: parse(HmisBookingSchema, answer.json, 'the booking').appointment_ref }
    undo.push(`/appointments/${encodeURIComponent(state.booking.ref)}/cancel`)
  })
  await check(S4, 'appointments: a patient never registered is refused with 422 unknown_patient', async () => {
    needs('slot')
    const booking = {
      ...bookingFor(
        /** @type {State} */ ({ ...state, token: { hmis_patient_id: `conformance-unknown-${randomUUID()}` } }),
        randomUUID(),
        state.slot.slot.modes[0] ?? 'in_person',
      ),
    }
    expectError(await call('POST', '/appointments', booking), 422, 'unknown_patient', 'POST /appointments for an unknown patient')
  })
  await check(S4, 'appointments: a mode the slot does not offer is refused with 409 slot_unavailable', async () => {
    needs('token')
    if (!state.singleModeSlot) throw new Skip('no open slot is offered in one mode only')
    const { doctor, slot } = state.singleModeSlot
    const other = slot.modes[0] === 'online' ? 'in_person' : 'online'
    const answer = await call('POST', '/appointments', {
      phr_appointment_id: randomUUID(),
      hmis_patient_id: state.token.hmis_patient_id,
      doctor_id: doctor.doctor_id,
      mode: other,
      slot_start: new Date(slot.start).toISOString(),
    })
    if (answer.status === 201) undo.push(`/appointments/${encodeURIComponent(answer.json?.appointment_ref ?? '')}/cancel`)
    expectError(answer, 409, 'slot_unavailable', `POST /appointments ${other} in a ${slot.modes[0]} slot`)
  })
  await check(S4, 'appointments: cancelling an unknown booking is 200 or 404 (counted as cancelled)', async () => {
    const answer = await call('POST', `/appointments/conformance-${randomUUID()}/cancel`, { reason: 'conformance test' })
    expectStatus(answer, [200, 404], 'POST /appointments/{unknown}/cancel')
  })
  await check(S4, 'appointments: booking again with the same phr_appointment_id is idempotent', async () => {
    needs('booking')
    const answer = await call('POST', '/appointments', bookingFor(state, state.booking.id, state.booking.mode))
    expectStatus(answer, [200, 201], 'POST /appointments again')
    const again = parse(HmisBookingSchema, answer.json, 'the booking').appointment_ref
    if (again !== state.booking.ref) {
      undo.push(`/appointments/${encodeURIComponent(again)}/cancel`)
      throw new Error('a second booking was made')
    }
    expectStatus(answer, [200], 'POST /appointments again (the same booking: 200, not 201)')
  })
  await check(S4, 'appointments: a full slot is refused with 409 slot_unavailable', async () => {
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
      undo.push(`/appointments/${encodeURIComponent(extra.at(-1) ?? '')}/cancel`)
    }
    throw new Error(`the slot took more than its capacity of ${state.slot.slot.capacity}`)
  })
  await check(S4, 'appointments: POST /appointments/{ref}/symptom-checks is received, again idempotently', async () => {
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
    S4,
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
  await check(S4, 'appointments: POST /appointments/{ref}/cancel cancels', async () => {
    needs('booking')
    const answer = await call('POST', `/appointments/${encodeURIComponent(state.booking.ref)}/cancel`, { reason: 'conformance test' })
    expectStatus(answer, [200], 'POST …/cancel')
    if (parse(HmisBookingSchema, answer.json, 'the booking').status !== 'cancelled') throw new Error('the status is not cancelled')
  })
  await check(S1, 'lab bookings: POST /lab-bookings is idempotent on phr_booking_id', async () => {
    needs('token')
    const request = {
      phr_booking_id: randomUUID(),
      hmis_patient_id: state.token.hmis_patient_id,
      test_codes: ['cbc'],
      doctor_id: null,
      preferred_slot: new Date(Date.now() + 86_400_000).toISOString(),
    }
    state.labBooking = await createTwice(
      '/lab-bookings',
      request,
      HmisLabBookingSchema,
      'booking_ref',
      (ref) => `/lab-bookings/${ref}/cancel`,
      'lab booking',
    )
  })
  await check(S1, 'lab bookings: POST /lab-bookings/{ref}/cancel cancels, and again (a retry) is not an error', async () => {
    needs('labBooking')
    const path = `/lab-bookings/${encodeURIComponent(state.labBooking.booking_ref)}/cancel`
    const answer = await call('POST', path, { reason: 'conformance test' })
    expectStatus(answer, [200], 'POST …/cancel')
    if (parse(HmisLabBookingSchema, answer.json, 'the lab booking').status !== 'cancelled') throw new Error('the status is not cancelled')
    expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/cancel again')
  })
  await check(S1, 'medicine orders: POST /medicine-orders is idempotent on phr_order_id', async () => {
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
    state.order = await createTwice(
      '/medicine-orders',
      request,
      HmisMedicineOrderSchema,
      'order_ref',
      (ref) => `/medicine-orders/${ref}/cancel`,
      'order',
    )
  })
  await check(S1, 'medicine orders: POST /medicine-orders/{ref}/cancel cancels, and again (a retry) is not an error', async () => {
    needs('order')
    const path = `/medicine-orders/${encodeURIComponent(state.order.order_ref)}/cancel`
    const answer = await call('POST', path, { reason: 'conformance test' })
    expectStatus(answer, [200], 'POST …/cancel')
    if (parse(HmisMedicineOrderSchema, answer.json, 'the order').status !== 'cancelled') throw new Error('the status is not cancelled')
    expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/cancel again')
  })
  await check(
    S1,
    'care packages: POST /care-package-applications is idempotent on phr_application_id, and a withdrawal is too',
    async () => {
      needs('token')
      const request = {
        phr_application_id: randomUUID(),
        package_code: 'DM-CARE-1Y',
        hmis_patient_id: state.token.hmis_patient_id,
        patient: { name: 'Conformance Test', phone: '+919999900000', email: null, language: 'en' },
        applied_at: new Date().toISOString(),
      }
      parse(HmisCareApplicationRequestSchema, request, 'our own application')
      const withdraw = (/** @type {string} */ ref) => `/care-package-applications/${ref}/withdraw`
      const application = await createTwice(
        '/care-package-applications',
        request,
        HmisCareApplicationSchema,
        'application_ref',
        withdraw,
        'application',
      )
      const path = withdraw(encodeURIComponent(application.application_ref))
      expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/withdraw')
      expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/withdraw again')
    },
  )
  await check(S1, 'ambulances: POST /ambulance-requests is idempotent on phr_booking_id, and a cancellation is too', async () => {
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
    const cancel = (/** @type {string} */ ref) => `/ambulance-requests/${ref}/cancel`
    const booked = await createTwice('/ambulance-requests', request, HmisAmbulanceBookingSchema, 'request_ref', cancel, 'request')
    const path = cancel(encodeURIComponent(booked.request_ref))
    expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/cancel')
    expectStatus(await call('POST', path, { reason: 'conformance test' }), [200], 'POST …/cancel again')
  })
  // Last: it ends the test patient's share.
  await check(
    S4,
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
  // Whatever failed above: nothing the kit made stays open (each cancel is idempotent).
  if (!dryRun) for (const path of undo) await call('POST', path, { reason: 'conformance test: cleanup' }).catch(() => undefined)
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
    // As PHR Edge sends it: the instant in UTC (guide, section 1: slots match by instant).
    slot_start: new Date(state.slot.slot.start).toISOString(),
  }
}

/** @param {string} text */
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const USAGE = `npm run hmis:check -- <base-url> --api-key <key> [--json]

Checks an HMIS (or an adapter in front of it) against PHR Edge's HMIS contract, calling it as PHR
Edge does (reads ${TIMEOUTS.readMs / 1000} s, writes ${TIMEOUTS.writeMs / 1000} s, a 5xx/429 or a lost answer tried once more).
It WRITES to the HMIS: a test patient (phr_patient_id 00000000-c0de-4…), bookings, a lab booking, a
medicine order, a care-package application and an ambulance request; all are cancelled and the
patient's share revoked before it ends. Run it against a test instance.

  --api-key <key>   the key PHR Edge will send as Authorization: Bearer (or HMIS_API_KEY)
  --json            one JSON document: {results: [{name, section, status, reason?}], passed, failed, skipped}
  --help            this text

Exit status: 0 when nothing failed, 1 when a check failed, 2 for a usage error.

The checks (section of docs/hmis-integration.md):`

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'api-key': { type: 'string', default: process.env.HMIS_API_KEY },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    const checks = await runConformance({ baseUrl: 'http://unused', apiKey: '', dryRun: true })
    console.log(`${USAGE}\n${checks.map((c) => `  §${c.section.split('.')[0]}  ${c.name}`).join('\n')}`)
    process.exit(0)
  }
  if (!positionals[0] || !values['api-key']) {
    console.error(USAGE.split('\n')[0] + '   (--help for the checks)')
    process.exit(2)
  }
  if (!values.json)
    console.error('note: this writes a test patient and bookings to the HMIS (cancelled at the end): use a test instance.\n')
  const results = await runConformance({ baseUrl: positionals[0], apiKey: values['api-key'] })
  const count = (/** @type {string} */ status) => results.filter((r) => r.status === status).length
  const failed = count('fail')
  if (values.json) {
    const out = results.map(({ name, section, status, reason }) => ({ name, section, status, ...(reason ? { reason } : {}) }))
    console.log(JSON.stringify({ results: out, passed: count('pass'), failed, skipped: count('skip') }, null, 2))
  } else {
    for (const r of results)
      console.log(`${r.status.toUpperCase().padEnd(4)}  §${r.section.split('.')[0]}  ${r.name}${r.reason ? `\n      ${r.reason}` : ''}`)
    console.log(`\n${count('pass')} passed, ${failed} failed, ${count('skip')} skipped`)
  }
  process.exit(failed ? 1 : 0)
}
