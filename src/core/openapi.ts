import { z, type OpenAPIHono } from '@hono/zod-openapi'
import { codesOf, hospitalAuthCodes, type ErrorCode } from './errors'
import type { AppEnv } from './types'

/** A JSON response of a route, for the route's `responses`. */
export const jsonResponse = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } })

/** A required JSON request body, for the route's `request.body`. */
export const jsonBody = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } })

/**
 * A regular-expression check whose OpenAPI `pattern` is the expression's source: the generator
 * would print `regex.toString()`, flags and slashes included, which no JSON Schema validator reads.
 */
export const matching = (regex: RegExp, message: string) => z.string().regex(regex, message).openapi({ pattern: regex.source })

/**
 * The file part of a multipart form, for the document: required (a `z.any()` would be optional),
 * a binary string. The handler reads and checks the file itself.
 */
export const fileField = (description: string) =>
  z.custom<File>((value) => value instanceof File, 'must be a file').openapi({ type: 'string', format: 'binary', description })

/**
 * A nullable use of a registered component: `anyOf [$ref, null]`. (`.nullable()` on a registered
 * schema makes the generator either drop the null or emit an `allOf` that clients type as never-null.)
 */
/** The optional body of every patient's cancel (an appointment, an order, a booking): why, in their words. */
export const CancelRequestSchema = z
  .object({ reason: z.string().trim().max(500).nullable().optional().openapi({ example: 'Feeling better' }) })
  .strict()
  .openapi('CancelRequest')

export const nullableRef = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()])

const FieldIssueSchema = z
  .object({
    location: z.enum(['json', 'query', 'param', 'header', 'form']).openapi({ example: 'json' }),
    path: z.string().openapi({ description: 'Dotted path of the field; empty for the whole body.', example: 'address.pincode' }),
    message: z.string().openapi({ example: 'must be a 6-digit Indian PIN code' }),
    code: z.string().openapi({ description: 'The kind of failure (zod issue code, or `custom`).', example: 'invalid_format' }),
  })
  .openapi('FieldIssue')

const ErrorDetailsSchema = z.union([z.array(FieldIssueSchema), z.record(z.string(), z.unknown())]).openapi('ErrorDetails', {
  description:
    'For 400 `validation_failed`: the failing fields. Otherwise an object whose keys depend on the code (`retry_after_seconds`, `request_id`, `service`, …).',
})

/** The error envelope of api.md, as a schema: `code` is one of these codes (by default, those of that status). */
function errorBodySchema(status: number, name: string, codes = codesOf(status) as [string, ...string[]]) {
  return z
    .object({
      error: z.object({
        code: z.enum(codes).openapi({ example: codes[0] }),
        message: z.string().openapi({ example: 'The request is not valid.' }),
        details: ErrorDetailsSchema.optional(),
      }),
    })
    .openapi(`${name}Error`)
}

const errorKinds = {
  400: ['BadRequest', 'The request is malformed or fails validation; `details` lists the failing fields.'],
  401: [
    'Unauthorized',
    'Missing, malformed, forged or expired bearer token (`token_expired`: refresh it; `management_ended`: a profile you managed, switch back to yours).',
  ],
  403: ['Forbidden', 'Not allowed for this caller.'],
  404: ['NotFound', 'No such resource (or it belongs to someone else).'],
  405: ['MethodNotAllowed', 'The path exists but not with this method; `Allow` lists the methods.'],
  409: ['Conflict', 'Conflict, or the resource is in the wrong state for this call.'],
  410: ['Gone', 'What the request names is no longer kept (an expired change-feed cursor: load the lists again).'],
  412: ['PreconditionFailed', 'The resource changed since the `ETag` sent in `If-Match`: read it again, then write.'],
  413: ['PayloadTooLarge', 'The body is larger than this route accepts.'],
  411: ['LengthRequired', 'Send the body with a Content-Length.'],
  415: ['UnsupportedMediaType', 'Wrong content type or file type.'],
  422: ['Unprocessable', 'Well-formed but impossible.'],
  426: ['UpgradeRequired', 'This path is a WebSocket: send `Upgrade: websocket`.'],
  429: ['TooManyRequests', 'Rate limited; retry after the number of seconds in `Retry-After`.'],
  500: ['InternalError', 'Unexpected error or misconfiguration; `details.request_id` identifies it in our logs.'],
  502: ['BadGateway', 'An upstream service (HMIS, SMS, email, ABDM, Gemini) answered with an error.'],
  503: ['ServiceUnavailable', 'An upstream service or the database is unavailable or busy; `Retry-After` when it may pass.'],
  504: ['GatewayTimeout', 'An upstream service did not answer in time.'],
} as const

export type ErrorResponseStatus = keyof typeof errorKinds

/**
 * The shared error responses of a route (`components.responses`). 500 and 503 are always included:
 * any route may meet the database (or file storage) unavailable, and answers 503 + Retry-After.
 */
export function errorResponses(...statuses: ErrorResponseStatus[]) {
  const all = [...new Set<ErrorResponseStatus>([...statuses, 500, 503])].sort()
  return Object.fromEntries(all.map((status) => [status, { $ref: `#/components/responses/${errorKinds[status][0]}` }])) as Record<
    number,
    { $ref: string }
  >
}

/** The response of every error status under components, with its schema and headers. */
export function registerErrorComponents(app: OpenAPIHono<AppEnv>) {
  const registry = app.openAPIRegistry
  registry.registerComponent('headers', 'XRequestId', {
    description: 'Identifies this request in our logs; a sane `x-request-id` sent by the caller is echoed.',
    schema: { type: 'string', example: '5f0c4a3e-8d1b-4c1e-9a57-2d6f3b8e0c11' },
  })
  registry.registerComponent('headers', 'RetryAfter', {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 1, example: 30 },
  })
  for (const [status, [name, description]] of Object.entries(errorKinds)) {
    const schema = errorBodySchema(Number(status), name)
    registry.register(`${name}Error`, schema)
    const retry = status === '429' || status === '503'
    registry.registerComponent('responses', name, {
      description,
      headers: {
        'x-request-id': { $ref: '#/components/headers/XRequestId' },
        ...(retry ? { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } : {}),
      },
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}Error` } } },
    })
  }
  for (const [status, codes] of Object.entries(hospitalCodes)) {
    const [name, description] = errorKinds[Number(status) as ErrorResponseStatus]
    registry.register(`Hospital${name}Error`, errorBodySchema(Number(status), `Hospital${name}`, codes))
    registry.registerComponent('responses', `Hospital${name}`, {
      description,
      headers: { 'x-request-id': { $ref: '#/components/headers/XRequestId' } },
      content: { 'application/json': { schema: { $ref: `#/components/schemas/Hospital${name}Error` } } },
    })
  }
  // A hospital's signed call refused: its own codes (docs/hmis-integration.md, "Signing").
  registry.register('HospitalUnauthorizedError', errorBodySchema(401, 'HospitalUnauthorized', [...hospitalAuthCodes]))
  registry.registerComponent('responses', 'HospitalUnauthorized', {
    description:
      'The signature was refused. `signature_invalid`: a header missing or malformed, or the HMAC does not match (`details.secret_expired_at` when it was made with a replaced secret past its end); `timestamp_out_of_range`: `X-PHR-Timestamp` is more than the tolerance from our clock (`details.server_time`); `signature_replayed`: this signed write was received before (sign a retry anew); `hospital_unknown`: no active hospital has this HFR id here.',
    headers: {
      'x-request-id': { $ref: '#/components/headers/XRequestId' },
      'WWW-Authenticate': { description: '`PHR-Signature`', schema: { type: 'string', example: 'PHR-Signature' } },
    },
    content: { 'application/json': { schema: { $ref: '#/components/schemas/HospitalUnauthorizedError' } } },
  })
}

/** The 401 of a hospital's signed routes (hmisRoute). */
export const hospitalUnauthorized = { 401: { $ref: '#/components/responses/HospitalUnauthorized' } }

/**
 * The codes a hospital's route can answer per status: narrower than a patient's (no OTP or booking
 * codes), so that a vendor's generated client and the guide list only what can happen.
 */
const hospitalCodes: Partial<Record<ErrorResponseStatus, [ErrorCode, ...ErrorCode[]]>> = {
  400: ['validation_failed', 'malformed_body'],
  403: ['forbidden'],
  404: ['not_found'],
  409: ['invalid_transition', 'conflict'],
  422: ['unprocessable'],
}

/** A hospital route's responses: the shared error responses swapped for their hospital variants. */
export function forHospital<T extends Record<number, unknown>>(responses: T): T {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => [
      status,
      Number(status) in hospitalCodes
        ? { $ref: `#/components/responses/Hospital${errorKinds[Number(status) as ErrorResponseStatus][0]}` }
        : response,
    ]),
  ) as T
}

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>
type Operation = { responses?: Record<string, { $ref?: string; headers?: Record<string, unknown> }>; 'x-development-only'?: boolean }

/**
 * The published document: operations marked `x-development-only` exist only in the development
 * document, and every inline response declares `x-request-id` (the shared ones do so themselves).
 */
export function finishDocument(doc: Document, environment: string): Document {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const operations = item as Record<string, Operation>
    for (const [method, operation] of Object.entries(operations)) {
      if (operation['x-development-only'] && environment !== 'development') {
        delete operations[method]
        continue
      }
      for (const response of Object.values(operation.responses ?? {})) {
        if (response.$ref) continue
        response.headers = { 'x-request-id': { $ref: '#/components/headers/XRequestId' }, ...response.headers }
      }
    }
    if (Object.keys(operations).length === 0) delete doc.paths![path]
  }
  // Shared error responses that no operation of this document uses are left out, with their schemas.
  const used = JSON.stringify(doc.paths)
  const responses = doc.components?.responses ?? {}
  for (const [name, response] of Object.entries(responses)) {
    if (used.includes(`#/components/responses/${name}"`)) continue
    delete responses[name]
    const schemaRef = JSON.stringify(response).match(/#\/components\/schemas\/(\w+)/)?.[1]
    if (schemaRef) delete doc.components!.schemas![schemaRef]
  }
  return doc
}
