import { z } from '@hono/zod-openapi'
import { and, desc, eq, inArray } from 'drizzle-orm'
import { errorResponses } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { appointments, hospitals, medications, records, symptomChecks, vitals, type AppointmentStatus } from '../../db/schema'
import { profileOf } from '../profile'
import { answerText, questionOf } from '../symptoms'
import { queryRows, textArray, type Db } from '../../core/db'
import { sql } from 'drizzle-orm'

// The patient's whole record as one FHIR R4 Bundle (type collection): Patient, Appointment,
// DocumentReference, QuestionnaireResponse, AllergyIntolerance, FamilyMemberHistory; vitals
// (Observation) and medicines (MedicationStatement) join as those features land.

const SYSTEM = {
  patient: 'https://phr-edge.in/fhir/sid/patient-id',
  abha: 'https://healthid.abdm.gov.in',
  abhaAddress: 'https://phr-edge.in/fhir/sid/abha-address',
  mode: 'https://phr-edge.in/fhir/CodeSystem/consultation-mode',
  recordType: 'https://phr-edge.in/fhir/CodeSystem/record-type',
  symptom: 'https://phr-edge.in/fhir/CodeSystem/symptom',
}

const LOINC: Record<string, { code: string; display: string }> = {
  blood_pressure: { code: '85354-9', display: 'Blood pressure panel' },
  pulse: { code: '8867-4', display: 'Heart rate' },
  spo2: { code: '59408-5', display: 'Oxygen saturation by pulse oximetry' },
  temperature: { code: '8310-5', display: 'Body temperature' },
  blood_sugar_fasting: { code: '1558-6', display: 'Fasting glucose' },
  blood_sugar_random: { code: '2339-0', display: 'Glucose' },
  blood_sugar_post_meal: { code: '1521-4', display: 'Glucose post meal' },
  weight: { code: '29463-7', display: 'Body weight' },
  height: { code: '8302-2', display: 'Body height' },
}
const UCUM: Record<string, string> = { mmHg: 'mm[Hg]', bpm: '/min', '%': '%', '°C': 'Cel', 'mg/dL': 'mg/dL', kg: 'kg', cm: 'cm' }

const APPOINTMENT_STATUS: Record<AppointmentStatus, string> = {
  pending_sync: 'proposed',
  booked: 'booked',
  symptoms_shared: 'booked',
  reviewed: 'booked',
  completed: 'fulfilled',
  cancelled: 'cancelled',
  rejected: 'cancelled',
  missed: 'noshow',
}

/** A stable id for the i-th item of a list kept on the patient (a UUID: the patient's first 24 digits, a tag, the index). */
const derivedId = (patientId: string, tag: string, i: number) =>
  `${patientId.slice(0, 24)}${tag.padEnd(8, '0')}${i.toString(16).padStart(4, '0')}`

const RELATION = {
  mother: { code: 'MTH', display: 'mother' },
  father: { code: 'FTH', display: 'father' },
  sibling: { code: 'SIB', display: 'sibling' },
  child: { code: 'CHILD', display: 'child' },
  grandparent: { code: 'GRPRN', display: 'grandparent' },
  other: { code: 'FAMMEMB', display: 'family member' },
} as const

export const exportFhir = patientRoute({
  method: 'get',
  path: '/v1/me/fhir',
  operationId: 'exportFhir',
  tags: ['Records'],
  summary: 'My whole record as a FHIR R4 Bundle',
  responses: {
    200: {
      description: 'A Bundle of type collection.',
      content: {
        'application/fhir+json': {
          schema: z
            .object({ resourceType: z.literal('Bundle'), type: z.literal('collection'), entry: z.array(z.record(z.string(), z.unknown())) })
            .openapi('FhirBundle'),
        },
      },
    },
    ...errorResponses(404),
  },
})

export const exportFhirHandler: PatientHandler<typeof exportFhir> = async (c) =>
  new Response(JSON.stringify((await fhirBundle(c.var.services.db, c.var.patientId)).bundle), {
    headers: { 'content-type': 'application/fhir+json' },
  }) as never

/** The patient's whole record as a FHIR Bundle, and the records whose files it names (for the export's ZIP). */
export async function fhirBundle(db: Db, patientId: string) {
  const profile = await profileOf(db, patientId)
  const visits = await db
    .select({ appointment: appointments, hospitalName: hospitals.name })
    .from(appointments)
    .innerJoin(hospitals, eq(hospitals.id, appointments.hospitalId))
    .where(eq(appointments.patientId, patientId))
    .orderBy(desc(appointments.slotStart))
    .limit(500)
  const documents = await db.select().from(records).where(eq(records.patientId, patientId)).orderBy(desc(records.createdAt)).limit(1000)
  const checks = await db
    .select()
    .from(symptomChecks)
    .where(and(eq(symptomChecks.patientId, patientId), inArray(symptomChecks.status, ['draft', 'submitted'])))
    .orderBy(desc(symptomChecks.createdAt))
    .limit(200)
  const readings = await db.select().from(vitals).where(eq(vitals.patientId, patientId)).orderBy(desc(vitals.measuredAt)).limit(1000)
  const medicines = await db
    .select()
    .from(medications)
    .where(eq(medications.patientId, patientId))
    .orderBy(desc(medications.createdAt))
    .limit(500)
  const questionIds = [...new Set(checks.flatMap((ch) => Object.keys(ch.answers)))]
  const questions = questionIds.length
    ? (await queryRows<Record<string, unknown>>(db, sql`select * from symptom_questions where id = any(${textArray(questionIds)})`)).map(
        questionOf,
      )
    : []
  const subject = { reference: `Patient/${patientId}` }
  const entry = (id: string, resource: Record<string, unknown>) => ({ fullUrl: `urn:uuid:${id}`, resource: { ...resource, id } })

  const telecom = [
    ...(profile.phone ? [{ system: 'phone', value: profile.phone, use: 'mobile' }] : []),
    ...(profile.email ? [{ system: 'email', value: profile.email }] : []),
  ]
  const address = profile.address
    ? [
        {
          line: [profile.address.line1, profile.address.line2].filter(Boolean),
          city: profile.address.city,
          district: profile.address.district,
          state: profile.address.state,
          postalCode: profile.address.pincode,
          country: profile.address.country ?? 'IN',
        },
      ]
    : []
  const patient = {
    resourceType: 'Patient',
    identifier: [
      { system: SYSTEM.patient, value: patientId },
      ...(profile.abha_number ? [{ system: SYSTEM.abha, value: profile.abha_number }] : []),
      ...(profile.abha_address ? [{ system: SYSTEM.abhaAddress, value: profile.abha_address }] : []),
    ],
    ...(profile.name ? { name: [{ text: profile.name }] } : {}),
    ...(profile.gender ? { gender: profile.gender === 'undisclosed' ? 'unknown' : profile.gender } : {}),
    ...(profile.date_of_birth ? { birthDate: profile.date_of_birth } : {}),
    ...(telecom.length ? { telecom } : {}),
    ...(address.length ? { address } : {}),
  }

  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: new Date().toISOString(),
    entry: [
      entry(patientId, patient),
      ...visits.map(({ appointment: a, hospitalName }) =>
        entry(a.id, {
          resourceType: 'Appointment',
          status: APPOINTMENT_STATUS[a.status],
          serviceType: [{ coding: [{ system: SYSTEM.mode, code: a.mode }] }],
          start: a.slotStart.toISOString(),
          end: a.slotEnd.toISOString(),
          description: `${a.doctorName ?? a.doctorId} at ${hospitalName}`,
          participant: [
            { actor: subject, status: 'accepted' },
            { actor: { display: a.doctorName ?? a.doctorId }, status: 'accepted' },
          ],
        }),
      ),
      ...documents.map((r) =>
        entry(r.id, {
          resourceType: 'DocumentReference',
          status: 'current',
          type: { coding: [{ system: SYSTEM.recordType, code: r.type }], text: r.title },
          subject,
          date: r.createdAt.toISOString(),
          description: r.title,
          content: [
            {
              attachment: {
                contentType: r.contentType,
                url: `/v1/records/${r.id}/file`,
                size: r.sizeBytes,
                title: r.title,
                ...(r.recordDate ? { creation: r.recordDate } : {}),
              },
            },
          ],
        }),
      ),
      ...checks.map((ch) =>
        entry(ch.id, {
          resourceType: 'QuestionnaireResponse',
          status: ch.status === 'submitted' ? 'completed' : 'in-progress',
          subject,
          authored: (ch.submittedAt ?? ch.updatedAt).toISOString(),
          item: [
            {
              linkId: 'symptoms',
              text: 'Symptoms',
              answer: ch.symptomCodes.map((code) => ({ valueCoding: { system: SYSTEM.symptom, code } })),
            },
            ...questions
              .filter((q) => q.id in ch.answers)
              .map((q) => ({ linkId: q.id, text: q.textEn, answer: [{ valueString: answerText(q, ch.answers[q.id]) }] })),
          ],
        }),
      ),
      ...readings.map((v) => {
        const code = LOINC[v.type]
        const quantity = (value: number) => ({ value, unit: v.unit, system: 'http://unitsofmeasure.org', code: UCUM[v.unit] ?? v.unit })
        return entry(v.id, {
          resourceType: 'Observation',
          status: 'final',
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
          code: {
            coding: [{ system: 'http://loinc.org', code: code?.code ?? '8716-3', display: code?.display ?? v.type }],
            text: v.type.replaceAll('_', ' '),
          },
          subject,
          effectiveDateTime: v.measuredAt.toISOString(),
          ...(v.type === 'blood_pressure'
            ? {
                component: [
                  {
                    code: { coding: [{ system: 'http://loinc.org', code: '8480-6', display: 'Systolic blood pressure' }] },
                    valueQuantity: quantity(v.value),
                  },
                  {
                    code: { coding: [{ system: 'http://loinc.org', code: '8462-4', display: 'Diastolic blood pressure' }] },
                    valueQuantity: quantity(v.value2 ?? 0),
                  },
                ],
              }
            : { valueQuantity: quantity(v.value) }),
        })
      }),
      ...medicines.map((m) =>
        entry(m.id, {
          resourceType: 'MedicationStatement',
          status: m.endDate && m.endDate < new Date().toISOString().slice(0, 10) ? 'completed' : 'active',
          medicationCodeableConcept: { text: m.name },
          subject,
          effectivePeriod: { start: m.startDate, ...(m.endDate ? { end: m.endDate } : {}) },
          dosage: [{ text: `${m.dosage}, ${m.timings.map((t) => t.replace('_', ' ')).join(', ')}` }],
        }),
      ),
      // The health profile: allergies, conditions and family history as the patient keeps them.
      ...profile.allergies.map((a, i) =>
        entry(derivedId(patientId, 'c0de', i), {
          resourceType: 'AllergyIntolerance',
          clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
          verificationStatus: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'unconfirmed' }],
          },
          ...(a.severity ? { criticality: a.severity === 'severe' ? 'high' : 'low' } : {}),
          patient: subject,
          code: { text: a.substance },
          ...(a.reaction ? { reaction: [{ manifestation: [{ text: a.reaction }] }] } : {}),
        }),
      ),
      ...profile.conditions.map((c, i) =>
        entry(derivedId(patientId, 'c0ad', i), {
          resourceType: 'Condition',
          clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
          code: { text: c.name },
          subject,
          ...(c.since ? { onsetDateTime: c.since } : {}),
        }),
      ),
      ...profile.family_history.map((f, i) =>
        entry(derivedId(patientId, 'fa41', i), {
          resourceType: 'FamilyMemberHistory',
          status: 'completed',
          patient: subject,
          relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', ...RELATION[f.relation] }] },
          condition: [{ code: { text: f.condition } }],
        }),
      ),
      ...checks
        .filter((ch) => ch.allergies)
        .map((ch) =>
          entry(`${ch.id.slice(0, 24)}${'a11e'.padEnd(12, '0')}`, {
            resourceType: 'AllergyIntolerance',
            clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
            verificationStatus: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'unconfirmed' }],
            },
            patient: subject,
            code: { text: ch.allergies },
            recordedDate: ch.updatedAt.toISOString(),
          }),
        ),
      ...checks
        .filter((ch) => ch.familyHistory)
        .map((ch) =>
          entry(`${ch.id.slice(0, 24)}${'fa31'.padEnd(12, '0')}`, {
            resourceType: 'FamilyMemberHistory',
            status: 'partial',
            patient: subject,
            relationship: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'FAMMEMB', display: 'family member' }],
            },
            note: [{ text: ch.familyHistory }],
          }),
        ),
    ],
  }
  return { bundle, documents }
}
