import { z } from '@hono/zod-openapi'
import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm'
import { documentFileContent, fileResponse } from '../../core/documents'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, publicRoute, type PatientHandler, type PublicHandler } from '../../core/routes'
import { issueToken, verifyToken } from '../../core/tokens'
import type { Services } from '../../core/types'
import { authSessions, dataExports, records } from '../../db/schema'
import { ownRecord } from './routes'
import { RecordParams } from './schema'

// File links: a URL that opens one record's file without the bearer header, for the phone's PDF
// viewer or share sheet. It is a short-lived token (FILE_LINK_SECONDS) signed like the app's, of
// type `file`, naming the patient, the session that made it and the record. Every open checks that
// the record is still the patient's and the session still live: deleting the record or logging
// out (or being logged out everywhere) kills its links at once. The token never reaches the logs.

export const FileLinkSchema = z
  .object({
    url: z.string().url().openapi({ example: 'https://api.phr-edge.example/files/eyJhbGciOiJIUzI1NiJ9.eyJ0eXAiOiJmaWxlIn0.c2lnbmF0dXJl' }),
    expires_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T09:35:00.000Z' }),
  })
  .openapi('FileLink')

export const createRecordLink = patientRoute({
  method: 'post',
  path: '/v1/records/{id}/link',
  operationId: 'createRecordLink',
  tags: ['Records'],
  summary: 'A link that opens the file of one of my records without the bearer header, for a few minutes',
  description:
    'For the phone’s PDF viewer or share sheet, which cannot send the token. Anyone holding the link can open the file until `expires_at` (`FILE_LINK_SECONDS`, 5 minutes): share it only with what should see the file. Deleting the record or logging out of this session ends it at once.',
  request: { params: RecordParams },
  responses: { 200: jsonResponse(FileLinkSchema, 'The link.'), ...errorResponses(404) },
})

export const createRecordLinkHandler: PatientHandler<typeof createRecordLink> = async (c) => {
  const { db, config } = c.var.services
  const record = await ownRecord(db, c.var.patientId, c.req.valid('param').id)
  const issuedAt = new Date()
  const token = await issueToken(
    config,
    { sub: c.var.patientId, sid: c.var.sessionId, jti: record.id, typ: 'file' },
    config.FILE_LINK_SECONDS,
    issuedAt,
  )
  const expiresAt = new Date(Math.floor(issuedAt.getTime() / 1000) * 1000 + config.FILE_LINK_SECONDS * 1000)
  return c.json({ url: `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/files/${token}`, expires_at: expiresAt.toISOString() }, 200)
}

export const openFileLink = publicRoute({
  method: 'get',
  path: '/files/{token}',
  operationId: 'openFileLink',
  tags: ['Records'],
  summary: 'Open a file link (no bearer header: the link is the credential)',
  request: {
    params: z.object({
      token: z
        .string()
        .max(2048)
        .openapi({ param: { name: 'token', in: 'path' }, example: 'eyJhbGciOiJIUzI1NiJ9.eyJ0eXAiOiJmaWxlIn0.c2lnbmF0dXJl' }),
    }),
  },
  responses: {
    200: {
      description: 'The file, shown in place (Content-Disposition: inline, named after the record); a data export’s ZIP as an attachment.',
      content: { ...documentFileContent, 'application/zip': { schema: { type: 'string', format: 'binary' } } },
    },
    ...errorResponses(401, 404),
  },
})

export const openFileLinkHandler: PublicHandler<typeof openFileLink> = async (c) => {
  const services = c.var.services
  const claims = await verifyToken(services.config, c.req.valid('param').token, 'file')
  const live = and(eq(authSessions.id, claims.sid), eq(authSessions.patientId, claims.sub), isNull(authSessions.revokedAt))
  if (claims.jti.startsWith('export:')) return (await openExport(c.var.services, claims.jti.slice(7), claims.sub, live)) as never
  // One read: the record, while it is still the patient's and the session that made the link is live.
  const [found] = await services.db
    .select({ record: records })
    .from(records)
    .innerJoin(authSessions, live)
    .where(and(eq(records.id, claims.jti), eq(records.patientId, claims.sub)))
  if (!found) throw new ApiError('not_found', 'This link no longer opens anything: ask the app for a new one.')
  const response = await fileResponse(services, found.record, 'inline')
  // A link's file is the patient's: no shared cache keeps it, and the page it is opened from learns nothing.
  response.headers.set('cache-control', 'private, no-store')
  response.headers.set('referrer-policy', 'no-referrer')
  return response as never
}

/** A data export's ZIP (a link of POST /v1/me/export), while it is ready and the session that made the link is live. */
async function openExport(services: Services, id: string, patientId: string, live: SQL | undefined): Promise<Response> {
  const [found] = await services.db
    .select({ key: dataExports.storageKey, createdAt: dataExports.createdAt })
    .from(dataExports)
    .innerJoin(authSessions, live)
    .where(
      and(
        eq(dataExports.id, id),
        eq(dataExports.patientId, patientId),
        eq(dataExports.status, 'ready'),
        gt(dataExports.expiresAt, sql`now()`),
      ),
    )
  const object = found?.key ? await services.files().get(found.key) : null
  if (!found || !object) throw new ApiError('not_found', 'This link no longer opens anything: ask the app for a new one.')
  return new Response(object.body, {
    headers: {
      'content-type': 'application/zip',
      'content-length': String(object.size),
      'content-disposition': `attachment; filename="phr-edge-export-${found.createdAt.toISOString().slice(0, 10)}.zip"`,
      'cache-control': 'private, no-store',
      'referrer-policy': 'no-referrer',
    },
  })
}
