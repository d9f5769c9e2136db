import { createRoute, OpenAPIHono, type RouteConfig, type RouteHandler, type z } from '@hono/zod-openapi'
import { delegationOf, requireAuth } from './auth'
import { conditionalGet } from './conditional'
import { requireHospital } from './hospital-auth'
import { invalidRequest, type FieldIssue } from './errors'
import { errorResponses, forHospital, hospitalUnauthorized } from './openapi'
import type { AppEnv, HospitalEnv, PatientEnv } from './types'

/**
 * What every route declares: its whole public path, an operationId equal to the name of the
 * constant that holds it, a tag, a summary and its responses. The kit adds the rest.
 */
type RouteSpec = Omit<RouteConfig, 'security' | 'middleware' | 'operationId' | 'tags'> & { operationId: string; tags: [string] }

/** The responses every route with a body shares: 400 validation, 413 too large, 415 not JSON. */
function withBodyErrors<R extends RouteSpec>(route: R) {
  if (route.request?.body) return { ...errorResponses(400, 413, 415), ...route.responses }
  // Path and query parameters are validated too: a malformed one is a 400.
  if (route.request?.params || route.request?.query) return { ...errorResponses(400), ...route.responses }
  return { ...route.responses }
}

/** A route anyone may call (login, health): documented with `security: []`. */
export function publicRoute<const R extends RouteSpec>(route: R) {
  return createRoute({ ...route, security: [], responses: withBodyErrors(route) as R['responses'] })
}

/**
 * A patient route: bearer security in the document, requireAuth in front of the handler (which
 * then has `c.var.patientId`), and the 401 response.
 */
export function patientRoute<const R extends RouteSpec>(route: R) {
  // Any route but the account's own may answer 403 to a session switched into a managed profile.
  const delegated = delegationOf(route) === 'account' ? errorResponses(401) : errorResponses(401, 403)
  return createRoute({
    ...route,
    security: [{ bearerAuth: [] }],
    middleware: [requireAuth(route), conditionalGet] as const,
    responses: { ...delegated, ...withBodyErrors(route), ...conditionalResponses(route) } as R['responses'],
  })
}

/**
 * A GET with a JSON answer documents what conditionalGet does: the ETag of its 200, and 304 for a
 * caller whose If-None-Match names it.
 */
function conditionalResponses<R extends RouteSpec>(route: R) {
  const ok = route.responses[200] as { content?: Record<string, unknown>; headers?: Record<string, unknown> } | undefined
  if (route.method !== 'get' || !ok?.content?.['application/json']) return {}
  const etag = {
    description: 'The version of this answer: send it back as `If-None-Match` to get 304 when nothing changed.',
    schema: { type: 'string', example: '"q3dU0Xk2n9m3bFz7rW1yTQ8c"' },
  }
  return {
    200: { ...ok, headers: { ...ok.headers, ETag: etag } },
    304: { description: 'Not modified: the If-None-Match named the current ETag; no body.', headers: { ETag: etag } },
  }
}

/**
 * A route a hospital's HMIS calls: signature security in the document, requireHospital in front of
 * the handler (which then has `c.var.hospitalId`), and the 401 response.
 */
export function hmisRoute<const R extends RouteSpec>(route: R) {
  return createRoute({
    ...route,
    // The three headers together (one requirement); hmisSignature first: tests and tools read the first.
    security: [{ hmisSignature: [], hmisHospital: [], hmisTimestamp: [] }],
    middleware: [requireHospital] as const,
    responses: forHospital({ ...errorResponses(), ...hospitalUnauthorized, ...withBodyErrors(route) }) as R['responses'],
  })
}

/** A handler of an hmisRoute: `c.var.hospitalId` is the hospital that signed the request. */
export type HospitalHandler<R extends RouteConfig> = RouteHandler<R, HospitalEnv>

/** A handler of a publicRoute. */
export type PublicHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>

/** A handler of a patientRoute: `c.var.patientId` is the token's patient. */
export type PatientHandler<R extends RouteConfig> = RouteHandler<R, PatientEnv>

/**
 * Every router comes from here: sub-routers do not inherit a parent's defaultHook, and without it a
 * validation failure would answer in zod's shape instead of our error envelope.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw issuesOf(result.error, result.target as FieldIssue['location'])
      refuseUnsafeStrings(result.data, result.target as FieldIssue['location'])
    },
  })
}

const issuesOf = (error: z.ZodError, location: FieldIssue['location']) =>
  invalidRequest(error.issues.map((issue) => ({ location, path: issue.path.join('.'), message: issue.message, code: issue.code })))

function refuseUnsafeStrings(data: unknown, location: FieldIssue['location']) {
  const unsafe = unsafeStrings(data)
  if (unsafe.length > 0) {
    throw invalidRequest(
      unsafe.map((path) => ({ location, path, message: 'contains a NUL character or an unpaired surrogate', code: 'invalid_string' })),
    )
  }
}

/**
 * For the rare input a route cannot declare for zod-openapi to check (a body that may come as JSON
 * or as multipart): the same checks and the same 400 as declared inputs get.
 */
export function parseInput<T extends z.ZodType>(schema: T, data: unknown, location: FieldIssue['location']): z.infer<T> {
  const result = schema.safeParse(data)
  if (!result.success) throw issuesOf(result.error, location)
  refuseUnsafeStrings(result.data, location)
  return result.data
}

// U+0000, or a UTF-16 surrogate without its other half: neither can be stored as Postgres text.
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Text from outside our validated inputs (e.g. inside a decrypted document) made storable: NULs and lone surrogates dropped. */
export const storableText = (text: string) => text.replace(new RegExp(UNSAFE.source, 'g'), '')

/** Dotted paths of every string (keys included) in a validated input that Postgres could not store. */
function unsafeStrings(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (UNSAFE.test(value)) found.push(path.join('.'))
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unsafeStrings(item, [...path, String(index)], found))
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (UNSAFE.test(key)) found.push([...path, key].join('.'))
      unsafeStrings(item, [...path, key], found)
    }
  }
  return found
}
