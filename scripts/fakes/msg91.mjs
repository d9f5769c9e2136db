// Fake MSG91 Flow API: POST /api/v5/flow with header `authkey` and
// {template_id, recipients: [{mobiles: "91XXXXXXXXXX", ...template variables}]}.
import { randomUUID } from 'node:crypto'
import { startFakeServer } from './server.mjs'

export async function startFakeMsg91({ authKey, templateId, dispatchTemplateId, invitationTemplateId, port = 0, log = (_line) => {} }) {
  const templates = [templateId, dispatchTemplateId, invitationTemplateId].filter(Boolean)
  const messages = []
  const fake = await startFakeServer(
    'MSG91',
    {
      'POST /api/v5/flow': ({ headers, body }) => {
        if (headers.authkey !== authKey) return [401, { type: 'error', message: 'Authentication failure' }]
        if (!templates.includes(body?.template_id)) return [400, { type: 'error', message: 'Invalid template_id' }]
        const recipients = Array.isArray(body?.recipients) ? body.recipients : []
        if (recipients.length === 0 || !recipients.every((r) => /^91[6-9]\d{9}$/.test(r.mobiles ?? ''))) {
          return [400, { type: 'error', message: 'Invalid mobile number' }]
        }
        const requestId = randomUUID().replace(/-/g, '').slice(0, 24)
        for (const { mobiles, ...variables } of recipients) {
          messages.unshift({ id: requestId, to: `+${mobiles}`, template_id: body.template_id, variables, at: new Date().toISOString() })
          log(`[fake MSG91] to +${mobiles}: ${JSON.stringify(variables)}`)
        }
        return [200, { type: 'success', message: requestId }]
      },
      'GET /_fake/messages': ({ query }) => [200, messages.filter((m) => !query.get('to') || m.to === query.get('to'))],
    },
    { port },
  )
  return { ...fake, messages }
}
