import { z } from '@hono/zod-openapi'
import { and, eq, isNull } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { notify } from '../../core/notify'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { hmisRoute, type HospitalHandler } from '../../core/routes'
import { consents, hospitals, hospitalShares, recordTypes, type ConsentRow } from '../../db/schema'
import { logAccess } from './access-log'
import { consentNotFound, coveredRecords, statusOf } from './consent-store'
import { consentStatuses } from './consents'
import { documentFileContent, fileResponse } from '../../core/documents'
import { RecordSchema, toRecord } from './schema'

const ConsentRequestSchema = z
  .object({
    request_ref: z
      .string()
      .min(1)
      .max(128)
      .openapi({ description: 'Your id of this request: sending it again answers the same consent.', example: 'cr-20261201-0007' }),
    patient_ref: z
      .string()
      .min(1)
      .max(128)
      .openapi({ description: 'The patient’s id at your hospital (hmis_patient_id).', example: 'UHID-SAH-100001' }),
    purpose: z.string().trim().min(3).max(500).openapi({ example: 'Follow-up consultation: review of recent test results' }),
    record_types: z
      .array(z.enum(recordTypes))
      .min(1)
      .openapi({ example: ['test_result', 'prescription'] }),
    date_from: z.string().date().optional().openapi({ example: '2026-01-01' }),
    date_to: z.string().date().optional(),
    expires_at: z
      .string()
      .datetime({ offset: true })
      .openapi({ description: 'At most a year ahead.', example: '2026-12-31T23:59:59+05:30' }),
  })
  .strict()
  .openapi('HmisConsentRequest')

const HospitalConsentSchema = z
  .object({
    consent_id: z.guid(),
    request_ref: z.string(),
    status: z.enum(consentStatuses).openapi({ example: 'granted' }),
    granted: z
      .object({
        record_types: z.array(z.enum(recordTypes)),
        record_ids: z.array(z.guid()).nullable(),
        expires_at: z.string().datetime({ offset: true }),
      })
      .nullable(),
  })
  .openapi('HmisConsent')

const toHospitalConsent = (row: ConsentRow) => ({
  consent_id: row.id,
  request_ref: row.requestRef,
  status: statusOf(row),
  granted:
    statusOf(row) === 'granted' && row.grantedTypes && row.expiresAt
      ? { record_types: row.grantedTypes, record_ids: row.grantedRecordIds, expires_at: row.expiresAt.toISOString() }
      : null,
})

export const requestConsent = hmisRoute({
  method: 'post',
  path: '/v1/hmis/consent-requests',
  operationId: 'requestConsent',
  tags: ['HMIS callbacks'],
  summary: 'A hospital asks a patient who shared their profile with it for consent to read records',
  description: 'The patient is notified and approves (possibly narrowed), denies, or later revokes. Idempotent on `request_ref`.',
  request: { body: jsonBody(ConsentRequestSchema) },
  responses: {
    201: jsonResponse(HospitalConsentSchema, 'Requested.'),
    200: jsonResponse(HospitalConsentSchema, 'This request_ref was sent before: that consent.'),
    ...errorResponses(403, 422),
  },
})

export const requestConsentHandler: HospitalHandler<typeof requestConsent> = async (c) => {
  const { db } = c.var.services
  const body = c.req.valid('json')
  const hospitalId = c.var.hospitalId
  const expiresAt = new Date(body.expires_at)
  if (expiresAt.getTime() <= Date.now() || expiresAt.getTime() > Date.now() + 366 * 86_400_000)
    throw new ApiError('unprocessable', 'expires_at must be in the future and at most a year ahead.')
  if (body.date_from && body.date_to && body.date_from > body.date_to) throw new ApiError('unprocessable', 'date_from is after date_to.')
  const [share] = await db
    .select({ patientId: hospitalShares.patientId, hospitalName: hospitals.name })
    .from(hospitalShares)
    .innerJoin(hospitals, eq(hospitals.id, hospitalShares.hospitalId))
    .where(
      and(eq(hospitalShares.hospitalId, hospitalId), eq(hospitalShares.hmisPatientId, body.patient_ref), isNull(hospitalShares.revokedAt)),
    )
  if (!share) throw new ApiError('forbidden', 'This patient has not shared their profile with your hospital, or has revoked it.')
  const result = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(consents)
      .values({
        id: crypto.randomUUID(),
        patientId: share.patientId,
        hospitalId,
        requestRef: body.request_ref,
        purpose: body.purpose,
        recordTypes: [...new Set(body.record_types)],
        dateFrom: body.date_from ?? null,
        dateTo: body.date_to ?? null,
        requestedExpiresAt: expiresAt,
      })
      .onConflictDoNothing({ target: [consents.hospitalId, consents.requestRef] })
      .returning()
    if (!created) {
      const [existing] = await tx
        .select()
        .from(consents)
        .where(and(eq(consents.hospitalId, hospitalId), eq(consents.requestRef, body.request_ref)))
      return { status: 200 as const, row: existing! }
    }
    await notify(tx, {
      patientId: share.patientId,
      type: 'consent_requested',
      title: { en: `${share.hospitalName} asks to see your records`, hi: `${share.hospitalName} आपके रिकॉर्ड देखना चाहता है` },
      body: body.purpose,
      link: { kind: 'consent', id: created.id },
      dedupeKey: `consent:${created.id}`,
    })
    await logAccess(tx, { patientId: share.patientId, hospitalId, action: 'consent_requested', consentId: created.id })
    return { status: 201 as const, row: created }
  })
  return c.json(toHospitalConsent(result.row), result.status)
}

const ConsentParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' } }),
})

/** A consent of the calling hospital (another hospital's is 404, as if it did not exist). */
async function hospitalConsent(c: { var: { services: { db: import('../../core/db').Db }; hospitalId: string } }, id: string) {
  const [row] = await c.var.services.db
    .select()
    .from(consents)
    .where(and(eq(consents.id, id), eq(consents.hospitalId, c.var.hospitalId)))
  if (!row) throw consentNotFound()
  return row
}

const refuseUnlessGranted = (row: ConsentRow) => {
  const status = statusOf(row)
  if (status !== 'granted') throw new ApiError('forbidden', `The consent is ${status}: the patient's records cannot be read.`)
}

export const readConsent = hmisRoute({
  method: 'get',
  path: '/v1/hmis/consents/{id}',
  operationId: 'readConsent',
  tags: ['HMIS callbacks'],
  summary: 'The status of a consent the hospital asked for',
  request: { params: ConsentParams },
  responses: { 200: jsonResponse(HospitalConsentSchema, 'The consent.'), ...errorResponses(404) },
})

export const readConsentHandler: HospitalHandler<typeof readConsent> = async (c) => {
  const row = await hospitalConsent(c, c.req.valid('param').id)
  await logAccess(c.var.services.db, { patientId: row.patientId, hospitalId: row.hospitalId, action: 'consent_read', consentId: row.id })
  return c.json(toHospitalConsent(row), 200)
}

export const listConsentedRecords = hmisRoute({
  method: 'get',
  path: '/v1/hmis/consents/{id}/records',
  operationId: 'listConsentedRecords',
  tags: ['HMIS callbacks'],
  summary: 'The records a granted consent covers (403 unless granted and unexpired)',
  request: { params: ConsentParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(RecordSchema) }).openapi('ConsentedRecords'), 'The records.'),
    ...errorResponses(403, 404),
  },
})

export const listConsentedRecordsHandler: HospitalHandler<typeof listConsentedRecords> = async (c) => {
  const row = await hospitalConsent(c, c.req.valid('param').id)
  refuseUnlessGranted(row)
  const rows = await coveredRecords(c.var.services.db, row)
  await logAccess(c.var.services.db, { patientId: row.patientId, hospitalId: row.hospitalId, action: 'records_listed', consentId: row.id })
  return c.json({ items: rows.map(toRecord) }, 200)
}

export const downloadConsentedRecord = hmisRoute({
  method: 'get',
  path: '/v1/hmis/consents/{id}/records/{record_id}/file',
  operationId: 'downloadConsentedRecord',
  tags: ['HMIS callbacks'],
  summary: 'The file of a record a granted consent covers (403 otherwise)',
  request: {
    params: ConsentParams.extend({
      record_id: z.guid().openapi({ param: { name: 'record_id', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description: 'The file.',
      content: documentFileContent,
    },
    ...errorResponses(403, 404),
  },
})

export const downloadConsentedRecordHandler: HospitalHandler<typeof downloadConsentedRecord> = async (c) => {
  const { id, record_id: recordId } = c.req.valid('param')
  const row = await hospitalConsent(c, id)
  refuseUnlessGranted(row)
  const [record] = await coveredRecords(c.var.services.db, row, recordId)
  if (!record) throw new ApiError('forbidden', 'This consent does not cover that record.')
  await logAccess(c.var.services.db, {
    patientId: row.patientId,
    hospitalId: row.hospitalId,
    action: 'record_downloaded',
    recordId,
    consentId: row.id,
  })
  return (await fileResponse(c.var.services, record)) as never
}
