import { ApiError } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { clientIp, sessionClient } from '../../core/request'
import { patientRoute, publicRoute, type PatientHandler, type PublicHandler } from '../../core/routes'
import { verifyToken } from '../../core/tokens'
import { forgetDevice } from '../notifications'
import { checkAbhaMobileOtp, checkLoginOtp, loginIdentityFor, sendLoginOtp } from './otp'
import {
  AbhaAccountChoiceSchema,
  LoginSchema,
  LogoutSchema,
  OtpChallengeSchema,
  OtpRequestSchema,
  OtpVerifySchema,
  RefreshSchema,
  TokenPairSchema,
} from './schema'
import { beginAbhaChoice } from './abha-choice'
import { signIn, tokenPair } from './sessions'
import { revokeSession, rotateRefreshToken } from './store'

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
    'A wrong code answers 400 `otp_invalid` with `details.attempts_remaining`; after OTP_MAX_ATTEMPTS wrong codes, 409 `otp_attempts_exceeded`. An expired code answers 409 `otp_expired`, a used one 409 `otp_already_used`. A code for an ABHA login by mobile is checked by POST /v1/auth/abha/verify (here: 409 `conflict`).',
  request: { body: jsonBody(OtpVerifySchema) },
  responses: {
    200: jsonResponse(LoginSchema, 'Logged in.'),
    ...errorResponses(404, 409, 429, 502, 503, 504),
  },
})

export const verifyLoginOtpHandler: PublicHandler<typeof verifyLoginOtp> = async (c) => {
  const { challenge_id, otp } = c.req.valid('json')
  const client = sessionClient(c)
  const proved = await checkLoginOtp(c.var.services, challenge_id, otp, client.clientIp)
  return c.json(await signIn(c.var.services, proved, client), 200)
}

export const verifyAbhaMobileOtp = publicRoute({
  method: 'post',
  path: '/v1/auth/abha/verify',
  operationId: 'verifyAbhaMobileOtp',
  tags: ['Auth'],
  summary: 'ABHA login by mobile: check the code and list the ABHA accounts on that number',
  description:
    'For a code asked with `{channel: "abha", identifier: <mobile>}`. ABDM lists every ABHA account on the number (a family often shares one); sign in as one with POST /v1/auth/abha/choose, within `expires_in`, and add the others as profiles if you like. Errors as POST /v1/auth/otp/verify; a code for any other login → 409 `conflict`.',
  request: { body: jsonBody(OtpVerifySchema) },
  responses: {
    200: jsonResponse(AbhaAccountChoiceSchema, 'The code is right: the accounts to choose from.'),
    ...errorResponses(404, 409, 429, 502, 503, 504),
  },
})

export const verifyAbhaMobileOtpHandler: PublicHandler<typeof verifyAbhaMobileOtp> = async (c) => {
  const { challenge_id, otp } = c.req.valid('json')
  const proved = await checkAbhaMobileOtp(c.var.services, challenge_id, otp, clientIp(c))
  return c.json(await beginAbhaChoice(c.var.services, proved), 200)
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
