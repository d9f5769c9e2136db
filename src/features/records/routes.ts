import { z } from '@hono/zod-openapi'
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { records, recordTypes } from '../../db/schema'
import { documentFileContent, fileResponse } from '../../core/documents'
import { RecordParams, RecordSchema, toRecord } from './schema'

export const listRecords = patientRoute({
  method: 'get',
  path: '/v1/records',
  operationId: 'listRecords',
  tags: ['Records'],
  summary: 'My records, newest first (`source=received`: Received Documents; `source=abdm`: pulled through ABDM)',
  request: {
    query: PaginationQuerySchema.extend({
      source: z.enum(['received', 'uploaded', 'abdm']).optional().openapi({ example: 'received' }),
      type: z.enum(recordTypes).optional().openapi({ example: 'prescription' }),
      from: z
        .string()
        .date()
        .optional()
        .openapi({ description: 'Records dated on or after (record_date, else the day stored, India time).', example: '2026-01-01' }),
      to: z.string().date().optional().openapi({ description: 'Records dated on or before.', example: '2026-12-31' }),
      appointment_id: z.guid().optional().openapi({
        description: 'The records a hospital posted for that appointment (its prescription).',
        example: '6c1f2e3d-4b5a-4978-8a6b-5c4d3e2f1a0b',
      }),
    }),
  },
  responses: { 200: jsonResponse(pageSchema(RecordSchema, 'RecordPage'), 'Records.'), ...errorResponses(400) },
})

/** A record's day: its own date, else the day it was stored (India time). */
const recordDay = sql`coalesce(${records.recordDate}, (${records.createdAt} at time zone 'Asia/Kolkata')::date)`

export const listRecordsHandler: PatientHandler<typeof listRecords> = async (c) => {
  const { limit, cursor, ...filters } = c.req.valid('query')
  return c.json(await recordsPage(c.var.services.db, c.var.patientId, filters, limit, cursor), 200)
}

/** A page of the patient's records, newest first, filtered. */
async function recordsPage(
  db: Db,
  patientId: string,
  filters: {
    source?: 'received' | 'uploaded' | 'abdm'
    type?: (typeof recordTypes)[number]
    from?: string
    to?: string
    appointment_id?: string
  },
  limit: number,
  cursor: string | undefined,
) {
  const after = decodeCursor(cursor)
  const rows = await db
    .select()
    .from(records)
    .where(
      and(
        eq(records.patientId, patientId),
        filters.source ? eq(records.source, filters.source) : undefined,
        filters.type ? eq(records.type, filters.type) : undefined,
        filters.from ? sql`${recordDay} >= ${filters.from}::date` : undefined,
        filters.to ? sql`${recordDay} <= ${filters.to}::date` : undefined,
        filters.appointment_id ? eq(records.appointmentId, filters.appointment_id) : undefined,
        olderThan(records.createdAt, records.id, after),
      ),
    )
    .orderBy(desc(records.createdAt), desc(records.id))
    .limit(limit + 1)
  return toPage(rows, limit, (row) => ({ at: row.createdAt.toISOString(), id: row.id }), toRecord)
}

export async function ownRecord(db: Db, patientId: string, id: string) {
  const [row] = await db
    .select()
    .from(records)
    .where(and(eq(records.id, id), eq(records.patientId, patientId)))
  if (!row) throw new ApiError('not_found', 'No such record.')
  return row
}

export const getRecord = patientRoute({
  method: 'get',
  path: '/v1/records/{id}',
  operationId: 'getRecord',
  tags: ['Records'],
  summary: 'One of my records',
  request: { params: RecordParams },
  responses: { 200: jsonResponse(RecordSchema, 'The record.'), ...errorResponses(404) },
})

export const getRecordHandler: PatientHandler<typeof getRecord> = async (c) =>
  c.json(toRecord(await ownRecord(c.var.services.db, c.var.patientId, c.req.valid('param').id)), 200)

export const getRecordFile = patientRoute({
  method: 'get',
  path: '/v1/records/{id}/file',
  operationId: 'getRecordFile',
  tags: ['Records'],
  summary: 'The file of one of my records, streamed',
  request: { params: RecordParams },
  responses: {
    200: {
      description: 'The file, with its type and a Content-Disposition naming it.',
      content: documentFileContent,
    },
    ...errorResponses(404, 503),
  },
})

export const getRecordFileHandler: PatientHandler<typeof getRecordFile> = async (c) =>
  fileResponse(c.var.services, await ownRecord(c.var.services.db, c.var.patientId, c.req.valid('param').id)) as never

export const listHandouts = patientRoute({
  method: 'get',
  path: '/v1/handouts',
  operationId: 'listHandouts',
  tags: ['Records'],
  summary: 'Educational handouts hospitals sent me, newest first',
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(pageSchema(RecordSchema, 'HandoutPage'), 'Handouts.'), ...errorResponses(400) },
})

export const listHandoutsHandler: PatientHandler<typeof listHandouts> = async (c) => {
  const { limit, cursor } = c.req.valid('query')
  return c.json(await recordsPage(c.var.services.db, c.var.patientId, { source: 'received', type: 'handout' }, limit, cursor), 200)
}
