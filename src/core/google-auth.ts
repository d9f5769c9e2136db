import { z } from 'zod'
import { base64ToBytes, base64url } from './crypto'
import { callUpstream, readUpstreamJson, rejectUpstream } from './upstream'

// A Google service account's OAuth 2.0 access token (the JWT bearer grant): a JWT signed RS256 with
// WebCrypto → Google's token endpoint → a token for one scope, good for an hour. Meet (domain-wide
// delegation: `subject`) and FCM (the Firebase project's account) both use it. Tokens are kept for
// the isolate's life until five minutes before they expire: a string crosses requests safely, and
// an isolate pushing thousands of notifications asks Google once an hour, not once a push.

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() })

export type GoogleServiceAccount = {
  tokenUrl: string
  email: string
  /** PKCS#8 PEM of the service account's key (`\n` escapes are accepted). */
  privateKeyPem: string
  scope: string
  /** A Workspace user the account acts for (domain-wide delegation), when the API needs one. */
  subject?: string
  timeoutMs: number
  /** Who is asking, for the upstream error's `service`. */
  service: string
}

const tokens = new Map<string, { token: string; expiresAt: number }>()
const keys = new Map<string, Promise<CryptoKey>>()

const cacheKey = (account: GoogleServiceAccount) => `${account.tokenUrl} ${account.email} ${account.scope} ${account.subject ?? ''}`

function signingKey(pem: string): Promise<CryptoKey> {
  let key = keys.get(pem)
  if (!key) {
    const der = base64ToBytes(pem.replace(/\\n/g, '\n').replace(/-----[^-]+-----|\s+/g, ''))
    key = crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign'])
    // A key that does not import is not kept: the next call says so again.
    key.catch(() => keys.delete(pem))
    keys.set(pem, key)
  }
  return key
}

/** An access token for the account and scope: the isolate's while it has five minutes left, else a new one. */
export async function googleAccessToken(account: GoogleServiceAccount): Promise<string> {
  const known = tokens.get(cacheKey(account))
  if (known && known.expiresAt - 300_000 > Date.now()) return known.token
  const now = Math.floor(Date.now() / 1000)
  const encode = (value: object) => base64url(new TextEncoder().encode(JSON.stringify(value)))
  const claims = {
    iss: account.email,
    ...(account.subject ? { sub: account.subject } : {}),
    scope: account.scope,
    aud: account.tokenUrl,
    iat: now,
    exp: now + 3600,
  }
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    await signingKey(account.privateKeyPem),
    new TextEncoder().encode(unsigned),
  )
  const response = await callUpstream(
    account.service,
    account.tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: `${unsigned}.${base64url(new Uint8Array(signature))}`,
      }),
    },
    account.timeoutMs,
  )
  if (!response.ok) await rejectUpstream(account.service, response, 'Google refused our service account.')
  const answer = await readUpstreamJson(account.service, response, TokenAnswer)
  tokens.set(cacheKey(account), { token: answer.access_token, expiresAt: Date.now() + (answer.expires_in ?? 3600) * 1000 })
  return answer.access_token
}

/** Forgets the account's token (Google answered 401 with it): the next call gets a new one. */
export function forgetGoogleAccessToken(account: GoogleServiceAccount) {
  tokens.delete(cacheKey(account))
}
