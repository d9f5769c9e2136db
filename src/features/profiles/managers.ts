import { sql } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { decodeCursor, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { tellOfManagement, toManagement } from './invitations'
import { ActivityListSchema, ManagementListSchema, ManagementParams } from './schema'
import { activityOf, cancelInvitation as cancelSent, endManagements, managersOf } from './store'

export const listManagers = patientRoute({
  method: 'get',
  path: '/v1/me/managers',
  operationId: 'listManagers',
  tags: ['Profiles'],
  summary: 'Who manages my profile now, and what each may do',
  responses: { 200: jsonResponse(ManagementListSchema, 'The accounts that manage this profile.') },
})

export const listManagersHandler: PatientHandler<typeof listManagers> = async (c) => {
  const rows = await managersOf(c.var.services.db, c.var.patientId)
  return c.json({ items: rows.map(toManagement) }, 200)
}

export const endManagement = patientRoute({
  method: 'delete',
  path: '/v1/me/managers/{id}',
  operationId: 'endManagement',
  tags: ['Profiles'],
  summary: 'Stop an account from managing my profile: its tokens for me stop at once',
  description: 'Only from my own session (403 for a manager switched into my profile).',
  request: { params: ManagementParams },
  responses: { 204: { description: 'Ended.' }, ...errorResponses(404) },
})

export const endManagementHandler: PatientHandler<typeof endManagement> = async (c) => {
  const { db, config } = c.var.services
  // A guardian's management of a child ends at 18 (or when the guardian stops), not by the child.
  const [ended] = await endManagements(
    db,
    sql`m.id = ${c.req.valid('param').id} and m.patient_id = ${c.var.patientId} and not (m.kind = 'dependant' and exists (
          select 1 from patients p where p.id = m.patient_id and p.date_of_birth > current_date - interval '18 years'))`,
    {
      by: c.var.patientId,
      reason: 'ended_by_patient',
      graceDays: config.ACCOUNT_ERASE_GRACE_DAYS,
    },
  )
  if (!ended) throw new ApiError('not_found', 'No account manages you under this id (a guardian’s, until you are 18).')
  await tellOfManagement(
    db,
    ended.manager_id,
    ended.id,
    `${ended.patient_name ?? 'A profile you managed'} ended your management of their profile`,
    `management:${ended.id}:${ended.status}`,
  )
  return c.body(null, 204)
}

export const cancelInvitation = patientRoute({
  method: 'delete',
  path: '/v1/profiles/invitations/{id}',
  operationId: 'cancelInvitation',
  tags: ['Profiles'],
  summary: 'Withdraw an invitation I sent that is still open',
  request: { params: ManagementParams },
  responses: { 204: { description: 'Withdrawn.' }, ...errorResponses(404) },
})

export const cancelInvitationHandler: PatientHandler<typeof cancelInvitation> = async (c) => {
  if (!(await cancelSent(c.var.services.db, c.var.accountId, c.req.valid('param').id)))
    throw new ApiError('not_found', 'No open invitation of yours with this id.')
  return c.body(null, 204)
}

export const listProfileActivity = patientRoute({
  method: 'get',
  path: '/v1/profiles/activity',
  operationId: 'listProfileActivity',
  tags: ['Profiles'],
  summary: 'What the accounts that manage my profile wrote for me, and when, newest first',
  description: 'Every successful write made in a session switched into this profile: the account that made it, the operation, its path.',
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(ActivityListSchema, 'The activity.'), ...errorResponses(400) },
})

export const listProfileActivityHandler: PatientHandler<typeof listProfileActivity> = async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const rows = await activityOf(c.var.services.db, c.var.patientId, limit, decodeCursor(cursor))
  return c.json(
    toPage(
      rows,
      limit,
      (r) => ({ at: new Date(r.created_at).toISOString(), id: r.id }),
      (r) => ({
        id: r.id,
        actor: { id: r.actor_id, name: r.actor_name },
        operation: r.operation,
        method: r.method,
        path: r.path,
        status: r.status,
        created_at: new Date(r.created_at).toISOString(),
      }),
    ),
    200,
  )
}
