import { z } from 'zod'
import type { Logger } from '../../core/logger'
import { callUpstream, readUpstreamJson, readUpstreamText, rejectUpstream } from '../../core/upstream'

export type AbdmOptions = {
  abhaBaseUrl: string
  gatewayBaseUrl: string
  clientId: string
  clientSecret: string
  cmId: string
  /** Our id as an HIU on ABDM (X-HIU-ID of linking calls). */
  hiuId: string
  /** ABDM's health facility registry (HFR), for the facility search. */
  facilityBaseUrl: string
  timeoutMs: number
  log: Logger
}

export const SERVICE = 'ABDM'
const CACHE_PREFIX = 'https://phr-edge.internal/abdm'

const SessionAnswer = z.object({ accessToken: z.string().min(1), expiresIn: z.coerce.number().positive().default(600) })

/** The edge cache (per data centre) keeps the gateway session and the certificates between requests. */
export function edgeCache(key: string) {
  const cache = typeof caches === 'undefined' ? undefined : caches.default
  const request = new Request(`${CACHE_PREFIX}/${key}`)
  return {
    async get<T>(load: () => Promise<{ value: T; ttlSeconds: number }>): Promise<T> {
      const hit = await cache?.match(request)
      if (hit) return (await hit.json()) as T
      const { value, ttlSeconds } = await load()
      await cache?.put(
        request,
        new Response(JSON.stringify(value), { headers: { 'cache-control': `max-age=${Math.max(1, Math.floor(ttlSeconds))}` } }),
      )
      return value
    },
    async evict() {
      await cache?.delete(request)
    },
  }
}

/** ABDM's error code (`ABDM-1204`…): its errors come as `{code}`, `[{code}]` or `{error: {code}}`. */
export async function abdmErrorCode(response: Response): Promise<string | undefined> {
  try {
    const body = JSON.parse(await readUpstreamText(SERVICE, response.clone(), 64 * 1024)) as unknown
    const first = (Array.isArray(body) ? body[0] : body) as { code?: unknown; error?: { code?: unknown } } | undefined
    const code = first?.code ?? first?.error?.code
    return typeof code === 'string' ? code : undefined
  } catch {
    return undefined
  }
}

/**
 * ABDM's gateway: the headers every call carries (a fresh REQUEST-ID, TIMESTAMP in UTC with
 * milliseconds, X-CM-ID) and the gateway session (client credentials), cached at the edge until a
 * minute before it expires.
 */
export function abdmGateway(options: AbdmOptions) {
  const headers = (extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    accept: 'application/json',
    'REQUEST-ID': crypto.randomUUID(),
    TIMESTAMP: new Date().toISOString(),
    'X-CM-ID': options.cmId,
    ...extra,
  })

  const session = edgeCache(`session/${encodeURIComponent(options.clientId)}`)
  const sessionToken = () =>
    session.get(async () => {
      const response = await callUpstream(
        SERVICE,
        `${options.gatewayBaseUrl}/api/hiecm/gateway/v3/sessions`,
        {
          method: 'POST',
          headers: headers(),
          body: JSON.stringify({ clientId: options.clientId, clientSecret: options.clientSecret, grantType: 'client_credentials' }),
        },
        options.timeoutMs,
      )
      if (!response.ok) {
        options.log.log('error', 'ABDM refused our client credentials', { status: response.status })
        await rejectUpstream(SERVICE, response, 'ABDM refused our credentials.')
      }
      const answer = await readUpstreamJson(SERVICE, response, SessionAnswer)
      return { value: answer.accessToken, ttlSeconds: answer.expiresIn - 60 }
    })

  /**
   * A call with the gateway session. A 401 means ABDM no longer accepts the cached session (it was
   * revoked, or ABDM restarted): evict it and try once more with a new one. A 401 that a new session
   * does not cure is the caller's (a refused user token).
   */
  async function withSession(call: (token: string) => Promise<Response>): Promise<Response> {
    const response = await call(await sessionToken())
    if (response.status !== 401) return response
    await response.body?.cancel()
    options.log.log('error', 'ABDM refused our cached gateway session; renewing it', { status: 401 })
    await session.evict()
    return call(await sessionToken())
  }

  return { headers, withSession }
}

const Jwks = z.object({
  keys: z
    .array(
      z
        .object({ kid: z.string().max(256).optional(), kty: z.literal('RSA'), n: z.string(), e: z.string(), alg: z.string().optional() })
        .passthrough(),
    )
    .max(20),
})
const b64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))

/**
 * The gateway's callbacks carry its RS256 JWT as `Authorization: Bearer …`: verified against the
 * keys of its certs endpoint (JWKS, cached at the edge for an hour; fetched again for a key id it
 * does not list, as after a rotation, but at most every five minutes: forged key ids cannot make us
 * fetch per request), and refused once expired.
 */
export function gatewayTokenVerifier(options: AbdmOptions) {
  const certs = edgeCache('certs/gateway')
  const load = async () => {
    const response = await callUpstream(SERVICE, `${options.gatewayBaseUrl}/api/hiecm/gateway/v3/certs`, {}, options.timeoutMs)
    if (!response.ok) await rejectUpstream(SERVICE, response, 'ABDM did not give its gateway certificates.')
    return { value: { keys: (await readUpstreamJson(SERVICE, response, Jwks)).keys, fetchedAt: Date.now() }, ttlSeconds: 3600 }
  }
  return async (authorization: string | undefined): Promise<boolean> => {
    const token = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '')
    if (!token) return false
    const [, head, body, signature] = token as unknown as [string, string, string, string]
    let header: { alg?: string; kid?: string }
    let claims: { exp?: number }
    try {
      header = JSON.parse(new TextDecoder().decode(b64url(head)))
      claims = JSON.parse(new TextDecoder().decode(b64url(body)))
    } catch {
      return false
    }
    if (header.alg !== 'RS256' || typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return false
    const cached = await certs.get(load)
    let keys = cached.keys
    if (!keys.some((key) => key.kid === header.kid) && Date.now() - cached.fetchedAt > 5 * 60_000) {
      await certs.evict()
      keys = (await certs.get(load)).keys
    }
    const jwk = keys.find((key) => key.kid === header.kid) ?? (header.kid === undefined && keys.length === 1 ? keys[0] : undefined)
    if (!jwk) return false
    try {
      const key = await crypto.subtle.importKey(
        'jwk',
        { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RS256', ext: true },
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        false,
        ['verify'],
      )
      return await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, b64url(signature), new TextEncoder().encode(`${head}.${body}`))
    } catch (error) {
      options.log.log('error', 'ABDM gateway key or signature unreadable', { error: String(error) })
      return false
    }
  }
}
