import { createMiddleware } from 'hono/factory'
import { base64url } from './crypto'
import type { PatientEnv } from './types'

// Conditional GETs for an app that caches what it read: every JSON answer of a patient's GET carries
// a strong ETag (a digest of the body, so equal bodies have equal tags whatever made them), and
// `If-None-Match` with it answers 304 and no body. The body is still built (one read of the
// database): what is saved is the bytes over a slow mobile network, not the query.

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

/** For a patient's GET routes (patientRoute adds it): ETag on a 200 JSON answer, 304 when the caller has it. */
export const conditionalGet = createMiddleware<PatientEnv>(async (c, next) => {
  await next()
  if (c.req.method !== 'GET' || c.res.status !== 200 || !/^application\/json/i.test(c.res.headers.get('content-type') ?? '')) return
  const etag = await etagOf(await c.res.clone().arrayBuffer())
  if (noneMatch(c.req.header('if-none-match'), etag)) {
    c.res = undefined
    c.res = new Response(null, { status: 304, headers: { ETag: etag } })
    return
  }
  c.header('ETag', etag)
})
