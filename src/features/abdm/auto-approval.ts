import { and, eq, sql } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { abdmAutoApprovals } from '../../db/schema'
import { withAbdmUser } from '../auth'
import { HI_TYPES, AutoApprovalSchema, SetAutoApprovalSchema } from './schema'

type Row = typeof abdmAutoApprovals.$inferSelect
/** A policy being made at ABDM (the row's claim). */
const CREATING = 'creating'
const toAutoApproval = (row: Row | undefined) => ({
  enabled: row?.enabled ?? false,
  asked: Boolean(row),
  updated_at: row?.updatedAt.toISOString() ?? null,
})

export const getAbdmAutoApproval = patientRoute({
  method: 'get',
  path: '/v1/abdm/auto-approval',
  operationId: 'getAbdmAutoApproval',
  tags: ['ABDM'],
  summary: 'Whether my own record pulls through ABDM go through without asking each time (off until I say)',
  description: '`asked: false` until I answer once: the app asks then, and never again unless I open the setting.',
  responses: { 200: jsonResponse(AutoApprovalSchema, 'My setting.') },
})

export const getAbdmAutoApprovalHandler: PatientHandler<typeof getAbdmAutoApproval> = async (c) => {
  const [row] = await c.var.services.db.select().from(abdmAutoApprovals).where(eq(abdmAutoApprovals.patientId, c.var.patientId))
  return c.json(toAutoApproval(row), 200)
}

export const setAbdmAutoApproval = patientRoute({
  method: 'put',
  path: '/v1/abdm/auto-approval',
  operationId: 'setAbdmAutoApproval',
  tags: ['ABDM'],
  summary: 'Switch auto-approval of my own pulls on or off',
  description:
    'On: ABDM’s auto-approval policy for PHR Edge (every hospital, every record type, self-requested) is made the first time, enabled after. Off: disabled at ABDM (nothing to do if it was never made). Safe to repeat. 409 `abdm_login_required` when ABDM needs my ABHA confirmed.',
  request: { body: jsonBody(SetAutoApprovalSchema) },
  responses: { 200: jsonResponse(AutoApprovalSchema, 'My setting.'), ...errorResponses(400, 409, 502, 503, 504) },
})

export const setAbdmAutoApprovalHandler: PatientHandler<typeof setAbdmAutoApproval> = async (c) => {
  const services = c.var.services
  const { db, config, integrations } = services
  const { enabled } = c.req.valid('json')
  const patientId = c.var.patientId
  const mine = eq(abdmAutoApprovals.patientId, patientId)
  const [current] = await db.select().from(abdmAutoApprovals).where(mine)
  let policyId = current?.policyId ?? null
  const inFlight = () => new ApiError('request_in_flight', 'Auto-approval is being switched on already: try again in a moment.')
  if (enabled && (!policyId || policyId === CREATING)) {
    // The first "on" makes ABDM's policy. The row is claimed first so that two taps never make two
    // policies (an orphan one would keep approving after "off"); a claim left by a crashed request
    // lapses after two minutes.
    const [claimed] = await db
      .insert(abdmAutoApprovals)
      .values({ patientId, policyId: CREATING })
      .onConflictDoUpdate({
        target: abdmAutoApprovals.patientId,
        set: { policyId: CREATING, updatedAt: sql`now()` },
        where: sql`${abdmAutoApprovals.policyId} is null or (${abdmAutoApprovals.policyId} = ${CREATING} and ${abdmAutoApprovals.updatedAt} < now() - interval '2 minutes')`,
      })
      .returning()
    if (!claimed) throw inFlight()
    try {
      policyId = await withAbdmUser(services, patientId, (token) =>
        integrations.abdmSubscriptions.createAutoApproval(token, { id: config.ABDM_HIU_ID, name: 'PHR Edge' }, [...HI_TYPES], {
          code: 'PATRQT',
          text: 'Self Requested',
        }),
      )
    } catch (error) {
      // Undo the claim: the patient has not answered until ABDM took the answer.
      const claim = and(mine, eq(abdmAutoApprovals.policyId, CREATING))
      if (current) await db.update(abdmAutoApprovals).set({ policyId: null, updatedAt: current.updatedAt }).where(claim)
      else await db.delete(abdmAutoApprovals).where(claim)
      throw error
    }
  } else if (policyId === CREATING) {
    throw inFlight()
  } else if (policyId && enabled !== current!.enabled) {
    await withAbdmUser(services, patientId, (token) => integrations.abdmSubscriptions.setAutoApproval(token, policyId!, enabled))
  }
  const [row] = await db
    .insert(abdmAutoApprovals)
    .values({ patientId, enabled, policyId })
    .onConflictDoUpdate({ target: abdmAutoApprovals.patientId, set: { enabled, policyId, updatedAt: sql`now()` } })
    .returning()
  return c.json(toAutoApproval(row), 200)
}
