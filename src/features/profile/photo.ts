import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { documentKind } from '../../core/documents'
import { ApiError } from '../../core/errors'
import { bytesSource, inspectFile } from '../../core/file-inspect'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { PatientSchema } from './schema'
import { profileOf } from './store'

// The profile photo: a png or jpg (by its bytes), at most PROFILE_PHOTO_MAX_BYTES and 4096 pixels a
// side (a phone decoding a 50,000-pixel-wide PNG runs out of memory), stored in R2. The profile's
// `photo` then names GET /v1/me/photo with a version, so that a new photo changes the profile's
// ETag and no cache shows the old one. A replaced or removed photo's file is deleted.

const MAX_SIDE = 4096
const imageContent = {
  'image/png': { schema: { type: 'string', format: 'binary' } },
  'image/jpeg': { schema: { type: 'string', format: 'binary' } },
} as const

export const putPhoto = patientRoute({
  method: 'put',
  path: '/v1/me/photo',
  operationId: 'putMyPhoto',
  tags: ['Profile'],
  summary: 'Set my profile photo (png or jpg, the raw body)',
  description:
    'The type is read from the bytes (415 for anything but png or jpg); over PROFILE_PHOTO_MAX_BYTES (2 MB) 413; damaged, or over 4096 pixels a side, 422. The profile’s `photo` then points at GET /v1/me/photo.',
  request: { body: { required: true, content: imageContent } },
  responses: { 200: jsonResponse(PatientSchema, 'The profile, with its new photo.'), ...errorResponses(413, 415, 422) },
})

export const putPhotoHandler: PatientHandler<typeof putPhoto> = async (c) => {
  const { db, files, config } = c.var.services
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  if (bytes.length === 0) throw new ApiError('unprocessable', 'The photo is empty.')
  const kind = documentKind(bytes)
  if (!kind || kind.contentType === 'application/pdf') throw new ApiError('unsupported_media_type', 'A photo must be png or jpg.')
  const facts = await inspectFile(bytesSource(bytes), kind.contentType)
  if ((facts.width ?? 0) > MAX_SIDE || (facts.height ?? 0) > MAX_SIDE) {
    throw new ApiError('image_too_large', `A photo may be at most ${MAX_SIDE} pixels a side; this one is ${facts.width} × ${facts.height}.`)
  }
  const key = `photos/${crypto.randomUUID()}`
  await files().put(key, bytes, { httpMetadata: { contentType: kind.contentType } })
  const url = `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/v1/me/photo?v=${key.slice(-12)}`
  // One statement: the old key read under a row lock (a concurrent upload waits, then sees ours), the new photo in.
  const [row] = await queryRows<{ old_key: string | null }>(
    db,
    sql`update patients set photo_key = ${key}, photo_type = ${kind.contentType}, photo_url = ${url}, updated_at = now()
        from (select photo_key from patients where id = ${c.var.patientId} for update) old
        where patients.id = ${c.var.patientId}
        returning old.photo_key as old_key`,
  ).catch(async (error: unknown) => {
    await files()
      .delete(key)
      .catch(() => {})
    throw error
  })
  if (!row) {
    await files().delete(key)
    throw new ApiError('not_found', 'This account no longer exists.')
  }
  if (row.old_key) await files().delete(row.old_key)
  return c.json(await profileOf(db, c.var.patientId), 200)
}

export const getPhoto = patientRoute({
  method: 'get',
  path: '/v1/me/photo',
  operationId: 'getMyPhoto',
  tags: ['Profile'],
  summary: 'My profile photo',
  responses: { 200: { description: 'The photo.', content: imageContent }, ...errorResponses(404) },
})

export const getPhotoHandler: PatientHandler<typeof getPhoto> = async (c) => {
  const { db, files } = c.var.services
  const [row] = await queryRows<{ photo_key: string | null; photo_type: string | null }>(
    db,
    sql`select photo_key, photo_type from patients where id = ${c.var.patientId}`,
  )
  if (!row?.photo_key) throw new ApiError('not_found', 'No photo.')
  const object = await files().get(row.photo_key)
  if (!object) throw new ApiError('not_found', 'No photo.')
  return new Response(object.body, {
    headers: { 'content-type': row.photo_type!, 'content-length': String(object.size), etag: object.httpEtag },
  }) as never
}

export const deletePhoto = patientRoute({
  method: 'delete',
  path: '/v1/me/photo',
  operationId: 'deleteMyPhoto',
  tags: ['Profile'],
  summary: 'Remove my profile photo',
  responses: { 204: { description: 'Removed (also when there was none).' }, ...errorResponses(404) },
})

export const deletePhotoHandler: PatientHandler<typeof deletePhoto> = async (c) => {
  const { db, files } = c.var.services
  const [row] = await queryRows<{ old_key: string | null }>(
    db,
    sql`update patients set photo_key = null, photo_type = null,
          photo_url = case when patients.photo_key is not null then null else photo_url end, updated_at = now()
        from (select photo_key from patients where id = ${c.var.patientId} for update) old
        where patients.id = ${c.var.patientId}
        returning old.photo_key as old_key`,
  )
  if (!row) throw new ApiError('not_found', 'This account no longer exists.')
  if (row.old_key) await files().delete(row.old_key)
  return c.body(null, 204)
}
