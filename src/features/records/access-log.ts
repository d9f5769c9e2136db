import { z } from '@hono/zod-openapi'
import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { jsonResponse, errorResponses } from '../../core/openapi'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { accessActions, hospitals, recordAccessLog, records, type AccessAction } from '../../db/schema'

/** Appends one access to a patient's records by a hospital (the only write this table ever gets). */
export async function logAccess(
  db: Db,
  entry: { patientId: string; hospitalId: string; action: AccessAction; recordId?: string | null; consentId?: string | null },
) {
  await db.insert(recordAccessLog).values({
    id: crypto.randomUUID(),
    patientId: entry.patientId,
    hospitalId: entry.hospitalId,
    action: entry.action,
    recordId: entry.recordId ?? null,
    consentId: entry.consentId ?? null,
  })
}

const AccessEntrySchema = z
  .object({
    id: z.guid(),
    hospital_id: z.guid(),
    hospital_name: z.string().nullable().openapi({ example: 'Sahyadri Hospital, Pune' }),
    action: z.enum(accessActions).openapi({
      description:
        'document_posted: the hospital added a document; consent_requested; consent_read: it read a consent; records_listed: it listed what a consent covers; record_downloaded: it downloaded a file.',
      example: 'record_downloaded',
    }),
    record_id: z.guid().nullable(),
    record_title: z.string().nullable().openapi({ example: 'CBC report' }),
    consent_id: z.guid().nullable(),
    at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T05:30:00.000Z' }),
  })
  .openapi('RecordAccess')

export const listAccessLog = patientRoute({
  method: 'get',
  path: '/v1/records/access-log',
  operationId: 'listRecordAccessLog',
  tags: ['Records'],
  summary: 'Who (which hospital, doing what) touched my records and when, newest first',
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(pageSchema(AccessEntrySchema, 'RecordAccessPage'), 'The log.'), ...errorResponses(400) },
})

export const listAccessLogHandler: PatientHandler<typeof listAccessLog> = async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const after = decodeCursor(cursor)
  const rows = await c.var.services.db
    .select({ entry: recordAccessLog, hospitalName: hospitals.name, recordTitle: records.title })
    .from(recordAccessLog)
    .leftJoin(hospitals, eq(hospitals.id, recordAccessLog.hospitalId))
    .leftJoin(records, eq(records.id, recordAccessLog.recordId))
    .where(and(eq(recordAccessLog.patientId, c.var.patientId), olderThan(recordAccessLog.createdAt, recordAccessLog.id, after)))
    .orderBy(desc(recordAccessLog.createdAt), desc(recordAccessLog.id))
    .limit(limit + 1)
  return c.json(
    toPage(
      rows,
      limit,
      (r) => ({ at: r.entry.createdAt.toISOString(), id: r.entry.id }),
      (r) => ({
        id: r.entry.id,
        hospital_id: r.entry.hospitalId,
        hospital_name: r.hospitalName,
        action: r.entry.action,
        record_id: r.entry.recordId,
        record_title: r.recordTitle,
        consent_id: r.entry.consentId,
        at: r.entry.createdAt.toISOString(),
      }),
    ),
    200,
  )
}
