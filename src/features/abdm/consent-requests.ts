import type { z } from '@hono/zod-openapi'
import { ApiError, invalidField } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { pageSchema } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import type { Services } from '../../core/types'
import type { AbdmConsentRequest, ConsentGrant } from '../../integrations/abdm/port'
import { withAbdmUser } from '../auth'
import {
  AbdmConsentRequestSchema,
  AbdmIdParams,
  ApproveConsentRequestSchema,
  ConsentRequestStatusQuery,
  DenyConsentRequestSchema,
  toAbdmConsentRequest,
  toAbdmStatus,
} from './schema'

const upstreamErrors = errorResponses(409, 502, 503, 504)
const INBOX =
  'Read from ABDM’s consent manager with my ABHA’s ABDM sign-in (kept from my ABHA login or link); 409 `abdm_login_required` when there is none or ABDM ended it: link the ABHA again (POST /v1/abdm/abha/link).'

export const listAbdmConsentRequests = patientRoute({
  method: 'get',
  path: '/v1/abdm/consent-requests',
  operationId: 'listAbdmConsentRequests',
  tags: ['ABDM'],
  summary: 'My consent inbox: who asks, through ABDM, to see my records',
  description: `${INBOX} Newest first; one page (\`next_cursor\` is null).`,
  request: { query: ConsentRequestStatusQuery },
  responses: {
    200: jsonResponse(pageSchema(AbdmConsentRequestSchema, 'AbdmConsentRequestPage'), 'My consent requests.'),
    ...upstreamErrors,
  },
})

export const listAbdmConsentRequestsHandler: PatientHandler<typeof listAbdmConsentRequests> = async (c) => {
  const { status } = c.req.valid('query')
  const services = c.var.services
  const requests = await withAbdmUser(services, c.var.patientId, (token) =>
    services.integrations.hiecm.consentRequests(token, status ? toAbdmStatus(status) : undefined),
  )
  const items = requests
    .filter((request) => !status || request.status === toAbdmStatus(status))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .map(toAbdmConsentRequest)
  return c.json({ items, next_cursor: null }, 200)
}

export const getAbdmConsentRequest = patientRoute({
  method: 'get',
  path: '/v1/abdm/consent-requests/{id}',
  operationId: 'getAbdmConsentRequest',
  tags: ['ABDM'],
  summary: 'One consent request: who asks, for which records, from when to when, until when',
  description: INBOX,
  request: { params: AbdmIdParams },
  responses: { 200: jsonResponse(AbdmConsentRequestSchema, 'The request.'), ...errorResponses(404), ...upstreamErrors },
})

export const getAbdmConsentRequestHandler: PatientHandler<typeof getAbdmConsentRequest> = async (c) => {
  const services = c.var.services
  const id = c.req.valid('param').id
  const request = await withAbdmUser(services, c.var.patientId, (token) => pendingOrAny(services, token, id), noSuchRequest())
  return c.json(toAbdmConsentRequest(request), 200)
}

export const approveAbdmConsentRequest = patientRoute({
  method: 'post',
  path: '/v1/abdm/consent-requests/{id}/approve',
  operationId: 'approveAbdmConsentRequest',
  tags: ['ABDM'],
  summary: 'Approve a consent request, per hospital, never more than was asked',
  description:
    'One entry per hospital that may share. Each may narrow what was asked — fewer record types, a shorter date range, an earlier erase date, chosen visits — never widen it (400 naming the field). A request that names hospitals may be granted only for those. 409 `conflict` once the request is no longer waiting (answered, expired). Send an `Idempotency-Key` to retry safely: the same key answers the first approval again.',
  request: { params: AbdmIdParams, headers: idempotencyHeader, body: jsonBody(ApproveConsentRequestSchema) },
  responses: { 200: jsonResponse(AbdmConsentRequestSchema, 'Granted.'), ...errorResponses(400, 404, 422), ...upstreamErrors },
})

export const approveAbdmConsentRequestHandler: PatientHandler<typeof approveAbdmConsentRequest> = async (c) => {
  const services = c.var.services
  const { id } = c.req.valid('param')
  const body = c.req.valid('json')
  const result = await idempotent(
    services.db,
    c.var.patientId,
    c.req.valid('header')['idempotency-key'],
    { id, approve: body },
    async () => {
      const granted = await withAbdmUser(
        services,
        c.var.patientId,
        async (token) => {
          const request = await waiting(services, token, id)
          await services.integrations.hiecm.approveConsentRequest(token, id, grantsWithin(request, body))
          return { ...request, status: 'GRANTED' as const, updatedAt: new Date().toISOString() }
        },
        noSuchRequest(),
      )
      services.log.log('info', 'ABDM consent request approved', { patient_id: c.var.patientId, hospitals: body.consents.length })
      return { status: 200, body: toAbdmConsentRequest(granted) }
    },
  )
  return c.json(result.body, 200)
}

export const denyAbdmConsentRequest = patientRoute({
  method: 'post',
  path: '/v1/abdm/consent-requests/{id}/deny',
  operationId: 'denyAbdmConsentRequest',
  tags: ['ABDM'],
  summary: 'Deny a consent request, with a reason the requester sees',
  description: '409 `conflict` once the request is no longer waiting. `Idempotency-Key` makes a retry answer the first denial again.',
  request: { params: AbdmIdParams, headers: idempotencyHeader, body: jsonBody(DenyConsentRequestSchema) },
  responses: { 200: jsonResponse(AbdmConsentRequestSchema, 'Denied.'), ...errorResponses(400, 404, 422), ...upstreamErrors },
})

export const denyAbdmConsentRequestHandler: PatientHandler<typeof denyAbdmConsentRequest> = async (c) => {
  const services = c.var.services
  const { id } = c.req.valid('param')
  const { reason } = c.req.valid('json')
  const result = await idempotent(
    services.db,
    c.var.patientId,
    c.req.valid('header')['idempotency-key'],
    { id, deny: reason },
    async () => {
      const denied = await withAbdmUser(
        services,
        c.var.patientId,
        async (token) => {
          const request = await waiting(services, token, id)
          await services.integrations.hiecm.denyConsentRequest(token, id, reason)
          return { ...request, status: 'DENIED' as const, updatedAt: new Date().toISOString() }
        },
        noSuchRequest(),
      )
      return { status: 200, body: toAbdmConsentRequest(denied) }
    },
  )
  return c.json(result.body, 200)
}

const noSuchRequest = () => new ApiError('not_found', 'No such consent request.')

async function pendingOrAny(services: Services, token: string, id: string): Promise<AbdmConsentRequest> {
  const request = await services.integrations.hiecm.consentRequest(token, id)
  if (!request) throw noSuchRequest()
  return request
}

/** The request, still waiting for an answer. */
async function waiting(services: Services, token: string, id: string): Promise<AbdmConsentRequest> {
  const request = await pendingOrAny(services, token, id)
  if (request.status !== 'REQUESTED')
    throw new ApiError('conflict', `This request is no longer waiting for an answer: it is ${request.status.toLowerCase()}.`, {
      details: { status: request.status.toLowerCase() },
    })
  return request
}

/**
 * The approval as ABDM takes it, each hospital's part checked against what was asked: the
 * patient may narrow (types, dates, erase date, visits), never widen.
 */
export function grantsWithin(request: AbdmConsentRequest, body: z.infer<typeof ApproveConsentRequestSchema>): ConsentGrant[] {
  const asked = request.permission
  const seen = new Set<string>()
  return body.consents.map((consent, i) => {
    const at = (field: string, message: string) => invalidField('json', `consents.${i}.${field}`, message)
    if (seen.has(consent.hip_id)) throw at('hip_id', 'names a hospital twice: one entry per hospital')
    seen.add(consent.hip_id)
    const named = request.hips.find((hip) => hip.id === consent.hip_id)
    if (request.hips.length > 0 && !named)
      throw at('hip_id', `is not a hospital this request names (${request.hips.map((hip) => hip.id).join(', ')})`)
    const extra = consent.hi_types.filter((type) => !request.hiTypes.includes(type))
    if (extra.length > 0) throw at('hi_types', `asks for more than was requested: ${extra.join(', ')}`)
    const [from, to, eraseAt] = [Date.parse(consent.from), Date.parse(consent.to), Date.parse(consent.erase_at)] as const
    if (from < Date.parse(asked.from)) throw at('from', `is before the requested start ${asked.from}`)
    if (to > Date.parse(asked.to)) throw at('to', `is after the requested end ${asked.to}`)
    if (from > to) throw at('from', 'is after `to`')
    if (eraseAt > Date.parse(asked.eraseAt)) throw at('erase_at', `is after the requested erase date ${asked.eraseAt}`)
    if (eraseAt <= Date.now()) throw at('erase_at', 'must be in the future')
    return {
      hip: { id: consent.hip_id, name: named?.name },
      careContexts: (consent.care_context_refs ?? []).map((ref) => ({
        patientReference: ref.patient_reference,
        careContextReference: ref.care_context_reference,
      })),
      hiTypes: [...new Set(consent.hi_types)],
      permission: {
        ...asked,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        eraseAt: new Date(eraseAt).toISOString(),
      },
    }
  })
}
