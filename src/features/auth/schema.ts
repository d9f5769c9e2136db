import { z } from '@hono/zod-openapi'
import { PatientSchema } from '../profile/schema'

export const OtpRequestSchema = z
  .object({
    channel: z.enum(['phone', 'email', 'abha']),
    identifier: z.string().trim().min(1).max(320).openapi({
      description: 'phone: an Indian mobile; email: an address; abha: a 14-digit ABHA number (dashes optional) or an ABHA address.',
      example: '+91 98765 43210',
    }),
  })
  .openapi('OtpRequest')

export const OtpChallengeSchema = z
  .object({
    challenge_id: z.string().uuid(),
    channel: z.enum(['phone', 'email', 'abha']),
    masked_destination: z.string().openapi({ example: '+91 ******3210' }),
    expires_in: z.number().int().openapi({ description: 'Seconds until the OTP expires.', example: 300 }),
    resend_after: z.number().int().openapi({ description: 'Seconds before another OTP may be requested.', example: 30 }),
  })
  .openapi('OtpChallenge')

export const OtpVerifySchema = z
  .object({
    challenge_id: z.string().uuid(),
    otp: z.string().regex(/^\d{6}$/, 'must be the 6-digit code').openapi({ example: '123456' }),
  })
  .openapi('OtpVerify')

export const TokenPairSchema = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().openapi({ description: 'Seconds until the access token expires.' }),
  })
  .openapi('TokenPair')

export const LoginSchema = TokenPairSchema.extend({
  is_new_user: z.boolean(),
  patient: PatientSchema,
}).openapi('Login')

export const RefreshSchema = z.object({ refresh_token: z.string().min(1).max(4096) }).openapi('RefreshRequest')
