// Fake Resend email API: POST /emails with `Authorization: Bearer <key>` and {from, to, subject, text}.
import { randomUUID } from 'node:crypto'
import { startFakeServer } from './server.mjs'

export async function startFakeResend({ apiKey, port = 0, log = (_line) => {} }) {
  const emails = []
  const fake = await startFakeServer(
    'Resend',
    {
      'POST /emails': ({ headers, body }) => {
        if (headers.authorization !== `Bearer ${apiKey}`) {
          return [401, { statusCode: 401, name: 'missing_api_key', message: 'Missing or invalid API key' }]
        }
        const to = Array.isArray(body?.to) ? body.to : [body?.to]
        if (!body?.from || !body?.subject || !(body?.text || body?.html) || !to.every((t) => typeof t === 'string' && t.includes('@'))) {
          return [422, { statusCode: 422, name: 'validation_error', message: 'from, to, subject and text or html are required' }]
        }
        const id = randomUUID()
        for (const recipient of to) {
          emails.unshift({ id, to: recipient, from: body.from, subject: body.subject, text: body.text, at: new Date().toISOString() })
          log(`[fake Resend] to ${recipient}: ${body.subject}`)
        }
        return [200, { id }]
      },
      'GET /_fake/emails': ({ query }) => [200, emails.filter((e) => !query.get('to') || e.to === query.get('to'))],
    },
    { port },
  )
  return { ...fake, emails }
}
