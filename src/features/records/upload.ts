import { streamMultipart } from '../../core/multipart'
import { z } from '@hono/zod-openapi'
import { and, eq, sql } from 'drizzle-orm'
import { ApiError, invalidField } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, fileField, jsonResponse } from '../../core/openapi'
import { parseInput, patientRoute, type PatientHandler } from '../../core/routes'
import { localDate } from '../../core/time'
import type { Services } from '../../core/types'
import { records, recordTypes, type RecordRow } from '../../db/schema'
import { storeUpload } from '../../core/file-inspect'
import { RecordParams, RecordSchema, toRecord } from './schema'

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
  file: fileField('pdf, png or jpg (checked by its bytes), at most RECORD_UPLOAD_MAX_BYTES.'),
}).openapi('RecordUploadForm')

export const uploadRecord = patientRoute({
  method: 'post',
  path: '/v1/records',
  operationId: 'uploadRecord',
  tags: ['Records'],
  summary: 'Upload a document of my own (pdf, png or jpg)',
  description:
    'Multipart `file` + `title`, `type`, `record_date`. The type is read from the file’s bytes, never its name (415 otherwise); over RECORD_UPLOAD_MAX_BYTES is 413 (before the body is read when its Content-Length says so). The file streams into storage as the form arrives, never held whole; fields sent before it are checked before it is read. Empty, truncated or damaged files are 422. Pages, title and creation date (PDF) or dimensions (images) are read from the file. The same file uploaded again answers the first record (200), stored once. `Idempotency-Key` honoured.',
  request: {
    headers: idempotencyHeader,
    body: { required: true, content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/RecordUploadForm' } } } },
  },
  responses: {
    201: jsonResponse(RecordSchema, 'Stored.'),
    200: jsonResponse(RecordSchema, 'This file was uploaded before: that record.'),
    ...errorResponses(413, 415, 422),
  },
})

/** The form's fields: 400 when one is wrong (`partial`: those sent before the file, checked before it is read). */
function uploadFields(fields: Record<string, string>, partial = false) {
  const parsed = parseInput(partial ? UploadFieldsSchema.partial() : UploadFieldsSchema, fields, 'form')
  if (parsed.record_date && parsed.record_date > localDate(new Date(Date.now() + 86_400_000), 'Asia/Kolkata'))
    throw invalidField('form', 'record_date', 'is in the future')
  return parsed as z.infer<typeof UploadFieldsSchema>
}

export const uploadRecordHandler: PatientHandler<typeof uploadRecord> = async (c) => {
  const { files, config } = c.var.services
  const patientId = c.var.patientId
  // The file streams into storage as the form arrives (never held whole), under a key that says nothing of whose it is.
  const storageKey = `records/${crypto.randomUUID()}`
  const form = await streamMultipart(c.req.raw, 'Send the document as multipart/form-data.', 'file', (_file, before, chunks) => {
    uploadFields(before, true)
    return storeUpload(files(), storageKey, chunks, {
      maxBytes: config.RECORD_UPLOAD_MAX_BYTES,
      refusal: 'Documents must be pdf, png or jpg.',
    })
  }).catch(async (error: unknown) => {
    // The form refused after its file was stored (a part after it): the file goes too.
    await files()
      .delete(storageKey)
      .catch(() => {})
    throw error
  })
  if (!form.file) {
    uploadFields(form.fields)
    throw invalidField('form', 'file', 'must be a file')
  }
  const result = await recordUpload(c.var.services, patientId, storageKey, form.file, c.req.valid('header')['idempotency-key'], () =>
    uploadFields(form.fields),
  )
  return c.json(result.body, result.status)
}

/**
 * The record of a stored upload: the patient's earlier record of the same file (200), else a new
 * one (201), under the Idempotency-Key when one came. A file no record points at afterwards (fields
 * refused, the same file before, a replay, a failure) is removed.
 */
async function recordUpload(
  services: Services,
  patientId: string,
  storageKey: string,
  { kind, facts, sha256, size }: Awaited<ReturnType<typeof storeUpload>>,
  idempotencyKey: string | undefined,
  fieldsOf: () => z.infer<typeof UploadFieldsSchema>,
) {
  let saved = false
  try {
    const fields = fieldsOf()
    const result = await idempotent(services.db, patientId, idempotencyKey, { ...fields, sha256 }, async () => {
      const existing = await sameUpload(services.db, patientId, sha256)
      if (existing) return { status: 200, body: toRecord(existing) }
      const answer = await saveUpload(services, patientId, fields, {
        storageKey,
        contentType: kind.contentType,
        sizeBytes: size,
        sha256,
        metadata: facts,
      })
      saved = answer.status === 201
      return answer
    })
    return result as { status: 200 | 201; body: ReturnType<typeof toRecord> }
  } finally {
    if (!saved)
      await services
        .files()
        .delete(storageKey)
        .catch((error: unknown) => services.log.log('warn', 'removing an unsaved file failed', { key: storageKey, error: String(error) }))
  }
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

// Streamed uploads -------------------------------------------------------------------------------

const StreamQuerySchema = z.object({
  title: z.string().trim().min(1).max(200).openapi({ example: 'MRI report, Oct 2026' }),
  type: z.enum(recordTypes).openapi({ example: 'report' }),
  record_date: z.string().date().optional().openapi({ example: '2026-10-12' }),
})

export const streamRecord = patientRoute({
  method: 'put',
  path: '/v1/records/stream',
  operationId: 'streamRecord',
  tags: ['Records'],
  summary: 'Upload a large document (up to RECORD_STREAM_MAX_BYTES) as the raw body, streamed into storage',
  description:
    'For files over the multipart limit: the body is the file itself (Content-Length required: 411 otherwise), never held in memory — it streams into R2 while its sha256 is computed. The type is read from its first bytes (415); once stored, the file is checked whole and its facts read (pages, title and date of a PDF, an image’s size) from the stored object’s ranges, as for a multipart upload (422, and nothing kept). The same file again answers the first record (200).',
  request: {
    query: StreamQuerySchema,
    body: {
      required: true,
      content: {
        'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
      },
    },
  },
  responses: {
    201: jsonResponse(RecordSchema, 'Stored.'),
    200: jsonResponse(RecordSchema, 'This file was uploaded before: that record.'),
    ...errorResponses(411, 413, 415, 422),
  },
})

export const streamRecordHandler: PatientHandler<typeof streamRecord> = async (c) => {
  const { files } = c.var.services
  const patientId = c.var.patientId
  const fields = c.req.valid('query')
  const length = Number(c.req.header('content-length'))
  const body = c.req.raw.body
  if (!body || !Number.isInteger(length) || c.req.header('transfer-encoding'))
    throw new ApiError('length_required', 'Send the file with a Content-Length.')
  if (length === 0) throw new ApiError('unprocessable', 'The file is empty.')
  const storageKey = `records/${crypto.randomUUID()}`
  const stored = await storeUpload(files(), storageKey, bodyChunks(body), {
    length,
    maxBytes: c.var.services.config.RECORD_STREAM_MAX_BYTES,
    refusal: 'Documents must be pdf, png or jpg.',
  })
  const result = await recordUpload(c.var.services, patientId, storageKey, stored, undefined, () => fields)
  return c.json(result.body, result.status)
}

/** A request body's chunks as they arrive (the rest cancelled when the reader stops early). */
async function* bodyChunks(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader()
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value
  } finally {
    await reader.cancel().catch(() => {})
  }
}

/** The patient's earlier upload of the same file (by sha256), if any. */
async function sameUpload(db: Services['db'], patientId: string, sha256: string) {
  const [row] = await db
    .select()
    .from(records)
    .where(and(eq(records.patientId, patientId), eq(records.sha256, sha256), eq(records.source, 'uploaded')))
  return row
}

/**
 * The record of an upload whose file is stored. When the same file raced in meanwhile (the
 * unique index), the first stays and is answered (200); recordUpload removes this copy's object.
 */
async function saveUpload(
  services: Services,
  patientId: string,
  fields: { title: string; type: RecordRow['type']; record_date?: string },
  file: { storageKey: string; contentType: string; sizeBytes: number; sha256: string; metadata: NonNullable<RecordRow['metadata']> },
): Promise<{ status: 200 | 201; body: ReturnType<typeof toRecord> }> {
  const [row] = await services.db
    .insert(records)
    .values({
      id: crypto.randomUUID(),
      patientId,
      source: 'uploaded',
      type: fields.type,
      title: fields.title,
      recordDate: fields.record_date ?? null,
      ...file,
    })
    .onConflictDoNothing({ target: [records.patientId, records.sha256], where: sql`source = 'uploaded'` })
    .returning()
  if (row) return { status: 201, body: toRecord(row) }
  return { status: 200, body: toRecord((await sameUpload(services.db, patientId, file.sha256))!) }
}
