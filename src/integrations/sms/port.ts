/** A pre-booking for an ambulance operator's dispatch desk: what happened, the pickup time, the page's link. */
export type DispatchSms = { event: 'new' | 'cancelled'; pickup: string; link: string }

/** The SMS text of a dispatch message (the DLT template registered for MSG91 reads the same). */
export const dispatchSmsText = (m: DispatchSms) =>
  m.event === 'new'
    ? `PHR Edge: ambulance pre-booking for ${m.pickup}. Accept or decline: ${m.link}`
    : `PHR Edge: the ambulance pre-booking for ${m.pickup} was cancelled by the patient. ${m.link}`

/** Sends SMS to an Indian mobile number (E.164, +91…): login codes, and pre-bookings to ambulance dispatchers. */
export interface SmsSender {
  sendLoginOtp(phoneE164: string, otp: string, ttlMinutes: number): Promise<void>
  sendDispatch(phoneE164: string, message: DispatchSms): Promise<void>
}
