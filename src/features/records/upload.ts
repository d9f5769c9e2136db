import { z } from '@hono/zod-openapi'
import { and, eq, sql } from 'drizzle-orm'
import { sha256HexOfBytes } from '../../core/crypto'
import { ApiError, invalidField } from '../../core/errors'
import { idempotent } from '../../core/idempotency'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { parseInput, patientRoute, type PatientHandler } from '../../core/routes'
import { localDate } from '../../core/time'
import { records, recordTypes } from '../../db/schema'
import { inspectFile } from './inspect'
import { documentKind, RecordParams, RecordSchema, toRecord } from './schema'

const UploadFieldsSchema = z
  .object({
    title: z.string().trim().min(1).max(200).openapi({ example: 'CBC report, Nov 2026' }),
    type: z.enum(recordTypes).openapi({ example: 'test_result' }),
    record_date: z
      .string()
      .date()
      .optional()
      .openapi({ description: 'When the document was made (not in the future).', example: '2026-11-20' }),
  })
  .strict()

export const RecordUploadFormSchema = UploadFieldsSchema.extend({
  file: z
    .any()
    .openapi({ type: 'string', format: 'binary', description: 'pdf, png or jpg (checked by its bytes), at most RECORD_UPLOAD_MAX_BYTES.' }),
}).openapi('RecordUploadForm')

export const uploadRecord = patientRoute({
  method: 'post',
  path: '/v1/records',
  operationId: 'uploadRecord',
  tags: ['Records'],
  summary: 'Upload a document of my own (pdf, png or jpg)',
  description:
    'Multipart `file` + `title`, `type`, `record_date`. The type is read from the file’s bytes, never its name (415 otherwise); over RECORD_UPLOAD_MAX_BYTES is 413 before the body is read; empty, truncated or damaged files are 422. Pages, title and creation date (PDF) or dimensions (images) are read from the file. The same file uploaded again answers the first record (200), stored once. `Idempotency-Key` honoured.',
  request: {
    headers: z.object({ 'idempotency-key': z.string().max(255).optional().openapi({ description: 'Makes retries safe.' }) }),
    body: { required: true, content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/RecordUploadForm' } } } },
  },
  responses: {
    201: jsonResponse(RecordSchema, 'Stored.'),
    200: jsonResponse(RecordSchema, 'This file was uploaded before: that record.'),
    ...errorResponses(413, 415, 422),
  },
})

export const uploadRecordHandler: PatientHandler<typeof uploadRecord> = async (c) => {
  const { db, files } = c.var.services
  const patientId = c.var.patientId
  if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? ''))
    throw new ApiError('unsupported_media_type', 'Send the document as multipart/form-data.')
  const form = await c.req.formData()
  const { file, ...rest } = Object.fromEntries(form.entries()) as Record<string, File | string>
  const fields = parseInput(UploadFieldsSchema, rest, 'form')
  if (fields.record_date && fields.record_date > localDate(new Date(Date.now() + 86_400_000), 'Asia/Kolkata'))
    throw invalidField('form', 'record_date', 'is in the future')
  if (!(file instanceof File)) throw invalidField('form', 'file', 'must be a file')
  if (file.size > c.var.services.config.RECORD_UPLOAD_MAX_BYTES)
    throw new ApiError('payload_too_large', `Documents may be at most ${c.var.services.config.RECORD_UPLOAD_MAX_BYTES} bytes.`)
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (bytes.length === 0) throw new ApiError('unprocessable', 'The file is empty.')
  const kind = documentKind(bytes)
  if (!kind) throw new ApiError('unsupported_media_type', 'Documents must be pdf, png or jpg.')
  const facts = await inspectFile(bytes, kind.contentType)
  const sha256 = await sha256HexOfBytes(bytes)

  const result = await idempotent(db, patientId, c.req.valid('header')['idempotency-key'], { ...fields, sha256 }, async () => {
    const same = () =>
      db
        .select()
        .from(records)
        .where(and(eq(records.patientId, patientId), eq(records.sha256, sha256), eq(records.source, 'uploaded')))
    const [existing] = await same()
    if (existing) return { status: 200, body: toRecord(existing) }
    // A key that says nothing about whose document it is.
    const storageKey = `records/${crypto.randomUUID()}`
    await files().put(storageKey, bytes, { httpMetadata: { contentType: kind.contentType }, sha256 })
    const [row] = await db
      .insert(records)
      .values({
        id: crypto.randomUUID(),
        patientId,
        source: 'uploaded',
        type: fields.type,
        title: fields.title,
        storageKey,
        contentType: kind.contentType,
        sizeBytes: bytes.length,
        sha256,
        recordDate: fields.record_date ?? null,
        metadata: facts,
      })
      .onConflictDoNothing({ target: [records.patientId, records.sha256], where: sql`source = 'uploaded'` })
      .returning()
    if (row) return { status: 201, body: toRecord(row) }
    // The same file raced in: keep the first, drop this copy.
    await files().delete(storageKey)
    const [first] = await same()
    return { status: 200, body: toRecord(first!) }
  })
  return c.json(result.body, result.status as 200 | 201)
}

export const deleteRecord = patientRoute({
  method: 'delete',
  path: '/v1/records/{id}',
  operationId: 'deleteRecord',
  tags: ['Records'],
  summary: 'Delete one of my own uploads (documents from hospitals are read-only: 403)',
  request: { params: RecordParams },
  responses: { 204: { description: 'Deleted, file included.' }, ...errorResponses(403, 404) },
})

export const deleteRecordHandler: PatientHandler<typeof deleteRecord> = async (c) => {
  const { db, files } = c.var.services
  const id = c.req.valid('param').id
  const [row] = await db
    .select()
    .from(records)
    .where(and(eq(records.id, id), eq(records.patientId, c.var.patientId)))
  if (!row) throw new ApiError('not_found', 'No such record.')
  if (row.source !== 'uploaded')
    throw new ApiError('forbidden', 'Documents from hospitals are read-only; only your own uploads can be deleted.')
  const [deleted] = await db
    .delete(records)
    .where(and(eq(records.id, id), eq(records.patientId, c.var.patientId), eq(records.source, 'uploaded')))
    .returning({ storageKey: records.storageKey })
  if (deleted) await files().delete(deleted.storageKey)
  return c.body(null, 204)
}
