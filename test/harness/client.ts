import { SELF } from 'cloudflare:test'
import { z } from 'zod'
import { expect } from 'vitest'

/** The error envelope of api.md, whatever the status. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
})

type CallOptions = { body?: unknown; token?: string; headers?: Record<string, string> }
/** A client address of its own (crypto-random: a run makes thousands, and the OTP limit is per address). */
const randomAddress = () => {
  const [a, b, c] = crypto.getRandomValues(new Uint8Array(3))
  return `10.${a}.${b}.${(c! % 250) + 1}`
}

/** A client of the API with its own address, so that tests never share a rate-limit bucket. */
export function newClient(ip = randomAddress()) {
  const call = (method: string, path: string, options: CallOptions = {}) => {
    const headers: Record<string, string> = { 'cf-connecting-ip': ip, ...options.headers }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    let body: BodyInit | undefined
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json'
      const raw = typeof options.body === 'string' || options.body instanceof Uint8Array || options.body instanceof ReadableStream
      body = raw ? (options.body as BodyInit) : JSON.stringify(options.body)
    }
    return SELF.fetch(`https://phr.test${path}`, { method, headers, body })
  }
  return {
    ip,
    call,
    get: (path: string, options?: CallOptions) => call('GET', path, options),
    post: (path: string, body?: unknown, options?: CallOptions) => call('POST', path, { ...options, body }),
    put: (path: string, body?: unknown, options?: CallOptions) => call('PUT', path, { ...options, body }),
    patch: (path: string, body?: unknown, options?: CallOptions) => call('PATCH', path, { ...options, body }),
    delete: (path: string, options?: CallOptions) => call('DELETE', path, options),
    /** POSTs a multipart form, as the app sends a file. */
    postForm: async (path: string, form: FormData, options: CallOptions = {}) => {
      const request = new Request('https://phr.test/', { method: 'POST', body: form })
      const headers = { 'content-type': request.headers.get('content-type')!, ...options.headers }
      return call('POST', path, { ...options, headers, body: new Uint8Array(await request.arrayBuffer()) })
    },
  }
}
export type Client = ReturnType<typeof newClient>

export function rand(n: number) {
  return Math.floor(Math.random() * n)
}

/** Asserts the error envelope of api.md (and x-request-id) and returns the error. */
export async function expectError(response: Response, status: number, code: string) {
  const body = await response.json()
  expect(response.status, JSON.stringify(body)).toBe(status)
  const parsed = ErrorEnvelopeSchema.parse(body)
  expect(parsed.error.code).toBe(code)
  expect(response.headers.get('x-request-id')).toBeTruthy()
  return parsed.error
}

/** Parses a successful answer with the route's schema, failing with the body when the status differs. */
export async function expectOk<T extends z.ZodType>(response: Response, status: number, schema: T): Promise<z.infer<T>> {
  const body = await response.json()
  expect(response.status, JSON.stringify(body)).toBe(status)
  return schema.parse(body)
}

/** The field paths a 400 names. */
export function failingPaths(error: { details?: unknown }): string[] {
  return (error.details as { path: string }[]).map((detail) => detail.path)
}
