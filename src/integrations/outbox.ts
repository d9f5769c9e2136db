import type { Db } from '../core/db'
import { devOutbox } from '../db/schema'
import { loginOtpEmail, type EmailSender } from './email/port'
import { dispatchSmsText, type SmsSender } from './sms/port'

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
  }
}

export function outboxEmailSender(db: Db): EmailSender {
  return {
    async sendLoginOtp(email, otp, ttlMinutes) {
      const message = loginOtpEmail(otp, ttlMinutes)
      await db.insert(devOutbox).values({
        id: crypto.randomUUID(),
        channel: 'email',
        recipient: email,
        subject: message.subject,
        body: message.text,
      })
    },
  }
}
