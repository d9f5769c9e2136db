import type { Logger } from '../../core/logger'
import { unseal } from '../../core/sealed'
import { callIdempotent, rejectUpstream } from '../../core/upstream'
import type { HmisLink, HospitalCredentials } from './port'

export type HmisOptions = { secretsKey: string; readTimeoutMs: number; writeTimeoutMs: number; requestId: string; log: Logger }

/**
 * The HTTP side every adapter shares: the hospital's API key (unsealed once, on first use), our
 * X-Request-Id, JSON of the adapter's media type, the read or write timeout (cut short to the link's
 * deadline), one retry for these idempotent calls, and a refused credential logged as ours to fix
 * and answered 502.
 */
export function hmisHttp(link: HmisLink, options: HmisOptions, service: string, mediaType: string) {
  let credentials: Promise<HospitalCredentials> | undefined
  const apiKey = async () => (await (credentials ??= unseal<HospitalCredentials>(options.secretsKey, link.sealedCredentials))).api_key

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
