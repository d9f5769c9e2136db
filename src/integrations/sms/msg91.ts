import { z } from 'zod'
import { ApiError } from '../../core/errors'
import { callUpstream, readUpstreamJson } from '../../core/upstream'
import type { SmsSender } from './port'

const Msg91Answer = z.object({ type: z.string(), message: z.string().optional() })

/**
 * MSG91's Flow API (`POST /api/v5/flow`), the usual way to send DLT-registered transactional SMS in
 * India: the text lives in a template approved on DLT, we send only its variables.
 */
export function msg91Sender(options: {
  baseUrl: string
  authKey: string
  templateId: string
  /** The DLT template of dispatch messages (variables event, pickup, link); without one they are refused. */
  dispatchTemplateId?: string
  /** The DLT template of profile invitations (variables inviter, scopes, until); without one they are refused. */
  invitationTemplateId?: string
  timeoutMs: number
}): SmsSender {
  async function flow(templateId: string, phoneE164: string, variables: Record<string, string>) {
    const response = await callUpstream(
      'SMS gateway',
      `${options.baseUrl}/api/v5/flow`,
      {
        method: 'POST',
        headers: { authkey: options.authKey, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          template_id: templateId,
          short_url: '0',
          recipients: [{ mobiles: phoneE164.replace(/^\+/, ''), ...variables }],
        }),
      },
      options.timeoutMs,
    )
    const answer = await readUpstreamJson('SMS gateway', response, Msg91Answer)
    if (!response.ok || answer.type !== 'success') {
      throw new ApiError('upstream_error', 'The SMS gateway refused the message.', { details: { service: 'SMS gateway' } })
    }
  }
  return {
    sendLoginOtp: (phoneE164, otp, ttlMinutes) => flow(options.templateId, phoneE164, { otp, minutes: String(ttlMinutes) }),
    async sendDispatch(phoneE164, message) {
      if (!options.dispatchTemplateId) throw new Error('MSG91_DISPATCH_TEMPLATE_ID is not set: dispatch SMS cannot be sent')
      await flow(options.dispatchTemplateId, phoneE164, { event: message.event, pickup: message.pickup, link: message.link })
    },
    async sendInvitation(phoneE164, message) {
      if (!options.invitationTemplateId) throw new Error('MSG91_INVITATION_TEMPLATE_ID is not set: invitation SMS cannot be sent')
      await flow(options.invitationTemplateId, phoneE164, { inviter: message.inviter, scopes: message.scopes, until: message.until })
    },
  }
}
