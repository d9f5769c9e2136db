import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { bearerSecurity, requireAuth } from '../../core/auth'
import { ApiError } from '../../core/errors'
import { clientIp } from '../../core/request'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { createRouter } from '../../core/router'
import { issueToken, verifyToken } from '../../core/tokens'
import type { AppEnv } from '../../core/types'
import { toPatient } from '../profile/schema'
import { sendLoginOtp, loginIdentityFor, verifyLoginOtp } from './otp'
import { LoginSchema, OtpChallengeSchema, OtpRequestSchema, OtpVerifySchema, RefreshSchema, TokenPairSchema } from './schema'
import { patientForAbha, patientForIdentity, revokeSession, rotateRefreshToken, startSession } from './store'

const requestOtp = createRoute({
  method: 'post',
  path: '/otp',
  tags: ['Auth'],
  summary: 'Send a 6-digit login code by SMS, email or ABDM (ABHA)',
  description:
    'The answer is the same whether or not an account exists. Limits: one code per identifier every OTP_RESEND_COOLDOWN_SECONDS, and per identifier and per client address per RATE_LIMIT_WINDOW_SECONDS (429 with Retry-After).',
  request: { body: jsonBody(OtpRequestSchema) },
  responses: {
    202: jsonResponse(OtpChallengeSchema, 'The code is on its way.'),
    ...errorResponses(400, 429, 502, 503, 504),
  },
})

const verifyOtp = createRoute({
  method: 'post',
  path: '/otp/verify',
  tags: ['Auth'],
  summary: 'Check the code and log in (the first login creates the patient)',
  description:
    'A wrong code answers 400 `otp_invalid` with `details.attempts_remaining`; after OTP_MAX_ATTEMPTS wrong codes, 409 `otp_attempts_exceeded`. An expired code answers 409 `otp_expired`, a used one 409 `otp_already_used`.',
  request: { body: jsonBody(OtpVerifySchema) },
  responses: {
    200: jsonResponse(LoginSchema, 'Logged in.'),
    ...errorResponses(400, 404, 409, 429, 502, 503, 504),
  },
})

const refresh = createRoute({
  method: 'post',
  path: '/refresh',
  tags: ['Auth'],
  summary: 'Exchange a refresh token for a new pair (rotation)',
  description: 'Each refresh token works once. Presenting a used one again revokes the whole session: log in again.',
  request: { body: jsonBody(RefreshSchema) },
  responses: { 200: jsonResponse(TokenPairSchema, 'A new access and refresh token.'), ...errorResponses(400, 401) },
})

const logout = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['Auth'],
  summary: 'End this session: its refresh tokens stop working at once',
  description: 'The access token itself expires within ACCESS_TOKEN_TTL_SECONDS.',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  responses: { 204: { description: 'Logged out.' }, ...errorResponses(401) },
})

async function tokenPair(c: Context<AppEnv>, patientId: string, sessionId: string, refreshId: string) {
  const config = c.get('config')
  const [accessToken, refreshToken] = await Promise.all([
    issueToken(config, { sub: patientId, sid: sessionId, jti: crypto.randomUUID(), typ: 'access' }, config.ACCESS_TOKEN_TTL_SECONDS),
    issueToken(config, { sub: patientId, sid: sessionId, jti: refreshId, typ: 'refresh' }, config.REFRESH_TOKEN_TTL_SECONDS),
  ])
  return {
    access_token: accessToken,
    refresh_token: refreshToken,
    token_type: 'Bearer' as const,
    expires_in: config.ACCESS_TOKEN_TTL_SECONDS,
  }
}

export function authRoutes() {
  return createRouter()
    .openapi(requestOtp, async (c) => {
      const { channel, identifier } = c.req.valid('json')
      const identity = loginIdentityFor(channel, identifier)
      const challenge = await sendLoginOtp(
        { db: c.get('db'), config: c.get('config'), integrations: c.get('integrations') },
        identity,
        clientIp(c),
      )
      return c.json(challenge, 202)
    })
    .openapi(verifyOtp, async (c) => {
      const { challenge_id, otp } = c.req.valid('json')
      const db = c.get('db')
      const config = c.get('config')
      const { identity, abhaProfile } = await verifyLoginOtp({ db, config, integrations: c.get('integrations') }, challenge_id, otp, clientIp(c))
      const { patient, created } = abhaProfile
        ? await patientForAbha(db, identity, abhaProfile)
        : await patientForIdentity(db, identity)
      const refreshId = crypto.randomUUID()
      const sessionId = await startSession(
        db,
        { patientId: patient.id, channel: identity.channel, userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null, clientIp: clientIp(c) },
        { id: refreshId, expiresAt: new Date(Date.now() + config.REFRESH_TOKEN_TTL_SECONDS * 1000) },
      )
      c.get('log').log('info', 'patient logged in', { patient_id: patient.id, channel: identity.channel, is_new_user: created })
      return c.json({ ...(await tokenPair(c, patient.id, sessionId, refreshId)), is_new_user: created, patient: toPatient(patient) }, 200)
    })
    .openapi(refresh, async (c) => {
      const config = c.get('config')
      const claims = await verifyToken(config, c.req.valid('json').refresh_token, 'refresh')
      const nextId = crypto.randomUUID()
      const outcome = await rotateRefreshToken(
        c.get('db'),
        { id: claims.jti, sessionId: claims.sid, patientId: claims.sub },
        { id: nextId, expiresAt: new Date(Date.now() + config.REFRESH_TOKEN_TTL_SECONDS * 1000) },
      )
      if (outcome === 'reused') {
        c.get('log').log('warn', 'refresh token reused: session revoked', { patient_id: claims.sub, session_id: claims.sid })
        throw new ApiError('unauthorized', 'This refresh token was already used; for your safety the session has been ended. Please log in again.')
      }
      if (outcome === 'revoked') throw new ApiError('unauthorized', 'This session has ended. Please log in again.')
      return c.json(await tokenPair(c, claims.sub, claims.sid, nextId), 200)
    })
    .openapi(logout, async (c) => {
      await revokeSession(c.get('db'), c.get('sessionId'), c.get('patientId'), 'logout')
      return c.body(null, 204)
    })
}
