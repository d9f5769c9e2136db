import { z } from 'zod'
import { ApiError } from './errors'

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true')
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback)
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined))
const postgresUrl = z
  .string({ error: 'is required (a postgres:// connection string)' })
  .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// connection string')
/** A key that seals secrets at rest (AES-256-GCM): 32 bytes, base64. */
const sealingKey = () =>
  z
    .string({ error: 'is required (32 random bytes, base64: openssl rand -base64 32)' })
    .refine((value) => /^[A-Za-z0-9+/]{43}=$/.test(value), 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
const httpUrl = z
  .string()
  .url()
  .transform((value) => value.replace(/\/+$/, ''))

/**
 * The secrets `.dev.vars.example` ships, for development only (a test keeps this list equal to
 * that file): a staging or production Worker that has one of them refuses to serve.
 */
export const EXAMPLE_SECRETS: Record<string, string> = {
  JWT_SECRET: 'dev-only-jwt-secret-change-me-0123456789abcdef',
  OTP_HASH_KEY: 'dev-only-otp-hash-key-change-me-0123456789abcdef',
  ABDM_CLIENT_ID: 'phr-edge-dev',
  ABDM_CLIENT_SECRET: 'phr-edge-dev-secret',
  HOSPITAL_SECRETS_KEY: 'ZGV2LW9ubHktaG9zcGl0YWwtc2VjcmV0cy1rZXkhISE=',
  ABDM_TOKENS_KEY: 'ZGV2LW9ubHktYWJkbS10b2tlbnMtc2VhbGluZy1rZXk=',
  CHAT_HANDLE_KEY: 'dev-only-chat-handle-key-change-me-0123456789',
  GEMINI_API_KEY: 'dev-only-gemini-api-key',
}

/**
 * Every setting of the Worker. Non-secret ones live in wrangler.toml [vars], secrets in
 * `.dev.vars` locally and `wrangler secret put` in production; `.dev.vars.example` documents each.
 */
export const configSchema = z
  .object({
    ENVIRONMENT: z.enum(['development', 'test', 'staging', 'production']),
    DATABASE_URL: postgresUrl,
    DATABASE_DRIVER: z.enum(['neon-ws', 'tcp']).default('neon-ws'),
    NEON_WS_PROXY: optionalText,
    NEON_WS_PROXY_TLS: flag(true),
    NEON_WS_PROXY_SECRET: optionalText,
    JWT_SECRET: z.string({ error: 'is required' }).min(32, 'must be at least 32 characters'),
    JWT_SECRET_PREVIOUS: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    JWT_ISSUER: z.string().min(1).default('phr-edge'),
    ACCESS_TOKEN_TTL_SECONDS: positiveInt(600),
    REFRESH_TOKEN_TTL_SECONDS: positiveInt(30 * 24 * 3600),
    REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    OTP_HASH_KEY: z.string({ error: 'is required' }).min(32, 'must be at least 32 characters'),
    OTP_TTL_SECONDS: positiveInt(300),
    OTP_MAX_ATTEMPTS: positiveInt(5),
    OTP_RESEND_COOLDOWN_SECONDS: positiveInt(30),
    OTP_SEND_LIMIT_PER_IDENTIFIER: positiveInt(5),
    OTP_SEND_LIMIT_PER_IP: positiveInt(20),
    OTP_VERIFY_LIMIT_PER_IP: positiveInt(30),
    OTP_SEND_BUDGET_PER_MINUTE: positiveInt(300),
    OTP_VERIFY_FAILURES_PER_IDENTIFIER_PER_DAY: positiveInt(30),
    RATE_LIMIT_WINDOW_SECONDS: positiveInt(900),
    SMS_PROVIDER: z.enum(['console', 'msg91']).default('console'),
    MSG91_BASE_URL: httpUrl.default('https://control.msg91.com'),
    MSG91_AUTH_KEY: optionalText,
    MSG91_OTP_TEMPLATE_ID: optionalText,
    MSG91_DISPATCH_TEMPLATE_ID: optionalText,
    MSG91_INVITATION_TEMPLATE_ID: optionalText,
    EMAIL_PROVIDER: z.enum(['console', 'resend']).default('console'),
    RESEND_BASE_URL: httpUrl.default('https://api.resend.com'),
    RESEND_API_KEY: optionalText,
    EMAIL_FROM: z.string().default('PHR Edge <no-reply@phr-edge.example>'),
    ABDM_ABHA_BASE_URL: httpUrl.default('https://abhasbx.abdm.gov.in'),
    ABDM_GATEWAY_BASE_URL: httpUrl.default('https://dev.abdm.gov.in'),
    ABDM_CLIENT_ID: optionalText,
    ABDM_CLIENT_SECRET: optionalText,
    ABDM_CM_ID: z.string().min(1).default('sbx'),
    ABDM_FACILITY_BASE_URL: httpUrl.default('https://facilitysbx.abdm.gov.in'),
    ABDM_HIU_ID: z.string().trim().min(1).max(64).default('PHR-EDGE-SBX'),
    UPSTREAM_TIMEOUT_MS: positiveInt(10_000),
    PUBLIC_BASE_URL: httpUrl.default('http://localhost:8787'),
    HOSPITAL_SECRETS_KEY: sealingKey(),
    ABDM_TOKENS_KEY: sealingKey().optional(),
    HMIS_READ_TIMEOUT_MS: positiveInt(5_000),
    HMIS_WRITE_TIMEOUT_MS: positiveInt(10_000),
    HMIS_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    QR_IMAGE_MAX_BYTES: positiveInt(8 * 1024 * 1024),
    QR_IMAGE_MAX_PIXELS: positiveInt(24_000_000),
    HMIS_BOOKING_BUDGET_MS: positiveInt(3_000),
    DOCTOR_SEARCH_BUDGET_MS: positiveInt(2_500),
    DOCTOR_SEARCH_MAX_HOSPITALS: z.coerce.number().int().min(1).max(40).default(10),
    FILE_LINK_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
    PROFILE_PHOTO_MAX_BYTES: positiveInt(2 * 1024 * 1024),
    EXPORT_KEEP_DAYS: z.coerce.number().int().min(1).max(30).default(7),
    ACCOUNT_ERASE_GRACE_DAYS: z.coerce.number().int().min(0).max(30).default(7),
    PROFILES_MAX: z.coerce.number().int().min(1).max(50).default(20),
    PROFILE_INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(30).default(7),
    CHANGES_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    CHAT_HANDLE_KEY: z.string({ error: 'is required' }).min(32, 'must be at least 32 characters'),
    // Below the queue consumer's max_retries (wrangler.toml, 25): the outbox gives up before the queue does.
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(10),
    OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(10).max(900).default(120),
    OUTBOX_CONSUMER_LANES: z.coerce.number().int().min(1).max(32).default(16),
    OUTBOX_PARTITION_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
    HMIS_SIGNATURE_TOLERANCE_SECONDS: positiveInt(300),
    HMIS_DOCUMENT_MAX_BYTES: positiveInt(10 * 1024 * 1024),
    MEET_PROVIDER: z.enum(['google', 'none']).default('google'),
    GOOGLE_OAUTH_TOKEN_URL: httpUrl.default('https://oauth2.googleapis.com/token'),
    GOOGLE_MEET_BASE_URL: httpUrl.default('https://meet.googleapis.com'),
    GOOGLE_SERVICE_ACCOUNT_EMAIL: optionalText,
    GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY: optionalText,
    GOOGLE_MEET_USER: optionalText,
    PUSH_PROVIDER: z.enum(['fcm', 'none']).default('fcm'),
    FCM_BASE_URL: httpUrl.default('https://fcm.googleapis.com'),
    FCM_PROJECT_ID: optionalText,
    FCM_SERVICE_ACCOUNT_EMAIL: optionalText,
    FCM_SERVICE_ACCOUNT_PRIVATE_KEY: optionalText,
    FCM_TIMEOUT_MS: positiveInt(10_000),
    PUSH_CONSUMER_LANES: z.coerce.number().int().min(1).max(64).default(32),
    PUSH_BATCH_SIZE: z.coerce.number().int().min(10).max(1000).default(200),
    PUSH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    DEVICES_PER_PATIENT: z.coerce.number().int().min(1).max(50).default(10),
    GEMINI_API_KEY: optionalText,
    GEMINI_BASE_URL: httpUrl.default('https://generativelanguage.googleapis.com'),
    GEMINI_API_VERSION: z
      .string()
      .regex(/^v[0-9a-z]+$/)
      .default('v1beta'),
    GEMINI_MODEL: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,63}$/)
      .default('gemini-2.5-flash'),
    GEMINI_TIMEOUT_MS: positiveInt(30_000),
    GEMINI_INLINE_MAX_BYTES: positiveInt(4 * 1024 * 1024),
    SYMPTOM_AUDIO_MAX_BYTES: positiveInt(10 * 1024 * 1024),
    GEMINI_REQUESTS_PER_PATIENT_PER_HOUR: positiveInt(60),
    RECORD_UPLOAD_MAX_BYTES: positiveInt(10 * 1024 * 1024),
    RECORD_STREAM_MAX_BYTES: positiveInt(100 * 1024 * 1024),
    RECORD_SUMMARY_CHUNK_BYTES: positiveInt(16 * 1024 * 1024),
    RECORD_SUMMARY_MAX_RECORDS: positiveInt(50),
    MEDICATION_REMINDER_CATCH_UP_MINUTES: positiveInt(60),
    MEDICATION_REFILL_DAYS: positiveInt(5),
    SERVER_TIMING: flag(false),
  })
  .superRefine((config, ctx) => {
    const requireWhen = (when: boolean, keys: (keyof typeof config)[], why: string) => {
      for (const key of keys) {
        if (when && !config[key]) ctx.addIssue({ code: 'custom', path: [key], message: `is required when ${why}` })
      }
    }
    requireWhen(config.SMS_PROVIDER === 'msg91', ['MSG91_AUTH_KEY', 'MSG91_OTP_TEMPLATE_ID'], 'SMS_PROVIDER=msg91')
    requireWhen(
      config.ENVIRONMENT === 'production' && config.SMS_PROVIDER === 'msg91',
      ['MSG91_DISPATCH_TEMPLATE_ID', 'MSG91_INVITATION_TEMPLATE_ID'],
      'SMS_PROVIDER=msg91 in production (ambulance dispatch, profile invitations)',
    )
    requireWhen(config.EMAIL_PROVIDER === 'resend', ['RESEND_API_KEY'], 'EMAIL_PROVIDER=resend')
    requireWhen(config.ENVIRONMENT === 'production', ['ABDM_CLIENT_ID', 'ABDM_CLIENT_SECRET', 'GEMINI_API_KEY'], 'ENVIRONMENT=production')
    requireWhen(Boolean(config.ABDM_CLIENT_ID), ['ABDM_TOKENS_KEY'], 'ABDM_CLIENT_ID is set (ABDM tokens are sealed with it)')
    requireWhen(
      config.ENVIRONMENT === 'production' && config.MEET_PROVIDER === 'google',
      ['GOOGLE_SERVICE_ACCOUNT_EMAIL', 'GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY', 'GOOGLE_MEET_USER'],
      'MEET_PROVIDER=google in production',
    )
    requireWhen(
      config.ENVIRONMENT === 'production' && config.PUSH_PROVIDER === 'fcm',
      ['FCM_PROJECT_ID', 'FCM_SERVICE_ACCOUNT_EMAIL', 'FCM_SERVICE_ACCOUNT_PRIVATE_KEY'],
      'PUSH_PROVIDER=fcm in production',
    )
    if (
      (config.ENVIRONMENT === 'production' || config.ENVIRONMENT === 'staging') &&
      (config.SMS_PROVIDER === 'console' || config.EMAIL_PROVIDER === 'console')
    ) {
      // Their codes land in a table that /dev/outbox would show to anyone: never where real people log in.
      ctx.addIssue({ code: 'custom', path: ['SMS_PROVIDER'], message: 'console providers are for development only' })
    }
    if (config.ENVIRONMENT === 'production' || config.ENVIRONMENT === 'staging') {
      for (const [key, example] of Object.entries(EXAMPLE_SECRETS)) {
        if (config[key as keyof typeof config] === example) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'is the example value from .dev.vars.example; set a real secret' })
        }
      }
    }
  })

export type Config = z.infer<typeof configSchema>

/** Lists each failing setting by name, never its value (values may be secrets). */
export function describeConfigIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(config)'} ${issue.message}`)
}

/** Settings validated once per isolate: Workers hands every request of an isolate the same env object. */
const validated = new WeakMap<object, Config>()

/** The settings of this env, validated (once per env object: a test's own env is validated afresh), frozen. */
export function loadConfig(env: Record<string, unknown>): Config {
  const known = validated.get(env)
  if (known) return known
  const parsed = configSchema.safeParse(env)
  if (!parsed.success) {
    const problems = describeConfigIssues(parsed.error)
    throw new ApiError('config_invalid', `The server is misconfigured: ${problems.join('; ')}`, {
      details: { settings: parsed.error.issues.map((issue) => issue.path.join('.')) },
    })
  }
  const config = Object.freeze(parsed.data)
  validated.set(env, config)
  return config
}
