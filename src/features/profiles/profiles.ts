import { z } from '@hono/zod-openapi'
import { ApiError } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { sessionClient } from '../../core/request'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { sql } from 'drizzle-orm'
import { openSession } from '../auth'
import { ageOn } from '../profile'
import { tellOfManagement } from './invitations'
import { ChildProfileCreateSchema, ProfileListSchema, ProfileParams, ProfileSchema, SwitchSchema, type ProfileRowView } from './schema'
import { createChildProfile, endManagements, ensureRoomForAnother, listProfiles } from './store'

export function toProfile(row: ProfileRowView, currentId: string): z.infer<typeof ProfileSchema> {
  const age = ageOn(row.date_of_birth, row.timezone)
  return {
    id: row.id,
    name: row.name,
    date_of_birth: row.date_of_birth,
    gender: row.gender,
    relationship: row.relationship,
    kind: row.kind,
    is_minor: age !== null && age < 18,
    scopes: row.permissions,
    management_id: row.management_id,
    current: row.id === currentId,
  }
}

export const listMyProfiles = patientRoute({
  method: 'get',
  path: '/v1/profiles',
  operationId: 'listMyProfiles',
  tags: ['Profiles'],
  summary: 'The profiles this account manages: its own first, then its children’s and the adults who accepted',
  description: '`current` marks the profile the calling token acts on (after a switch, the managed one).',
  responses: { 200: jsonResponse(ProfileListSchema, 'The profiles.') },
})

export const listMyProfilesHandler: PatientHandler<typeof listMyProfiles> = async (c) => {
  const rows = await listProfiles(c.var.services.db, c.var.accountId)
  return c.json({ items: rows.map((row) => toProfile(row, c.var.patientId)) }, 200)
}

export const createChild = patientRoute({
  method: 'post',
  path: '/v1/profiles',
  operationId: 'createChild',
  tags: ['Profiles'],
  summary: 'Add a child’s profile, declaring that I am their parent or guardian',
  description:
    'For someone under 18 today (the DPDP Act’s child): the declaration is recorded with the time and this account. Another adult is managed only after accepting an invitation (POST /v1/profiles/invitations). At 18 the management ends unless the new adult keeps it. At most PROFILES_MAX profiles and open invitations per account.',
  request: { body: jsonBody(ChildProfileCreateSchema), headers: idempotencyHeader },
  responses: { 201: jsonResponse(ProfileSchema, 'The child’s profile.'), ...errorResponses(409, 422) },
})

export const createChildHandler: PatientHandler<typeof createChild> = async (c) => {
  const body = c.req.valid('json')
  const { db, config } = c.var.services
  const accountId = c.var.accountId
  const age = ageOn(body.date_of_birth, 'Asia/Kolkata')
  if (age !== null && age >= 18) {
    throw new ApiError('unprocessable', 'They are 18 or older: invite them to accept instead (POST /v1/profiles/invitations).', {
      details: { field: 'date_of_birth', age },
    })
  }
  const result = await idempotent(
    db,
    accountId,
    c.req.valid('header')['idempotency-key'],
    body,
    async (tx) => {
      await ensureRoomForAnother(tx, accountId, config.PROFILES_MAX)
      const row = await createChildProfile(tx, accountId, body)
      return { status: 201, body: toProfile(row, c.var.patientId) }
    },
    { atomic: true },
  )
  return c.json(result.body, 201)
}

export const switchProfile = patientRoute({
  method: 'post',
  path: '/v1/profiles/{id}/switch',
  operationId: 'switchProfile',
  tags: ['Profiles'],
  summary: 'Act as one of my profiles: a token pair whose every route reads and writes that profile',
  description:
    'Switching to my own id gives my own pair back. A managed adult’s profile allows what they accepted (403 `profile_access_denied` elsewhere); once the management ends, its tokens answer 401 `management_ended` at once. Writes made this way are in the profile’s activity (GET /v1/profiles/activity).',
  request: { params: ProfileParams },
  responses: { 200: jsonResponse(SwitchSchema, 'Tokens for that profile.'), ...errorResponses(404) },
})

export const switchProfileHandler: PatientHandler<typeof switchProfile> = async (c) => {
  const { db } = c.var.services
  const accountId = c.var.accountId
  const profileId = c.req.valid('param').id
  const row = (await listProfiles(db, accountId)).find((p) => p.id === profileId)
  if (!row) throw new ApiError('not_found', 'You do not manage this profile.')
  const tokens = await openSession(c.var.services, {
    patientId: profileId,
    channel: 'switch',
    ...sessionClient(c),
    ...(row.management_id ? { actorId: accountId, managementId: row.management_id } : {}),
  })
  return c.json({ ...tokens, profile: toProfile(row, profileId) }, 200)
}

export const stopManaging = patientRoute({
  method: 'delete',
  path: '/v1/profiles/{id}',
  operationId: 'stopManaging',
  tags: ['Profiles'],
  summary: 'Stop managing a profile: its tokens stop at once; a child’s profile nobody else manages is erased after the grace period',
  description:
    'A child’s profile with no other manager and no login of its own goes as an account deletion would (ACCOUNT_ERASE_GRACE_DAYS). An adult’s own account is never touched. My own profile: DELETE /v1/me.',
  request: { params: ProfileParams },
  responses: { 204: { description: 'No longer managed.' }, ...errorResponses(404, 422) },
})

export const stopManagingHandler: PatientHandler<typeof stopManaging> = async (c) => {
  const { db, config } = c.var.services
  const accountId = c.var.accountId
  const profileId = c.req.valid('param').id
  if (profileId === accountId) throw new ApiError('unprocessable', 'This is your own profile: to delete your account, DELETE /v1/me.')
  const ended = await endManagements(db, sql`m.manager_id = ${accountId} and m.patient_id = ${profileId}`, {
    by: accountId,
    reason: 'stopped_by_manager',
    graceDays: config.ACCOUNT_ERASE_GRACE_DAYS,
  })
  const [row] = ended
  if (!row) throw new ApiError('not_found', 'You do not manage this profile.')
  // An adult who accepted hears that it ended; a child's profile has no one else to tell.
  if (row.kind === 'invited' && row.patient_id)
    await tellOfManagement(
      db,
      row.patient_id,
      row.id,
      `${row.manager_name ?? 'Someone'} no longer manages your profile`,
      `management:${row.id}:ended`,
    )
  return c.body(null, 204)
}
