import { z } from 'zod'
import { ApiError } from '../../core/errors'
import { addDays, localDate, startOfLocalDay } from '../../core/time'
import { readUpstreamJson, rejectUpstream } from '../../core/upstream'
import { hmisHttp, type HmisOptions } from './http'
import type { Hmis, HmisDoctor, HmisLink, HmisShareRevocation, HmisSymptomCheck } from './port'

// Any FHIR R4 server as an HMIS. What we read (documented in the README, "FHIR R4 adapter"):
//   PractitionerRole (specialty, practitioner, fee extension) with _include of the Practitioner
//   (name, qualification, communication, experience extension); Schedule?actor=…; free Slots with
//   serviceType = consultation mode and an optional capacity extension; Patient created with
//   If-None-Exist on our patient id; the OPD token as a planned Encounter's identifier. A share that
//   ended is a Consent (patient-privacy, opt-out, provision deny) carrying our revocation id.

const SERVICE = 'The hospital system (FHIR)'
export const FHIR = {
  mode: 'https://phr-edge.in/fhir/CodeSystem/consultation-mode',
  patientId: 'https://phr-edge.in/fhir/sid/patient-id',
  abhaNumber: 'https://healthid.abdm.gov.in',
  token: 'https://phr-edge.in/fhir/sid/opd-token',
  fee: 'https://phr-edge.in/fhir/StructureDefinition/consultation-fee',
  experience: 'https://phr-edge.in/fhir/StructureDefinition/experience-years',
  capacity: 'https://phr-edge.in/fhir/StructureDefinition/slot-capacity',
  appointmentId: 'https://phr-edge.in/fhir/sid/appointment-id',
  symptomCheckId: 'https://phr-edge.in/fhir/sid/symptom-check-id',
  symptomCheck: 'https://phr-edge.in/fhir/Questionnaire/symptom-check',
  symptom: 'https://phr-edge.in/fhir/CodeSystem/symptom',
  answerOption: 'https://phr-edge.in/fhir/CodeSystem/symptom-answer',
  triage: 'https://phr-edge.in/fhir/CodeSystem/triage-level',
  appointmentExtension: 'https://phr-edge.in/fhir/StructureDefinition/appointment',
  triageExtension: 'https://phr-edge.in/fhir/StructureDefinition/triage-level',
  labBookingId: 'https://phr-edge.in/fhir/sid/lab-booking-id',
  labTest: 'https://phr-edge.in/fhir/CodeSystem/lab-test',
  shareRevocationId: 'https://phr-edge.in/fhir/sid/share-revocation-id',
  shareRevocationReason: 'https://phr-edge.in/fhir/StructureDefinition/share-revocation-reason',
}

const UCUM_DURATION: Record<string, string> = { hours: 'h', days: 'd', weeks: 'wk', months: 'mo', years: 'a' }

/** A share that ended as a FHIR R4 Consent: the patient opts out of exchange through PHR Edge from `revoked_at`. */
export function consentRevocationOf(patientRef: string, revocation: HmisShareRevocation) {
  return {
    resourceType: 'Consent',
    identifier: [{ system: FHIR.shareRevocationId, value: revocation.phr_revocation_id }],
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
    patient: { reference: `Patient/${patientRef}` },
    dateTime: revocation.revoked_at,
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTOUT' }] },
    provision: { type: 'deny', period: { start: revocation.revoked_at } },
    // Why: the patient revoked the share, or their account is erased (then forget our patient id).
    extension: [{ url: FHIR.shareRevocationReason, valueCode: revocation.reason }],
  }
}

/** A symptom check as a FHIR QuestionnaireResponse: each answer an item with a typed value. */
export function questionnaireResponseOf(appointmentRef: string, check: HmisSymptomCheck) {
  const valuesOf = (a: HmisSymptomCheck['answers'][number]): Record<string, unknown>[] => {
    switch (a.type) {
      case 'yes_no':
        return [{ valueBoolean: a.value === true }]
      case 'number':
        return [{ valueDecimal: Number(a.value) }]
      case 'single_choice':
        return [{ valueCoding: { system: FHIR.answerOption, code: String(a.value), display: a.answer } }]
      case 'multi_choice':
        return (a.value as string[]).map((code) => ({ valueCoding: { system: FHIR.answerOption, code } }))
      case 'duration': {
        const d = a.value as { amount: number; unit: string }
        return [{ valueQuantity: { value: d.amount, unit: d.unit, system: 'http://unitsofmeasure.org', code: UCUM_DURATION[d.unit] } }]
      }
      default:
        return [{ valueString: String(a.value) }]
    }
  }
  const textItem = (linkId: string, text: string, value: string | null) =>
    value ? [{ linkId, text, answer: [{ valueString: value }] }] : []
  return {
    resourceType: 'QuestionnaireResponse',
    identifier: { system: FHIR.symptomCheckId, value: check.phr_symptom_check_id },
    questionnaire: FHIR.symptomCheck,
    status: 'completed',
    subject: { reference: `Patient/${check.hmis_patient_id}` },
    authored: check.submitted_at,
    extension: [
      { url: FHIR.appointmentExtension, valueReference: { reference: `Appointment/${appointmentRef}` } },
      { url: FHIR.triageExtension, valueCoding: { system: FHIR.triage, code: check.triage.level } },
    ],
    item: [
      {
        linkId: 'symptoms',
        text: 'Symptoms',
        answer: check.symptoms.map((s) => ({ valueCoding: { system: FHIR.symptom, code: s.code, display: s.name } })),
      },
      ...(check.triage.reasons.length
        ? [{ linkId: 'triage.reasons', text: 'Red flags', answer: check.triage.reasons.map((r) => ({ valueString: r })) }]
        : []),
      ...check.answers
        .map((a) => ({ linkId: a.question_id, text: a.question, answer: valuesOf(a) }))
        .filter((item) => item.answer.length > 0),
      ...textItem('allergies', 'Allergies', check.allergies),
      ...textItem('family_history', 'Family history', check.family_history),
      ...textItem('extra_info', 'Extra information', check.extra_info),
    ],
  }
}

const Coding = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() })
const Concept = z.object({ coding: z.array(Coding).optional(), text: z.string().optional() })
const Extension = z.object({
  url: z.string(),
  valueInteger: z.number().optional(),
  valueMoney: z.object({ value: z.number().optional() }).optional(),
})
const Reference = z.object({ reference: z.string().optional() })
const Resource = z.object({ resourceType: z.string(), id: z.string().optional() }).passthrough()
const Bundle = z.object({
  resourceType: z.literal('Bundle'),
  total: z.number().optional(),
  entry: z.array(z.object({ resource: Resource })).optional(),
})
const Practitioner = z.object({
  id: z.string(),
  name: z
    .array(
      z.object({
        text: z.string().optional(),
        prefix: z.array(z.string()).optional(),
        given: z.array(z.string()).optional(),
        family: z.string().optional(),
      }),
    )
    .optional(),
  qualification: z.array(z.object({ code: Concept, issuer: z.object({ display: z.string().optional() }).optional() })).optional(),
  communication: z.array(Concept).optional(),
  extension: z.array(Extension).optional(),
})
const PractitionerRole = z.object({
  id: z.string(),
  active: z.boolean().optional(),
  practitioner: Reference.optional(),
  specialty: z.array(Concept).optional(),
  extension: z.array(Extension).optional(),
})
const Schedule = z.object({ id: z.string(), actor: z.array(Reference), serviceType: z.array(Concept).optional() })
const Slot = z.object({
  id: z.string(),
  schedule: Reference,
  status: z.string(),
  start: z.string(),
  end: z.string(),
  serviceType: z.array(Concept).optional(),
  extension: z.array(Extension).optional(),
})

const of = <T extends z.ZodTypeAny>(bundle: z.infer<typeof Bundle>, type: string, schema: T): z.infer<T>[] =>
  (bundle.entry ?? [])
    .map((e) => e.resource)
    .filter((r) => r.resourceType === type)
    .map((r) => schema.parse(r))

const modesOf = (concepts: z.infer<typeof Concept>[] | undefined) =>
  [
    ...new Set(
      (concepts ?? [])
        .flatMap((c) => c.coding ?? [])
        .filter((c) => c.system === FHIR.mode)
        .map((c) => c.code),
    ),
  ].filter((m): m is 'in_person' | 'online' => m === 'in_person' || m === 'online')

export function fhirHmis(link: HmisLink, options: HmisOptions): Hmis {
  const http = hmisHttp(link, options, SERVICE, 'application/fhir+json')
  const call = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers?: Record<string, string>) =>
    http(method, `/${path}`, body, headers)
  const search = async (query: string) => {
    const response = await call('GET', query)
    if (!response.ok) await rejectUpstream(SERVICE, response)
    return readUpstreamJson(SERVICE, response, Bundle)
  }

  /** The doctor's free Slot starting at that instant and offering that mode, if any. */
  async function freeSlot(doctorId: string, start: string, mode: 'in_person' | 'online') {
    const schedules = of(await search(`Schedule?actor=${encodeURIComponent(`Practitioner/${doctorId}`)}`), 'Schedule', Schedule)
    if (!schedules.length) return undefined
    const at = new Date(start)
    return of(
      await search(
        `Slot?schedule=${schedules.map((s) => `Schedule/${s.id}`).join(',')}&status=free&start=ge${encodeURIComponent(at.toISOString())}&start=lt${encodeURIComponent(new Date(at.getTime() + 1000).toISOString())}`,
      ),
      'Slot',
      Slot,
    ).find((s) => Date.parse(s.start) === at.getTime() && modesOf(s.serviceType).includes(mode))
  }

  /** Doctors (role + practitioner) with their free slots in [from, to) instants. */
  async function doctorsWithSlots(
    roles: z.infer<typeof PractitionerRole>[],
    practitioners: z.infer<typeof Practitioner>[],
    range: { from: string; to: string },
  ) {
    const actors = roles.map((r) => r.practitioner?.reference).filter((r): r is string => Boolean(r))
    if (actors.length === 0) return []
    const schedules = of(await search(`Schedule?actor=${actors.map(encodeURIComponent).join(',')}&_count=1000`), 'Schedule', Schedule)
    const slots = schedules.length
      ? of(
          await search(
            `Slot?schedule=${schedules.map((s) => `Schedule/${s.id}`).join(',')}&status=free&start=ge${encodeURIComponent(range.from)}&start=lt${encodeURIComponent(range.to)}&_sort=start&_count=1000`,
          ),
          'Slot',
          Slot,
        )
      : []
    return roles.flatMap((role): HmisDoctor[] => {
      const practitioner = practitioners.find((p) => `Practitioner/${p.id}` === role.practitioner?.reference)
      if (!practitioner) return []
      const own = schedules.filter((s) => s.actor.some((a) => a.reference === role.practitioner?.reference))
      const ownSlots = slots.filter((slot) => own.some((s) => `Schedule/${s.id}` === slot.schedule.reference))
      const name = practitioner.name?.[0]
      const days = new Map<string, HmisDoctor['availability'][number]['slots']>()
      for (const slot of ownSlots) {
        const capacity = slot.extension?.find((e) => e.url === FHIR.capacity)?.valueInteger ?? 1
        const day = localDate(new Date(slot.start), link.timezone)
        days.set(day, [
          ...(days.get(day) ?? []),
          { start: slot.start, end: slot.end, modes: modesOf(slot.serviceType), capacity, booked: 0, available: capacity },
        ])
      }
      return [
        {
          doctor_id: practitioner.id,
          name: name?.text ?? [...(name?.prefix ?? []), ...(name?.given ?? []), name?.family].filter(Boolean).join(' '),
          specialties: (role.specialty ?? [])
            .flatMap((s) => s.coding ?? [])
            .map((c) => ({ code: c.code ?? 'unknown', name: c.display ?? c.code ?? 'Unknown' })),
          education: (practitioner.qualification ?? []).map((q) => ({
            degree: q.code.text ?? q.code.coding?.[0]?.display ?? 'Qualification',
            institution: q.issuer?.display,
          })),
          experience_years: practitioner.extension?.find((e) => e.url === FHIR.experience)?.valueInteger ?? null,
          languages: (practitioner.communication ?? []).map((c) => c.text ?? c.coding?.[0]?.display ?? '').filter(Boolean),
          fee_inr: role.extension?.find((e) => e.url === FHIR.fee)?.valueMoney?.value ?? null,
          modes: modesOf(own.flatMap((s) => s.serviceType ?? [])),
          availability: [...days.entries()].map(([date, daySlots]) => ({ date, slots: daySlots })),
        },
      ]
    })
  }

  async function allRoles() {
    const bundle = await search('PractitionerRole?active=true&_include=PractitionerRole:practitioner&_count=500')
    return { roles: of(bundle, 'PractitionerRole', PractitionerRole), practitioners: of(bundle, 'Practitioner', Practitioner) }
  }

  // Local dates of the hospital, as instants.
  const dayRange = (from: string, to: string) => ({
    from: startOfLocalDay(from, link.timezone).toISOString(),
    to: startOfLocalDay(addDays(to, 1), link.timezone).toISOString(),
  })

  return {
    async specialties() {
      const { roles } = await allRoles()
      const all = new Map<string, string>()
      for (const coding of roles.flatMap((r) => r.specialty ?? []).flatMap((s) => s.coding ?? []))
        if (coding.code) all.set(coding.code, coding.display ?? coding.code)
      return [...all.entries()].map(([code, name]) => ({ code, name }))
    },
    async searchDoctors({ name, specialty, date }) {
      // FHIR has no regular-expression search: the roles are read (bounded) and matched here.
      const { roles, practitioners } = await allRoles()
      const nameRegex = name ? new RegExp(name, 'iu') : undefined
      const specialtyRegex = specialty ? new RegExp(specialty, 'iu') : undefined
      const doctors = await doctorsWithSlots(roles, practitioners, dayRange(date, date))
      return doctors.filter(
        (d) =>
          (!nameRegex || nameRegex.test(d.name)) &&
          (!specialtyRegex || d.specialties.some((s) => specialtyRegex.test(s.name) || specialtyRegex.test(s.code))),
      )
    },
    async doctor(doctorId, { from, to }) {
      const bundle = await search(
        `PractitionerRole?practitioner=${encodeURIComponent(`Practitioner/${doctorId}`)}&_include=PractitionerRole:practitioner`,
      )
      const [doctor] = await doctorsWithSlots(
        of(bundle, 'PractitionerRole', PractitionerRole),
        of(bundle, 'Practitioner', Practitioner),
        dayRange(from, to),
      )
      return doctor
    },
    async registerPatient(patient) {
      const identifier = `${FHIR.patientId}|${patient.phr_patient_id}`
      const resource = {
        resourceType: 'Patient',
        identifier: [
          { system: FHIR.patientId, value: patient.phr_patient_id },
          ...(patient.abha_number ? [{ system: FHIR.abhaNumber, value: patient.abha_number }] : []),
        ],
        name: patient.name ? [{ text: patient.name }] : undefined,
        gender: patient.gender === 'undisclosed' ? 'unknown' : (patient.gender ?? undefined),
        birthDate: patient.date_of_birth ?? undefined,
        telecom: [
          ...(patient.phone ? [{ system: 'phone', value: patient.phone, use: 'mobile' }] : []),
          ...(patient.email ? [{ system: 'email', value: patient.email }] : []),
        ],
      }
      const created = await call('POST', 'Patient', resource, { 'If-None-Exist': `identifier=${identifier}` })
      if (!created.ok) await rejectUpstream(SERVICE, created)
      const existing = Resource.parse(await readUpstreamJson(SERVICE, created, Resource))
      const patientId = existing.id
      if (!patientId)
        throw new ApiError('upstream_error', 'The hospital system did not give the patient an id.', { details: { service: SERVICE } })
      if (created.status === 200) {
        const updated = await call('PUT', `Patient/${patientId}`, { ...resource, id: patientId })
        if (!updated.ok) await rejectUpstream(SERVICE, updated)
        await updated.body?.cancel()
      }
      // The OPD token: the live planned Encounter of this patient, or a new one numbered for the day.
      const now = new Date()
      const live = of(
        await search(`Encounter?subject=Patient/${patientId}&status=planned&_sort=-_lastUpdated&_count=1`),
        'Encounter',
        EncounterSchema,
      )[0]
      if (live?.period?.end && new Date(live.period.end) > now && live.identifier?.[0]?.value) {
        return { hmis_patient_id: patientId, token_number: live.identifier[0].value, token_expires_at: live.period.end }
      }
      const dayStart = startOfLocalDay(localDate(now, link.timezone), link.timezone).toISOString()
      const count = (await search(`Encounter?date=ge${encodeURIComponent(dayStart)}&_summary=count`)).total ?? 0
      const token = `OPD-${String(count + 1).padStart(3, '0')}`
      const expires = new Date(now.getTime() + link.tokenTtlSeconds * 1000).toISOString()
      const encounter = await call('POST', 'Encounter', {
        resourceType: 'Encounter',
        status: 'planned',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
        subject: { reference: `Patient/${patientId}` },
        period: { start: now.toISOString(), end: expires },
        identifier: [{ system: FHIR.token, value: token }],
      })
      if (!encounter.ok) await rejectUpstream(SERVICE, encounter)
      await encounter.body?.cancel()
      return { hmis_patient_id: patientId, token_number: token, token_expires_at: expires }
    },
    async bookAppointment(booking) {
      // Idempotent: an Appointment carrying our id is found, not made again.
      const mine = `${FHIR.appointmentId}|${booking.phr_appointment_id}`
      const existing = of(await search(`Appointment?identifier=${encodeURIComponent(mine)}`), 'Appointment', AppointmentSchema)[0]
      if (existing) return { booked: { appointment_ref: existing.id, status: existing.status === 'cancelled' ? 'cancelled' : 'booked' } }
      const slot = await freeSlot(booking.doctor_id, booking.slot_start, booking.mode)
      if (!slot) return { refused: { code: 'slot_unavailable', message: 'The doctor has no free slot at that time for that mode.' } }
      const created = await call(
        'POST',
        'Appointment',
        {
          resourceType: 'Appointment',
          status: 'booked',
          identifier: [{ system: FHIR.appointmentId, value: booking.phr_appointment_id }],
          slot: [{ reference: `Slot/${slot.id}` }],
          start: slot.start,
          end: slot.end,
          serviceType: [{ coding: [{ system: FHIR.mode, code: booking.mode }] }],
          participant: [
            { actor: { reference: `Patient/${booking.hmis_patient_id}` }, status: 'accepted' },
            { actor: { reference: `Practitioner/${booking.doctor_id}` }, status: 'accepted' },
          ],
        },
        { 'If-None-Exist': `identifier=${mine}` },
      )
      if (!created.ok) await rejectUpstream(SERVICE, created)
      const appointment = await readUpstreamJson(SERVICE, created, AppointmentSchema)
      // The slot is taken (FHIR slots hold one booking; capacity beyond one is the HMIS's own rule).
      const busy = await call('PUT', `Slot/${slot.id}`, { ...slot, resourceType: 'Slot', status: 'busy' })
      if (!busy.ok) await rejectUpstream(SERVICE, busy)
      await busy.body?.cancel()
      return { booked: { appointment_ref: appointment.id, status: 'booked' } }
    },
    async rescheduleAppointment(appointmentRef, change) {
      // The Appointment moves to a free Slot of the same doctor for that time and mode: the new slot
      // is taken and the old one freed only once the Appointment points at the new one.
      const read = await call('GET', `Appointment/${encodeURIComponent(appointmentRef)}`)
      if (read.status === 404) {
        await read.body?.cancel()
        return { refused: { code: 'not_found', message: 'The hospital has no such appointment.' } }
      }
      if (!read.ok) await rejectUpstream(SERVICE, read)
      const appointment = await readUpstreamJson(SERVICE, read, Resource)
      if (['cancelled', 'fulfilled', 'noshow', 'entered-in-error'].includes(String(appointment.status))) {
        return { refused: { code: 'invalid_transition', message: `The appointment is ${String(appointment.status)} at the hospital.` } }
      }
      const sameTime = typeof appointment.start === 'string' && Date.parse(appointment.start) === Date.parse(change.slot_start)
      const modes = modesOf((appointment.serviceType as z.infer<typeof Concept>[] | undefined) ?? [])
      if (sameTime && modes.includes(change.mode)) {
        return {
          rescheduled: {
            appointment_ref: appointmentRef,
            status: 'booked',
            slot_start: String(appointment.start),
            slot_end: String(appointment.end),
            mode: change.mode,
          },
        }
      }
      const participants = (appointment.participant as { actor?: { reference?: string } }[] | undefined) ?? []
      const doctorId = participants
        .map((p) => p.actor?.reference ?? '')
        .find((r) => r.startsWith('Practitioner/'))
        ?.slice('Practitioner/'.length)
      const slot = doctorId ? await freeSlot(doctorId, change.slot_start, change.mode) : undefined
      if (!slot) return { refused: { code: 'slot_unavailable', message: 'The doctor has no free slot at that time for that mode.' } }
      const oldSlots = ((appointment.slot as { reference?: string }[] | undefined) ?? [])
        .map((r) => r.reference)
        .filter((r): r is string => !!r)
      const taken = await call('PUT', `Slot/${slot.id}`, { ...slot, resourceType: 'Slot', status: 'busy' })
      if (!taken.ok) await rejectUpstream(SERVICE, taken)
      await taken.body?.cancel()
      const moved = await call('PUT', `Appointment/${encodeURIComponent(appointmentRef)}`, {
        ...appointment,
        slot: [{ reference: `Slot/${slot.id}` }],
        start: slot.start,
        end: slot.end,
        serviceType: [{ coding: [{ system: FHIR.mode, code: change.mode }] }],
      })
      if (!moved.ok) await rejectUpstream(SERVICE, moved)
      await moved.body?.cancel()
      for (const reference of oldSlots) {
        const old = await call('GET', reference)
        if (!old.ok) {
          await old.body?.cancel()
          continue
        }
        const freed = await call('PUT', reference, { ...(await readUpstreamJson(SERVICE, old, Resource)), status: 'free' })
        await freed.body?.cancel()
      }
      return {
        rescheduled: { appointment_ref: appointmentRef, status: 'booked', slot_start: slot.start, slot_end: slot.end, mode: change.mode },
      }
    },
    async cancelAppointment(appointmentRef, reason) {
      const read = await call('GET', `Appointment/${encodeURIComponent(appointmentRef)}`)
      if (read.status === 404) return void (await read.body?.cancel())
      if (!read.ok) await rejectUpstream(SERVICE, read)
      const appointment = await readUpstreamJson(SERVICE, read, Resource)
      const updated = await call('PUT', `Appointment/${encodeURIComponent(appointmentRef)}`, {
        ...appointment,
        status: 'cancelled',
        cancelationReason: reason ? { text: reason } : undefined,
      })
      if (!updated.ok) await rejectUpstream(SERVICE, updated)
      await updated.body?.cancel()
    },
    async shareSymptomCheck(appointmentRef, check) {
      // Idempotent: the response carries our check's id, and a second POST finds it (If-None-Exist).
      const created = await call('POST', 'QuestionnaireResponse', questionnaireResponseOf(appointmentRef, check), {
        'If-None-Exist': `identifier=${FHIR.symptomCheckId}|${check.phr_symptom_check_id}`,
      })
      if (created.status === 400 || created.status === 422) {
        await created.body?.cancel()
        return { refused: { code: 'invalid_resource', message: 'The FHIR server would not store the symptom check.' } }
      }
      if (!created.ok) await rejectUpstream(SERVICE, created)
      await created.body?.cancel()
      return 'received'
    },
    async requestLabSlot(booking) {
      // A ServiceRequest for the tests, carrying our id (If-None-Exist makes a retry find it).
      const created = await call(
        'POST',
        'ServiceRequest',
        {
          resourceType: 'ServiceRequest',
          identifier: [{ system: FHIR.labBookingId, value: booking.phr_booking_id }],
          status: 'active',
          intent: 'order',
          category: [{ coding: [{ system: 'http://snomed.info/sct', code: '108252007', display: 'Laboratory procedure' }] }],
          code: { coding: booking.test_codes.map((code) => ({ system: FHIR.labTest, code })) },
          subject: { reference: `Patient/${booking.hmis_patient_id}` },
          occurrenceDateTime: booking.preferred_slot,
          ...(booking.doctor_id ? { requester: { reference: `Practitioner/${booking.doctor_id}` } } : {}),
        },
        { 'If-None-Exist': `identifier=${FHIR.labBookingId}|${booking.phr_booking_id}` },
      )
      if (created.status === 400 || created.status === 422) {
        await created.body?.cancel()
        return { refused: { code: 'invalid_resource', message: 'The FHIR server would not take the lab request.' } }
      }
      if (!created.ok) await rejectUpstream(SERVICE, created)
      return { ref: (await readUpstreamJson(SERVICE, created, Resource)).id ?? booking.phr_booking_id }
    },
    async placeMedicineOrder() {
      return { refused: { code: 'not_supported', message: 'This hospital takes no pharmacy orders through its FHIR server.' } }
    },
    async cancelLabBooking(bookingRef, reason) {
      // The ServiceRequest revoked; one the lab completed is too late.
      const path = `ServiceRequest/${encodeURIComponent(bookingRef)}`
      const read = await call('GET', path)
      if (read.status === 404 || read.status === 410) {
        await read.body?.cancel()
        return 'cancelled'
      }
      if (!read.ok) await rejectUpstream(SERVICE, read)
      const request = await readUpstreamJson(SERVICE, read, Resource)
      if (request.status === 'completed') return { refused: { code: 'too_late', message: 'The lab has already done the test.' } }
      if (request.status === 'revoked') return 'cancelled'
      const updated = await call('PUT', path, {
        ...request,
        status: 'revoked',
        ...(reason ? { note: [...((request.note as unknown[] | undefined) ?? []), { text: `Cancelled by the patient: ${reason}` }] } : {}),
      })
      if (!updated.ok) await rejectUpstream(SERVICE, updated)
      await updated.body?.cancel()
      return 'cancelled'
    },
    async cancelMedicineOrder() {
      // Never placed (placeMedicineOrder refuses): nothing to cancel.
      return 'cancelled'
    },
    async applyForCarePackage() {
      return { refused: { code: 'not_supported', message: 'This hospital takes no care-package applications through its FHIR server.' } }
    },
    async withdrawCareApplication() {
      // Never sent (applyForCarePackage refuses): nothing to withdraw.
      return 'cancelled'
    },
    async requestAmbulance() {
      return { refused: { code: 'not_supported', message: 'This hospital takes no ambulance pre-bookings through its FHIR server.' } }
    },
    async cancelAmbulanceRequest() {
      // Never sent (requestAmbulance refuses): nothing to cancel.
      return 'cancelled'
    },
    async revokeShare(patientRef, revocation) {
      // The patient's opt-out of exchange through PHR Edge, from that time; If-None-Exist makes a retry find it.
      const created = await call('POST', 'Consent', consentRevocationOf(patientRef, revocation), {
        'If-None-Exist': `identifier=${FHIR.shareRevocationId}|${revocation.phr_revocation_id}`,
      })
      if (!created.ok) await rejectUpstream(SERVICE, created)
      await created.body?.cancel()
    },
  }
}

const AppointmentSchema = z.object({ id: z.string(), status: z.string() })

const EncounterSchema = z.object({
  id: z.string(),
  period: z.object({ start: z.string().optional(), end: z.string().optional() }).optional(),
  identifier: z.array(z.object({ system: z.string().optional(), value: z.string().optional() })).optional(),
})
