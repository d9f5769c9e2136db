import { swaggerUI } from '@hono/swagger-ui'
import { HTTPException } from 'hono/http-exception'
import type { Context } from 'hono'
import pkg from '../package.json'
import { ApiError, codeForStatus, type ErrorBody } from './core/errors'
import { createLogger } from './core/logger'
import { requestIdFor } from './core/request'
import { createRouter } from './core/router'
import { requestServices } from './core/services'
import type { AppEnv } from './core/types'
import { authRoutes } from './features/auth/routes'
import { devRoutes } from './features/dev/routes'
import { healthRoutes } from './features/health/routes'
import { profileRoutes } from './features/profile/routes'

function errorResponse(c: Context<AppEnv>, status: number, body: ErrorBody, headers: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value)
  c.header('x-request-id', c.get('requestId'))
  return c.json(body, status as 400)
}

export function createApp() {
  const app = createRouter()

  app.use('*', async (c, next) => {
    c.set('requestId', requestIdFor(c.req.header('x-request-id')))
    await next()
    c.header('x-request-id', c.get('requestId'))
  })
  app.use('/health', requestServices)
  app.use('/v1/*', requestServices)
  app.use('/dev/*', requestServices)

  // Every route of the API, in one place.
  app.route('/', healthRoutes())
  app.route('/v1/auth', authRoutes())
  app.route('/v1', profileRoutes())
  app.route('/dev', devRoutes())

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The access_token from POST /v1/auth/otp/verify or /v1/auth/refresh.',
  })
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'PHR Edge API',
      version: pkg.version,
      description:
        'The backend of the PHR Edge patient app. Errors always answer `{"error": {"code", "message", "details"}}`; every response carries `x-request-id`.',
    },
    servers: [{ url: '/' }],
  })
  app.get('/docs', swaggerUI({ url: '/openapi.json', title: 'PHR Edge API' }))

  app.notFound((c) =>
    errorResponse(c, 404, { error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` } }),
  )

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      if (error.status >= 500) {
        const log = c.get('log') ?? createLogger({ request_id: c.get('requestId') })
        log.log('error', error.message, { code: error.code, cause: String(error.cause ?? '') })
      }
      const details = error.status >= 500 ? { ...(error.details as object), request_id: c.get('requestId') } : error.details
      return errorResponse(c, error.status, { error: { code: error.code, message: error.message, details } }, error.headers)
    }
    if (error instanceof HTTPException && error.status < 500) {
      // Framework errors, e.g. a JSON body that does not parse.
      const code = error.status === 400 ? 'malformed_body' : codeForStatus(error.status)
      return errorResponse(c, error.status, { error: { code, message: error.message || 'The request is not valid.' } })
    }
    const requestId = c.get('requestId')
    const log = c.get('log') ?? createLogger({ request_id: requestId })
    log.log('error', 'unhandled error', {
      error: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    })
    return errorResponse(c, 500, {
      error: { code: 'internal_error', message: 'Something went wrong on our side.', details: { request_id: requestId } },
    })
  })

  return app
}
