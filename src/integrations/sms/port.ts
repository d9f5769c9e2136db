/** Sends login codes by SMS to an Indian mobile number (E.164, +91…). */
export interface SmsSender {
  sendLoginOtp(phoneE164: string, otp: string, ttlMinutes: number): Promise<void>
}
