/** A pre-booking for an ambulance operator's dispatch desk: what happened, the pickup time, the page's link. */
export type DispatchSms = { event: 'new' | 'cancelled'; pickup: string; link: string }

/** The SMS text of a dispatch message (the DLT template registered for MSG91 reads the same). */
export const dispatchSmsText = (m: DispatchSms) =>
  m.event === 'new'
    ? `PHR Edge: ambulance pre-booking for ${m.pickup}. Accept or decline: ${m.link}`
    : `PHR Edge: the ambulance pre-booking for ${m.pickup} was cancelled by the patient. ${m.link}`

/** An invitation to let someone manage one's profile: who asks, for what, until when. */
export type InvitationMessage = { inviter: string; scopes: string; until: string }

/** The SMS text of an invitation (the DLT template registered for MSG91 reads the same). */
export const invitationSmsText = (m: InvitationMessage) =>
  `PHR Edge: ${m.inviter} asks to manage your health profile (${m.scopes}). Log in to the PHR Edge app with this number to accept or decline, until ${m.until}.`

/** Sends SMS to an Indian mobile number (E.164, +91…): login codes, pre-bookings to ambulance dispatchers, invitations. */
export interface SmsSender {
  sendLoginOtp(phoneE164: string, otp: string, ttlMinutes: number): Promise<void>
  sendDispatch(phoneE164: string, message: DispatchSms): Promise<void>
  sendInvitation(phoneE164: string, message: InvitationMessage): Promise<void>
}
