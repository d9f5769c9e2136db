import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import pkg from '../package.json'
import { limitBody } from './core/body-limit'
import { databaseUnavailable } from './core/db'
import { withPushScope } from './core/notify'
import { ApiError, codeForStatus } from './core/errors'
import { createLogger, describeError } from './core/logger'
import { finishDocument, registerErrorComponents } from './core/openapi'
import { requestIdFor } from './core/request'
import { createRouter } from './core/routes'
import { DOCS_CSP, swaggerPage } from './core/swagger'
import type { AppEnv } from './core/types'
import { features, outboxHandlers } from './all-features'
import { hmisContractDocument } from './integrations/hmis/contract'
import { openServices } from './services'

/** JSON forms here are small; upload routes declare their own, larger limits. */
const JSON_BODY_LIMIT_BYTES = 64 * 1024

type ErrorBody = { error: { code: string; message: string; details?: unknown } }

function errorResponse(c: Context<AppEnv>, status: number, body: ErrorBody, headers: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value)
  c.header('x-request-id', c.var.requestId)
  return c.json(body, status as 400)
}

export function createApp() {
  const app = createRouter()

  app.use('*', async (c, next) => {
    c.set('requestId', requestIdFor(c.req.header('x-request-id')))
    await next()
    // A 101 (WebSocket) response's headers are immutable.
    if (c.res.status === 101) return
    c.header('x-request-id', c.var.requestId)
    c.header('X-Content-Type-Options', 'nosniff')
    // Tokens and health data must not sit in a shared or browser cache.
    if (c.req.path.startsWith('/v1/')) c.header('Cache-Control', 'no-store')
  })
  app.use('*', async (c, next) => {
    const services = openServices(
      c.env,
      c.executionCtx,
      // A dispatcher's link and a file link are credentials: their tokens never reach the logs.
      { request_id: c.var.requestId, method: c.req.method, path: c.req.path.replace(/^\/(dispatch|files)\/.*/, '/$1/{token}') },
      outboxHandlers,
    )
    c.set('services', services)
    try {
      // The notifications this request makes are pushed from the queue once it is done.
      await withPushScope(
        () => next(),
        (shards) => services.push.kick(shards),
      )
    } finally {
      if (services.config.SERVER_TIMING && c.res.status !== 101) c.header('Server-Timing', `db;desc="${services.roundTrips()} round trips"`)
      services.close()
    }
  })
  const uploads = features.flatMap((feature) => feature.uploads ?? [])
  app.use(
    '*',
    limitBody(
      (c) =>
        uploads
          .find((upload) => (typeof upload.path === 'string' ? upload.path === c.req.path : upload.path.test(c.req.path)))
          ?.maxBytes(c.var.services.config) ?? JSON_BODY_LIMIT_BYTES,
    ),
  )

  for (const feature of features) app.route('/', feature.routes())

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The access_token from POST /v1/auth/otp/verify or /v1/auth/refresh.',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'abdmGateway', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'ABDM’s gateway only: its RS256 JWT, checked against the gateway’s certs (GET /api/hiecm/gateway/v3/certs).',
  })
  // A hospital's call carries three headers, declared as three schemes of one requirement (hmisRoute)
  // so that a generated client sends all three. The rules: docs/hmis-integration.md, "Signing".
  for (const [scheme, header, description] of [
    [
      'hmisSignature',
      'X-PHR-Signature',
      '`v1=<HMAC-SHA256 of "<timestamp>.<METHOD>.<path and query>.<raw body>" with the hospital’s inbound secret, 64 hex digits in either case>` (several, comma-separated, during a rotation). With X-PHR-Hospital and X-PHR-Timestamp; a write’s signature is accepted once. Test vectors, the sandbox hospital and the why of each 401: docs/hmis-integration.md, section 3.',
    ],
    ['hmisHospital', 'X-PHR-Hospital', 'The hospital’s HFR id (e.g. `IN2710000011`; either case).'],
    [
      'hmisTimestamp',
      'X-PHR-Timestamp',
      'When the call was signed, in Unix seconds; refused when more than HMIS_SIGNATURE_TOLERANCE_SECONDS (300) from our clock.',
    ],
  ] as const)
    app.openAPIRegistry.registerComponent('securitySchemes', scheme, { type: 'apiKey', in: 'header', name: header, description })
  registerErrorComponents(app)

  const documents = new Map<string, unknown>()
  app.get('/openapi.json', (c) => {
    const { ENVIRONMENT, PUBLIC_BASE_URL } = c.var.services.config
    const key = `${ENVIRONMENT} ${PUBLIC_BASE_URL}`
    let doc = documents.get(key)
    if (!doc) {
      const servers = [{ url: PUBLIC_BASE_URL, description: `This deployment (${ENVIRONMENT})` }]
      if (PUBLIC_BASE_URL !== LOCAL_URL) servers.push({ url: LOCAL_URL, description: 'Local development (`npm run dev`)' })
      doc = finishDocument(
        app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: 'PHR Edge API',
            version: pkg.version,
            description:
              'The backend of the PHR Edge patient app and of the hospitals (HMIS) that talk to it. Errors always answer `{"error": {"code", "message", "details"}}`; every response carries `x-request-id`. Lists take `limit` and `cursor` and answer `{"items", "next_cursor"}`.',
            contact: { name: 'PHR Edge engineering', email: 'engineering@phr-edge.in' },
            license: { name: 'Proprietary', url: 'https://phr-edge.in/terms' },
          },
          servers,
          tags: features.flatMap((feature) => feature.tags),
        }),
        ENVIRONMENT,
      )
      documents.set(key, doc)
    }
    return c.json(doc as object, 200)
  })
  app.get('/docs', (c) => c.html(swaggerPage(), 200, { 'Content-Security-Policy': DOCS_CSP, 'Referrer-Policy': 'no-referrer' }))
  let hmisContract: unknown
  app.get('/hmis/openapi.json', (c) => c.json((hmisContract ??= hmisContractDocument()) as object, 200))

  const allowedMethods = methodsByPath(app)
  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path)
    if (allowed.length > 0) {
      return errorResponse(
        c,
        405,
        { error: { code: 'method_not_allowed', message: `${c.req.method} is not allowed here; use ${allowed.join(', ')}.` } },
        { Allow: allowed.join(', ') },
      )
    }
    return errorResponse(c, 404, { error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` } })
  })

  app.onError((thrown, c) => {
    const log = c.var.services?.log ?? createLogger({ request_id: c.var.requestId })
    const error = thrown instanceof ApiError ? thrown : (databaseUnavailable(thrown) ?? thrown)
    if (error instanceof ApiError) {
      if (error.status >= 500) log.log('error', error.message, { code: error.code, cause: describeError(error.cause) })
      const details = error.status >= 500 ? { ...(error.details as object), request_id: c.var.requestId } : error.details
      return errorResponse(c, error.status, { error: { code: error.code, message: error.message, details } }, error.headers)
    }
    if (error instanceof HTTPException && error.status < 500) {
      // Framework errors: a JSON body that does not parse (400), a body that is not JSON (415).
      const code = error.status === 400 ? 'malformed_body' : codeForStatus(error.status)
      return errorResponse(c, error.status, { error: { code, message: error.message || 'The request is not valid.' } })
    }
    log.log('error', 'unhandled error', { error: describeError(error) })
    return errorResponse(c, 500, {
      error: { code: 'internal_error', message: 'Something went wrong on our side.', details: { request_id: c.var.requestId } },
    })
  })

  return app
}

const LOCAL_URL = 'http://localhost:8787'

/** The methods each documented path template takes, to answer 405 with `Allow` for the others. */
function methodsByPath(app: ReturnType<typeof createRouter>) {
  let table: { pattern: RegExp; methods: string[] }[] | undefined
  return (path: string) => {
    table ??= Object.values(
      app.openAPIRegistry.definitions.reduce<Record<string, { pattern: RegExp; methods: string[] }>>((acc, definition) => {
        if (definition.type !== 'route') return acc
        const template = definition.route.path
        const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`)
        acc[template] ??= { pattern, methods: [] }
        acc[template].methods.push(definition.route.method.toUpperCase())
        return acc
      }, {}),
    )
    return table.find((entry) => entry.pattern.test(path))?.methods ?? []
  }
}
