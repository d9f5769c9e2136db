import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { SAFE_PATTERN_RULES } from '../../core/safe-pattern.ts'

// The HMIS contract: what PHR Edge assumes every hospital's HMIS (or an adapter in front of it)
// offers. These schemas both parse the HMIS's answers (the REST adapter) and generate the OpenAPI
// document vendors implement (/hmis/openapi.json, and hmis/openapi.json in the repository), so
// the two cannot drift apart.

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const instant = z.string().datetime({ offset: true })

export const HmisSpecialtySchema = z
  .object({
    code: z.string().min(1).max(64).openapi({ example: 'cardiology' }),
    name: z.string().min(1).max(120).openapi({ example: 'Cardiology' }),
  })
  .openapi('HmisSpecialty')

export const HmisSlotSchema = z
  .object({
    start: instant.openapi({ description: 'RFC 3339 with the hospital’s offset.', example: '2026-12-01T10:30:00+05:30' }),
    end: instant.openapi({ example: '2026-12-01T10:45:00+05:30' }),
    modes: z
      .array(z.enum(['in_person', 'online']))
      .min(1)
      .openapi({ example: ['in_person', 'online'] }),
    capacity: z.number().int().min(1).openapi({ description: 'Patients the slot holds (OPD slots hold several tokens).', example: 3 }),
    booked: z.number().int().min(0).openapi({ example: 1 }),
    available: z.number().int().min(0).openapi({ example: 2 }),
  })
  .openapi('HmisSlot')

export const HmisDoctorSchema = z
  .object({
    doctor_id: z.string().min(1).max(128).openapi({ example: 'd-sah-01' }),
    name: z.string().min(1).max(200).openapi({ example: 'Dr. Meera Kulkarni' }),
    specialties: z.array(HmisSpecialtySchema),
    education: z.array(
      z.object({
        degree: z.string().openapi({ example: 'MD (General Medicine)' }),
        institution: z.string().optional().openapi({ example: 'B. J. Medical College, Pune' }),
        year: z.number().int().optional().openapi({ example: 2011 }),
      }),
    ),
    experience_years: z.number().int().min(0).nullable().openapi({ example: 14 }),
    languages: z.array(z.string()).openapi({ example: ['English', 'Hindi', 'Marathi'] }),
    fee_inr: z.number().min(0).nullable().openapi({ example: 600 }),
    modes: z.array(z.enum(['in_person', 'online'])).openapi({ example: ['in_person', 'online'] }),
    availability: z.array(z.object({ date: date.openapi({ example: '2026-12-01' }), slots: z.array(HmisSlotSchema) })),
  })
  .openapi('HmisDoctor')

export const HmisPatientSchema = z
  .object({
    phr_patient_id: z.guid().openapi({ description: 'Our id of the patient: the same patient again updates the record.' }),
    name: z.string().nullable(),
    gender: z.enum(['male', 'female', 'other', 'undisclosed']).nullable(),
    date_of_birth: date.nullable(),
    phone: z.string().nullable().openapi({ example: '+919876543210' }),
    email: z.string().nullable(),
    abha_number: z.string().nullable().openapi({ example: '91-1234-5678-9015' }),
    abha_address: z.string().nullable().openapi({ example: 'asha.verma@abdm' }),
    address: z.record(z.string(), z.string()).nullable(),
    counter_id: z.string().nullable().openapi({ description: 'The registration counter the QR was scanned at.', example: '12345' }),
  })
  .openapi('HmisPatient')

export const HmisPatientTokenSchema = z
  .object({
    hmis_patient_id: z.string().min(1).max(128).openapi({ example: 'UHID-SAH-100001' }),
    token_number: z.string().min(1).max(32).openapi({ description: 'The OPD token the patient shows at the counter.', example: 'OPD-017' }),
    token_expires_at: instant.openapi({ example: '2026-12-01T10:30:00+05:30' }),
  })
  .openapi('HmisPatientToken')

export const HmisBookingRequestSchema = z
  .object({
    phr_appointment_id: z.guid().openapi({ description: 'Idempotency key: the same id again answers the first booking.' }),
    hmis_patient_id: z.string(),
    doctor_id: z.string(),
    mode: z.enum(['in_person', 'online']),
    slot_start: instant,
  })
  .openapi('HmisBookingRequest')

export const HmisBookingSchema = z
  .object({
    appointment_ref: z.string().min(1).max(128).openapi({ example: 'apt-7f3c2a9e' }),
    status: z.enum(['booked', 'cancelled']).openapi({ example: 'booked' }),
    join_url: z.string().url().optional().openapi({ description: 'The video link, when the HMIS makes its own.' }),
  })
  .openapi('HmisBooking')

export const HmisRescheduleRequestSchema = z
  .object({
    slot_start: instant.openapi({ description: 'The new slot, one the doctor offers in that mode.', example: '2026-12-03T11:00:00+05:30' }),
    mode: z.enum(['in_person', 'online']).openapi({ example: 'online' }),
  })
  .openapi('HmisRescheduleRequest')

export const HmisRescheduledSchema = z
  .object({
    appointment_ref: z.string().min(1).max(128).openapi({ example: 'apt-7f3c2a9e' }),
    status: z.literal('booked'),
    slot_start: instant.openapi({ example: '2026-12-03T11:00:00+05:30' }),
    slot_end: instant.optional().openapi({ example: '2026-12-03T11:15:00+05:30' }),
    mode: z.enum(['in_person', 'online']).openapi({ example: 'online' }),
    join_url: z.string().url().optional().openapi({ description: 'The video link, when the HMIS makes its own.' }),
  })
  .openapi('HmisRescheduled')

export const HmisSymptomCheckSchema = z
  .object({
    phr_symptom_check_id: z.guid().openapi({ description: 'Idempotency key: the same check again replaces the first copy.' }),
    phr_appointment_id: z.guid(),
    hmis_patient_id: z.string().openapi({ example: 'UHID-SAH-100001' }),
    submitted_at: instant.openapi({ example: '2026-12-01T09:10:00+05:30' }),
    symptoms: z.array(z.object({ code: z.string().openapi({ example: 'fever' }), name: z.string().openapi({ example: 'Fever' }) })).min(1),
    answers: z.array(
      z.object({
        question_id: z.string().openapi({ example: 'screen.temperature' }),
        question: z.string().openapi({ example: 'Highest temperature measured (°C)' }),
        type: z.enum(['yes_no', 'single_choice', 'multi_choice', 'number', 'duration', 'text']).openapi({ example: 'number' }),
        answer: z.string().openapi({ description: 'The answer as the doctor reads it.', example: '39.8 °C' }),
        value: z
          .unknown()
          .openapi({ description: 'The answer as data: boolean, number, option value(s) or {amount, unit}.', example: 39.8 }),
      }),
    ),
    triage: z.object({
      level: z
        .enum(['emergency_ambulance', 'emergency', 'consultation_24h', 'consultation', 'self_care'])
        .openapi({ example: 'consultation_24h' }),
      reasons: z.array(z.string()).openapi({ example: ['Fever of 39.5 °C or more'] }),
    }),
    allergies: z.string().nullable().openapi({ example: 'Penicillin' }),
    family_history: z.string().nullable().openapi({ example: 'Father: type 2 diabetes' }),
    extra_info: z.string().nullable().openapi({ example: 'Fever started after a trip to Nagpur.' }),
  })
  .openapi('HmisSymptomCheck')

export const HmisLabBookingRequestSchema = z
  .object({
    phr_booking_id: z.guid().openapi({ description: 'Idempotency key: the same id again answers the first request.' }),
    hmis_patient_id: z.string().openapi({ example: 'UHID-SAH-100001' }),
    test_codes: z
      .array(z.string())
      .min(1)
      .openapi({ example: ['cbc', 'lipid_profile'] }),
    doctor_id: z.string().nullable().openapi({ example: 'd-sah-01' }),
    preferred_slot: instant.openapi({ example: '2026-12-02T08:00:00+05:30' }),
  })
  .openapi('HmisLabBookingRequest')

export const HmisLabBookingSchema = z
  .object({
    booking_ref: z.string().min(1).max(128).openapi({ example: 'lab-5e1f' }),
    status: z.string().openapi({ example: 'requested' }),
  })
  .openapi('HmisLabBooking')

export const HmisMedicineOrderRequestSchema = z
  .object({
    phr_order_id: z.guid().openapi({ description: 'Idempotency key: the same id again answers the first order.' }),
    hmis_patient_id: z.string().openapi({ example: 'UHID-SAH-100001' }),
    delivery_address: z.string().openapi({ example: 'Flat 12, Sai Residency, Kothrud, Pune 411038' }),
    prescription: z.object({
      url: z.string().url().openapi({
        description: 'Where the pharmacy fetches the prescription: a PHR Edge URL it calls signed, like every call to PHR Edge.',
        example: 'https://api.phr-edge.in/v1/hmis/medicine-orders/3f1c9a52-6d0e-4b7a-9c1e-2f8d7a6b5c4d/prescription',
      }),
      content_type: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
      sha256: z.string().openapi({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }),
    }),
  })
  .openapi('HmisMedicineOrderRequest')

export const HmisMedicineOrderSchema = z
  .object({ order_ref: z.string().min(1).max(128).openapi({ example: 'rx-9a2b' }), status: z.string().openapi({ example: 'placed' }) })
  .openapi('HmisMedicineOrder')

export const HmisCareApplicationRequestSchema = z
  .object({
    phr_application_id: z.guid().openapi({ description: 'Idempotency key: the same id again answers the first application.' }),
    package_code: z
      .string()
      .openapi({ description: 'The package’s code at the hospital, as registered with PHR Edge.', example: 'DM-CARE-1Y' }),
    hmis_patient_id: z
      .string()
      .nullable()
      .openapi({ description: 'When the patient has shared their profile with the hospital; null otherwise.', example: 'UHID-SAH-100001' }),
    patient: z
      .object({
        name: z.string().nullable().openapi({ example: 'Asha Verma' }),
        phone: z.string().nullable().openapi({ example: '+919876543210' }),
        email: z.string().nullable(),
        language: z.enum(['en', 'hi']).openapi({ description: 'The language to contact them in.', example: 'hi' }),
      })
      .openapi({ description: 'Who to contact: applying is the patient’s request to be contacted about the package.' }),
    applied_at: instant,
  })
  .openapi('HmisCareApplicationRequest')

export const HmisCareApplicationSchema = z
  .object({
    application_ref: z.string().min(1).max(128).openapi({ example: 'cp-71c2' }),
    status: z.string().openapi({ example: 'applied' }),
  })
  .openapi('HmisCareApplication')

export const HmisAmbulanceRequestSchema = z
  .object({
    phr_booking_id: z.guid().openapi({ description: 'Idempotency key: the same id again answers the first request.' }),
    hmis_patient_id: z
      .string()
      .nullable()
      .openapi({ description: 'When the patient has shared their profile with the hospital.', example: null }),
    patient: z.object({
      name: z.string().nullable().openapi({ example: 'Asha Verma' }),
      phone: z.string().nullable().openapi({ example: '+919876543210' }),
      language: z.enum(['en', 'hi']).openapi({ example: 'hi' }),
    }),
    pickup_address: z.string().openapi({ example: 'Flat 12, Sai Residency, Kothrud, Pune 411038' }),
    pickup_location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
    pickup_time: instant.openapi({ example: '2026-12-03T08:30:00+05:30' }),
    ambulance_type: z.enum(['bls', 'als', 'patient_transport']).openapi({ example: 'patient_transport' }),
    notes: z.string().nullable().openapi({ example: 'Dialysis at 10:00, wheelchair needed' }),
  })
  .openapi('HmisAmbulanceRequest')

export const HmisAmbulanceBookingSchema = z
  .object({
    request_ref: z.string().min(1).max(128).openapi({ example: 'amb-3e9d' }),
    status: z.string().openapi({ example: 'requested' }),
  })
  .openapi('HmisAmbulanceBooking')

export const HmisShareRevocationSchema = z
  .object({
    phr_revocation_id: z.guid().openapi({ description: 'Idempotency key: the same id again is no change.' }),
    phr_patient_id: z.guid().openapi({ description: 'Our id of the patient, as sent to POST /patients.' }),
    reason: z.enum(['revoked_by_patient', 'account_erased']).openapi({
      description:
        '`revoked_by_patient`: the patient stopped sharing with this hospital (they may share again later, under the same `phr_patient_id`). `account_erased`: the patient’s PHR Edge account is erased; PHR Edge has cancelled first, with the calls of this contract, every booking and order of theirs still open here, and will never call about this `phr_patient_id` again.',
      example: 'revoked_by_patient',
    }),
    revoked_at: instant.openapi({ example: '2026-12-01T10:30:00Z' }),
  })
  .openapi('HmisShareRevocation')

export const HmisCancelRequestSchema = z
  .object({ reason: z.string().nullable().openapi({ example: 'Bought them nearby' }) })
  .openapi('HmisCancelRequest')

export const HmisErrorSchema = z
  .object({ error: z.object({ code: z.string().openapi({ example: 'slot_unavailable' }), message: z.string() }) })
  .openapi('HmisError')

export const HmisListSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) })

const json = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } })
const failure = (description: string) => json(HmisErrorSchema, description)
const common = { security: [{ hospitalApiKey: [] }], tags: ['HMIS'] as string[] }

/** The OpenAPI 3.1 document of the contract. */
export function hmisContractDocument() {
  const registry = new OpenAPIHono()
  const routes = [
    createRoute({
      ...common,
      method: 'get',
      path: '/specialties',
      operationId: 'listSpecialties',
      summary: 'The specialties of the hospital (the app shows them as tabs)',
      description:
        'Codes are the HMIS’s own; PHR Edge shows the names and passes a code back as a `specialty` pattern. Cached by PHR Edge for ten times HMIS_CACHE_SECONDS.',
      responses: { 200: json(HmisListSchema(HmisSpecialtySchema), 'Specialties.'), 401: failure('Wrong API key.') },
    }),
    createRoute({
      ...common,
      method: 'get',
      path: '/doctors',
      operationId: 'searchDoctors',
      summary: 'Doctors whose name and specialty match case-insensitive regular expressions, with availability on a date',
      description: `Both patterns are regular expressions matched case-insensitively (in ECMAScript terms, flags \`iu\`; elsewhere, case-insensitive and Unicode-aware). PHR Edge sends only patterns it has checked: ${SAFE_PATTERN_RULES} The worst accepted pattern takes a few milliseconds against a 200-character name on a backtracking engine. A specialty pattern matches the code or the name. An HMIS must refuse a pattern it will not run with 400 \`invalid_pattern\`, never time out on it.`,
      request: {
        query: z.object({
          name: z.string().optional().openapi({ example: 'meera|rohan' }),
          specialty: z.string().optional().openapi({ example: 'cardio' }),
          date: date.optional().openapi({ description: 'Local date at the hospital; today when omitted.', example: '2026-12-01' }),
        }),
      },
      responses: {
        200: json(HmisListSchema(HmisDoctorSchema), 'Matching doctors, each with the slots of that date.'),
        400: failure('`invalid_pattern` or `invalid_request`.'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'get',
      path: '/doctors/{doctor_id}',
      operationId: 'getDoctor',
      summary: 'One doctor with open slots between two local dates (at most 31 days)',
      description: '`from` and `to` are local dates at the hospital, both included. 404 when the HMIS does not know the doctor.',
      request: {
        params: z.object({ doctor_id: z.string().openapi({ example: 'd-sah-01' }) }),
        query: z.object({
          from: date.optional().openapi({ example: '2026-12-01' }),
          to: date.optional().openapi({ example: '2026-12-07' }),
        }),
      },
      responses: { 200: json(HmisDoctorSchema, 'The doctor.'), 404: failure('No such doctor.'), 401: failure('Wrong API key.') },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/patients',
      operationId: 'registerPatient',
      summary: 'Register or update a patient who shared their profile; answers their OPD token',
      description:
        'Idempotent on `phr_patient_id`. While the patient’s token is valid the same token comes back (ABDM: one active token per patient and facility).',
      request: { body: { required: true, content: { 'application/json': { schema: HmisPatientSchema } } } },
      responses: {
        201: json(HmisPatientTokenSchema, 'Registered.'),
        200: json(HmisPatientTokenSchema, 'Already registered: updated.'),
        400: failure('Invalid request.'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/patients/{patient_ref}/share/revoke',
      operationId: 'revokeShare',
      summary: 'The patient’s share with this hospital ended: they revoked it, or their PHR Edge account is erased',
      description:
        'From now on PHR Edge refuses this hospital’s documents, consent requests and record reads for the patient (403), and sends nothing more under this share. Give no more OPD tokens from it; what the hospital recorded about the patient is its own medical record, kept under its own duty. With `account_erased`, forget `phr_patient_id` and the contact details PHR Edge sent. Idempotent: a repeated call, or one for a patient the HMIS does not know (404), counts as done.',
      request: {
        params: z.object({
          patient_ref: z.string().openapi({ description: 'The `hmis_patient_id` of POST /patients.', example: 'UHID-SAH-100001' }),
        }),
        body: { required: true, content: { 'application/json': { schema: HmisShareRevocationSchema } } },
      },
      responses: {
        200: { description: 'Recorded (also when it already was).' },
        204: { description: 'Recorded (also when it already was).' },
        404: failure('No such patient (counted as done).'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/appointments',
      operationId: 'bookAppointment',
      summary: 'Book a slot (idempotent on phr_appointment_id)',
      description:
        'The same `phr_appointment_id` again answers the first booking (200), never a second one. 409 `slot_unavailable` when the slot is full or not offered for that mode; 422 `unknown_patient` when the patient was never registered.',
      request: { body: { required: true, content: { 'application/json': { schema: HmisBookingRequestSchema } } } },
      responses: {
        201: json(HmisBookingSchema, 'Booked.'),
        200: json(HmisBookingSchema, 'This phr_appointment_id was booked before: the same booking.'),
        409: failure('`slot_unavailable`: the slot is full or the doctor does not offer it in that mode.'),
        422: failure('`unknown_patient`: register the patient first.'),
        404: failure('`not_found`: no such doctor.'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/appointments/{appointment_ref}/cancel',
      operationId: 'cancelAppointment',
      summary: 'Cancel a booking (idempotent)',
      description: 'Cancelling a cancelled or unknown booking answers 200 `cancelled` too, so that a retry never fails.',
      request: {
        params: z.object({ appointment_ref: z.string() }),
        body: { required: true, content: { 'application/json': { schema: z.object({ reason: z.string().nullable() }) } } },
      },
      responses: { 200: json(HmisBookingSchema, 'Cancelled.'), 404: failure('No such booking.'), 401: failure('Wrong API key.') },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/appointments/{appointment_ref}/reschedule',
      operationId: 'rescheduleAppointment',
      summary: 'Move a booking to another slot (and mode) of the same doctor, at the patient’s request',
      description:
        'The old slot stays booked until this answers 200: a refused move changes nothing. Moving a booking to the slot and mode it already has answers 200 too, so that a retry never fails. 409 `slot_unavailable` when the new slot is full or not offered in that mode; 409 `invalid_transition` when the booking is cancelled or over.',
      request: {
        params: z.object({ appointment_ref: z.string() }),
        body: { required: true, content: { 'application/json': { schema: HmisRescheduleRequestSchema } } },
      },
      responses: {
        200: json(HmisRescheduledSchema, 'Moved.'),
        409: failure('`slot_unavailable` or `invalid_transition`.'),
        404: failure('No such booking.'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/appointments/{appointment_ref}/symptom-checks',
      operationId: 'receiveSymptomCheck',
      summary: "Receive the patient's symptom check for the doctor to review",
      request: {
        params: z.object({ appointment_ref: z.string() }),
        body: { required: true, content: { 'application/json': { schema: HmisSymptomCheckSchema } } },
      },
      description:
        'Idempotent on `phr_symptom_check_id`: sent again (a retry), it replaces the first copy. English text for the doctor, and the answers as data.',
      responses: {
        202: json(z.object({ received: z.literal(true) }), 'Received for the doctor to review.'),
        404: failure('No such booking.'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/lab-bookings',
      operationId: 'requestLabSlot',
      summary: 'Request a lab-test slot (idempotent on phr_booking_id)',
      description:
        'The same `phr_booking_id` again answers the first request (200). The slot is confirmed later by an event to PHR Edge (`POST /v1/hmis/lab-bookings/{booking_ref}/events`).',
      request: { body: { required: true, content: { 'application/json': { schema: HmisLabBookingRequestSchema } } } },
      responses: {
        201: json(HmisLabBookingSchema, 'Requested.'),
        200: json(HmisLabBookingSchema, 'Requested before: the same request.'),
        422: failure('`unknown_patient` or `unknown_test`.'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/medicine-orders',
      operationId: 'placeMedicineOrder',
      summary: 'Place a medicine order with the hospital pharmacy (idempotent on phr_order_id)',
      description:
        'The prescription is not in the body: the pharmacy fetches it from `prescription.url` with a signed GET (see PHR Edge’s /openapi.json, HMIS callbacks) and may check its sha256. Status changes come back as signed events to PHR Edge.',
      request: { body: { required: true, content: { 'application/json': { schema: HmisMedicineOrderRequestSchema } } } },
      responses: {
        201: json(HmisMedicineOrderSchema, 'Placed.'),
        200: json(HmisMedicineOrderSchema, 'Placed before: the same order.'),
        422: failure('`unknown_patient`, or `not_deliverable`: the pharmacy does not deliver there.'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/lab-bookings/{booking_ref}/cancel',
      operationId: 'cancelLabBooking',
      summary: 'The patient cancels a lab booking (idempotent)',
      description:
        'Cancelling a cancelled or unknown booking answers 200 (404 counts as cancelled too), so that a retry never fails. 409 `too_late` once the sample is collected: PHR Edge then shows the booking as `sampled` and tells the patient.',
      request: {
        params: z.object({ booking_ref: z.string() }),
        body: { required: true, content: { 'application/json': { schema: HmisCancelRequestSchema } } },
      },
      responses: {
        200: json(HmisLabBookingSchema, 'Cancelled.'),
        404: failure('No such booking (counted as cancelled).'),
        409: failure('`too_late`: the sample was collected.'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/medicine-orders/{order_ref}/cancel',
      operationId: 'cancelMedicineOrder',
      summary: 'The patient cancels a medicine order (idempotent)',
      description:
        'Cancelling a cancelled or unknown order answers 200 (404 counts as cancelled too), so that a retry never fails. 409 `too_late` once it left the pharmacy: PHR Edge then shows the order as `dispatched` and tells the patient.',
      request: {
        params: z.object({ order_ref: z.string() }),
        body: { required: true, content: { 'application/json': { schema: HmisCancelRequestSchema } } },
      },
      responses: {
        200: json(HmisMedicineOrderSchema, 'Cancelled.'),
        404: failure('No such order (counted as cancelled).'),
        409: failure('`too_late`: the order was dispatched.'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/care-package-applications',
      operationId: 'receiveCareApplication',
      summary: 'A patient applies for one of the hospital’s care packages (idempotent on phr_application_id)',
      description:
        'The hospital contacts the patient, then tells PHR Edge with signed events (`POST /v1/hmis/care-package-applications/{application_ref}/events`: contacted, enrolled, declined). The same `phr_application_id` again answers the first application (200).',
      request: { body: { required: true, content: { 'application/json': { schema: HmisCareApplicationRequestSchema } } } },
      responses: {
        201: json(HmisCareApplicationSchema, 'Received.'),
        200: json(HmisCareApplicationSchema, 'Received before: the same application.'),
        422: failure('`unknown_package`: the hospital no longer offers it.'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/care-package-applications/{application_ref}/withdraw',
      operationId: 'withdrawCareApplication',
      summary: 'The patient withdraws an application (idempotent)',
      description: 'Withdrawing a withdrawn or unknown application answers 200 (404 counts as withdrawn too), so that a retry never fails.',
      request: {
        params: z.object({ application_ref: z.string() }),
        body: { required: true, content: { 'application/json': { schema: HmisCancelRequestSchema } } },
      },
      responses: {
        200: json(HmisCareApplicationSchema, 'Withdrawn.'),
        404: failure('No such application (counted as withdrawn).'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/ambulance-requests',
      operationId: 'requestAmbulance',
      summary: 'A patient pre-books one of the hospital’s ambulances for a planned transfer (idempotent on phr_booking_id)',
      description:
        'Planned transport only (dialysis, discharge, check-ups): emergencies are 108/112 calls. The hospital’s desk answers with signed events to PHR Edge (`POST /v1/hmis/ambulance-requests/{request_ref}/events`: accepted, declined, arrived, completed). The same `phr_booking_id` again answers the first request (200).',
      request: { body: { required: true, content: { 'application/json': { schema: HmisAmbulanceRequestSchema } } } },
      responses: {
        201: json(HmisAmbulanceBookingSchema, 'Received.'),
        200: json(HmisAmbulanceBookingSchema, 'Received before: the same request.'),
        422: failure('`not_served`: the hospital cannot take it (area, type, time).'),
        401: failure('Wrong API key.'),
      },
    }),
    createRoute({
      ...common,
      method: 'post',
      path: '/ambulance-requests/{request_ref}/cancel',
      operationId: 'cancelAmbulanceRequest',
      summary: 'The patient cancels a pre-booking (idempotent)',
      description: 'Cancelling a cancelled or unknown request answers 200 (404 counts as cancelled too), so that a retry never fails.',
      request: {
        params: z.object({ request_ref: z.string() }),
        body: { required: true, content: { 'application/json': { schema: HmisCancelRequestSchema } } },
      },
      responses: {
        200: json(HmisAmbulanceBookingSchema, 'Cancelled.'),
        404: failure('No such request (counted as cancelled).'),
        401: failure('Wrong API key.'),
      },
    }),
  ]
  for (const route of routes) registry.openAPIRegistry.registerPath(route)
  registry.openAPIRegistry.registerComponent('securitySchemes', 'hospitalApiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'The API key the hospital issued to PHR Edge. Every call also carries `X-Request-Id`.',
  })
  const doc = registry.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'HMIS contract of PHR Edge',
      version: '1.0.0',
      description:
        'What a hospital’s HMIS (or an adapter in front of it) offers so that PHR Edge can share patient profiles, list doctors and book appointments. **Read the integration guide first** (docs/hmis-integration.md in the PHR Edge repository): timeouts (reads 5 s, writes 10 s), what PHR Edge retries and when, how long to keep `phr_*` ids (30 days), times (instants with an offset, compared as instants; dates local to the hospital), the pattern dialect, every error code, and signing the calls back to PHR Edge (`webhooks` below; their bodies and answers are in PHR Edge’s own /openapi.json, tag HMIS callbacks). Errors answer `{"error": {"code", "message"}}`; a field you do not know is `null`, never left out.',
      contact: { name: 'PHR Edge hospital integrations', email: 'integrations@phr-edge.in' },
      license: { name: 'Proprietary', url: 'https://phr-edge.in/terms' },
    },
    servers: [{ url: 'https://hmis.example-hospital.in/phr/v1', description: 'Each hospital’s own base URL, registered with PHR Edge.' }],
    tags: [{ name: 'HMIS', description: 'Calls PHR Edge makes to a hospital.' }],
  })
  // Every call may meet a busy HMIS: what PHR Edge does then (guide, section 1).
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, { responses: Record<string, unknown> }>)) {
      operation.responses['429'] ??= busy('Too many calls: PHR Edge tries once more at once, then (a write) later with backoff.')
      operation.responses['503'] ??= busy('Unavailable: PHR Edge tries once more at once, then (a write) later with backoff.')
    }
  }
  doc.components!.securitySchemes = {
    ...doc.components!.securitySchemes,
    phrSignature: { type: 'apiKey', in: 'header', name: 'X-PHR-Signature', description: '`v1=<hex HMAC-SHA256>` (guide, section 3).' },
    phrHospital: { type: 'apiKey', in: 'header', name: 'X-PHR-Hospital', description: 'The hospital’s HFR id.' },
    phrTimestamp: { type: 'apiKey', in: 'header', name: 'X-PHR-Timestamp', description: 'Unix seconds, within 300 s of PHR Edge’s clock.' },
  }
  return { ...doc, webhooks: callbacks() }
}

function busy(description: string) {
  return {
    description,
    headers: {
      'Retry-After': { description: 'Seconds (1–300); passed on to the patient’s app.', schema: { type: 'integer', minimum: 1 } },
    },
    content: { 'application/json': { schema: { $ref: '#/components/schemas/HmisError' } } },
  }
}

/** The calls a hospital makes to PHR Edge, signed (guide, sections 2 and 3): named here, specified in PHR Edge’s /openapi.json. */
function callbacks() {
  const signed = [
    [
      'appointmentEvent',
      'receiveAppointmentEvent',
      'POST /v1/hmis/appointments/{appointment_ref}/events: reviewed, completed, cancelled, rescheduled, missed.',
    ],
    [
      'document',
      'receiveDocument',
      'POST /v1/hmis/documents (multipart): a prescription, handout or test result for a patient who shared their profile.',
    ],
    [
      'labBookingEvent',
      'receiveLabEvent',
      'POST /v1/hmis/lab-bookings/{booking_ref}/events: slot_confirmed, sample_collected, results_ready, cancelled.',
    ],
    [
      'medicineOrderEvent',
      'receiveOrderEvent',
      'POST /v1/hmis/medicine-orders/{order_ref}/events: accepted, dispatched, delivered, cancelled.',
    ],
    [
      'carePackageEvent',
      'receiveCareApplicationEvent',
      'POST /v1/hmis/care-package-applications/{application_ref}/events: contacted, enrolled, declined.',
    ],
    [
      'ambulanceEvent',
      'receiveAmbulanceEvent',
      'POST /v1/hmis/ambulance-requests/{request_ref}/events: accepted, declined, arrived, completed.',
    ],
    ['consentRequest', 'requestConsent', 'POST /v1/hmis/consent-requests: ask the patient to let the hospital read records.'],
    [
      'inboundSecretRotation',
      'rotateInboundSecret',
      'POST /v1/hmis/credentials/inbound-secret: a new signing secret, the old one kept until an end date.',
    ],
  ] as const
  return Object.fromEntries(
    signed.map(([name, operationId, what]) => [
      name,
      {
        post: {
          operationId: `${name}Callback`,
          security: [{ phrSignature: [], phrHospital: [], phrTimestamp: [] }],
          summary: what.slice(what.indexOf(':') + 2),
          description: `${what} Signed with X-PHR-Hospital, X-PHR-Timestamp and X-PHR-Signature (guide, section 3). Body and answers: operation \`${operationId}\` of PHR Edge’s /openapi.json.`,
          responses: {
            '2XX': { description: 'Accepted (a redelivery: the same answer as the first time).' },
            '401': {
              description: '`signature_invalid`, `timestamp_out_of_range`, `signature_replayed` or `hospital_unknown` (guide, section 3).',
            },
          },
        },
      },
    ]),
  )
}
