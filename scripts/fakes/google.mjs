// Fake Google: OAuth 2.0 for service accounts and the Meet REST API on one port, Firebase Cloud
// Messaging HTTP v1 on another (its faults are its own: a test slowing Meet never slows a push),
// sharing the access tokens, as Google answers them.
// - POST /token: the JWT bearer grant, RS256-verified against the key pair the fake was given; the
//   Meet account must act for its Workspace user (`sub`) with the Meet scope, the FCM account with
//   the firebase.messaging scope. The access token is good for its scopes only.
// - POST /v2/spaces → {name, meetingUri, meetingCode}.
// - POST /v1/projects/{project}/messages:send → {name}, or FCM's error bodies: UNREGISTERED (404)
//   for a token the fake was told is gone, INVALID_ARGUMENT (400, with a fieldViolation on
//   message.token) for one that is not a token, INVALID_ARGUMENT for a message FCM would refuse
//   (non-string data, a reserved key, a bad TTL or priority, over 4096 bytes), and the faults a test
//   asks for per token (QUOTA_EXCEEDED 429 / UNAVAILABLE 503 / INTERNAL 500 with Retry-After).
// Test and developer controls under /_fake: spaces and revoke (access tokens refused from now on)
// on the first; messages?token= (newest first), fcm/unregister, fcm/fault, fcm/settings
// (latency, recording), fcm/stats and fcm/reset on FCM's.
import { createPublicKey, createVerify, randomBytes } from 'node:crypto'
import { startFakeServer } from './server.mjs'

const b64 = (text) => Buffer.from(text, 'base64url')
const MEET_SCOPE = 'https://www.googleapis.com/auth/meetings.space.created'
const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging'
// Tokens the fake takes for registration tokens: FCM's are long strings of these characters.
const TOKEN_SHAPE = /^[A-Za-z0-9_:.-]{32,4096}$/
const RESERVED_DATA_KEY = /^(from|notification|message_type)$|^(google|gcm)/

const fcmError = (status, code, errorCode, message, extra = []) => [
  status,
  {
    error: {
      code: status,
      message,
      status: code,
      details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }, ...extra],
    },
  },
]

/** What FCM would refuse in a message, or null. */
function invalidMessage(message) {
  if (!message || typeof message !== 'object') return 'message is required'
  const data = message.data ?? {}
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') return `Invalid value at 'message.data[${key}]' (TYPE_STRING)`
    if (RESERVED_DATA_KEY.test(key)) return `Invalid data payload key: ${key}`
  }
  const android = message.android ?? {}
  if (android.ttl !== undefined && !/^\d+(\.\d{1,9})?s$/.test(android.ttl))
    return `Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration)`
  if (android.priority !== undefined && !['HIGH', 'NORMAL'].includes(android.priority)) return `Invalid value at 'message.android.priority'`
  const apns = message.apns?.headers ?? {}
  if (apns['apns-priority'] !== undefined && !['5', '10'].includes(apns['apns-priority'])) return 'Invalid APNs priority'
  if (apns['apns-collapse-id'] !== undefined && Buffer.byteLength(apns['apns-collapse-id']) > 64) return 'apns-collapse-id is over 64 bytes'
  const size = Buffer.byteLength(JSON.stringify({ notification: message.notification, data }))
  if (size > 4096) return 'Message is too big'
  return null
}

export async function startFakeGoogle({ publicKeyPem, meet, fcm, port = 0, fcmPort = 0, log = (_line) => {} }) {
  const publicKey = createPublicKey(publicKeyPem)
  const tokens = new Map() // access token -> its scopes
  const spaces = []
  const messages = new Map() // registration token -> messages, newest first
  const unregistered = new Set()
  const faults = new Map() // registration token -> [{status, retry_after}]
  const settings = { latency_ms: 0, record: true }
  let sent = 0
  let tokenUrl

  const scopesOf = (headers) => tokens.get((headers.authorization ?? '').replace(/^Bearer /, ''))
  const unauthenticated = [
    401,
    { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } },
  ]

  const fake = await startFakeServer(
    'Google',
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
        const account =
          claims.iss === meet.serviceAccountEmail && claims.sub === meet.user
            ? MEET_SCOPE
            : fcm && claims.iss === fcm.serviceAccountEmail && claims.sub === undefined
              ? FCM_SCOPE
              : null
        if (!account || claims.aud !== tokenUrl || !(claims.exp > now) || claims.iat > now + 60) {
          return [400, { error: 'invalid_grant', error_description: 'Invalid JWT claims.' }]
        }
        const scopes = String(claims.scope).split(' ')
        if (!scopes.includes(account)) return [400, { error: 'invalid_scope' }]
        const token = `ya29.${randomBytes(24).toString('base64url')}`
        tokens.set(token, scopes)
        return [200, { access_token: token, token_type: 'Bearer', expires_in: 3599 }]
      },
      'POST /v2/spaces': ({ headers }) => {
        if (!scopesOf(headers)?.includes(MEET_SCOPE)) return unauthenticated
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
      // {scope?}: the access tokens for that scope (all, without one) are refused from now on.
      'POST /_fake/revoke': ({ body }) => {
        let revoked = 0
        for (const [token, scopes] of tokens) if (!body?.scope || scopes.includes(body.scope)) revoked += Number(tokens.delete(token))
        return [200, { revoked }]
      },
    },
    { port },
  )
  tokenUrl = `${fake.url}/token`
  if (!fcm) return { ...fake, tokenUrl, spaces }

  const fcmFake = await startFakeServer(
    'FCM',
    {
      '*': async ({ method, path, headers, body }) => {
        const send = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(path)
        if (method !== 'POST' || !send) return undefined
        if (settings.latency_ms > 0) await new Promise((resolve) => setTimeout(resolve, settings.latency_ms))
        if (!scopesOf(headers)?.includes(FCM_SCOPE)) return unauthenticated
        if (decodeURIComponent(send[1]) !== fcm.projectId)
          return [403, { error: { code: 403, message: 'Permission denied on the project.', status: 'PERMISSION_DENIED' } }]
        const message = body?.message
        const token = message?.token
        if (typeof token !== 'string' || !TOKEN_SHAPE.test(token))
          return fcmError(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'The registration token is not a valid FCM registration token', [
            {
              '@type': 'type.googleapis.com/google.rpc.BadRequest',
              fieldViolations: [{ field: 'message.token', description: 'Invalid registration token' }],
            },
          ])
        const fault = faults.get(token)?.shift()
        if (fault) {
          const code = {
            429: ['RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED'],
            503: ['UNAVAILABLE', 'UNAVAILABLE'],
            500: ['INTERNAL', 'INTERNAL'],
          }[fault.status] ?? ['UNKNOWN', 'UNSPECIFIED_ERROR']
          const [status, errorBody] = fcmError(fault.status, code[0], code[1], `fault injected for this token`)
          return [status, errorBody, fault.retry_after ? { 'retry-after': String(fault.retry_after) } : {}]
        }
        if (unregistered.has(token)) return fcmError(404, 'NOT_FOUND', 'UNREGISTERED', 'Requested entity was not found.')
        const invalid = invalidMessage(message)
        if (invalid) return fcmError(400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', invalid)
        const name = `projects/${fcm.projectId}/messages/${randomBytes(12).toString('hex')}`
        sent += 1
        if (settings.record) {
          const list = messages.get(token) ?? []
          list.unshift({ name, received_at: new Date().toISOString(), message })
          messages.set(token, list.slice(0, 100))
        }
        log(`[fake FCM] → …${token.slice(-6)}: ${message.notification?.title ?? '(data only)'}`)
        return [200, { name }]
      },
      'GET /_fake/messages': ({ query }) => [200, messages.get(query.get('token') ?? '') ?? []],
      // How many sends were accepted, to how many tokens, and how many tokens got more than one.
      'GET /_fake/fcm/stats': () => [
        200,
        { sent, tokens: messages.size, twice: [...messages.values()].filter((list) => list.length > 1).length },
      ],
      'POST /_fake/fcm/reset': () => {
        sent = 0
        messages.clear()
        return [200, { sent }]
      },
      'POST /_fake/fcm/unregister': ({ body }) => {
        unregistered.add(String(body?.token))
        return [200, { unregistered: unregistered.size }]
      },
      // {token, status: 429|503|500, retry_after?, count?}: the next sends to that token answer so.
      'POST /_fake/fcm/fault': ({ body }) => {
        const list = faults.get(String(body?.token)) ?? []
        for (let i = 0; i < (body?.count ?? 1); i++) list.push({ status: body?.status ?? 503, retry_after: body?.retry_after })
        faults.set(String(body?.token), list)
        return [200, { queued: list.length }]
      },
      // {latency_ms?, record?}: how long each send takes; whether messages are kept for /_fake/messages.
      'POST /_fake/fcm/settings': ({ body }) => {
        if (Number.isFinite(body?.latency_ms)) settings.latency_ms = body.latency_ms
        if (typeof body?.record === 'boolean') settings.record = body.record
        return [200, settings]
      },
    },
    { port: fcmPort },
  )
  return {
    ...fake,
    tokenUrl,
    spaces,
    fcmUrl: fcmFake.url,
    close: () => Promise.all([fake.close(), fcmFake.close()]),
  }
}
