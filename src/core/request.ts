import type { Context } from 'hono'

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/

/** Reuses a caller's x-request-id when it is sane (so traces join up), otherwise makes one. */
export function requestIdFor(incoming: string | undefined): string {
  return incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID()
}

/** The client's address as Cloudflare saw it; `unknown` only outside Cloudflare's edge. */
export function clientIp(c: Context): string {
  return c.req.header('cf-connecting-ip') ?? 'unknown'
}

/** Who opens a session, as it records them: the app's user agent (cut short) and address. */
export function sessionClient(c: Context): { userAgent: string | null; clientIp: string } {
  return { userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null, clientIp: clientIp(c) }
}
