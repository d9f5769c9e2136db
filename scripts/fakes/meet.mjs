// Fake Google OAuth + Meet REST API: POST /token (grant_type jwt-bearer with a service-account
// assertion, RS256-verified against the key pair the fake was given, scope and audience checked)
// and POST /v2/spaces (Bearer token) → {name, meetingUri, meetingCode}, as Google answers.
import { createPublicKey, createVerify, randomBytes } from 'node:crypto'
import { startFakeServer } from './server.mjs'

const b64 = (text) => Buffer.from(text, 'base64url')

export async function startFakeMeet({ publicKeyPem, serviceAccountEmail, user, port = 0, log = (_line) => {} }) {
  const publicKey = createPublicKey(publicKeyPem)
  const tokens = new Set()
  const spaces = []
  let tokenUrl
  const fake = await startFakeServer(
    'Google Meet',
    {
      'POST /token': ({ body }) => {
        if (body?.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return [400, { error: 'unsupported_grant_type' }]
        const [header, payload, signature] = String(body.assertion ?? '').split('.')
        if (!signature) return [400, { error: 'invalid_grant', error_description: 'assertion is not a JWT' }]
        const verifier = createVerify('RSA-SHA256')
        verifier.update(`${header}.${payload}`)
        if (JSON.parse(b64(header)).alg !== 'RS256' || !verifier.verify(publicKey, b64(signature))) {
          return [400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }]
        }
        const claims = JSON.parse(b64(payload))
        const now = Date.now() / 1000
        if (
          claims.iss !== serviceAccountEmail ||
          claims.sub !== user ||
          claims.aud !== tokenUrl ||
          !(claims.exp > now) ||
          claims.iat > now + 60
        ) {
          return [400, { error: 'invalid_grant', error_description: 'Invalid JWT claims.' }]
        }
        if (!String(claims.scope).split(' ').includes('https://www.googleapis.com/auth/meetings.space.created'))
          return [400, { error: 'invalid_scope' }]
        const token = `ya29.${randomBytes(24).toString('base64url')}`
        tokens.add(token)
        return [200, { access_token: token, token_type: 'Bearer', expires_in: 3599 }]
      },
      'POST /v2/spaces': ({ headers }) => {
        if (!tokens.has((headers.authorization ?? '').replace(/^Bearer /, '')))
          return [401, { error: { code: 401, status: 'UNAUTHENTICATED' } }]
        const letters = () => Array.from({ length: 3 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')
        const meetingCode = `${letters()}-${letters()}${letters().slice(0, 1)}-${letters()}`
        const space = {
          name: `spaces/${randomBytes(8).toString('base64url')}`,
          meetingUri: `https://meet.google.com/${meetingCode}`,
          meetingCode,
          config: { accessType: 'TRUSTED' },
        }
        spaces.push(space)
        log(`[fake Meet] ${space.meetingUri}`)
        return [200, space]
      },
      'GET /_fake/spaces': () => [200, spaces],
    },
    { port },
  )
  tokenUrl = `${fake.url}/token`
  return { ...fake, tokenUrl, spaces }
}
