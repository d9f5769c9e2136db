import { z } from 'zod'
import { googleAccessToken } from '../../core/google-auth'
import { callUpstream, readUpstreamJson, rejectUpstream } from '../../core/upstream'
import type { VideoRooms } from './port'

const SERVICE = 'Google Meet'
const SCOPE = 'https://www.googleapis.com/auth/meetings.space.created'
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

/** The Meet REST API: the service account's token (core/google-auth, acting for `user`) → `spaces.create`. */
export function googleMeet(options: GoogleMeetOptions): VideoRooms {
  const account = {
    service: SERVICE,
    tokenUrl: options.tokenUrl,
    email: options.serviceAccountEmail,
    privateKeyPem: options.privateKeyPem,
    scope: SCOPE,
    subject: options.user,
    timeoutMs: options.timeoutMs,
  }
  const accessToken = () => googleAccessToken(account)
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
