import type { Logger } from '../../core/logger'
import { unseal } from '../../core/sealed'
import { callIdempotent, rejectUpstream } from '../../core/upstream'
import type { HmisLink, HospitalCredentials } from './port'

export type HmisOptions = { secretsKey: string; readTimeoutMs: number; writeTimeoutMs: number; requestId: string; log: Logger }

/**
 * Hospitals' credentials this isolate unsealed, by sealing key and sealed value (at most 1,000): a
 * doctor list would otherwise import the key and decrypt on every call. A hospital's new
 * credentials are a new sealed value, so nothing here outlives a rotation. Values, not promises:
 * nothing one request began is awaited by another.
 */
const unsealed = new Map<string, HospitalCredentials>()

async function credentialsOf(secretsKey: string, sealed: string): Promise<HospitalCredentials> {
  const key = `${secretsKey} ${sealed}`
  const known = unsealed.get(key)
  if (known) return known
  const credentials = await unseal<HospitalCredentials>(secretsKey, sealed)
  if (unsealed.size >= 1_000) unsealed.clear()
  unsealed.set(key, credentials)
  return credentials
}

/**
 * The HTTP side every adapter shares: the hospital's API key (unsealed once per isolate), our
 * X-Request-Id, JSON of the adapter's media type, the read or write timeout (cut short to the link's
 * deadline), one retry for these idempotent calls, and a refused credential logged as ours to fix
 * and answered 502.
 */
export function hmisHttp(link: HmisLink, options: HmisOptions, service: string, mediaType: string) {
  const apiKey = async () => (await credentialsOf(options.secretsKey, link.sealedCredentials)).api_key

  return async function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await callIdempotent(
      service,
      `${link.baseUrl}${path}`,
      {
        method,
        headers: {
          authorization: `Bearer ${await apiKey()}`,
          'x-request-id': options.requestId,
          accept: mediaType,
          ...(body === undefined ? {} : { 'content-type': mediaType }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      link.timeoutMs ?? (method === 'GET' ? options.readTimeoutMs : options.writeTimeoutMs),
      link.deadline,
    )
    if (response.status === 401 || response.status === 403) {
      options.log.log('error', 'a hospital refused our API key', {
        hospital_id: link.hospitalId,
        adapter: link.adapter,
        status: response.status,
      })
      await rejectUpstream(service, response, 'The hospital system refused our credentials.', { credentials_refused: true })
    }
    return response
  }
}
