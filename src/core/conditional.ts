import { z } from '@hono/zod-openapi'
import { sql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { createMiddleware } from 'hono/factory'
import { base64url } from './crypto'
import { ApiError } from './errors'
import type { PatientEnv } from './types'

// Conditional requests for an app that caches what it read: every JSON answer of a patient's GET
// (and of a PATCH or PUT: the resource as it now is) carries a strong ETag (a digest of the body, so
// equal bodies have equal tags whatever made them), and `If-None-Match` with it answers 304 and no
// body. The body is still built (one read of the database): what is saved is the bytes over a slow
// mobile network, not the query. Writes that replace what the app shows (profile, a medicine, the
// routine) take `If-Match`: a tag that is no longer current is 412, and the write is guarded by the
// row's version (its xmin) so that a change between the check and the write is a 412 too, never a
// lost update.

/** Whether an If-None-Match header names this tag (a list, `*`, and weak tags compare weakly, RFC 9110 §13.1.2). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag))
}

/** The ETag of a body: 144 bits of its SHA-256, base64url. */
export async function etagOf(body: ArrayBuffer): Promise<string> {
  return `"${base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', body)).slice(0, 18))}"`
}

/** For a patient's routes (patientRoute adds it): ETag on a 200 JSON answer of a GET, PATCH or PUT; 304 for a GET whose caller has it. */
export const conditionalGet = createMiddleware<PatientEnv>(async (c, next) => {
  await next()
  const method = c.req.method
  if (!['GET', 'PATCH', 'PUT'].includes(method) || c.res.status !== 200) return
  if (!/^application\/json/i.test(c.res.headers.get('content-type') ?? '')) return
  const etag = await etagOf(await c.res.clone().arrayBuffer())
  if (method === 'GET' && noneMatch(c.req.header('if-none-match'), etag)) {
    c.res = undefined
    c.res = new Response(null, { status: 304, headers: { ETag: etag } })
    return
  }
  c.header('ETag', etag)
})

/** The `If-Match` request header of the writes that take it. */
export const ifMatchHeader = z.object({
  'if-match': z.string().max(1000).optional().openapi({
    description:
      'The ETag of the resource as you last read it: if it has changed since, the write is refused with 412 instead of undoing the other change.',
    example: '"q3dU0Xk2n9m3bFz7rW1yTQ8c"',
  }),
})

/**
 * If-Match on a write (RFC 9110 §13.1.1, strong comparison: a weak tag never matches; `*` matches
 * any current representation): `current` is the resource as its GET answers it now. Throws 412
 * when the caller's tag is not its ETag; answers whether a tag was sent, i.e. whether the write
 * must also be guarded against a change since `current` was read (rowVersion).
 */
export async function ifMatch(header: string | undefined, current: unknown): Promise<boolean> {
  if (header === undefined) return false
  const tags = header.split(',').map((tag) => tag.trim())
  if (tags.includes('*')) return true
  const etag = await etagOf(new TextEncoder().encode(JSON.stringify(current)).buffer as ArrayBuffer)
  if (!tags.includes(etag)) throw changedSince()
  return true
}

/** 412: the resource is not as the caller last read it. */
export const changedSince = () =>
  new ApiError('precondition_failed', 'This changed since you read it (If-Match names an older version): read it again, then write.')

/** A row's version, read with it: the transaction that wrote it (xmin), which any later write changes. */
export const rowVersion = (table: PgTable) => sql<string>`${table}.xmin::text`

/** The guard of a write made under If-Match: the row is still the version that was read. */
export const sameVersion = (table: PgTable, version: string): SQL => sql`${table}.xmin = ${version}::xid`
