// The reference HMIS: a small server implementing PHR Edge's HMIS contract (hmis/openapi.json) for
// the demo hospitals of seed.mjs, with realistic schedules in each hospital's zone, slot
// capacities, leave, idempotent booking and OPD tokens. Each hospital is served under its own base
// URL, /hospitals/<key>, with its own API key. Tests and demos make it slow, failing, timing out or
// malformed through /_hmis/* controls.
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { patternProblem } from '../../src/core/safe-pattern.ts'
import { addDays, doctors, hospitals, localDate, slotsOf, specialties } from './seed.mjs'

const TOKEN_TTL_MINUTES = 30

/**
 * @param {{ port?: number, host?: string, apiKeys: Record<string, string>, log?: (line: string) => void,
 *   quirks?: { caseSensitive?: boolean, duplicateBookings?: boolean } }} options
 *   apiKeys: hospital key → the API key PHR Edge must send as `Authorization: Bearer`.
 *   quirks: deliberate breaches of the contract, to prove that the conformance kit catches them.
 */
export async function startReferenceHmis({ port = 0, host = '127.0.0.1', apiKeys, log = () => {}, quirks = {} }) {
  const state = Object.fromEntries(
    hospitals.map((h) => [
      h.key,
      {
        patients: new Map(),
        tokens: new Map(),
        tokenCounter: new Map(),
        bookings: new Map(),
        symptomChecks: [],
        labBookings: new Map(),
        medicineOrders: new Map(),
        careApplications: new Map(),
        ambulanceRequests: new Map(),
      },
    ]),
  )
  /** Injected faults, consumed one per request: { kind: 'status'|'drop'|'timeout'|'slow'|'malformed'|'huge', status?, ms?, bytes?, route?, hospital? } */
  const faults = []
  const calls = new Map()
  /**
   * Further API keys a hospital issued (POST /_hmis/api-keys {hospital, key}): accepted with the first,
   * as during a rotation, until `retire_first: true` (then only the issued ones).
   */
  const issuedKeys = new Map()
  /** Time every hospital call takes before it is answered (POST /_hmis/latency {ms}): a real HMIS's own pace. */
  let latencyMs = 0

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`)
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    const raw = await new Promise((resolve) => {
      const chunks = []
      req.on('data', (c) => chunks.push(c))
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    })
    try {
      if (url.pathname.startsWith('/_hmis/')) return send(...control(url, req.method, raw ? JSON.parse(raw) : undefined))
      const match = url.pathname.match(/^\/hospitals\/([a-z-]+)(\/.*)$/)
      const hospital = match && hospitals.find((h) => h.key === match[1])
      if (!hospital) return send(404, error('not_found', 'No such hospital here.'))
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs))
      const route = `${req.method} ${match[2].replace(/\/(d-[a-z]+-\d+|apt-[0-9a-f-]+|UHID-[A-Z]+-\d+)(?=\/|$)/, '/{id}')}`
      calls.set(`${hospital.key} ${route}`, (calls.get(`${hospital.key} ${route}`) ?? 0) + 1)

      // A fault may name the route (`POST /appointments`) and the hospital (`amrita`) it is for; otherwise the next call takes it.
      const faultAt = faults.findIndex((f) => (!f.route || f.route === route) && (!f.hospital || f.hospital === hospital.key))
      const fault = faultAt >= 0 ? faults.splice(faultAt, 1)[0] : undefined
      if (fault?.kind === 'drop') return req.socket.destroy()
      if (fault?.kind === 'timeout') return // never answers
      if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms ?? 2000))
      if (fault?.kind === 'status') return send(fault.status ?? 500, error('hmis_failure', 'Failure injected by a test.'))
      if (fault?.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' })
        return res.end('{"items": [ {"doctor_id": ')
      }
      if (fault?.kind === 'huge') {
        // Valid JSON of `bytes` bytes (mostly spaces), chunked with no Content-Length.
        res.writeHead(200, { 'content-type': 'application/json' })
        const chunk = ' '.repeat(64 * 1024)
        res.write('{"items": [')
        for (let sent = 0; sent < (fault.bytes ?? 64 * 1024 * 1024); sent += chunk.length) {
          if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve))
          if (res.destroyed) return
        }
        return res.end(']}')
      }

      const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1]
      const issued = issuedKeys.get(hospital.key)
      if ((bearer !== apiKeys[hospital.key] || issued?.retired) && !(bearer && issued?.has(bearer)))
        return send(401, error('unauthorized', 'Send the API key as Authorization: Bearer.'))
      let body
      try {
        body = raw ? JSON.parse(raw) : undefined
      } catch {
        return send(400, error('invalid_request', 'The body is not JSON.'))
      }
      const [status, answer] = handle(hospital, state[hospital.key], req.method, match[2], url.searchParams, body, quirks)
      send(status, answer)
    } catch (failure) {
      send(500, error('internal_error', `reference HMIS crashed: ${failure.message}`))
    }
  })

  function control(url, method, body) {
    if (url.pathname === '/_hmis/faults' && method === 'POST') {
      for (let i = 0; i < (body?.count ?? 1); i++) faults.push(body)
      return [200, { queued: faults.length }]
    }
    if (url.pathname === '/_hmis/faults' && method === 'DELETE') {
      faults.length = 0
      return [200, { queued: 0 }]
    }
    if (url.pathname === '/_hmis/latency' && method === 'POST') {
      latencyMs = Math.max(0, Number(body?.ms ?? 0))
      return [200, { ms: latencyMs }]
    }
    if (url.pathname === '/_hmis/api-keys' && method === 'POST') {
      if (!issuedKeys.has(body.hospital)) issuedKeys.set(body.hospital, new Set())
      if (body.key) issuedKeys.get(body.hospital).add(body.key)
      if (body.retire_first) issuedKeys.get(body.hospital).retired = true
      return [200, { keys: issuedKeys.get(body.hospital).size + 1 }]
    }
    if (url.pathname === '/_hmis/calls') return [200, Object.fromEntries(calls)]
    const key = url.searchParams.get('hospital')
    if (url.pathname === '/_hmis/bookings' && key) return [200, [...state[key].bookings.values()]]
    if (url.pathname === '/_hmis/patients' && key) return [200, [...state[key].patients.values()]]
    if (url.pathname === '/_hmis/symptom-checks' && key) return [200, state[key].symptomChecks]
    if (url.pathname === '/_hmis/lab-bookings' && key) return [200, [...state[key].labBookings.values()]]
    if (url.pathname === '/_hmis/medicine-orders' && key) return [200, [...state[key].medicineOrders.values()]]
    if (url.pathname === '/_hmis/care-package-applications' && key) return [200, [...state[key].careApplications.values()]]
    if (url.pathname === '/_hmis/ambulance-requests' && key) return [200, [...state[key].ambulanceRequests.values()]]
    // What the hospital did on its own side (the sample collected, the order dispatched), before its event reaches PHR Edge.
    if (url.pathname === '/_hmis/status' && method === 'POST' && key) {
      const { kind, ref, status } = body ?? {}
      const all = kind === 'lab-booking' ? [...state[key].labBookings.values()] : [...state[key].medicineOrders.values()]
      const found = all.find((o) => (o.booking_ref ?? o.order_ref) === ref)
      if (!found) return [404, error('not_found', 'No such booking or order.')]
      found.status = status
      return [200, found]
    }
    return [404, error('not_found', 'No such control.')]
  }

  const { port: actual } = await new Promise((resolve) => server.listen(port, host, () => resolve(server.address())))
  const base = `http://${host}:${actual}`
  log(`reference HMIS on ${base} (hospitals: ${hospitals.map((h) => `${base}/hospitals/${h.key}`).join(', ')})`)
  return {
    url: base,
    baseUrlOf: (key) => `${base}/hospitals/${key}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done())
        server.closeAllConnections()
      }),
  }
}

const error = (code, message) => ({ error: { code, message } })

function regexOf(params, name, quirks = {}) {
  const value = params.get(name)
  if (!value) return { ok: true, test: () => true }
  const problem = patternProblem(value)
  if (problem) return { ok: false, answer: [400, error('invalid_pattern', `${name} ${problem}`)] }
  const regex = new RegExp(value, quirks.caseSensitive ? 'u' : 'iu')
  return { ok: true, test: (text) => regex.test(text) }
}

function doctorView(hospital, doctor, fromDate, toDate, bookings) {
  const availability = slotsOf(doctor, hospital.timezone, fromDate, toDate).map((day) => ({
    date: day.date,
    slots: day.slots.map((slot) => {
      const booked = [...bookings.values()].filter(
        (b) => b.status === 'booked' && b.doctor_id === doctor.id && new Date(b.slot_start).getTime() === new Date(slot.start).getTime(),
      ).length
      return { ...slot, booked, available: Math.max(0, slot.capacity - booked) }
    }),
  }))
  return {
    doctor_id: doctor.id,
    name: doctor.name,
    specialties: doctor.specialties,
    education: doctor.education,
    experience_years: doctor.experienceYears,
    languages: doctor.languages,
    fee_inr: doctor.feeInr,
    modes: doctor.modes,
    timezone: hospital.timezone,
    availability,
  }
}

function handle(hospital, state, method, path, params, body, quirks) {
  const own = doctors.filter((d) => d.hospital === hospital.key)
  const today = localDate(new Date(), hospital.timezone)
  if (method === 'GET' && path === '/specialties') {
    const codes = new Set(own.flatMap((d) => d.specialties.map((s) => s.code)))
    return [200, { items: specialties.filter((s) => codes.has(s.code)) }]
  }
  if (method === 'GET' && path === '/doctors') {
    const name = regexOf(params, 'name', quirks)
    if (!name.ok) return name.answer
    const specialty = regexOf(params, 'specialty', quirks)
    if (!specialty.ok) return specialty.answer
    const date = params.get('date') ?? today
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return [400, error('invalid_request', 'date must be YYYY-MM-DD')]
    const found = own.filter((d) => name.test(d.name) && d.specialties.some((s) => specialty.test(s.name) || specialty.test(s.code)))
    return [200, { items: found.map((d) => doctorView(hospital, d, date, date, state.bookings)) }]
  }
  const one = path.match(/^\/doctors\/([a-z0-9-]+)$/)
  if (method === 'GET' && one) {
    const doctor = own.find((d) => d.id === one[1])
    if (!doctor) return [404, error('not_found', 'No such doctor.')]
    const from = params.get('from') ?? today
    const to = params.get('to') ?? addDays(from, 6)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || to < from || addDays(from, 31) < to) {
      return [400, error('invalid_request', 'from and to must be dates (YYYY-MM-DD), at most 31 days apart')]
    }
    return [200, doctorView(hospital, doctor, from, to, state.bookings)]
  }
  if (method === 'POST' && path === '/patients') {
    if (typeof body?.phr_patient_id !== 'string') return [400, error('invalid_request', 'phr_patient_id is required')]
    const existing = state.patients.get(body.phr_patient_id)
    const hmisPatientId =
      existing?.hmis_patient_id ?? `UHID-${hospital.key.slice(0, 3).toUpperCase()}-${String(state.patients.size + 100001)}`
    state.patients.set(body.phr_patient_id, { ...body, hmis_patient_id: hmisPatientId })
    // One live OPD token per patient: asking again within its window gives the same one.
    let token = state.tokens.get(hmisPatientId)
    if (!token || new Date(token.token_expires_at) <= new Date()) {
      const counter = (state.tokenCounter.get(today) ?? 0) + 1
      state.tokenCounter.set(today, counter)
      token = {
        token_number: `OPD-${String(counter).padStart(3, '0')}`,
        token_expires_at: new Date(Date.now() + TOKEN_TTL_MINUTES * 60_000).toISOString(),
      }
      state.tokens.set(hmisPatientId, token)
    }
    return [existing ? 200 : 201, { hmis_patient_id: hmisPatientId, ...token }]
  }
  const revoke = path.match(/^\/patients\/([A-Za-z0-9-]+)\/share\/revoke$/)
  if (method === 'POST' && revoke) {
    const { phr_revocation_id: id, phr_patient_id: phrId, reason, revoked_at: at } = body ?? {}
    if (
      typeof id !== 'string' ||
      typeof phrId !== 'string' ||
      !['revoked_by_patient', 'account_erased'].includes(reason) ||
      Number.isNaN(Date.parse(at))
    )
      return [400, error('invalid_request', 'phr_revocation_id, phr_patient_id, reason and revoked_at are required')]
    const [key, patient] = [...state.patients.entries()].find(([, p]) => p.hmis_patient_id === revoke[1]) ?? []
    if (!patient) return [404, error('not_found', 'No such patient.')]
    // Idempotent: a revocation seen before changes nothing.
    if (!(patient.revocations ?? []).includes(id)) {
      patient.revocations = [...(patient.revocations ?? []), id]
      patient.share = reason === 'account_erased' ? 'erased' : 'revoked'
      state.tokens.delete(patient.hmis_patient_id)
      // An erased account: forget our id and the contact details we sent; the hospital's own record stays.
      if (reason === 'account_erased') {
        state.patients.delete(key)
        const kept = { ...patient, phr_patient_id: null }
        for (const field of ['phone', 'email', 'address', 'abha_address']) delete kept[field]
        state.patients.set(`erased:${patient.hmis_patient_id}`, kept)
      }
    }
    return [200, { patient_ref: patient.hmis_patient_id, share: patient.share }]
  }
  if (method === 'POST' && path === '/appointments') {
    const { phr_appointment_id: id, hmis_patient_id: patient, doctor_id: doctorId, mode, slot_start: slotStart } = body ?? {}
    if (![id, patient, doctorId, mode, slotStart].every((v) => typeof v === 'string'))
      return [400, error('invalid_request', 'missing fields')]
    const previous = quirks.duplicateBookings ? undefined : [...state.bookings.values()].find((b) => b.phr_appointment_id === id)
    if (previous) {
      // How many times PHR Edge sent it, for the drills that prove it sends each booking once.
      previous.received += 1
      return [200, { appointment_ref: previous.appointment_ref, status: previous.status }]
    }
    if (![...state.patients.values()].some((p) => p.hmis_patient_id === patient))
      return [422, error('unknown_patient', 'Register the patient first.')]
    const doctor = own.find((d) => d.id === doctorId)
    if (!doctor) return [404, error('not_found', 'No such doctor.')]
    const date = localDate(new Date(slotStart), hospital.timezone)
    const slot = slotsOf(doctor, hospital.timezone, date, date)
      .flatMap((d) => d.slots)
      .find((s) => new Date(s.start).getTime() === new Date(slotStart).getTime())
    if (!slot || !slot.modes.includes(mode)) return [409, error('slot_unavailable', 'The doctor has no such slot for that mode.')]
    const taken = [...state.bookings.values()].filter(
      (b) => b.status === 'booked' && b.doctor_id === doctorId && new Date(b.slot_start).getTime() === new Date(slotStart).getTime(),
    ).length
    if (taken >= slot.capacity) return [409, error('slot_unavailable', 'That slot is full.')]
    const booking = {
      appointment_ref: `apt-${randomUUID()}`,
      phr_appointment_id: id,
      hmis_patient_id: patient,
      doctor_id: doctorId,
      mode,
      slot_start: slot.start,
      status: 'booked',
      received: 1,
    }
    state.bookings.set(booking.appointment_ref, booking)
    return [201, { appointment_ref: booking.appointment_ref, status: booking.status }]
  }
  const cancel = path.match(/^\/appointments\/([a-z0-9-]+)\/cancel$/)
  if (method === 'POST' && cancel) {
    const booking = state.bookings.get(cancel[1])
    if (!booking) return [404, error('not_found', 'No such appointment.')]
    booking.status = 'cancelled'
    booking.cancel_reason = body?.reason ?? null
    return [200, { appointment_ref: booking.appointment_ref, status: 'cancelled' }]
  }
  const move = path.match(/^\/appointments\/([a-z0-9-]+)\/reschedule$/)
  if (method === 'POST' && move) {
    const booking = state.bookings.get(move[1])
    if (!booking) return [404, error('not_found', 'No such appointment.')]
    if (booking.status !== 'booked') return [409, error('invalid_transition', `The booking is ${booking.status}.`)]
    const { slot_start: slotStart, mode } = body ?? {}
    if (typeof slotStart !== 'string' || Number.isNaN(Date.parse(slotStart)) || !['in_person', 'online'].includes(mode))
      return [400, error('invalid_request', 'slot_start and mode are required')]
    const doctor = own.find((d) => d.id === booking.doctor_id)
    const date = localDate(new Date(slotStart), hospital.timezone)
    const slot = slotsOf(doctor, hospital.timezone, date, date)
      .flatMap((d) => d.slots)
      .find((s) => new Date(s.start).getTime() === new Date(slotStart).getTime())
    const moved = () => [
      200,
      { appointment_ref: booking.appointment_ref, status: 'booked', slot_start: booking.slot_start, slot_end: slot?.end, mode },
    ]
    // Already there (a retry): no change.
    if (new Date(booking.slot_start).getTime() === new Date(slotStart).getTime() && booking.mode === mode) return moved()
    if (!slot || !slot.modes.includes(mode)) return [409, error('slot_unavailable', 'The doctor has no such slot for that mode.')]
    const taken = [...state.bookings.values()].filter(
      (b) =>
        b !== booking &&
        b.status === 'booked' &&
        b.doctor_id === booking.doctor_id &&
        new Date(b.slot_start).getTime() === new Date(slotStart).getTime(),
    ).length
    if (taken >= slot.capacity) return [409, error('slot_unavailable', 'That slot is full.')]
    booking.slot_start = slot.start
    booking.mode = mode
    booking.rescheduled = (booking.rescheduled ?? 0) + 1
    return moved()
  }
  const check = path.match(/^\/appointments\/([a-z0-9-]+)\/symptom-checks$/)
  if (method === 'POST' && check) {
    if (!state.bookings.has(check[1])) return [404, error('not_found', 'No such appointment.')]
    if (typeof body?.phr_symptom_check_id !== 'string') return [400, error('invalid_request', 'phr_symptom_check_id is required')]
    // Idempotent on our check id: a retry replaces the first copy.
    state.symptomChecks = state.symptomChecks.filter((c) => c.phr_symptom_check_id !== body.phr_symptom_check_id)
    state.symptomChecks.push({ appointment_ref: check[1], ...body })
    return [202, { received: true }]
  }
  if (method === 'POST' && path === '/medicine-orders') {
    if (typeof body?.phr_order_id !== 'string' || typeof body?.prescription?.url !== 'string')
      return [400, error('invalid_request', 'phr_order_id and prescription.url are required')]
    const previous = [...state.medicineOrders.values()].find((o) => o.phr_order_id === body.phr_order_id)
    if (previous) return [200, { order_ref: previous.order_ref, status: previous.status }]
    if (![...state.patients.values()].some((p) => p.hmis_patient_id === body.hmis_patient_id))
      return [422, error('unknown_patient', 'Register the patient first.')]
    const order = { order_ref: `rx-${randomUUID()}`, status: 'placed', ...body }
    state.medicineOrders.set(order.order_ref, order)
    return [201, { order_ref: order.order_ref, status: order.status }]
  }
  if (method === 'POST' && path === '/lab-bookings') {
    if (typeof body?.phr_booking_id !== 'string') return [400, error('invalid_request', 'phr_booking_id is required')]
    // Keyed by our id (the idempotency key): a retry answers the first booking, and is counted.
    const previous = state.labBookings.get(body.phr_booking_id)
    if (previous) {
      previous.received += 1
      return [200, { booking_ref: previous.booking_ref, status: previous.status }]
    }
    const booking = { booking_ref: `lab-${randomUUID()}`, status: 'requested', received: 1, ...body }
    state.labBookings.set(body.phr_booking_id, booking)
    return [201, { booking_ref: booking.booking_ref, status: booking.status }]
  }
  if (method === 'POST' && path === '/care-package-applications') {
    if (typeof body?.phr_application_id !== 'string' || typeof body?.package_code !== 'string')
      return [400, error('invalid_request', 'phr_application_id and package_code are required')]
    const previous = state.careApplications.get(body.phr_application_id)
    if (previous) {
      previous.received += 1
      return [200, { application_ref: previous.application_ref, status: previous.status }]
    }
    if (!/^[A-Z0-9-]{1,40}$/.test(body.package_code)) return [422, error('unknown_package', 'We do not offer that package.')]
    const application = { application_ref: `cp-${randomUUID()}`, status: 'applied', received: 1, ...body }
    state.careApplications.set(body.phr_application_id, application)
    return [201, { application_ref: application.application_ref, status: application.status }]
  }
  const withdraw = path.match(/^\/care-package-applications\/([a-z0-9-]+)\/withdraw$/)
  if (method === 'POST' && withdraw) {
    const found = [...state.careApplications.values()].find((a) => a.application_ref === withdraw[1])
    if (!found) return [404, error('not_found', 'No such application.')]
    found.status = 'withdrawn'
    found.withdraw_reason = body?.reason ?? null
    return [200, { application_ref: found.application_ref, status: 'withdrawn' }]
  }
  if (method === 'POST' && path === '/ambulance-requests') {
    if (typeof body?.phr_booking_id !== 'string' || typeof body?.pickup_address !== 'string')
      return [400, error('invalid_request', 'phr_booking_id and pickup_address are required')]
    const previous = state.ambulanceRequests.get(body.phr_booking_id)
    if (previous) {
      previous.received += 1
      return [200, { request_ref: previous.request_ref, status: previous.status }]
    }
    if (!['bls', 'als', 'patient_transport'].includes(body.ambulance_type))
      return [422, error('not_served', 'We do not run that kind of ambulance.')]
    const request = { request_ref: `amb-${randomUUID()}`, status: 'requested', received: 1, ...body }
    state.ambulanceRequests.set(body.phr_booking_id, request)
    return [201, { request_ref: request.request_ref, status: request.status }]
  }
  const cancelRide = path.match(/^\/ambulance-requests\/([a-z0-9-]+)\/cancel$/)
  if (method === 'POST' && cancelRide) {
    const found = [...state.ambulanceRequests.values()].find((r) => r.request_ref === cancelRide[1])
    if (!found) return [404, error('not_found', 'No such request.')]
    found.status = 'cancelled'
    found.cancel_reason = body?.reason ?? null
    return [200, { request_ref: found.request_ref, status: 'cancelled' }]
  }
  // Cancellations: idempotent; too late once the sample is collected or the order left the pharmacy.
  const cancelOrder = path.match(/^\/(lab-bookings|medicine-orders)\/([a-z0-9-]+)\/cancel$/)
  if (method === 'POST' && cancelOrder) {
    const [, kind, ref] = cancelOrder
    const found =
      kind === 'lab-bookings' ? [...state.labBookings.values()].find((b) => b.booking_ref === ref) : state.medicineOrders.get(ref)
    if (!found) return [404, error('not_found', 'No such booking or order.')]
    if (['sampled', 'results_ready', 'dispatched', 'delivered'].includes(found.status))
      return [409, error('too_late', kind === 'lab-bookings' ? 'The sample has been collected.' : 'The order has left the pharmacy.')]
    found.status = 'cancelled'
    found.cancel_reason = body?.reason ?? null
    return [200, kind === 'lab-bookings' ? { booking_ref: ref, status: 'cancelled' } : { order_ref: ref, status: 'cancelled' }]
  }
  return [404, error('not_found', `No route ${method} ${path}.`)]
}
