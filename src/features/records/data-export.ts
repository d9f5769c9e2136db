import { z } from '@hono/zod-openapi'
import { and, desc, eq, sql } from 'drizzle-orm'
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import { queryRows } from '../../core/db'
import { ApiError } from '../../core/errors'
import { storageWriter } from '../../core/files'
import { describeError } from '../../core/logger'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { endWork, finishJob, jobOf, type JobHandlers, type OutboxJob } from '../../core/outbox'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { issueToken } from '../../core/tokens'
import type { Services } from '../../core/types'
import { dataExports, type DataExportRow } from '../../db/schema'
import { fhirBundle } from './fhir-export'

// The patient's data export (DPDP Act: a copy of one's data): a ZIP with the whole record as a FHIR
// Bundle (fhir-bundle.json) and every file (files/), written by the queue (export_patient_data)
// straight into R2 as it is made (an R2 multipart upload in equal 5 MiB parts past the first) — a
// patient with hundreds of megabytes of scans never has more than a part and a file's chunk in the
// Worker's memory. Ready, it is
// downloadable by a file link (the same signed links as records) until EXPORT_KEEP_DAYS, when the
// housekeeping deletes it.

/** Tries before the export is given up and the patient told. */
const EXPORT_ATTEMPTS = 3

export const ExportSchema = z
  .object({
    id: z.guid(),
    status: z.enum(['pending', 'ready', 'failed']).openapi({ example: 'ready' }),
    status_reason: z.string().nullable().openapi({ example: null }),
    size_bytes: z.number().int().nullable().openapi({ example: 1843200 }),
    file_count: z.number().int().nullable().openapi({ example: 12 }),
    url: z.string().nullable().openapi({
      description:
        'When ready, on GET /v1/me/exports/{id}: a link that downloads the ZIP without the bearer header for a few minutes (ask again for a new one). Null in the list.',
      example: null,
    }),
    created_at: z.string().datetime({ offset: true }),
    completed_at: z.string().datetime({ offset: true }).nullable(),
    expires_at: z
      .string()
      .datetime({ offset: true })
      .nullable()
      .openapi({ description: 'Deleted after this.', example: '2026-12-07T10:15:30.000Z' }),
  })
  .openapi('DataExport')

/** The export as the API shows it; with `link`, a fresh download link once it is ready (GET /v1/me/exports/{id} only). */
async function toExport(services: Services, sessionId: string, row: DataExportRow, link = true): Promise<z.infer<typeof ExportSchema>> {
  const { config } = services
  const url =
    link && row.status === 'ready'
      ? `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/files/${await issueToken(
          config,
          { sub: row.patientId, sid: sessionId, jti: `export:${row.id}`, typ: 'file' },
          config.FILE_LINK_SECONDS,
        )}`
      : null
  return {
    id: row.id,
    status: row.status,
    status_reason: row.statusReason,
    size_bytes: row.sizeBytes,
    file_count: row.fileCount,
    url,
    created_at: row.createdAt.toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
  }
}

function exportOf(r: Record<string, unknown>): DataExportRow {
  const at = (v: unknown) => (v ? new Date(v as string) : null)
  return {
    id: r.id as string,
    patientId: r.patient_id as string,
    status: r.status as DataExportRow['status'],
    statusReason: (r.status_reason as string | null) ?? null,
    storageKey: (r.storage_key as string | null) ?? null,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    fileCount: (r.file_count as number | null) ?? null,
    createdAt: new Date(r.created_at as string),
    completedAt: at(r.completed_at),
    expiresAt: at(r.expires_at),
  }
}

export const requestExport = patientRoute({
  method: 'post',
  path: '/v1/me/export',
  operationId: 'requestExport',
  tags: ['Records'],
  summary: 'Ask for a copy of all my data: a ZIP of my whole record (FHIR Bundle) and every file',
  description:
    'Answers 202 with a `pending` export; the queue writes it, then a notification (export_ready) and the change feed say it is done, and GET /v1/me/exports/{id} gives its download link. While one is being written, asking again answers that one.',
  responses: { 202: jsonResponse(ExportSchema, 'Accepted: being written.'), ...errorResponses(404) },
})

export const requestExportHandler: PatientHandler<typeof requestExport> = async (c) => {
  const { db, outbox: queue } = c.var.services
  const patientId = c.var.patientId
  // One statement: the pending export and its job, unless one is pending already (the unique index).
  const id = crypto.randomUUID()
  const [row] = await queryRows<{ export: Record<string, unknown>; job: Record<string, unknown> | null }>(
    db,
    sql`with saved as (
          insert into data_exports (id, patient_id) select ${id}, ${patientId}
          where exists (select 1 from patients where id = ${patientId})
          on conflict (patient_id) where status = 'pending' do nothing
          returning *
        ), job as (
          insert into outbox (id, kind, partition_key, subject_id)
          select ${crypto.randomUUID()}, 'export_patient_data', ${`exports:${patientId}`}, id from saved
          returning *
        )
        select coalesce((select to_jsonb(s) from saved s),
                        (select to_jsonb(e) from data_exports e where e.patient_id = ${patientId} and e.status = 'pending')) as export,
               (select to_jsonb(j) from job j) as job`,
  )
  if (!row?.export) throw new ApiError('not_found', 'This account no longer exists.')
  if (row.job) queue.send([jobOf(row.job)])
  return c.json(await toExport(c.var.services, c.var.sessionId, exportOf(row.export)), 202)
}

export const listExports = patientRoute({
  method: 'get',
  path: '/v1/me/exports',
  operationId: 'listExports',
  tags: ['Records'],
  summary: 'My data exports, newest first (their download links: GET /v1/me/exports/{id})',
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(pageSchema(ExportSchema, 'DataExportPage'), 'Exports.'), ...errorResponses(400) },
})

export const listExportsHandler: PatientHandler<typeof listExports> = async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const after = decodeCursor(cursor)
  const rows = await c.var.services.db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.patientId, c.var.patientId), olderThan(dataExports.createdAt, dataExports.id, after)))
    .orderBy(desc(dataExports.createdAt), desc(dataExports.id))
    .limit(limit + 1)
  const page = toPage(
    rows,
    limit,
    (row) => ({ at: row.createdAt.toISOString(), id: row.id }),
    (row) => row,
  )
  return c.json(
    {
      items: await Promise.all(page.items.map((row) => toExport(c.var.services, c.var.sessionId, row, false))),
      next_cursor: page.next_cursor,
    },
    200,
  )
}

export const getExport = patientRoute({
  method: 'get',
  path: '/v1/me/exports/{id}',
  operationId: 'getExport',
  tags: ['Records'],
  summary: 'One of my data exports, with a fresh download link once it is ready',
  request: {
    params: z.object({ id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: '0b7e6d5c-4f3a-4e2d-8c1b-9a0f8e7d6c5b' }) }),
  },
  responses: { 200: jsonResponse(ExportSchema, 'The export.'), ...errorResponses(404) },
})

export const getExportHandler: PatientHandler<typeof getExport> = async (c) => {
  const [row] = await c.var.services.db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.id, c.req.valid('param').id), eq(dataExports.patientId, c.var.patientId)))
  if (!row) throw new ApiError('not_found', 'No such export.')
  return c.json(await toExport(c.var.services, c.var.sessionId, row), 200)
}

/** A file name inside the ZIP: the record's title, made safe, and its id. */
const entryName = (record: { id: string; title: string; contentType: string }) => {
  const extension = record.contentType === 'application/pdf' ? 'pdf' : record.contentType === 'image/png' ? 'png' : 'jpg'
  const title =
    record.title
      .replace(/[^\p{L}\p{N} ._-]+/gu, '')
      .trim()
      .slice(0, 60) || 'record'
  return `files/${title} (${record.id.slice(0, 8)}).${extension}`
}

/** Writes the ZIP into R2 as it is made (core/files storageWriter: equal parts); its size and the number of files. */
async function writeZip(services: Services, patientId: string, key: string): Promise<{ size: number; files: number }> {
  const { bundle, documents } = await fhirBundle(services.db, patientId)
  const writer = storageWriter(services.files(), key, 'application/zip')
  const made: Uint8Array[] = []
  let size = 0
  let failure: Error | undefined
  const zip = new Zip((error, data) => {
    if (error) failure = error
    else {
      made.push(data)
      size += data.length
    }
  })
  // What the ZIP made since, to storage (the Zip's callback cannot wait for it).
  const flush = async () => {
    if (failure) throw failure
    for (const chunk of made.splice(0)) await writer.write(chunk)
  }
  try {
    const manifest = new ZipDeflate('fhir-bundle.json', { level: 6 })
    zip.add(manifest)
    manifest.push(new TextEncoder().encode(JSON.stringify(bundle, null, 1)), true)
    await flush()
    let files = 0
    for (const record of documents) {
      const object = await services.files().get(record.storageKey)
      if (!object) continue
      const entry = new ZipPassThrough(entryName(record))
      zip.add(entry)
      const reader = object.body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        entry.push(value ?? new Uint8Array(0), done)
        await flush()
        if (done) break
      }
      files += 1
    }
    zip.end()
    await flush()
    await writer.close()
    return { size, files }
  } catch (error) {
    await writer.abort()
    throw error
  }
}

async function exportRow(services: Services, id: string) {
  const [row] = await services.db.select().from(dataExports).where(eq(dataExports.id, id))
  return row
}

/** The export ends (ready or failed), the patient told, the job closed: one transaction. */
async function finishExport(
  services: Services,
  job: OutboxJob,
  row: DataExportRow,
  end: { key: string; size: number; files: number } | { failed: string },
) {
  const ready = 'key' in end
  await endWork(services.db, job, {
    jobStatus: ready ? 'done' : 'failed',
    note: ready ? undefined : end.failed,
    mark: (tx) =>
      tx
        .update(dataExports)
        .set(
          ready
            ? {
                status: 'ready',
                storageKey: end.key,
                sizeBytes: end.size,
                fileCount: end.files,
                completedAt: sql`now()`,
                expiresAt: sql`now() + make_interval(days => ${services.config.EXPORT_KEEP_DAYS})`,
              }
            : { status: 'failed', statusReason: end.failed, completedAt: sql`now()` },
        )
        .where(and(eq(dataExports.id, row.id), eq(dataExports.status, 'pending'))),
    tell: {
      patientId: row.patientId,
      type: ready ? 'export_ready' : 'export_failed',
      title: ready
        ? { en: 'Your data export is ready', hi: 'आपका डेटा एक्सपोर्ट तैयार है' }
        : { en: 'Your data export could not be made', hi: 'आपका डेटा एक्सपोर्ट नहीं बन सका' },
      body: ready
        ? {
            en: `Download it within ${services.config.EXPORT_KEEP_DAYS} days.`,
            hi: `इसे ${services.config.EXPORT_KEEP_DAYS} दिनों में डाउनलोड करें।`,
          }
        : { en: 'Please try again later.', hi: 'कृपया बाद में फिर कोशिश करें।' },
      link: { kind: 'data_export', id: row.id },
      dedupeKey: `export:${row.id}`,
    },
  })
}

export const exportJobs: JobHandlers = {
  export_patient_data: {
    async run(services, job) {
      const row = await exportRow(services, job.subjectId)
      if (row?.status !== 'pending') {
        await finishJob(services.db, job.id, 'done', `nothing to write: it is ${row?.status ?? 'gone'}`)
        return 'done'
      }
      // A new key each attempt: an attempt that died half-way leaves no half-written object behind (its upload is aborted).
      const key = `exports/${crypto.randomUUID()}.zip`
      try {
        const written = await writeZip(services, row.patientId, key)
        await finishExport(services, job, row, { key, ...written })
        return 'done'
      } catch (error) {
        services.log.log('warn', 'a data export attempt failed', { export_id: row.id, error: describeError(error) })
        if (job.attempts < EXPORT_ATTEMPTS) throw error
        await finishExport(services, job, row, { failed: 'The export could not be written.' })
        return 'failed'
      }
    },
    async giveUp(services, job, reason) {
      const row = await exportRow(services, job.subjectId)
      if (row?.status === 'pending') await finishExport(services, job, row, { failed: `The export could not be written (${reason}).` })
      else await finishJob(services.db, job.id, 'failed', reason)
    },
  },
}

/** Housekeeping: exports past their time, deleted with their ZIP. */
export async function removeExpiredExports(services: Services): Promise<{ exports_removed: number }> {
  const expired = await queryRows<{ id: string; storage_key: string | null }>(
    services.db,
    sql`select id, storage_key from data_exports where expires_at < now() order by expires_at limit 500`,
  )
  const keys = expired.map((e) => e.storage_key).filter((k): k is string => !!k)
  if (keys.length) await services.files().delete(keys)
  if (expired.length) {
    await services.db.execute(
      sql`delete from data_exports where id in (select (jsonb_array_elements_text(${JSON.stringify(expired.map((e) => e.id))}::jsonb))::uuid)`,
    )
  }
  return { exports_removed: expired.length }
}
