import { z } from 'zod'
import { ApiError } from '../../core/errors'
import { callUpstream, readUpstreamJson } from '../../core/upstream'
import { invitationEmail, loginOtpEmail, type EmailSender } from './port'

const ResendAnswer = z.object({ id: z.string().optional(), message: z.string().optional() })

/** Resend's REST API (`POST /emails`). */
export function resendSender(options: { baseUrl: string; apiKey: string; from: string; timeoutMs: number }): EmailSender {
  async function send(email: string, message: { subject: string; text: string }) {
    const response = await callUpstream(
      'Email service',
      `${options.baseUrl}/emails`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: options.from, to: [email], subject: message.subject, text: message.text }),
      },
      options.timeoutMs,
    )
    const answer = await readUpstreamJson('Email service', response, ResendAnswer)
    if (!response.ok || !answer.id) {
      throw new ApiError('upstream_error', 'The email service refused the message.', { details: { service: 'Email service' } })
    }
  }
  return {
    sendLoginOtp: (email, otp, ttlMinutes) => send(email, loginOtpEmail(otp, ttlMinutes)),
    sendInvitation: (email, message) => send(email, invitationEmail(message)),
  }
}
