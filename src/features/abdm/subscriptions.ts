import { ApiError, invalidField } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { pageSchema } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { withAbdmUser } from '../auth'
import {
  AbdmIdParams,
  AbdmSubscriptionRequestSchema,
  ApproveSubscriptionSchema,
  DenyConsentRequestSchema,
  toAbdmSubscriptionRequest,
} from './schema'

const upstreamErrors = errorResponses(409, 502, 503, 504)
const SIGN_IN = '409 `abdm_login_required` when ABDM needs my ABHA confirmed (POST /v1/abdm/abha/link).'
const noSuchRequest = () => new ApiError('not_found', 'No such subscription request.')

export const listAbdmSubscriptionRequests = patientRoute({
  method: 'get',
  path: '/v1/abdm/subscription-requests',
  operationId: 'listAbdmSubscriptionRequests',
  tags: ['ABDM'],
  summary: 'Who asks, through ABDM, to be told of my new visits (LINK) or records (DATA) for a period',
  description: `Newest first; one page. ${SIGN_IN}`,
  responses: {
    200: jsonResponse(pageSchema(AbdmSubscriptionRequestSchema, 'AbdmSubscriptionRequestPage'), 'My subscription requests.'),
    ...upstreamErrors,
  },
})

export const listAbdmSubscriptionRequestsHandler: PatientHandler<typeof listAbdmSubscriptionRequests> = async (c) => {
  const services = c.var.services
  const requests = await withAbdmUser(services, c.var.patientId, (token) =>
    services.integrations.abdmSubscriptions.subscriptionRequests(token),
  )
  const items = requests.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).map(toAbdmSubscriptionRequest)
  return c.json({ items, next_cursor: null }, 200)
}

export const approveAbdmSubscriptionRequest = patientRoute({
  method: 'post',
  path: '/v1/abdm/subscription-requests/{id}/approve',
  operationId: 'approveAbdmSubscriptionRequest',
  tags: ['ABDM'],
  summary: 'Approve a subscription request, narrowed to some hospitals, categories or record types',
  description: `Never more than was asked (400 naming the field). 409 \`conflict\` once it is no longer waiting. ${SIGN_IN}`,
  request: { params: AbdmIdParams, body: jsonBody(ApproveSubscriptionSchema) },
  responses: { 200: jsonResponse(AbdmSubscriptionRequestSchema, 'Granted.'), ...errorResponses(400, 404, 422), ...upstreamErrors },
})

export const approveAbdmSubscriptionRequestHandler: PatientHandler<typeof approveAbdmSubscriptionRequest> = async (c) => {
  const services = c.var.services
  const { id } = c.req.valid('param')
  const body = c.req.valid('json')
  const granted = await withAbdmUser(
    services,
    c.var.patientId,
    async (token) => {
      const request = await waiting(await services.integrations.abdmSubscriptions.subscriptionRequests(token), id)
      const beyond = (field: string, asked: string[], given: string[] | undefined) => {
        const extra = (given ?? []).filter((value) => asked.length > 0 && !asked.includes(value))
        if (extra.length > 0) throw invalidField('json', field, `asks for more than was requested: ${extra.join(', ')}`)
      }
      beyond(
        'hip_ids',
        request.hips.map((hip) => hip.id),
        body.hip_ids,
      )
      beyond('categories', request.categories, body.categories)
      beyond('hi_types', request.hiTypes, body.hi_types)
      const hips = body.hip_ids
        ? [...new Set(body.hip_ids)].map((hipId) => request.hips.find((hip) => hip.id === hipId) ?? { id: hipId })
        : request.hips
      const categories = body.categories ?? request.categories
      const hiTypes = body.hi_types ?? request.hiTypes
      await services.integrations.abdmSubscriptions.approveSubscription(token, id, {
        hips,
        categories,
        hiTypes,
        purpose: request.purpose,
        from: request.from,
        to: request.to,
      })
      return { ...request, status: 'GRANTED' as const, hips, categories, hiTypes }
    },
    noSuchRequest(),
  )
  return c.json(toAbdmSubscriptionRequest(granted), 200)
}

export const denyAbdmSubscriptionRequest = patientRoute({
  method: 'post',
  path: '/v1/abdm/subscription-requests/{id}/deny',
  operationId: 'denyAbdmSubscriptionRequest',
  tags: ['ABDM'],
  summary: 'Deny a subscription request, with a reason the requester sees',
  description: `409 \`conflict\` once it is no longer waiting. ${SIGN_IN}`,
  request: { params: AbdmIdParams, body: jsonBody(DenyConsentRequestSchema) },
  responses: { 200: jsonResponse(AbdmSubscriptionRequestSchema, 'Denied.'), ...errorResponses(400, 404, 422), ...upstreamErrors },
})

export const denyAbdmSubscriptionRequestHandler: PatientHandler<typeof denyAbdmSubscriptionRequest> = async (c) => {
  const services = c.var.services
  const { id } = c.req.valid('param')
  const { reason } = c.req.valid('json')
  const denied = await withAbdmUser(
    services,
    c.var.patientId,
    async (token) => {
      const request = await waiting(await services.integrations.abdmSubscriptions.subscriptionRequests(token), id)
      await services.integrations.abdmSubscriptions.denySubscription(token, id, reason)
      return { ...request, status: 'DENIED' as const }
    },
    noSuchRequest(),
  )
  return c.json(toAbdmSubscriptionRequest(denied), 200)
}

async function waiting<T extends { id: string; status: string }>(requests: T[], id: string): Promise<T> {
  const request = requests.find((r) => r.id === id)
  if (!request) throw noSuchRequest()
  if (request.status !== 'REQUESTED')
    throw new ApiError('conflict', `This request is no longer waiting for an answer: it is ${request.status.toLowerCase()}.`, {
      details: { status: request.status.toLowerCase() },
    })
  return request
}
