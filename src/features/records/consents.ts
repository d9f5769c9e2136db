import { z } from '@hono/zod-openapi'
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError, invalidField, invalidRequest } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { consents, hospitals, records, recordTypes, type ConsentRow } from '../../db/schema'
import { consentNotFound, statusOf, statusSql } from './consent-store'

const CONSENT_ID = '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a'
export const consentStatuses = ['requested', 'granted', 'denied', 'expired', 'revoked'] as const

export const ConsentSchema = z
  .object({
    id: z.guid().openapi({ example: CONSENT_ID }),
    hospital_id: z.guid(),
    hospital_name: z.string().openapi({ example: 'Sahyadri Hospital, Pune' }),
    purpose: z.string().openapi({ example: 'Follow-up consultation: review of recent test results' }),
    status: z
      .enum(consentStatuses)
      .openapi({ description: 'As ABDM names them; a granted consent past its expiry is expired.', example: 'requested' }),
    requested: z.object({
      record_types: z.array(z.enum(recordTypes)).openapi({ example: ['test_result', 'prescription'] }),
      date_from: z.string().date().nullable().openapi({ example: '2026-01-01' }),
      date_to: z.string().date().nullable().openapi({ example: null }),
      expires_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-31T18:29:59.000Z' }),
    }),
    granted: z
      .object({
        record_types: z.array(z.enum(recordTypes)),
        record_ids: z.array(z.guid()).nullable().openapi({ description: 'null: every record of the types and dates.' }),
        expires_at: z.string().datetime({ offset: true }),
      })
      .nullable(),
    decided_at: z.string().datetime({ offset: true }).nullable(),
    revoked_at: z.string().datetime({ offset: true }).nullable(),
    created_at: z.string().datetime({ offset: true }),
  })
  .openapi('Consent')

export const toConsent = (row: ConsentRow, hospitalName: string) => ({
  id: row.id,
  hospital_id: row.hospitalId,
  hospital_name: hospitalName,
  purpose: row.purpose,
  status: statusOf(row),
  requested: {
    record_types: row.recordTypes,
    date_from: row.dateFrom,
    date_to: row.dateTo,
    expires_at: row.requestedExpiresAt.toISOString(),
  },
  granted:
    row.grantedTypes && row.expiresAt
      ? { record_types: row.grantedTypes, record_ids: row.grantedRecordIds, expires_at: row.expiresAt.toISOString() }
      : null,
  decided_at: row.decidedAt?.toISOString() ?? null,
  revoked_at: row.revokedAt?.toISOString() ?? null,
  created_at: row.createdAt.toISOString(),
})

const ConsentParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: CONSENT_ID }),
})

async function ownConsent(db: Db, patientId: string, id: string) {
  const [row] = await db
    .select({ consent: consents, hospitalName: hospitals.name })
    .from(consents)
    .innerJoin(hospitals, eq(hospitals.id, consents.hospitalId))
    .where(and(eq(consents.id, id), eq(consents.patientId, patientId)))
  if (!row) throw consentNotFound()
  return row
}

export const listConsents = patientRoute({
  method: 'get',
  path: '/v1/consents',
  operationId: 'listConsents',
  tags: ['Consent'],
  summary: 'Hospitals’ requests to read my records, newest first',
  request: { query: PaginationQuerySchema.extend({ status: z.enum(consentStatuses).optional().openapi({ example: 'requested' }) }) },
  responses: { 200: jsonResponse(pageSchema(ConsentSchema, 'ConsentPage'), 'Consents.'), ...errorResponses(400) },
})

export const listConsentsHandler: PatientHandler<typeof listConsents> = async (c) => {
  const { limit, cursor, status } = c.req.valid('query')
  const after = decodeCursor(cursor)
  const rows = await c.var.services.db
    .select({ consent: consents, hospitalName: hospitals.name })
    .from(consents)
    .innerJoin(hospitals, eq(hospitals.id, consents.hospitalId))
    .where(
      and(
        eq(consents.patientId, c.var.patientId),
        status ? sql`${statusSql('consents')} = ${status}` : undefined,
        olderThan(consents.createdAt, consents.id, after),
      ),
    )
    .orderBy(desc(consents.createdAt), desc(consents.id))
    .limit(limit + 1)
  return c.json(
    toPage(
      rows,
      limit,
      (r) => ({ at: r.consent.createdAt.toISOString(), id: r.consent.id }),
      (r) => toConsent(r.consent, r.hospitalName),
    ),
    200,
  )
}

export const getConsent = patientRoute({
  method: 'get',
  path: '/v1/consents/{id}',
  operationId: 'getConsent',
  tags: ['Consent'],
  summary: 'One consent',
  request: { params: ConsentParams },
  responses: { 200: jsonResponse(ConsentSchema, 'The consent.'), ...errorResponses(404) },
})

export const getConsentHandler: PatientHandler<typeof getConsent> = async (c) => {
  const row = await ownConsent(c.var.services.db, c.var.patientId, c.req.valid('param').id)
  return c.json(toConsent(row.consent, row.hospitalName), 200)
}

const ApproveSchema = z
  .object({
    record_types: z
      .array(z.enum(recordTypes))
      .min(1)
      .optional()
      .openapi({ description: 'Grant only these of the requested types.', example: ['test_result'] }),
    record_ids: z
      .array(z.guid())
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Grant only these records (of the granted types and dates).', example: undefined }),
    expires_at: z
      .string()
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Sooner than the hospital asked.', example: '2026-12-15T18:29:59+05:30' }),
  })
  .strict()
  .openapi('ConsentApproval')

/** Moves a consent from one status to another for its patient, or says why it cannot. */
async function decide(db: Db, patientId: string, id: string, from: 'requested' | 'granted', change: Partial<ConsentRow>, verb: string) {
  const current = await ownConsent(db, patientId, id)
  if (statusOf(current.consent) !== from)
    throw new ApiError('invalid_transition', `A consent that is ${statusOf(current.consent)} cannot be ${verb}.`)
  const [row] = await db
    .update(consents)
    .set({ ...change, updatedAt: sql`now()` })
    .where(
      and(
        eq(consents.id, id),
        eq(consents.patientId, patientId),
        eq(consents.status, from),
        from === 'granted' ? sql`${consents.expiresAt} > now()` : sql`${consents.requestedExpiresAt} > now()`,
      ),
    )
    .returning()
  if (!row) throw new ApiError('invalid_transition', `The consent changed meanwhile; it cannot be ${verb}.`)
  return toConsent(row, current.hospitalName)
}

export const approveConsent = patientRoute({
  method: 'post',
  path: '/v1/consents/{id}/approve',
  operationId: 'approveConsent',
  tags: ['Consent'],
  summary: 'Approve, optionally narrowed to some types, some records and a sooner expiry',
  request: { params: ConsentParams, body: jsonBody(ApproveSchema) },
  responses: { 200: jsonResponse(ConsentSchema, 'Granted.'), ...errorResponses(404, 409) },
})

export const approveConsentHandler: PatientHandler<typeof approveConsent> = async (c) => {
  const { db } = c.var.services
  const body = c.req.valid('json')
  const { id } = c.req.valid('param')
  const { consent } = await ownConsent(db, c.var.patientId, id)
  const types = body.record_types ?? consent.recordTypes
  const extra = types.filter((t) => !consent.recordTypes.includes(t))
  if (extra.length) throw invalidField('json', 'record_types', `were not requested: ${extra.join(', ')}`)
  const expiresAt = body.expires_at ? new Date(body.expires_at) : consent.requestedExpiresAt
  if (expiresAt.getTime() > consent.requestedExpiresAt.getTime())
    throw invalidField('json', 'expires_at', 'is later than the hospital asked')
  if (expiresAt.getTime() <= Date.now()) throw invalidField('json', 'expires_at', 'is in the past')
  if (body.record_ids) {
    const mine = await db
      .select({ id: records.id, type: records.type })
      .from(records)
      .where(and(eq(records.patientId, c.var.patientId), inArray(records.id, body.record_ids)))
    const fits = new Set(mine.filter((r) => types.includes(r.type)).map((r) => r.id))
    const wrong = body.record_ids.filter((r) => !fits.has(r))
    if (wrong.length)
      throw invalidRequest(
        wrong.map((r) => ({
          location: 'json',
          path: `record_ids.${body.record_ids!.indexOf(r)}`,
          message: 'is not one of your records of the granted types',
          code: 'custom',
        })),
      )
  }
  const granted = await decide(
    db,
    c.var.patientId,
    id,
    'requested',
    {
      status: 'granted',
      grantedTypes: types,
      grantedRecordIds: body.record_ids ? [...new Set(body.record_ids)] : null,
      expiresAt,
      decidedAt: new Date(),
    },
    'approved',
  )
  return c.json(granted, 200)
}

export const denyConsent = patientRoute({
  method: 'post',
  path: '/v1/consents/{id}/deny',
  operationId: 'denyConsent',
  tags: ['Consent'],
  summary: 'Deny a request',
  request: { params: ConsentParams },
  responses: { 200: jsonResponse(ConsentSchema, 'Denied.'), ...errorResponses(404, 409) },
})

export const denyConsentHandler: PatientHandler<typeof denyConsent> = async (c) =>
  c.json(
    await decide(
      c.var.services.db,
      c.var.patientId,
      c.req.valid('param').id,
      'requested',
      { status: 'denied', decidedAt: new Date() },
      'denied',
    ),
    200,
  )

export const revokeConsent = patientRoute({
  method: 'post',
  path: '/v1/consents/{id}/revoke',
  operationId: 'revokeConsent',
  tags: ['Consent'],
  summary: 'Revoke a granted consent: the hospital is refused from this moment',
  request: { params: ConsentParams },
  responses: { 200: jsonResponse(ConsentSchema, 'Revoked.'), ...errorResponses(404, 409) },
})

export const revokeConsentHandler: PatientHandler<typeof revokeConsent> = async (c) =>
  c.json(
    await decide(
      c.var.services.db,
      c.var.patientId,
      c.req.valid('param').id,
      'granted',
      { status: 'revoked', revokedAt: new Date() },
      'revoked',
    ),
    200,
  )
