import { readMultipart } from '../../core/multipart'
import { z } from '@hono/zod-openapi'
import { and, eq, isNull } from 'drizzle-orm'
import { sha256HexOfBytes } from '../../core/crypto'
import { storeThenSave } from '../../core/files'
import { ApiError, invalidField } from '../../core/errors'
import { notify } from '../../core/notify'
import { errorResponses, fileField, jsonResponse } from '../../core/openapi'
import { hmisRoute, parseInput, type HospitalHandler } from '../../core/routes'
import { appointments, doseTimings, hospitals, hospitalShares, records, recordTypes, type RecordType } from '../../db/schema'
import { logAccess } from './access-log'
import { documentKind } from '../../core/documents'
import { RecordSchema, toRecord } from './schema'

/** A document type as a Hindi reader says it, for the notification. */
const DOCUMENT_TYPE_HI: Record<RecordType, string> = {
  prescription: 'पर्चा',
  handout: 'जानकारी पत्र',
  test_result: 'जाँच का नतीजा',
  report: 'रिपोर्ट',
  other: 'दस्तावेज़',
}

const DocumentFieldsSchema = z
  .object({
    patient_ref: z
      .string()
      .min(1)
      .max(128)
      .openapi({ description: 'The patient’s id at the hospital (hmis_patient_id).', example: 'UHID-SAH-100001' }),
    type: z.enum(recordTypes).openapi({ example: 'prescription' }),
    title: z.string().trim().min(1).max(200).openapi({ example: 'Prescription — Dr. Meera Kulkarni' }),
    appointment_ref: z.string().max(128).optional().openapi({ example: 'apt-7f3c2a9e' }),
    document_id: z.string().min(1).max(128).optional().openapi({
      description:
        'The HMIS’s id of the document: posting it again for the same patient stores it once (ids are per patient: another patient’s document with the same id is another document).',
      example: 'doc-20261201-0042',
    }),
    record_date: z.string().date().optional().openapi({ example: '2026-12-01' }),
    medicines: z.string().max(20_000).optional().openapi({
      description:
        'With a prescription: the medicines as JSON, `[{"name", "dosage", "timings": ["after_breakfast", …], "duration_days"}]`; the patient adds them to their tracker in one tap.',
      example: '[{"name":"Amoxicillin 500 mg","dosage":"1 capsule","timings":["after_breakfast","after_dinner"],"duration_days":5}]',
    }),
  })
  .strict()

/** Medicines a hospital prescribed with a document. */
export const PrescribedMedicinesSchema = z
  .array(
    z
      .object({
        name: z.string().trim().min(1).max(120),
        dosage: z.string().trim().min(1).max(120),
        timings: z.array(z.enum(doseTimings)).min(1).max(7),
        duration_days: z.number().int().min(1).max(3650).nullable(),
      })
      .strict(),
  )
  .min(1)
  .max(30)

export const HmisDocumentFormSchema = DocumentFieldsSchema.extend({
  file: fileField('pdf, png or jpg (checked by its bytes), at most HMIS_DOCUMENT_MAX_BYTES.'),
}).openapi('HmisDocumentForm')

export const receiveDocument = hmisRoute({
  method: 'post',
  path: '/v1/hmis/documents',
  operationId: 'receiveDocument',
  tags: ['HMIS callbacks'],
  summary: 'A hospital posts a document (prescription, handout, test result) to a patient who shared their profile with it',
  description:
    'Only for a patient whose share with this hospital is live (403 otherwise, and at once after the patient revokes it). Multipart: `file` + fields. The file is stored under a key that reveals nothing about the patient, with its sha256.',
  // Documented here, checked in the handler (multipart with a file).
  request: { body: { required: true, content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/HmisDocumentForm' } } } } },
  responses: {
    201: jsonResponse(RecordSchema, 'Stored in the patient’s Received Documents.'),
    200: jsonResponse(RecordSchema, 'This document_id was stored before.'),
    ...errorResponses(403, 404, 413, 415, 422, 503),
  },
})

export const receiveDocumentHandler: HospitalHandler<typeof receiveDocument> = async (c) => {
  const { db, log } = c.var.services
  const form = await readMultipart(c.req, 'Send the document as multipart/form-data.')
  const { file, ...rest } = Object.fromEntries(form.entries()) as Record<string, File | string>
  const fields = parseInput(DocumentFieldsSchema, rest, 'form')
  if (!(file instanceof File)) throw invalidField('form', 'file', 'must be a file')
  let medicines: z.infer<typeof PrescribedMedicinesSchema> | null = null
  if (fields.medicines !== undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(fields.medicines)
    } catch {
      throw invalidField('form', 'medicines', 'is not JSON')
    }
    medicines = parseInput(PrescribedMedicinesSchema, parsed, 'form')
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (bytes.length === 0) throw new ApiError('unprocessable', 'The file is empty.')
  const kind = documentKind(bytes)
  if (!kind) throw new ApiError('unsupported_media_type', 'Documents must be pdf, png or jpg.')

  const hospitalId = c.var.hospitalId
  const [share] = await db
    .select({ patientId: hospitalShares.patientId, hospitalName: hospitals.name })
    .from(hospitalShares)
    .innerJoin(hospitals, eq(hospitals.id, hospitalShares.hospitalId))
    .where(
      and(
        eq(hospitalShares.hospitalId, hospitalId),
        eq(hospitalShares.hmisPatientId, fields.patient_ref),
        isNull(hospitalShares.revokedAt),
      ),
    )
  if (!share) throw new ApiError('forbidden', 'This patient has not shared their profile with your hospital, or has revoked it.')
  if (fields.document_id) {
    const [existing] = await db
      .select()
      .from(records)
      .where(and(eq(records.hospitalId, hospitalId), eq(records.patientId, share.patientId), eq(records.externalId, fields.document_id)))
    if (existing) return c.json(toRecord(existing), 200)
  }
  let appointmentId: string | null = null
  if (fields.appointment_ref) {
    const [appointment] = await db
      .select({ id: appointments.id })
      .from(appointments)
      .where(
        and(
          eq(appointments.hospitalId, hospitalId),
          eq(appointments.hmisAppointmentRef, fields.appointment_ref),
          eq(appointments.patientId, share.patientId),
        ),
      )
    if (!appointment) throw new ApiError('not_found', 'No appointment of this patient with that reference at your hospital.')
    appointmentId = appointment.id
  }
  // A key that says nothing about whose document it is.
  const storageKey = `records/${crypto.randomUUID()}`
  const sha256 = await sha256HexOfBytes(bytes)
  const id = crypto.randomUUID()
  const put = { key: storageKey, body: bytes, contentType: kind.contentType, sha256 }
  const row = await storeThenSave(c.var.services.files(), c.var.services.log, put, () =>
    db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(records)
        .values({
          id,
          patientId: share.patientId,
          source: 'received',
          type: fields.type,
          title: fields.title,
          hospitalId,
          appointmentId,
          externalId: fields.document_id ?? null,
          storageKey,
          contentType: kind.contentType,
          sizeBytes: bytes.length,
          sha256,
          recordDate: fields.record_date ?? null,
          prescribedMedicines: medicines,
        })
        .onConflictDoNothing()
        .returning()
      if (inserted) {
        await notify(tx, {
          patientId: share.patientId,
          type: 'document_received',
          title: {
            en: `New ${fields.type.replace('_', ' ')} from ${share.hospitalName}`,
            hi: `${share.hospitalName} से नया ${DOCUMENT_TYPE_HI[fields.type]}`,
          },
          body: fields.title,
          link: { kind: 'record', id },
          dedupeKey: `record:${id}`,
        })
        await logAccess(tx, { patientId: share.patientId, hospitalId, action: 'document_posted', recordId: id })
      }
      return inserted
    }),
  )
  if (!row) {
    // The same document_id raced in: keep the first, drop this copy.
    await c.var.services.files().delete(storageKey)
    const [existing] = await db
      .select()
      .from(records)
      .where(and(eq(records.hospitalId, hospitalId), eq(records.patientId, share.patientId), eq(records.externalId, fields.document_id!)))
    return c.json(toRecord(existing!), 200)
  }
  log.log('info', 'document received from a hospital', {
    hospital_id: hospitalId,
    record_id: row.id,
    bytes: bytes.length,
    type: fields.type,
  })
  return c.json(toRecord(row), 201)
}
