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
export type AbhaOtpVerification = { verified: true; profile: AbhaProfile } | { verified: false }
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
  chooseAccount(txnId: string, transferToken: string, abhaAddress: string): Promise<AbhaProfile | undefined>
}
