// Calls as a hospital's HMIS makes them: signed with the hospital's inbound secret.
import { SELF } from 'cloudflare:test'

const HFR: Record<string, string> = {
  sahyadri: 'IN2710000011',
  amrita: 'IN3210000022',
  'apollo-dubai': 'IN0710000033',
  faulty: 'IN2710000077',
  keyring: 'IN2710000055',
  sandbox: 'IN9900000099',
}

async function hmac(secret: string, bytes: Uint8Array) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return [...new Uint8Array(await crypto.subtle.sign('HMAC', key, bytes))].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export type SignOptions = {
  secret?: string
  timestamp?: number
  signature?: string
  unsigned?: boolean
  /** Sign for this path, send to another. */ signedPath?: string
  /** With a Uint8Array body: its content type (the bytes are sent as they are). */ contentType?: string
  /** Upper-case hex digits in the signature. */ upperCase?: boolean
  /** Sent as X-PHR-Hospital instead of the hospital's HFR id. */ hfrId?: string
}

/** Signs and sends: JSON bodies as they are, FormData as multipart. Returns the response and the headers used. */
export async function hmisCall(hospital: string, method: string, path: string, body?: unknown, options: SignOptions = {}) {
  let bytes: Uint8Array = new Uint8Array()
  const headers: Record<string, string> = { 'x-phr-hospital': options.hfrId ?? HFR[hospital]! }
  if (body instanceof Uint8Array) {
    headers['content-type'] = options.contentType ?? 'application/octet-stream'
    bytes = body
  } else if (body instanceof FormData) {
    const request = new Request('https://x/', { method: 'POST', body })
    headers['content-type'] = request.headers.get('content-type')!
    bytes = new Uint8Array(await request.arrayBuffer())
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    bytes = new TextEncoder().encode(JSON.stringify(body))
  }
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
  if (!options.unsigned) {
    headers['x-phr-timestamp'] = timestamp
    const prefix = new TextEncoder().encode(`${timestamp}.${method}.${options.signedPath ?? path}.`)
    const signed = new Uint8Array(prefix.length + bytes.length)
    signed.set(prefix)
    signed.set(bytes, prefix.length)
    const hex = await hmac(options.secret ?? `test-inbound-${hospital}`, signed)
    headers['x-phr-signature'] = options.signature ?? `v1=${options.upperCase ? hex.toUpperCase() : hex}`
  }
  const send = () => SELF.fetch(`https://phr.test${path}`, { method, headers, body: method === 'GET' ? undefined : bytes })
  return { response: await send(), replay: send }
}
