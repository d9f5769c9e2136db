import { z } from '@hono/zod-openapi'
import { invalidField } from '../../core/errors'
import { normaliseAbha } from '../../core/identifiers'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { clientIp } from '../../core/request'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { checkAbhaLinkOtp, keepAbdmSession, linkAbha, OtpChallengeSchema, OtpVerifySchema, sendLoginOtp } from '../auth'
import { PatientSchema, toPatient } from '../profile'

const AbhaLinkSchema = z
  .object({
    abha: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .openapi({ description: 'A 14-digit ABHA number (dashes optional) or an ABHA address.', example: 'asha.verma@sbx' }),
  })
  .strict()
  .openapi('AbhaLinkRequest')

export const startAbhaLink = patientRoute({
  method: 'post',
  path: '/v1/abdm/abha/link',
  operationId: 'startAbhaLink',
  tags: ['ABDM'],
  summary: 'Link my ABHA to this account: ABDM sends its OTP to the ABHA’s mobile',
  description:
    'For an account that logged in by phone or email. Confirm with POST /v1/abdm/abha/link/confirm; the code can do nothing else (a login refuses it). The same limits as a login code (429 with Retry-After); the answer does not reveal whether ABDM knows the ABHA.',
  request: { body: jsonBody(AbhaLinkSchema) },
  responses: { 202: jsonResponse(OtpChallengeSchema, 'The code is on its way.'), ...errorResponses(400, 429, 502, 503, 504) },
})

export const startAbhaLinkHandler: PatientHandler<typeof startAbhaLink> = async (c) => {
  const abha = normaliseAbha(c.req.valid('json').abha)
  if (!abha) throw invalidField('json', 'abha', 'must be a 14-digit ABHA number or an ABHA address such as name@abdm')
  const challenge = await sendLoginOtp(c.var.services, { channel: abha.kind, identifier: abha.value }, clientIp(c), c.var.patientId)
  return c.json(challenge, 202)
}

export const confirmAbhaLink = patientRoute({
  method: 'post',
  path: '/v1/abdm/abha/link/confirm',
  operationId: 'confirmAbhaLink',
  tags: ['ABDM'],
  summary: 'Confirm the ABHA link with its code: the ABHA then signs in this same account',
  description:
    'Answers my profile with `abha_number` and `abha_address` from ABDM (and my name, gender and date of birth where I had left them empty). 409 `conflict` when that ABHA signs in another account already. Codes as at login: 400 `otp_invalid`, 409 `otp_expired` / `otp_already_used` / `otp_attempts_exceeded`; another account’s challenge → 404.',
  request: { body: jsonBody(OtpVerifySchema) },
  responses: { 200: jsonResponse(PatientSchema, 'Linked.'), ...errorResponses(400, 404, 409, 429, 502, 503, 504) },
})

export const confirmAbhaLinkHandler: PatientHandler<typeof confirmAbhaLink> = async (c) => {
  const { challenge_id, otp } = c.req.valid('json')
  const { db, config } = c.var.services
  const { identity, abhaProfile, abdmToken } = await checkAbhaLinkOtp(c.var.services, c.var.patientId, challenge_id, otp, clientIp(c))
  const patient = await linkAbha(db, c.var.patientId, identity, abhaProfile)
  if (abdmToken && abhaProfile.abhaAddress) await keepAbdmSession(db, config, patient.id, abhaProfile.abhaAddress, abdmToken)
  return c.json(toPatient(patient), 200)
}
