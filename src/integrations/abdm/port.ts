import type { AbhaId } from '../../core/identifiers'

/** The ABDM profile that fills a new patient. Every field may be missing. */
export type AbhaProfile = {
  abhaNumber?: string
  abhaAddress?: string
  name?: string
  gender?: 'male' | 'female' | 'other'
  dateOfBirth?: string
  mobile?: string
  email?: string
  address?: { line1?: string; district?: string; state?: string; pincode?: string }
}

/** What a login starts from: an ABHA number or address, or a mobile that may carry several ABHA addresses. */
export type AbhaLoginId = AbhaId | { kind: 'abha_mobile'; value: string }

/** One ABHA address ABDM lists for a mobile: a self-declared one has no ABHA number and no KYC. */
export type AbhaAccount = { abhaAddress: string; name?: string; abhaNumber?: string; kycVerified: boolean }

export type AbhaOtpRequest = { sent: true; txnId: string } | { sent: false }
/**
 * ABDM's user token (X-token) of a signed-in ABHA, and its refresh token: the patient's
 * `X-AUTH-TOKEN` for the consent manager (HIE-CM). Kept sealed; never shown to the app.
 */
export type AbdmUserToken = { token: string; expiresInSeconds: number; refreshToken?: string; refreshExpiresInSeconds?: number }
export type AbhaOtpVerification = { verified: true; profile: AbhaProfile; userToken?: AbdmUserToken } | { verified: false }
/** A login by mobile: the addresses on it, and ABDM's short-lived token to sign one of them in. */
export type AbhaMobileVerification =
  { verified: true; accounts: AbhaAccount[]; transferToken: string; expiresInSeconds: number } | { verified: false }

/** ABDM's login-OTP flows: ABDM sends and checks the OTP, we only relay it. */
export interface AbhaLogin {
  requestOtp(loginId: AbhaLoginId): Promise<AbhaOtpRequest>
  verifyOtp(loginId: AbhaId, txnId: string, otp: string): Promise<AbhaOtpVerification>
  verifyMobileOtp(txnId: string, otp: string): Promise<AbhaMobileVerification>
  /**
   * The profile of one address listed by `verifyMobileOtp`, signed in with its transfer token;
   * undefined when ABDM no longer accepts the token (it expired) or refuses the address.
   */
  chooseAccount(
    txnId: string,
    transferToken: string,
    abhaAddress: string,
  ): Promise<{ profile: AbhaProfile; userToken: AbdmUserToken } | undefined>
  /** A new user token from a refresh token; undefined when ABDM no longer accepts it (the person must sign in again). */
  refreshUserToken(refreshToken: string): Promise<AbdmUserToken | undefined>
}

/** What an HIU asks for (ABDM's consent request), as the consent manager (HIE-CM) lists it to the patient. */
export type ConsentRequestStatus = 'REQUESTED' | 'GRANTED' | 'DENIED' | 'EXPIRED' | 'REVOKED'
export type ConsentPermission = {
  accessMode: string
  from: string
  to: string
  eraseAt: string
  frequency: { unit: string; value: number; repeats: number }
}
export type AbdmParty = { id: string; name?: string }
export type AbdmConsentRequest = {
  id: string
  status: ConsentRequestStatus
  createdAt: string
  updatedAt?: string
  purpose: { code: string; text?: string }
  hiu: AbdmParty
  requester?: string
  /** The hospitals it names; empty when the HIU asks of every hospital the patient is linked at. */
  hips: AbdmParty[]
  hiTypes: string[]
  permission: ConsentPermission
}
/** One hospital's part of an approval: what that hospital may share, never more than was asked. */
export type ConsentGrant = {
  hip: AbdmParty
  careContexts: { patientReference: string; careContextReference: string }[]
  hiTypes: string[]
  permission: ConsentPermission
}
export type ConsentArtefactStatus = 'GRANTED' | 'REVOKED' | 'EXPIRED' | 'DENIED'
/** A granted consent (one per hospital of an approval). */
export type AbdmConsentArtefact = {
  id: string
  requestId?: string
  status: ConsentArtefactStatus
  createdAt: string
  purpose: { code: string; text?: string }
  hip: AbdmParty
  hiu: AbdmParty
  hiTypes: string[]
  careContexts: { patientReference: string; careContextReference: string }[]
  permission: ConsentPermission
}

/** ABDM refused the patient's user token (`X-AUTH-TOKEN`): refresh it, or the person signs in to ABDM again. */
export class AbdmUserTokenRefused extends Error {
  constructor() {
    super('ABDM refused the user token')
  }
}

/**
 * The patient's side of ABDM's consent manager (HIE-CM), each call with the patient's user token.
 * A request or consent ABDM does not know (or that is not this patient's) is undefined; a refused
 * user token throws `AbdmUserTokenRefused`.
 */
export interface HieCm {
  consentRequests(userToken: string, status?: ConsentRequestStatus): Promise<AbdmConsentRequest[]>
  consentRequest(userToken: string, id: string): Promise<AbdmConsentRequest | undefined>
  approveConsentRequest(userToken: string, id: string, grants: ConsentGrant[]): Promise<void>
  denyConsentRequest(userToken: string, id: string, reason: string): Promise<void>
  consentArtefacts(userToken: string): Promise<AbdmConsentArtefact[]>
  consentArtefact(userToken: string, id: string): Promise<AbdmConsentArtefact | undefined>
  revokeConsents(userToken: string, artefactIds: string[]): Promise<void>
}

/** A visit (care context) at a hospital, under the hospital's own patient reference. */
export type AbdmCareContext = { reference: string; display?: string }
/** What a hospital found of the patient: its reference for them, and their visits there. */
export type AbdmDiscoveredPatient = { reference: string; display?: string; hiType?: string; careContexts: AbdmCareContext[] }
export type AbdmLink = { hip: AbdmParty; reference: string; display?: string; hiType?: string; careContexts: AbdmCareContext[] }
export type AbdmFacility = { id: string; name: string; address?: string; district?: string; state?: string; pincode?: string }
/** How the person is identified to a hospital's discovery (beside the ABHA address the user token names). */
export type AbdmIdentifier = { type: 'MOBILE' | 'ABHA_NUMBER'; value: string }

/**
 * User-initiated linking and the gateway's callbacks. Each call is sent with our REQUEST-ID (the
 * caller stores it first: ABDM's answer arrives as a callback naming it, possibly before the call
 * returns).
 */
export interface AbdmLinking {
  discover(userToken: string, requestId: string, hipId: string, identifiers: AbdmIdentifier[]): Promise<void>
  linkInit(userToken: string, requestId: string, transactionId: string, patients: AbdmDiscoveredPatient[]): Promise<void>
  linkConfirm(userToken: string, requestId: string, linkReference: string, otp: string): Promise<void>
  links(userToken: string): Promise<AbdmLink[]>
  facilities(name: string): Promise<AbdmFacility[]>
  /** Whether a callback's `Authorization` is the gateway's: an RS256 JWT, signed by a key of its certs, not expired. */
  isGatewayCall(authorization: string | undefined): Promise<boolean>
}

/** An HIU's subscription request: to be told of new links (LINK) and new records (DATA) for a period. */
export type AbdmSubscriptionRequest = {
  id: string
  status: 'REQUESTED' | 'GRANTED' | 'DENIED' | 'EXPIRED' | 'REVOKED'
  createdAt: string
  hiu: AbdmParty
  purpose: { code: string; text?: string }
  categories: string[]
  hiTypes: string[]
  hips: AbdmParty[]
  from: string
  to: string
}
/** What a patient grants of a subscription request: hospitals (none: all), categories and types, never more than asked. */
export type SubscriptionGrant = {
  hips: AbdmParty[]
  categories: string[]
  hiTypes: string[]
  purpose: { code: string; text?: string }
  from: string
  to: string
}

/** Subscriptions and auto-approval policies, the patient's side (with their user token). */
export interface AbdmSubscriptions {
  subscriptionRequests(userToken: string): Promise<AbdmSubscriptionRequest[]>
  approveSubscription(userToken: string, id: string, grant: SubscriptionGrant): Promise<void>
  denySubscription(userToken: string, id: string, reason: string): Promise<void>
  /** A new auto-approval policy for one HIU over every hospital: its id. */
  createAutoApproval(userToken: string, hiu: AbdmParty, hiTypes: string[], purpose: { code: string; text: string }): Promise<string>
  setAutoApproval(userToken: string, policyId: string, enabled: boolean): Promise<void>
}

/** A consent request we make as an HIU for the patient's own records (purpose PATRQT). */
export type SelfConsentRequest = {
  abhaAddress: string
  requesterName: string
  /** One hospital, or none: the patient chooses per hospital when approving. */
  hipId?: string
  hiTypes: string[]
  from: string
  to: string
  eraseAt: string
}

/** Our Fidelius key material as ABDM's `keyMaterial` carries it. */
export type AbdmKeyMaterial = { publicKey: string; nonce: string; expiry: string }

/** What one hospital's transfer came to, per visit, for ABDM's health-information notification. */
export type TransferNotice = {
  consentId: string
  transactionId: string
  hipId: string
  status: 'TRANSFERRED' | 'FAILED'
  careContexts: { careContextReference: string; ok: boolean; description?: string }[]
}

/**
 * ABDM's data flow as our HIU (gateway session only; each call answered by a callback naming the
 * REQUEST-ID it was sent under, which the caller chose and stored first).
 */
export interface AbdmDataFlow {
  /** `POST /api/hiecm/consent/v3/request/init`; answered by `…/consent/request/on-init`. */
  requestConsent(requestId: string, request: SelfConsentRequest): Promise<void>
  /** `POST /api/hiecm/consent/v3/request/hiu/on-notify`: the grant notification (its REQUEST-ID) acknowledged. */
  acknowledgeConsent(notifyRequestId: string, consentIds: string[]): Promise<void>
  /** `POST /api/hiecm/consent/v3/fetch`; answered by `…/consent/on-fetch` with the artefact. */
  fetchConsent(requestId: string, consentId: string): Promise<void>
  /** `POST /api/hiecm/data-flow/v3/health-information/request`; answered by `…/health-information/on-request`. */
  requestHealthInformation(
    requestId: string,
    request: { consentId: string; from: string; to: string; dataPushUrl: string; keyMaterial: AbdmKeyMaterial },
  ): Promise<void>
  /** `POST /api/hiecm/data-flow/v3/health-information/notify`: TRANSFERRED or FAILED, per visit. */
  notifyTransfer(notice: TransferNotice): Promise<void>
}
