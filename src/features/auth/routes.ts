import { ApiError } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { clientIp } from '../../core/request'
import { patientRoute, publicRoute, type PatientHandler, type PublicHandler } from '../../core/routes'
import { verifyToken } from '../../core/tokens'
import { toPatient } from '../profile'
import { forgetDevice } from '../notifications'
import { checkLoginOtp, loginIdentityFor, sendLoginOtp } from './otp'
import { LoginSchema, LogoutSchema, OtpChallengeSchema, OtpRequestSchema, OtpVerifySchema, RefreshSchema, TokenPairSchema } from './schema'
import { openSession, tokenPair } from './sessions'
import { patientForAbha, patientForIdentity, revokeSession, rotateRefreshToken } from './store'

export const requestLoginOtp = publicRoute({
  method: 'post',
  path: '/v1/auth/otp',
  operationId: 'requestLoginOtp',
  tags: ['Auth'],
  summary: 'Send a 6-digit login code by SMS, email or ABDM (ABHA)',
  description:
    'The answer is the same whether or not an account exists. Limits: one code per identifier every OTP_RESEND_COOLDOWN_SECONDS, and per identifier and per client address per RATE_LIMIT_WINDOW_SECONDS (429 with Retry-After).',
  request: { body: jsonBody(OtpRequestSchema) },
  responses: {
    202: jsonResponse(OtpChallengeSchema, 'The code is on its way.'),
    ...errorResponses(429, 502, 503, 504),
  },
})

export const requestLoginOtpHandler: PublicHandler<typeof requestLoginOtp> = async (c) => {
  const { channel, identifier } = c.req.valid('json')
  const challenge = await sendLoginOtp(c.var.services, loginIdentityFor(channel, identifier), clientIp(c))
  return c.json(challenge, 202)
}

export const verifyLoginOtp = publicRoute({
  method: 'post',
  path: '/v1/auth/otp/verify',
  operationId: 'verifyLoginOtp',
  tags: ['Auth'],
  summary: 'Check the code and log in (the first login creates the patient)',
  description:
    'A wrong code answers 400 `otp_invalid` with `details.attempts_remaining`; after OTP_MAX_ATTEMPTS wrong codes, 409 `otp_attempts_exceeded`. An expired code answers 409 `otp_expired`, a used one 409 `otp_already_used`.',
  request: { body: jsonBody(OtpVerifySchema) },
  responses: {
    200: jsonResponse(LoginSchema, 'Logged in.'),
    ...errorResponses(404, 409, 429, 502, 503, 504),
  },
})

export const verifyLoginOtpHandler: PublicHandler<typeof verifyLoginOtp> = async (c) => {
  const { challenge_id, otp } = c.req.valid('json')
  const { db, log } = c.var.services
  const { identity, abhaProfile } = await checkLoginOtp(c.var.services, challenge_id, otp, clientIp(c))
  const { patient, created } = abhaProfile ? await patientForAbha(db, identity, abhaProfile) : await patientForIdentity(db, identity)
  const tokens = await openSession(c.var.services, {
    patientId: patient.id,
    channel: identity.channel,
    userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null,
    clientIp: clientIp(c),
  })
  log.log('info', 'patient logged in', { patient_id: patient.id, channel: identity.channel, is_new_user: created })
  return c.json({ ...tokens, is_new_user: created, patient: toPatient(patient) }, 200)
}

export const refreshTokens = publicRoute({
  method: 'post',
  path: '/v1/auth/refresh',
  operationId: 'refreshTokens',
  tags: ['Auth'],
  summary: 'Exchange a refresh token for a new pair (rotation)',
  description: 'Each refresh token works once. Presenting a used one again revokes the whole session: log in again.',
  request: { body: jsonBody(RefreshSchema) },
  responses: { 200: jsonResponse(TokenPairSchema, 'A new access and refresh token.'), ...errorResponses(401) },
})

export const refreshTokensHandler: PublicHandler<typeof refreshTokens> = async (c) => {
  const { config, db, log } = c.var.services
  const claims = await verifyToken(config, c.req.valid('json').refresh_token, 'refresh')
  const nextId = crypto.randomUUID()
  const rotation = await rotateRefreshToken(
    db,
    { id: claims.jti, sessionId: claims.sid, patientId: claims.sub },
    { id: nextId, expiresAt: new Date(Date.now() + config.REFRESH_TOKEN_TTL_SECONDS * 1000) },
    config.REFRESH_REUSE_GRACE_SECONDS,
  )
  if (rotation.outcome === 'reused') {
    log.log('warn', 'refresh token reused: session revoked', { patient_id: claims.sub, session_id: claims.sid })
    throw new ApiError(
      'unauthorized',
      'This refresh token was already used; for your safety the session has been ended. Please log in again.',
    )
  }
  if (rotation.outcome === 'revoked') throw new ApiError('unauthorized', 'This session has ended. Please log in again.')
  return c.json(await tokenPair(config, claims, rotation.refreshId, rotation.issuedAt), 200)
}

export const logout = patientRoute({
  method: 'post',
  path: '/v1/auth/logout',
  operationId: 'logout',
  tags: ['Auth'],
  summary: 'End this session: its refresh tokens stop working at once',
  description:
    'The access token itself expires within ACCESS_TOKEN_TTL_SECONDS. With `device_id`, that phone stops receiving pushes too (a device that is not mine, or gone already, is ignored: logging out always succeeds).',
  request: { body: { ...jsonBody(LogoutSchema), required: false } },
  responses: { 204: { description: 'Logged out.' }, ...errorResponses() },
})

export const logoutHandler: PatientHandler<typeof logout> = async (c) => {
  const { db } = c.var.services
  const deviceId = c.req.header('content-type') ? c.req.valid('json').device_id : undefined
  await Promise.all([
    revokeSession(db, c.var.sessionId, c.var.patientId, 'logout'),
    deviceId ? forgetDevice(db, c.var.patientId, deviceId) : undefined,
  ])
  return c.body(null, 204)
}
