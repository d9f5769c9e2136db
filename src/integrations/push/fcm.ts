import { forgetGoogleAccessToken, googleAccessToken, type GoogleServiceAccount } from '../../core/google-auth'
import { readUpstreamText } from '../../core/upstream'
import type { PushMessage, PushSender } from './port'

// FCM HTTP v1: POST {base}/v1/projects/{project}/messages:send with the service account's OAuth
// token (scope firebase.messaging). Android gets its priority, TTL and collapse key; iOS gets them
// as APNs headers (apns-priority, apns-expiration, apns-collapse-id) in FCM's `apns` block. FCM's
// answers are read as it documents them: UNREGISTERED (404), INVALID_ARGUMENT on the token (400)
// and SENDER_ID_MISMATCH (403) mean the device is gone; QUOTA_EXCEEDED (429) and UNAVAILABLE (503)
// come back after Retry-After; INTERNAL (500) and other 5xx after a backoff; a 401 renews the
// OAuth token once (unless it is APNs' THIRD_PARTY_AUTH_ERROR, a project problem, not ours).

const SERVICE = 'FCM'
export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging'

export type FcmOptions = {
  baseUrl: string
  projectId: string
  account: Omit<GoogleServiceAccount, 'scope' | 'service' | 'subject'>
  timeoutMs: number
}

type FcmError = {
  error?: {
    code?: number
    status?: string
    message?: string
    details?: { '@type'?: string; errorCode?: string; fieldViolations?: { field?: string }[] }[]
  }
}

/** The wire message of a push. */
export function fcmMessage(message: PushMessage) {
  const urgent = message.priority !== 'normal'
  return {
    message: {
      token: message.token,
      notification: { title: message.title, body: message.body },
      data: message.data,
      android: {
        priority: urgent ? 'HIGH' : 'NORMAL',
        ttl: `${message.ttlSeconds}s`,
        ...(message.collapseKey ? { collapse_key: message.collapseKey } : {}),
        notification: {
          channel_id: message.priority === 'critical' ? 'critical' : 'default',
          ...(message.collapseKey ? { tag: message.collapseKey } : {}),
        },
      },
      apns: {
        headers: {
          'apns-priority': urgent ? '10' : '5',
          'apns-push-type': 'alert',
          'apns-expiration': String(Math.floor(Date.now() / 1000) + message.ttlSeconds),
          ...(message.collapseKey ? { 'apns-collapse-id': message.collapseKey.slice(0, 64) } : {}),
        },
        payload: { aps: { sound: 'default', ...(message.priority === 'critical' ? { 'interruption-level': 'time-sensitive' } : {}) } },
      },
    },
  }
}

const retryAfter = (response: Response, fallback: number) => {
  const header = response.headers.get('retry-after')
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds > 0) return Math.min(3600, Math.ceil(seconds))
  const date = header ? Date.parse(header) : NaN
  return Number.isFinite(date) ? Math.min(3600, Math.max(1, Math.ceil((date - Date.now()) / 1000))) : fallback
}

export function fcmSender(options: FcmOptions): PushSender {
  const account: GoogleServiceAccount = { ...options.account, scope: FCM_SCOPE, service: SERVICE }
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/projects/${encodeURIComponent(options.projectId)}/messages:send`

  async function post(body: string): Promise<Response | { unknown: string }> {
    const token = await googleAccessToken(account)
    try {
      return await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      })
    } catch (error) {
      return { unknown: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
    }
  }

  return {
    async send(message) {
      const body = JSON.stringify(fcmMessage(message))
      let answer: Response | { unknown: string }
      try {
        answer = await post(body)
        if (answer instanceof Response && answer.status === 401) {
          const error = await errorOf(answer)
          if (error.code === 'THIRD_PARTY_AUTH_ERROR') return { failed: 'THIRD_PARTY_AUTH_ERROR: APNs refused the project’s credentials' }
          // Our OAuth token was refused (revoked, expired early): a new one, once.
          forgetGoogleAccessToken(account)
          answer = await post(body)
        }
      } catch (error) {
        // The OAuth token could not be had: nothing was sent, so try again later.
        return { retryAfterSeconds: 60, reason: error instanceof Error ? error.message : String(error) }
      }
      if (!(answer instanceof Response)) return answer
      if (answer.status === 401) {
        // Refused with a fresh token too: our service account is the problem. Later, not the device's fault.
        await answer.body?.cancel()
        return { retryAfterSeconds: 300, reason: 'UNAUTHENTICATED' }
      }
      if (answer.ok) {
        const text = await readUpstreamText(SERVICE, answer, 64 * 1024).catch(() => '')
        return { sent: safeName(text) }
      }
      const error = await errorOf(answer)
      const code = error.code ?? error.status ?? String(answer.status)
      if (code === 'UNREGISTERED' || code === 'SENDER_ID_MISMATCH' || answer.status === 404) return { invalidToken: code }
      if (answer.status === 400 && (code === 'INVALID_ARGUMENT' || error.status === 'INVALID_ARGUMENT') && error.tokenField)
        return { invalidToken: 'INVALID_ARGUMENT' }
      if (answer.status === 429 || answer.status === 503) return { retryAfterSeconds: retryAfter(answer, 60), reason: code }
      if (answer.status >= 500) return { retryAfterSeconds: retryAfter(answer, 30), reason: code }
      return { failed: `${answer.status} ${code}` }
    },
  }
}

/** FCM's error body: its FcmError code (or the Google status), and whether it names the token. */
async function errorOf(response: Response): Promise<{ code?: string; status?: string; tokenField: boolean }> {
  const text = await readUpstreamText(SERVICE, response, 64 * 1024).catch(() => '')
  try {
    const error = (JSON.parse(text) as FcmError).error
    const fcm = error?.details?.find((d) => d['@type']?.endsWith('google.firebase.fcm.v1.FcmError'))
    const tokenField =
      (error?.details ?? []).some((d) => d.fieldViolations?.some((v) => v.field === 'message.token')) || /token/i.test(error?.message ?? '')
    return { code: fcm?.errorCode, status: error?.status, tokenField }
  } catch {
    return { tokenField: false }
  }
}

/** FCM's message name (`projects/…/messages/…`), kept short; nothing else of the answer. */
function safeName(text: string): string {
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name
    return typeof name === 'string' ? name.slice(0, 200) : ''
  } catch {
    return ''
  }
}
