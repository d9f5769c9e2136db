import { testSecrets } from './secrets.ts'

export type Inject = <T = string>(key: string) => T

/** The Worker's settings in tests: wrangler.toml [vars], then these (also `wrangler dev` in test/node/e2e). */
export function workerBindings(inject: Inject, driver: 'neon-ws' | 'tcp') {
  const google = inject<{
    privateKeyPem: string
    serviceAccountEmail: string
    user: string
    fcm: { serviceAccountEmail: string; projectId: string }
  }>('google')
  return {
    ...testSecrets,
    ENVIRONMENT: 'development',
    DATABASE_URL: inject('databaseUrl'),
    DATABASE_DRIVER: driver,
    NEON_WS_PROXY: inject('wsProxy'),
    NEON_WS_PROXY_TLS: 'false',
    // The Neon project sends through the real HTTP clients (against the fakes); the TCP project
    // through the development outbox, so both implementations of each port run.
    SMS_PROVIDER: driver === 'neon-ws' ? 'msg91' : 'console',
    MSG91_BASE_URL: inject('msg91Url'),
    EMAIL_PROVIDER: driver === 'neon-ws' ? 'resend' : 'console',
    RESEND_BASE_URL: inject('resendUrl'),
    ABDM_ABHA_BASE_URL: inject('abdmUrl'),
    ABDM_GATEWAY_BASE_URL: inject('abdmUrl'),
    ABDM_FACILITY_BASE_URL: inject('abdmUrl'),
    UPSTREAM_TIMEOUT_MS: '3000',
    GOOGLE_OAUTH_TOKEN_URL: inject('googleTokenUrl'),
    GOOGLE_MEET_BASE_URL: inject('googleUrl'),
    GOOGLE_SERVICE_ACCOUNT_EMAIL: google.serviceAccountEmail,
    GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY: google.privateKeyPem,
    GOOGLE_MEET_USER: google.user,
    // Pushes go to the fake FCM (the fake Google's tokens, its own service account and project).
    FCM_BASE_URL: inject('fcmUrl'),
    FCM_PROJECT_ID: google.fcm.projectId,
    FCM_SERVICE_ACCOUNT_EMAIL: google.fcm.serviceAccountEmail,
    FCM_SERVICE_ACCOUNT_PRIVATE_KEY: google.privateKeyPem,
    FCM_TIMEOUT_MS: '3000',
    GEMINI_BASE_URL: inject('geminiUrl'),
    GEMINI_TIMEOUT_MS: '3000',
    // Small, so that the Files API path is taken by recordings of a few kilobytes.
    GEMINI_INLINE_MAX_BYTES: '16384',
    // The whole suite sends far more codes a minute than one deployment should; one test lowers it.
    OTP_SEND_BUDGET_PER_MINUTE: '100000',
  }
}
