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

export type AbhaOtpRequest = { sent: true; txnId: string } | { sent: false }
export type AbhaOtpVerification = { verified: true; profile: AbhaProfile } | { verified: false }

/** ABDM's login-OTP flows: ABDM sends and checks the OTP, we only relay it. */
export interface AbhaLogin {
  requestOtp(loginId: AbhaId): Promise<AbhaOtpRequest>
  verifyOtp(loginId: AbhaId, txnId: string, otp: string): Promise<AbhaOtpVerification>
}
