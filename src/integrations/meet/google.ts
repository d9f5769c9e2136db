import { z } from 'zod'
import { base64ToBytes, base64url } from '../../core/crypto'
import { callUpstream, readUpstreamJson, rejectUpstream } from '../../core/upstream'
import type { VideoRooms } from './port'

const SERVICE = 'Google Meet'
const SCOPE = 'https://www.googleapis.com/auth/meetings.space.created'
const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() })
const SpaceAnswer = z.object({ name: z.string(), meetingUri: z.string().url(), meetingCode: z.string().optional() })

export type GoogleMeetOptions = {
  tokenUrl: string
  meetBaseUrl: string
  serviceAccountEmail: string
  /** PKCS#8 PEM of the service account's key (`\n` escapes are accepted). */
  privateKeyPem: string
  /** A Workspace user the service account acts for (domain-wide delegation): Meet takes only user credentials. */
  user: string
  timeoutMs: number
}

async function signingKey(pem: string): Promise<CryptoKey> {
  const der = base64ToBytes(pem.replace(/\\n/g, '\n').replace(/-----[^-]+-----|\s+/g, ''))
  return crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign'])
}

/** The Meet REST API: a service-account JWT (RS256, WebCrypto) → OAuth token → `spaces.create`. */
export function googleMeet(options: GoogleMeetOptions): VideoRooms {
  async function accessToken() {
    const now = Math.floor(Date.now() / 1000)
    const encode = (value: object) => base64url(new TextEncoder().encode(JSON.stringify(value)))
    const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iss: options.serviceAccountEmail, sub: options.user, scope: SCOPE, aud: options.tokenUrl, iat: now, exp: now + 3600 })}`
    const signature = await crypto.subtle.sign(
      'RSASSA-PKCS1-v1_5',
      await signingKey(options.privateKeyPem),
      new TextEncoder().encode(unsigned),
    )
    const response = await callUpstream(
      SERVICE,
      options.tokenUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: `${unsigned}.${base64url(new Uint8Array(signature))}`,
        }),
      },
      options.timeoutMs,
    )
    if (!response.ok) await rejectUpstream(SERVICE, response, 'Google refused our service account.')
    return (await readUpstreamJson(SERVICE, response, TokenAnswer)).access_token
  }
  return {
    async createRoom() {
      const response = await callUpstream(
        SERVICE,
        `${options.meetBaseUrl}/v2/spaces`,
        { method: 'POST', headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' }, body: '{}' },
        options.timeoutMs,
      )
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return (await readUpstreamJson(SERVICE, response, SpaceAnswer)).meetingUri
    },
  }
}
