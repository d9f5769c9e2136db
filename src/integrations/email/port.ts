import type { InvitationMessage } from '../sms/port'

/** Sends login codes and invitations by email. */
export interface EmailSender {
  sendLoginOtp(email: string, otp: string, ttlMinutes: number): Promise<void>
  sendInvitation(email: string, message: InvitationMessage): Promise<void>
}

export function invitationEmail(m: InvitationMessage) {
  return {
    subject: `${m.inviter} asks to manage your health profile on PHR Edge`,
    text: `${m.inviter} asks to manage your health profile on PHR Edge: ${m.scopes}. Log in to the PHR Edge app with this email address to accept or decline, until ${m.until}. If you do not know them, decline or ignore this message: nothing changes unless you accept.`,
  }
}

export function loginOtpEmail(otp: string, ttlMinutes: number) {
  return {
    subject: `Your PHR Edge login code: ${otp}`,
    text: `Your PHR Edge login code is ${otp}. It expires in ${ttlMinutes} minutes. Never share it: we will never ask you for it.`,
  }
}
