import { hex } from '../../core/crypto'
import { readMultipart } from '../../core/multipart'
import { z } from '@hono/zod-openapi'
import { and, eq, sql } from 'drizzle-orm'
import { ApiError, invalidField } from '../../core/errors'
import { storeThenSave } from '../../core/files'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, fileField, jsonResponse } from '../../core/openapi'
import { parseInput, patientRoute, type PatientHandler } from '../../core/routes'
import { localDate } from '../../core/time'
import type { Services } from '../../core/types'
import { records, recordTypes, type RecordRow } from '../../db/schema'
import { documentKind } from '../../core/documents'
import { inspectFile, inspectUpload, PdfScanner, pdfFactsOf, storedSource } from '../../core/file-inspect'
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
    'Multipart `file` + `title`, `type`, `record_date`. The type is read from the file’s bytes, never its name (415 otherwise); over RECORD_UPLOAD_MAX_BYTES is 413 before the body is read; empty, truncated or damaged files are 422. Pages, title and creation date (PDF) or dimensions (images) are read from the file. The same file uploaded again answers the first record (200), stored once. `Idempotency-Key` honoured.',
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

export const uploadRecordHandler: PatientHandler<typeof uploadRecord> = async (c) => {
  const { db, files } = c.var.services
  const patientId = c.var.patientId
  const form = await readMultipart(c.req, 'Send the document as multipart/form-data.')
  const { file, ...rest } = Object.fromEntries(form.entries()) as Record<string, File | string>
  const fields = parseInput(UploadFieldsSchema, rest, 'form')
  if (fields.record_date && fields.record_date > localDate(new Date(Date.now() + 86_400_000), 'Asia/Kolkata'))
    throw invalidField('form', 'record_date', 'is in the future')
  if (!(file instanceof File)) throw invalidField('form', 'file', 'must be a file')
  if (file.size > c.var.services.config.RECORD_UPLOAD_MAX_BYTES)
    throw new ApiError('payload_too_large', `Documents may be at most ${c.var.services.config.RECORD_UPLOAD_MAX_BYTES} bytes.`)
  const { kind, facts, sha256 } = await inspectUpload(file, 'Documents must be pdf, png or jpg.')

  const result = await idempotent(db, patientId, c.req.valid('header')['idempotency-key'], { ...fields, sha256 }, async () => {
    const existing = await sameUpload(db, patientId, sha256)
    if (existing) return { status: 200, body: toRecord(existing) }
    // A key that says nothing about whose document it is.
    const storageKey = `records/${crypto.randomUUID()}`
    return storeThenSave(files(), c.var.services.log, { key: storageKey, body: file, contentType: kind.contentType, sha256 }, () =>
      saveUpload(c.var.services, patientId, fields, {
        storageKey,
        contentType: kind.contentType,
        sizeBytes: file.size,
        sha256,
        metadata: facts,
      }),
    )
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
  const { db, files } = c.var.services
  const patientId = c.var.patientId
  const fields = c.req.valid('query')
  const length = Number(c.req.header('content-length'))
  const body = c.req.raw.body
  if (!body || !Number.isInteger(length) || c.req.header('transfer-encoding'))
    throw new ApiError('length_required', 'Send the file with a Content-Length.')
  if (length === 0) throw new ApiError('unprocessable', 'The file is empty.')
  // The first bytes name the type; they go on to storage with the rest.
  const reader = body.getReader()
  const head: Uint8Array[] = []
  let headBytes = 0
  while (headBytes < 16) {
    const { done, value } = await reader.read()
    if (done) break
    head.push(value)
    headBytes += value.byteLength
  }
  const first = new Uint8Array(headBytes)
  head.reduce((at, chunk) => (first.set(chunk, at), at + chunk.byteLength), 0)
  const kind = documentKind(first)
  if (!kind) {
    await reader.cancel().catch(() => {})
    throw new ApiError('unsupported_media_type', 'Documents must be pdf, png or jpg.')
  }
  let received = headBytes
  // A PDF is read as it flows past (pages, object streams, title, date); what it names is read back by range.
  const scanner = kind.contentType === 'application/pdf' ? new PdfScanner() : undefined
  scanner?.push(first)
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first)
    },
    async pull(controller) {
      const { done, value } = await reader.read()
      if (done) controller.close()
      else {
        received += value.byteLength
        scanner?.push(value)
        controller.enqueue(value)
      }
    },
    cancel: (reason) => reader.cancel(reason),
  })
  const [toStorage, toDigest] = rest.tee()
  const digest = new crypto.DigestStream('SHA-256')
  const digested = toDigest.pipeTo(digest)
  const fixed = new FixedLengthStream(length)
  // Storage failing stops the copy into it (else the pipe would wait on it for ever); the digest reads on.
  const stopCopy = new AbortController()
  const piped = toStorage.pipeTo(fixed.writable, { signal: stopCopy.signal })
  const storageKey = `records/${crypto.randomUUID()}`
  const [stored, ...read] = await Promise.allSettled([
    files()
      .put(storageKey, fixed.readable, { httpMetadata: { contentType: kind.contentType } })
      .catch((error: unknown) => {
        stopCopy.abort(error)
        void fixed.readable.cancel(error).catch(() => {})
        throw error
      }),
    piped,
    digested,
  ])
  if (stored.status === 'rejected' || read.some((r) => r.status === 'rejected')) {
    await files()
      .delete(storageKey)
      .catch(() => {})
    // Storage failing on a whole body is ours (503); a body cut short is the client's to send again (422).
    if (stored.status === 'rejected' && received === length) throw stored.reason
    throw new ApiError('unprocessable', 'The upload did not arrive whole.', {
      cause: stored.status === 'rejected' ? stored.reason : read.find((r) => r.status === 'rejected'),
    })
  }
  const sha256 = hex(await digest.digest)
  // Whole, and what it says (pages, title, dimensions): from the scan, and the ranges it names read back from storage.
  const readBack = storedSource(files(), storageKey, length)
  scanner?.finish()
  const facts = await (scanner ? pdfFactsOf(scanner, readBack) : inspectFile(readBack, kind.contentType)).catch(async (error: unknown) => {
    await files()
      .delete(storageKey)
      .catch(() => {})
    throw error
  })
  const existing = await sameUpload(db, patientId, sha256)
  if (existing) {
    await files().delete(storageKey)
    return c.json(toRecord(existing), 200)
  }
  const saved = await saveUpload(c.var.services, patientId, fields, {
    storageKey,
    contentType: kind.contentType,
    sizeBytes: length,
    sha256,
    metadata: facts,
  })
  return c.json(saved.body, saved.status)
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
 * unique index), the first stays: this copy's object is removed and the first answered (200).
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
  await services.files().delete(file.storageKey)
  return { status: 200, body: toRecord((await sameUpload(services.db, patientId, file.sha256))!) }
}
