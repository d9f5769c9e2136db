import { z } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Every error code the API can answer with, mapped to its status in this one place. */
export const errorStatus = {
  validation_failed: 400,
  malformed_body: 400,
  otp_invalid: 400,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  challenge_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  otp_expired: 409,
  otp_attempts_exceeded: 409,
  otp_already_used: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  config_invalid: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof errorStatus

export class ApiError extends HTTPException {
  readonly code: ErrorCode
  readonly details: unknown
  readonly headers: Record<string, string>

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: unknown; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(errorStatus[code], { message, cause: options.cause })
    this.code = code
    this.details = options.details
    this.headers = options.headers ?? {}
  }
}

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string().openapi({ example: 'The request is not valid.' }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error')

export type ErrorBody = z.infer<typeof ErrorBodySchema>

const descriptions: Record<number, string> = {
  400: 'The request is malformed or fails validation; `details` lists the failing fields.',
  401: 'Missing, malformed, forged or expired bearer token.',
  403: 'The resource belongs to someone else.',
  404: 'No such resource.',
  409: 'Conflict, or the resource is in the wrong state for this call.',
  413: 'The body is too large.',
  415: 'Wrong content or file type.',
  422: 'Well-formed but impossible.',
  429: 'Rate limited; retry after the number of seconds in `Retry-After`.',
  500: 'Unexpected error; `details.request_id` identifies it in our logs.',
  502: 'An upstream service (HMIS, SMS, email, ABDM, Gemini) answered with an error.',
  503: 'An upstream service is not available or not configured.',
  504: 'An upstream service did not answer in time.',
}

/** The shared error responses, spread into every route so that /docs shows them. */
export function errorResponses(...statuses: (keyof typeof descriptions)[]) {
  const all = [...new Set([...statuses, 500])]
  return Object.fromEntries(
    all.map((status) => [
      status,
      {
        description: descriptions[status] ?? 'Error',
        content: { 'application/json': { schema: ErrorBodySchema } },
      },
    ]),
  ) as Record<number, { description: string; content: { 'application/json': { schema: typeof ErrorBodySchema } } }>
}

/** Maps a status that did not come from an ApiError (framework errors) to a code. */
export function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(errorStatus) as [ErrorCode, number][]).find(([, s]) => s === status)
  return found ? found[0] : status >= 500 ? 'internal_error' : 'validation_failed'
}
