import { z } from '@hono/zod-openapi'
import { eq } from 'drizzle-orm'
import { ApiError, invalidField } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import type { Services } from '../../core/types'
import { patients, type AbdmDiscoveryRow, type DiscoveredPatientRow } from '../../db/schema'
import { withAbdmUser } from '../auth'
import { AbdmDiscoverySchema, ConfirmLinkSchema, LinkCareContextsSchema, StartDiscoverySchema, toAbdmDiscovery } from './schema'
import { discoveryOf, moveDiscovery, newDiscovery } from './store'

const DiscoveryParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: '2b7c1d9e-4f3a-4e8b-9c6d-5a1f0e2d3c4b' }),
})
const upstreamErrors = errorResponses(409, 502, 503, 504)
const POLL = 'ABDM answers through its gateway a moment later: read GET /v1/abdm/discoveries/{id} until the status moves on.'

export const startAbdmDiscovery = patientRoute({
  method: 'post',
  path: '/v1/abdm/discoveries',
  operationId: 'startAbdmDiscovery',
  tags: ['ABDM'],
  summary: 'Ask a hospital on ABDM which of my visits it holds (to link them)',
  description: `The hospital looks me up by my ABHA and mobile. ${POLL} \`Idempotency-Key\` makes a retry answer the first discovery again. 409 \`abdm_login_required\` when ABDM needs my ABHA confirmed (POST /v1/abdm/abha/link).`,
  request: { headers: idempotencyHeader, body: jsonBody(StartDiscoverySchema) },
  responses: { 202: jsonResponse(AbdmDiscoverySchema, 'Asked.'), ...errorResponses(400, 404, 422), ...upstreamErrors },
})

export const startAbdmDiscoveryHandler: PatientHandler<typeof startAbdmDiscovery> = async (c) => {
  const services = c.var.services
  const body = c.req.valid('json')
  const result = await idempotent(services.db, c.var.patientId, c.req.valid('header')['idempotency-key'], body, async () => {
    const discovery = await discover(services, c.var.patientId, { id: body.hip_id, name: body.hip_name })
    return { status: 202, body: toAbdmDiscovery(discovery) }
  })
  return c.json(result.body, 202)
}

/**
 * Stores the discovery (with the REQUEST-ID it is sent under) before asking, so that ABDM's answer
 * finds it even when it comes before the call returns; a call that fails marks it failed.
 */
async function discover(services: Services, patientId: string, hip: { id: string; name?: string }): Promise<AbdmDiscoveryRow> {
  const { db, integrations } = services
  const [patient] = await db.select({ phone: patients.phone }).from(patients).where(eq(patients.id, patientId))
  const identifiers = patient?.phone ? [{ type: 'MOBILE' as const, value: patient.phone.slice(-10) }] : []
  const row = await newDiscovery(db, patientId, hip)
  try {
    await withAbdmUser(services, patientId, (token) => integrations.abdmLinking.discover(token, row.discoverRequestId, hip.id, identifiers))
  } catch (error) {
    await moveDiscovery(db, { id: row.id }, ['searching'], { status: 'failed', error: errorText(error) })
    throw error
  }
  return (await discoveryOf(db, patientId, row.id))!
}

const errorText = (error: unknown) => (error instanceof ApiError ? error.message : 'ABDM could not be reached.')

export const getAbdmDiscovery = patientRoute({
  method: 'get',
  path: '/v1/abdm/discoveries/{id}',
  operationId: 'getAbdmDiscovery',
  tags: ['ABDM'],
  summary: 'A discovery: what the hospital found, and how the link is going',
  request: { params: DiscoveryParams },
  responses: { 200: jsonResponse(AbdmDiscoverySchema, 'The discovery.'), ...errorResponses(404) },
})

export const getAbdmDiscoveryHandler: PatientHandler<typeof getAbdmDiscovery> = async (c) => {
  const row = await discoveryOf(c.var.services.db, c.var.patientId, c.req.valid('param').id)
  if (!row) throw new ApiError('not_found', 'No such discovery.')
  return c.json(toAbdmDiscovery(row), 200)
}

export const linkAbdmCareContexts = patientRoute({
  method: 'post',
  path: '/v1/abdm/discoveries/{id}/link',
  operationId: 'linkAbdmCareContexts',
  tags: ['ABDM'],
  summary: 'Link the visits I choose: the hospital sends me a code',
  description: `Only visits the hospital found (400 naming the one that is not). Asking again while a code is out sends a new one. ${POLL} The status becomes otp_sent; then POST …/confirm.`,
  request: { params: DiscoveryParams, body: jsonBody(LinkCareContextsSchema) },
  responses: { 202: jsonResponse(AbdmDiscoverySchema, 'Asked.'), ...errorResponses(400, 404, 422), ...upstreamErrors },
})

export const linkAbdmCareContextsHandler: PatientHandler<typeof linkAbdmCareContexts> = async (c) => {
  const services = c.var.services
  const { db, integrations } = services
  const { id } = c.req.valid('param')
  const row = await discoveryOf(db, c.var.patientId, id)
  if (!row) throw new ApiError('not_found', 'No such discovery.')
  const chosen = chosenOf(row, c.req.valid('json').care_context_refs)
  const requestId = crypto.randomUUID()
  const moved = await moveDiscovery(db, { id }, ['found', 'otp_sent'], {
    status: 'linking',
    linkRequestId: requestId,
    chosen,
    linkReference: null,
    otpExpiresAt: null,
    error: null,
  })
  if (!moved) throw notNow(row)
  try {
    await withAbdmUser(services, c.var.patientId, (token) =>
      integrations.abdmLinking.linkInit(token, requestId, row.transactionId!, chosen),
    )
  } catch (error) {
    await moveDiscovery(db, { linkRequestId: requestId }, ['linking'], { status: 'found', error: errorText(error) })
    throw error
  }
  return c.json(toAbdmDiscovery((await discoveryOf(db, c.var.patientId, id))!), 202)
}

/** The chosen visits, grouped as the hospital grouped them (its patient reference and record type), each one it found. */
function chosenOf(row: AbdmDiscoveryRow, refs: { patient_reference: string; care_context_reference: string }[]): DiscoveredPatientRow[] {
  const chosen = new Map<DiscoveredPatientRow, DiscoveredPatientRow>()
  refs.forEach((ref, i) => {
    const group = (row.patients ?? []).find(
      (p) => p.reference === ref.patient_reference && p.careContexts.some((c) => c.reference === ref.care_context_reference),
    )
    if (!group) throw invalidField('json', `care_context_refs.${i}`, 'is not a visit this hospital found for me')
    const visit = group.careContexts.find((c) => c.reference === ref.care_context_reference)!
    const entry = chosen.get(group) ?? { ...group, careContexts: [] }
    if (!entry.careContexts.some((c) => c.reference === visit.reference)) entry.careContexts.push(visit)
    chosen.set(group, entry)
  })
  return [...chosen.values()]
}

const notNow = (row: AbdmDiscoveryRow) =>
  new ApiError('conflict', `This discovery is ${row.status.replace('_', ' ')}: that step is not open now.`, {
    details: { status: row.status },
  })

export const confirmAbdmLink = patientRoute({
  method: 'post',
  path: '/v1/abdm/discoveries/{id}/confirm',
  operationId: 'confirmAbdmLink',
  tags: ['ABDM'],
  summary: 'Confirm the link with the hospital’s code: my visits there become linked to my ABHA',
  description: `${POLL} linked (I am told), or back to otp_sent with \`error\` for a wrong code. A code past its expiry → 409 \`otp_expired\` (link again for a new one).`,
  request: { params: DiscoveryParams, body: jsonBody(ConfirmLinkSchema) },
  responses: { 202: jsonResponse(AbdmDiscoverySchema, 'Sent to the hospital.'), ...errorResponses(400, 404, 422), ...upstreamErrors },
})

export const confirmAbdmLinkHandler: PatientHandler<typeof confirmAbdmLink> = async (c) => {
  const services = c.var.services
  const { db, integrations } = services
  const { id } = c.req.valid('param')
  const row = await discoveryOf(db, c.var.patientId, id)
  if (!row) throw new ApiError('not_found', 'No such discovery.')
  if (row.status === 'otp_sent' && row.otpExpiresAt && row.otpExpiresAt.getTime() <= Date.now())
    throw new ApiError('otp_expired', 'The hospital’s code has expired: link again for a new one.')
  const requestId = crypto.randomUUID()
  const moved = await moveDiscovery(db, { id }, ['otp_sent'], { status: 'confirming', confirmRequestId: requestId, error: null })
  if (!moved) throw notNow(row)
  try {
    await withAbdmUser(services, c.var.patientId, (token) =>
      integrations.abdmLinking.linkConfirm(token, requestId, row.linkReference!, c.req.valid('json').otp),
    )
  } catch (error) {
    await moveDiscovery(db, { confirmRequestId: requestId }, ['confirming'], { status: 'otp_sent', error: errorText(error) })
    throw error
  }
  return c.json(toAbdmDiscovery((await discoveryOf(db, c.var.patientId, id))!), 202)
}
