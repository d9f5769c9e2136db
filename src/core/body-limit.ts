import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from './types'
import { ApiError } from './errors'

function tooLarge(maxBytes: number) {
  return new ApiError('payload_too_large', `The body is larger than ${Math.round(maxBytes / 1024)} KB.`, {
    details: { limit_bytes: maxBytes },
  })
}

/**
 * Refuses a body over `maxBytes` before it is parsed: by Content-Length without reading anything,
 * and a chunked body (no length) by counting while reading, cancelling the rest of the stream as
 * soon as it passes the limit. What passes is handed on as a buffered body.
 */
export const limitBody = (limitFor: (c: Context<AppEnv>) => number) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const maxBytes = limitFor(c)
    const body = c.req.raw.body
    if (!body) return next()
    const declared = c.req.header('content-length')
    if (declared !== undefined && !c.req.header('transfer-encoding')) {
      if (Number(declared) > maxBytes) throw tooLarge(maxBytes)
      return next()
    }
    const reader = body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) {
        await reader.cancel().catch(() => {})
        throw tooLarge(maxBytes)
      }
      chunks.push(value)
    }
    const buffered = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      buffered.set(chunk, offset)
      offset += chunk.byteLength
    }
    c.req.raw = new Request(c.req.raw, { body: buffered })
    await next()
  })
