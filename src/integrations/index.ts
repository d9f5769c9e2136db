import type { Config } from '../core/config'
import type { Db } from '../core/db'
import { ApiError } from '../core/errors'
import type { Logger } from '../core/logger'
import type { Integrations } from '../core/types'
import { abdmLogin } from './abdm/client'
import { abdmDataFlow } from './abdm/dataflow'
import { abdmLinking, abdmSubscriptions, hieCm } from './abdm/hiecm'
import type { AbdmDataFlow, AbdmLinking, AbdmSubscriptions, AbhaLogin, HieCm } from './abdm/port'
import { resendSender } from './email/resend'
import type { EmailSender } from './email/port'
import { outboxEmailSender, outboxSmsSender } from './outbox'
import { msg91Sender } from './sms/msg91'
import type { SmsSender } from './sms/port'
import { cachedHmis } from './hmis/cached'
import { fhirHmis } from './hmis/fhir'
import type { Hmis, HmisLink } from './hmis/port'
import { restHmis } from './hmis/rest'
import { googleMeet } from './meet/google'
import type { VideoRooms } from './meet/port'
import type { Gemini } from './gemini/port'
import { fcmSender } from './push/fcm'
import type { PushSender } from './push/port'
import { geminiRest } from './gemini/rest'

declare module '../core/types' {
  interface Integrations {
    sms: SmsSender
    email: EmailSender
    abha: AbhaLogin
    /** ABDM's consent manager (HIE-CM), the patient's side. */
    hiecm: HieCm
    /** Linking visits at ABDM hospitals, facility search, and the check of the gateway's callbacks. */
    abdmLinking: AbdmLinking
    /** Subscription requests and auto-approval policies on ABDM. */
    abdmSubscriptions: AbdmSubscriptions
    /** ABDM's data flow as our HIU: pulling the patient's own records. */
    abdmDataFlow: AbdmDataFlow
    /** The HMIS of one hospital, through the adapter the hospital's row names. */
    hmisFor(link: HmisLink): Hmis
    video: VideoRooms
    gemini: Gemini
    push: PushSender
  }
}

const abhaUnavailable = (): never => {
  throw new ApiError('upstream_unavailable', 'ABDM is not configured on this server.', { details: { service: 'ABDM' } })
}
const abhaNotConfigured: AbhaLogin = {
  requestOtp: abhaUnavailable,
  verifyOtp: abhaUnavailable,
  verifyMobileOtp: abhaUnavailable,
  chooseAccount: abhaUnavailable,
  refreshUserToken: abhaUnavailable,
}
const hieCmNotConfigured: HieCm = {
  consentRequests: abhaUnavailable,
  consentRequest: abhaUnavailable,
  approveConsentRequest: abhaUnavailable,
  denyConsentRequest: abhaUnavailable,
  consentArtefacts: abhaUnavailable,
  consentArtefact: abhaUnavailable,
  revokeConsents: abhaUnavailable,
}
const abdmLinkingNotConfigured: AbdmLinking = {
  discover: abhaUnavailable,
  linkInit: abhaUnavailable,
  linkConfirm: abhaUnavailable,
  links: abhaUnavailable,
  facilities: abhaUnavailable,
  // Without ABDM there is no gateway whose callbacks we could accept.
  isGatewayCall: async () => false,
}
const abdmSubscriptionsNotConfigured: AbdmSubscriptions = {
  subscriptionRequests: abhaUnavailable,
  approveSubscription: abhaUnavailable,
  denySubscription: abhaUnavailable,
  createAutoApproval: abhaUnavailable,
  setAutoApproval: abhaUnavailable,
}
const abdmDataFlowNotConfigured: AbdmDataFlow = {
  requestConsent: abhaUnavailable,
  acknowledgeConsent: abhaUnavailable,
  fetchConsent: abhaUnavailable,
  requestHealthInformation: abhaUnavailable,
  notifyTransfer: abhaUnavailable,
}

/** Chooses each port's implementation from config; nothing here does I/O. */
export function createIntegrations(
  config: Config,
  db: Db,
  log: Logger,
  requestId: string,
  /** Work that may finish after the response (the request's waitUntil). */
  defer: (work: Promise<unknown>) => void,
): Integrations {
  const timeoutMs = config.UPSTREAM_TIMEOUT_MS
  const abdm =
    config.ABDM_CLIENT_ID && config.ABDM_CLIENT_SECRET
      ? {
          abhaBaseUrl: config.ABDM_ABHA_BASE_URL,
          gatewayBaseUrl: config.ABDM_GATEWAY_BASE_URL,
          clientId: config.ABDM_CLIENT_ID,
          clientSecret: config.ABDM_CLIENT_SECRET,
          cmId: config.ABDM_CM_ID,
          hiuId: config.ABDM_HIU_ID,
          facilityBaseUrl: config.ABDM_FACILITY_BASE_URL,
          timeoutMs,
          log,
        }
      : undefined
  const hmisOptions = {
    secretsKey: config.HOSPITAL_SECRETS_KEY,
    readTimeoutMs: config.HMIS_READ_TIMEOUT_MS,
    writeTimeoutMs: config.HMIS_WRITE_TIMEOUT_MS,
    requestId,
    log,
  }
  const videoNotConfigured: VideoRooms = {
    createRoom: () => {
      throw new ApiError('upstream_unavailable', 'Video calls are not configured on this server.', { details: { service: 'Google Meet' } })
    },
  }
  return {
    gemini: config.GEMINI_API_KEY
      ? geminiRest({
          baseUrl: config.GEMINI_BASE_URL,
          apiVersion: config.GEMINI_API_VERSION,
          model: config.GEMINI_MODEL,
          apiKey: config.GEMINI_API_KEY,
          timeoutMs: config.GEMINI_TIMEOUT_MS,
          inlineMaxBytes: config.GEMINI_INLINE_MAX_BYTES,
          log,
        })
      : {
          model: config.GEMINI_MODEL,
          generate: () => {
            throw new ApiError('upstream_unavailable', 'Gemini is not configured on this server.', { details: { service: 'Gemini' } })
          },
        },
    video:
      config.MEET_PROVIDER === 'google' &&
      config.GOOGLE_SERVICE_ACCOUNT_EMAIL &&
      config.GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY &&
      config.GOOGLE_MEET_USER
        ? googleMeet({
            tokenUrl: config.GOOGLE_OAUTH_TOKEN_URL,
            meetBaseUrl: config.GOOGLE_MEET_BASE_URL,
            serviceAccountEmail: config.GOOGLE_SERVICE_ACCOUNT_EMAIL,
            privateKeyPem: config.GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY,
            user: config.GOOGLE_MEET_USER,
            timeoutMs,
          })
        : videoNotConfigured,
    push:
      config.PUSH_PROVIDER === 'fcm' && config.FCM_PROJECT_ID && config.FCM_SERVICE_ACCOUNT_EMAIL && config.FCM_SERVICE_ACCOUNT_PRIVATE_KEY
        ? fcmSender({
            baseUrl: config.FCM_BASE_URL,
            projectId: config.FCM_PROJECT_ID,
            account: {
              tokenUrl: config.GOOGLE_OAUTH_TOKEN_URL,
              email: config.FCM_SERVICE_ACCOUNT_EMAIL,
              privateKeyPem: config.FCM_SERVICE_ACCOUNT_PRIVATE_KEY,
              timeoutMs,
            },
            timeoutMs: config.FCM_TIMEOUT_MS,
          })
        : { send: async () => ({ failed: 'push is not configured on this server' }) },
    hmisFor: (link) =>
      cachedHmis(
        link.adapter === 'fhir-r4' ? fhirHmis(link, hmisOptions) : restHmis(link, hmisOptions),
        link,
        config.HMIS_CACHE_SECONDS,
        defer,
        log,
      ),
    sms:
      config.SMS_PROVIDER === 'msg91'
        ? msg91Sender({
            baseUrl: config.MSG91_BASE_URL,
            authKey: config.MSG91_AUTH_KEY!,
            templateId: config.MSG91_OTP_TEMPLATE_ID!,
            dispatchTemplateId: config.MSG91_DISPATCH_TEMPLATE_ID,
            invitationTemplateId: config.MSG91_INVITATION_TEMPLATE_ID,
            timeoutMs,
          })
        : outboxSmsSender(db),
    email:
      config.EMAIL_PROVIDER === 'resend'
        ? resendSender({ baseUrl: config.RESEND_BASE_URL, apiKey: config.RESEND_API_KEY!, from: config.EMAIL_FROM, timeoutMs })
        : outboxEmailSender(db),
    abha: abdm ? abdmLogin(abdm) : abhaNotConfigured,
    hiecm: abdm ? hieCm(abdm) : hieCmNotConfigured,
    abdmLinking: abdm ? abdmLinking(abdm) : abdmLinkingNotConfigured,
    abdmSubscriptions: abdm ? abdmSubscriptions(abdm) : abdmSubscriptionsNotConfigured,
    abdmDataFlow: abdm ? abdmDataFlow(abdm) : abdmDataFlowNotConfigured,
  }
}
