import { ApiError } from '../../core/errors'
import type { Logger } from '../../core/logger'
import { unseal } from '../../core/sealed'
import { callIdempotent, readUpstreamJson, rejectUpstream } from '../../core/upstream'
import { HmisDoctorSchema, HmisListSchema, HmisPatientTokenSchema, HmisSpecialtySchema } from './contract'
import type { Hmis, HmisLink, HospitalCredentials } from './port'

export type HmisOptions = { secretsKey: string; readTimeoutMs: number; writeTimeoutMs: number; requestId: string; log: Logger }

const SERVICE = 'The hospital system (HMIS)'

/** Our own HMIS contract over HTTP (src/integrations/hmis/contract.ts; README "HMIS contract"). */
export function restHmis(link: HmisLink, options: HmisOptions): Hmis {
  let credentials: Promise<HospitalCredentials> | undefined
  const apiKey = async () => (await (credentials ??= unseal<HospitalCredentials>(options.secretsKey, link.sealedCredentials))).api_key

  async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
    const response = await callIdempotent(
      SERVICE,
      `${link.baseUrl}${path}`,
      {
        method,
        headers: {
          authorization: `Bearer ${await apiKey()}`,
          'x-request-id': options.requestId,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      link.timeoutMs ?? (method === 'GET' ? options.readTimeoutMs : options.writeTimeoutMs),
    )
    if (response.status === 401 || response.status === 403) {
      options.log.log('error', 'a hospital refused our API key', { hospital_id: link.hospitalId, status: response.status })
      await rejectUpstream(SERVICE, response, 'The hospital system refused our credentials.')
    }
    return response
  }

  return {
    async specialties() {
      const response = await call('GET', '/specialties')
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return (await readUpstreamJson(SERVICE, response, HmisListSchema(HmisSpecialtySchema))).items
    },
    async searchDoctors({ name, specialty, date }) {
      const query = new URLSearchParams({ date })
      if (name) query.set('name', name)
      if (specialty) query.set('specialty', specialty)
      const response = await call('GET', `/doctors?${query}`)
      if (response.status === 400) {
        await response.body?.cancel()
        throw new ApiError('invalid_pattern', 'The hospital system would not search with that pattern.')
      }
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return (await readUpstreamJson(SERVICE, response, HmisListSchema(HmisDoctorSchema))).items
    },
    async doctor(doctorId, { from, to }) {
      const response = await call('GET', `/doctors/${encodeURIComponent(doctorId)}?${new URLSearchParams({ from, to })}`)
      if (response.status === 404) {
        await response.body?.cancel()
        return undefined
      }
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return readUpstreamJson(SERVICE, response, HmisDoctorSchema)
    },
    async registerPatient(patient) {
      const response = await call('POST', '/patients', patient)
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return readUpstreamJson(SERVICE, response, HmisPatientTokenSchema)
    },
  }
}
