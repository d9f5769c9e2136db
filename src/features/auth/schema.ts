import { z } from '@hono/zod-openapi'
import { PatientSchema } from '../profile'

const channels = ['phone', 'email', 'abha'] as const

export const OtpRequestSchema = z
  .object({
    channel: z.enum(channels).openapi({ example: 'phone' }),
    identifier: z.string().trim().min(1).max(320).openapi({
      description: 'phone: an Indian mobile; email: an address; abha: a 14-digit ABHA number (dashes optional) or an ABHA address.',
      example: '+91 98765 43210',
    }),
  })
  .openapi('OtpRequest')

export const OtpChallengeSchema = z
  .object({
    challenge_id: z.guid().openapi({ example: '0b7e6c1a-3f2d-4a5b-9c8d-7e6f5a4b3c2d' }),
    channel: z.enum(channels).openapi({ example: 'phone' }),
    masked_destination: z.string().openapi({ example: '+91 ******3210' }),
    expires_in: z.number().int().openapi({ description: 'Seconds until the OTP expires.', example: 300 }),
    resend_after: z.number().int().openapi({ description: 'Seconds before another OTP may be requested.', example: 30 }),
  })
  .openapi('OtpChallenge')

export const OtpVerifySchema = z
  .object({
    challenge_id: z.guid().openapi({ description: 'From POST /v1/auth/otp.', example: '0b7e6c1a-3f2d-4a5b-9c8d-7e6f5a4b3c2d' }),
    otp: z
      .string()
      .regex(/^\d{6}$/, 'must be the 6-digit code')
      .openapi({ example: '123456' }),
  })
  .openapi('OtpVerify')

export const TokenPairSchema = z
  .object({
    access_token: z.string().openapi({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0eXAiOiJhY2Nlc3MifQ.c2lnbmF0dXJl' }),
    refresh_token: z.string().openapi({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0eXAiOiJyZWZyZXNoIn0.c2lnbmF0dXJl' }),
    token_type: z.literal('Bearer').openapi({ example: 'Bearer' }),
    expires_in: z.number().int().openapi({ description: 'Seconds until the access token expires.', example: 600 }),
  })
  .openapi('TokenPair')

export const LoginSchema = TokenPairSchema.extend({
  is_new_user: z.boolean().openapi({ example: false }),
  patient: PatientSchema,
}).openapi('Login')

export const LogoutSchema = z
  .object({
    device_id: z.guid().optional().openapi({
      description: "This phone's device (POST /v1/devices): removed, so that nothing more is pushed to it.",
      example: '3f2e1d0c-9b8a-4776-8655-4433221100ff',
    }),
  })
  .strict()
  .openapi('LogoutRequest')

export const RefreshSchema = z
  .object({
    refresh_token: z.string().min(1).max(4096).openapi({
      description: 'The refresh_token of the last login or refresh.',
      example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0eXAiOiJyZWZyZXNoIn0.c2lnbmF0dXJl',
    }),
  })
  .openapi('RefreshRequest')

const AbhaAccountSchema = z
  .object({
    abha_address: z.string().openapi({ example: 'ramesh.verma@sbx' }),
    name: z.string().nullable().openapi({ example: 'Ramesh Verma' }),
    abha_number: z
      .string()
      .nullable()
      .openapi({ description: 'Masked; null for a self-declared ABHA address.', example: 'XX-XXXX-XXXX-4444' }),
    kyc_verified: z.boolean().openapi({ example: true }),
  })
  .openapi('AbhaAccount')

export const AbhaAccountChoiceSchema = z
  .object({
    choice_token: z.string().openapi({
      description: 'Send it to POST /v1/auth/abha/choose with the account chosen. Works once.',
      example: 'mJ3k9c2VxQk8wY2F0ZS1mYWtlLXRva2VuLWZvci1zd2FnZ2Vy',
    }),
    expires_in: z.number().int().openapi({ description: 'Seconds left to choose (ABDM’s own limit).', example: 290 }),
    accounts: z.array(AbhaAccountSchema).openapi({ description: 'Every ABHA account on the mobile, as ABDM lists them.' }),
  })
  .openapi('AbhaAccountChoice')
