import { z } from 'zod'
import { ApiError } from './errors'

/**
 * Calls an external service (SMS gateway, email API, ABDM, HMIS, Gemini) with a timeout, and turns
 * every way it can fail into the API's 502/503/504. The upstream's own error text is logged by the
 * caller, never passed to our client: it may name internals.
 */
export async function callUpstream(service: string, url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  let response: Response
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
    throw new ApiError(
      timedOut ? 'upstream_timeout' : 'upstream_unavailable',
      timedOut ? `${service} did not answer in time.` : `${service} is not reachable.`,
      { details: { service }, cause: error, headers: timedOut ? {} : { 'Retry-After': '5' } },
    )
  }
  // Unavailable or rate-limiting us: a 503 the client may retry, after the upstream's own Retry-After when it gives one.
  if (response.status === 503 || response.status === 429) {
    await response.body?.cancel()
    const wait = Number(response.headers.get('retry-after'))
    throw new ApiError('upstream_unavailable', `${service} is unavailable.`, {
      details: { service, status: response.status },
      headers: { 'Retry-After': String(Number.isInteger(wait) && wait > 0 && wait <= 300 ? wait : 5) },
    })
  }
  if (response.status >= 500) await rejectUpstream(service, response)
  return response
}

/** Drops an upstream's unwanted answer (its text may name internals) and fails with 502. */
export async function rejectUpstream(
  service: string,
  response: Response,
  message = `${service} failed (status ${response.status}).`,
  details: Record<string, unknown> = {},
): Promise<never> {
  await response.body?.cancel()
  throw new ApiError('upstream_error', message, { details: { service, ...details } })
}

/** The most of an upstream's answer we read: a hospital's whole doctor list with a week of slots is under 2 MB. */
export const UPSTREAM_MAX_BYTES = 8 * 1024 * 1024

/**
 * An upstream's answer as text, read up to `maxBytes` (by Content-Length before reading, otherwise
 * counted as it streams, the rest cancelled): a service answering gigabytes cannot fill the isolate.
 */
export async function readUpstreamText(service: string, response: Response, maxBytes = UPSTREAM_MAX_BYTES): Promise<string> {
  const tooLarge = () =>
    new ApiError('upstream_error', `${service} answered with more than ${Math.round(maxBytes / 1024)} KB.`, { details: { service } })
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel()
    throw tooLarge()
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge()
    }
    text += decoder.decode(value, { stream: true })
  }
  return text + decoder.decode()
}

/** Parses an upstream's JSON with zod: its answers are untrusted input like any other. */
export async function readUpstreamJson<T extends z.ZodTypeAny>(service: string, response: Response, schema: T): Promise<z.infer<T>> {
  const text = await readUpstreamText(service, response)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ApiError('upstream_error', `${service} answered with something that is not JSON.`, { details: { service } })
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    throw new ApiError('upstream_error', `${service} answered in an unexpected shape.`, {
      details: { service, issues: parsed.error.issues.map((issue) => issue.path.join('.')) },
    })
  }
  return parsed.data
}

/**
 * callUpstream for idempotent calls (reads, and writes keyed by our own id): an answer that never
 * came (unreachable) or a 5xx is tried once more. A timeout is not: the caller's budget is spent.
 * With a `deadline` (epoch ms), each try is cut short to it and none starts after it (504).
 */
export async function callIdempotent(
  service: string,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  deadline?: number,
): Promise<Response> {
  const timeLeft = () => {
    const left = deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - Date.now())
    if (left <= 0) throw new ApiError('upstream_timeout', `${service}: no time left for this call.`, { details: { service } })
    return left
  }
  try {
    return await callUpstream(service, url, init, timeLeft())
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'upstream_error' || error.code === 'upstream_unavailable')) {
      return callUpstream(service, url, init, timeLeft())
    }
    throw error
  }
}
