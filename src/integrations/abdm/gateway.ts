import { z } from 'zod'
import type { Logger } from '../../core/logger'
import { callUpstream, readUpstreamJson, readUpstreamText, rejectUpstream } from '../../core/upstream'

export type AbdmOptions = {
  abhaBaseUrl: string
  gatewayBaseUrl: string
  clientId: string
  clientSecret: string
  cmId: string
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
