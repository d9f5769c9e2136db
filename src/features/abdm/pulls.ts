import { z } from '@hono/zod-openapi'
import { and, count, eq, inArray } from 'drizzle-orm'
import { ApiError, invalidField } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { pageSchema } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import type { Services } from '../../core/types'
import { abdmPulls } from '../../db/schema'
import { withAbdmUser } from '../auth'
import { transfersOf, listPulls, movePull, pullOf } from './pull-store'
import { AbdmPullSchema, HI_TYPES, StartPullSchema, toAbdmPull } from './schema'

// Pulling my own records from ABDM hospitals: we ask ABDM's consent manager as our HIU (purpose
// PATRQT, "self requested"); I approve in my consent inbox (or auto-approval does); each hospital
// that granted then sends its records, Fidelius-encrypted, to our data push URL (pull-bridge.ts,
// pull-jobs.ts). The pull row is stored with the REQUEST-ID before the request is sent.

const DAY = 86_400_000
const YEARS_5 = 5 * 365 * DAY
/** Pulls not yet ended that one patient may have at once. */
const PULLS_UNDER_WAY = 5

const PullParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: '7d3e2c1b-0a9f-4e8d-b7c6-5a4f3e2d1c0b' }),
})
const upstreamErrors = errorResponses(409, 502, 503, 504)

export const startAbdmPull = patientRoute({
  method: 'post',
  path: '/v1/abdm/pulls',
  operationId: 'startAbdmPull',
  tags: ['ABDM'],
  summary: 'Pull my records from ABDM hospitals (all linked ones or one), by type and dates',
  description:
    'ABDM asks me through my consent inbox: approve `consent_request_id` there (POST /v1/abdm/consent-requests/{id}/approve, per hospital, narrowing if I like) — or with auto-approval on (PUT /v1/abdm/auto-approval) ABDM grants it at once. Each hospital then sends its records; read GET /v1/abdm/pulls/{id} for the progress and GET /v1/records?source=abdm for what came. At most five pulls under way at once (409). `Idempotency-Key` makes a retry answer the first pull again. 409 `abdm_login_required` when ABDM needs my ABHA confirmed.',
  request: { headers: idempotencyHeader, body: jsonBody(StartPullSchema) },
  responses: { 202: jsonResponse(AbdmPullSchema, 'Asked.'), ...errorResponses(400, 422), ...upstreamErrors },
})

export const startAbdmPullHandler: PatientHandler<typeof startAbdmPull> = async (c) => {
  const services = c.var.services
  const body = c.req.valid('json')
  const result = await idempotent(services.db, c.var.patientId, c.req.valid('header')['idempotency-key'], body, async () => {
    const pull = await startPull(services, c.var.patientId, body)
    return { status: 202, body: toAbdmPull(pull, []) }
  })
  return c.json(result.body, 202)
}

async function startPull(services: Services, patientId: string, body: z.infer<typeof StartPullSchema>) {
  const { db, integrations } = services
  const now = Date.now()
  const from = body.from ? Date.parse(body.from) : now - YEARS_5
  const to = body.to ? Date.parse(body.to) : now
  const eraseAt = body.erase_at ? Date.parse(body.erase_at) : now + YEARS_5
  if (from > to) throw invalidField('json', 'from', 'is after `to`')
  if (from > now) throw invalidField('json', 'from', 'is in the future: there is nothing to pull yet')
  if (eraseAt < now + DAY) throw invalidField('json', 'erase_at', 'must be at least a day from now')
  const [{ value: underWay } = { value: 0 }] = await db
    .select({ value: count() })
    .from(abdmPulls)
    .where(and(eq(abdmPulls.patientId, patientId), inArray(abdmPulls.status, ['requesting', 'awaiting_approval', 'granted'])))
  if (underWay >= PULLS_UNDER_WAY)
    throw new ApiError('conflict', `${PULLS_UNDER_WAY} pulls are under way already: approve or deny them in the consent inbox first.`)

  const abhaAddress = await withAbdmUser(services, patientId, async (_token, address) => address)
  const [pull] = await db
    .insert(abdmPulls)
    .values({
      id: crypto.randomUUID(),
      patientId,
      abhaAddress,
      hipIds: body.hip_id ? [body.hip_id] : [],
      hiTypes: [...new Set(body.hi_types ?? HI_TYPES)],
      dateFrom: new Date(from),
      dateTo: new Date(to),
      eraseAt: new Date(eraseAt),
      initRequestId: crypto.randomUUID(),
    })
    .returning()
  try {
    await integrations.abdmDataFlow.requestConsent(pull!.initRequestId, {
      abhaAddress,
      requesterName: 'PHR Edge (self)',
      hipId: body.hip_id,
      hiTypes: pull!.hiTypes,
      from: pull!.dateFrom.toISOString(),
      to: pull!.dateTo.toISOString(),
      eraseAt: pull!.eraseAt.toISOString(),
    })
  } catch (error) {
    const reason = error instanceof ApiError ? error.message : 'ABDM could not be reached.'
    await movePull(db, { id: pull!.id }, ['requesting'], { status: 'failed', error: reason })
    throw error
  }
  return (await pullOf(db, patientId, pull!.id))!
}

export const listAbdmPulls = patientRoute({
  method: 'get',
  path: '/v1/abdm/pulls',
  operationId: 'listAbdmPulls',
  tags: ['ABDM'],
  summary: 'My pulls of records through ABDM, newest first, with each hospital’s progress',
  description: 'The latest 50; one page.',
  responses: { 200: jsonResponse(pageSchema(AbdmPullSchema, 'AbdmPullPage'), 'My pulls.') },
})

export const listAbdmPullsHandler: PatientHandler<typeof listAbdmPulls> = async (c) => {
  const { db } = c.var.services
  const pulls = await listPulls(db, c.var.patientId)
  const transfers = await transfersOf(
    db,
    pulls.map((p) => p.id),
  )
  const items = pulls.map((pull) =>
    toAbdmPull(
      pull,
      transfers.filter((t) => t.pullId === pull.id),
    ),
  )
  return c.json({ items, next_cursor: null }, 200)
}

export const getAbdmPull = patientRoute({
  method: 'get',
  path: '/v1/abdm/pulls/{id}',
  operationId: 'getAbdmPull',
  tags: ['ABDM'],
  summary: 'One pull: its consent, and what each hospital sent (pages, visits, records)',
  request: { params: PullParams },
  responses: { 200: jsonResponse(AbdmPullSchema, 'The pull.'), ...errorResponses(404) },
})

export const getAbdmPullHandler: PatientHandler<typeof getAbdmPull> = async (c) => {
  const { db } = c.var.services
  const pull = await pullOf(db, c.var.patientId, c.req.valid('param').id)
  if (!pull) throw new ApiError('not_found', 'No such pull.')
  return c.json(toAbdmPull(pull, await transfersOf(db, [pull.id])), 200)
}
