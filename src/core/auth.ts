import { createMiddleware } from 'hono/factory'
import { ApiError } from './errors'
import { verifyToken } from './tokens'
import type { PatientEnv } from './types'

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i

/**
 * Patient routes (patientRoute adds it): a valid access token, checked without a database round
 * trip (it is signed and short-lived; see ACCESS_TOKEN_TTL_SECONDS). Sets patientId and sessionId.
 */
export const requireAuth = createMiddleware<PatientEnv>(async (c, next) => {
  const token = c.req.header('authorization')?.match(BEARER)?.[1]
  if (!token) {
    throw new ApiError('unauthorized', 'Send the access token as `Authorization: Bearer <token>`.', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    })
  }
  const claims = await verifyToken(c.var.services.config, token, 'access').catch((error: unknown) => {
    if (error instanceof ApiError) error.headers['WWW-Authenticate'] = 'Bearer error="invalid_token"'
    throw error
  })
  c.set('patientId', claims.sub)
  c.set('sessionId', claims.sid)
  await next()
})
