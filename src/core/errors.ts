import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Every error code the API can answer with, mapped to its status in this one place. */
export const errorStatus = {
  validation_failed: 400,
  malformed_body: 400,
  invalid_pattern: 400,
  otp_invalid: 400,
  unauthorized: 401,
  token_expired: 401,
  signature_invalid: 401,
  timestamp_out_of_range: 401,
  signature_replayed: 401,
  hospital_unknown: 401,
  management_ended: 401,
  forbidden: 403,
  profile_access_denied: 403,
  not_found: 404,
  challenge_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  profile_not_shared: 409,
  slot_unavailable: 409,
  appointment_conflict: 409,
  invalid_transition: 409,
  video_not_available: 409,
  request_in_flight: 409,
  otp_expired: 409,
  otp_attempts_exceeded: 409,
  otp_already_used: 409,
  abdm_login_required: 409,
  cursor_expired: 410,
  length_required: 411,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  upgrade_required: 426,
  idempotency_key_reused: 422,
  invalid_qr: 422,
  qr_not_found: 422,
  unknown_hospital: 422,
  image_too_large: 422,
  no_symptom_detected: 422,
  rate_limited: 429,
  internal_error: 500,
  config_invalid: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof errorStatus

/** Why a hospital's signed call was refused (its 401s; a patient's 401s are the other two). */
export const hospitalAuthCodes = ['signature_invalid', 'timestamp_out_of_range', 'signature_replayed', 'hospital_unknown'] as const

/** The codes one status can carry, for the OpenAPI enum of that status's error body (a 401: a patient's). */
export function codesOf(status: number): ErrorCode[] {
  return (Object.keys(errorStatus) as ErrorCode[]).filter(
    (code) => errorStatus[code] === status && !(hospitalAuthCodes as readonly string[]).includes(code),
  )
}

/** One failing field of a 400: where it was sent, its dotted path, why, and zod's issue code. */
export type FieldIssue = { location: 'json' | 'query' | 'param' | 'header' | 'form'; path: string; message: string; code: string }

export class ApiError extends HTTPException {
  readonly code: ErrorCode
  readonly details: unknown
  readonly headers: Record<string, string>

  constructor(code: ErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(errorStatus[code], { message, cause: options.cause })
    this.code = code
    this.details = options.details
    this.headers = options.headers ?? {}
  }
}

/** The one way to build a 400 `validation_failed`: every failing field in the same shape. */
export function invalidRequest(issues: FieldIssue[]): ApiError {
  return new ApiError('validation_failed', 'The request is not valid.', { details: issues })
}

/** A single failing field, for checks that zod cannot make (they need the database, or decoding). */
export function invalidField(location: FieldIssue['location'], path: string, message: string, code = 'custom'): ApiError {
  return invalidRequest([{ location, path, message, code }])
}

/** Maps a status that did not come from an ApiError (framework errors) to a code. */
export function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(errorStatus) as [ErrorCode, number][]).find(([, s]) => s === status)
  return found ? found[0] : status >= 500 ? 'internal_error' : 'validation_failed'
}
