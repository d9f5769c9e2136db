import type { Db } from '../core/db'
import { devOutbox } from '../db/schema'
import { invitationEmail, loginOtpEmail, type EmailSender } from './email/port'
import { dispatchSmsText, invitationSmsText, type SmsSender } from './sms/port'

/**
 * Development providers: instead of sending, they keep the message in `dev_outbox`, readable at
 * GET /dev/outbox. Config refuses them when ENVIRONMENT=production.
 */
export function outboxSmsSender(db: Db): SmsSender {
  return {
    async sendLoginOtp(phoneE164, otp, ttlMinutes) {
      await db.insert(devOutbox).values({
        id: crypto.randomUUID(),
        channel: 'sms',
        recipient: phoneE164,
        body: `${otp} is your PHR Edge login code. It expires in ${ttlMinutes} minutes. Do not share it.`,
      })
    },
    async sendDispatch(phoneE164, message) {
      await db.insert(devOutbox).values({ id: crypto.randomUUID(), channel: 'sms', recipient: phoneE164, body: dispatchSmsText(message) })
    },
    async sendInvitation(phoneE164, message) {
      await db.insert(devOutbox).values({ id: crypto.randomUUID(), channel: 'sms', recipient: phoneE164, body: invitationSmsText(message) })
    },
  }
}

export function outboxEmailSender(db: Db): EmailSender {
  const keep = async (email: string, message: { subject: string; text: string }) => {
    await db
      .insert(devOutbox)
      .values({ id: crypto.randomUUID(), channel: 'email', recipient: email, subject: message.subject, body: message.text })
  }
  return {
    sendLoginOtp: (email, otp, ttlMinutes) => keep(email, loginOtpEmail(otp, ttlMinutes)),
    sendInvitation: (email, message) => keep(email, invitationEmail(message)),
  }
}
