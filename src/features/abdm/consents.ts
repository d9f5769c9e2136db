import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { pageSchema } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { withAbdmUser } from '../auth'
import { AbdmConsentSchema, AbdmIdParams, toAbdmConsent } from './schema'

export const listAbdmConsents = patientRoute({
  method: 'get',
  path: '/v1/abdm/consents',
  operationId: 'listAbdmConsents',
  tags: ['ABDM'],
  summary: 'The consents I granted through ABDM (one per hospital of each approval), revoked and expired ones included',
  description:
    'Newest first; one page (`next_cursor` is null). 409 `abdm_login_required` when ABDM needs my ABHA confirmed again (POST /v1/abdm/abha/link).',
  responses: { 200: jsonResponse(pageSchema(AbdmConsentSchema, 'AbdmConsentPage'), 'My consents.'), ...errorResponses(409, 502, 503, 504) },
})

export const listAbdmConsentsHandler: PatientHandler<typeof listAbdmConsents> = async (c) => {
  const services = c.var.services
  const artefacts = await withAbdmUser(services, c.var.patientId, (token) => services.integrations.hiecm.consentArtefacts(token))
  const items = artefacts.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).map(toAbdmConsent)
  return c.json({ items, next_cursor: null }, 200)
}

export const revokeAbdmConsent = patientRoute({
  method: 'post',
  path: '/v1/abdm/consents/{id}/revoke',
  operationId: 'revokeAbdmConsent',
  tags: ['ABDM'],
  summary: 'Revoke a consent: that hospital may no longer share with the requester, who must erase what it got',
  description: 'Revoking a revoked consent answers it again (safe to retry); an expired or denied one → 409 `conflict`.',
  request: { params: AbdmIdParams },
  responses: { 200: jsonResponse(AbdmConsentSchema, 'Revoked.'), ...errorResponses(404, 409, 502, 503, 504) },
})

export const revokeAbdmConsentHandler: PatientHandler<typeof revokeAbdmConsent> = async (c) => {
  const services = c.var.services
  const { id } = c.req.valid('param')
  const noSuchConsent = () => new ApiError('not_found', 'No such consent.')
  const revoked = await withAbdmUser(
    services,
    c.var.patientId,
    async (token) => {
      const artefact = await services.integrations.hiecm.consentArtefact(token, id)
      if (!artefact) throw noSuchConsent()
      if (artefact.status === 'REVOKED') return artefact
      if (artefact.status !== 'GRANTED')
        throw new ApiError('conflict', `This consent is ${artefact.status.toLowerCase()}: there is nothing to revoke.`)
      await services.integrations.hiecm.revokeConsents(token, [id])
      services.log.log('info', 'ABDM consent revoked', { patient_id: c.var.patientId })
      return { ...artefact, status: 'REVOKED' as const }
    },
    noSuchConsent(),
  )
  return c.json(toAbdmConsent(revoked), 200)
}
