/** Sends login codes by email. */
export interface EmailSender {
  sendLoginOtp(email: string, otp: string, ttlMinutes: number): Promise<void>
}

export function loginOtpEmail(otp: string, ttlMinutes: number) {
  return {
    subject: `Your PHR Edge login code: ${otp}`,
    text: `Your PHR Edge login code is ${otp}. It expires in ${ttlMinutes} minutes. Never share it: we will never ask you for it.`,
  }
}
