import type { z } from '@hono/zod-openapi'
import { ApiError } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { notify } from '../../core/notify'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import type { OutboxJob } from '../../core/outbox'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { insertInvitationJob } from './invitation-messages'
import { maskDestination } from '../auth'
import {
  contactOf,
  InvitationAcceptSchema,
  InvitationCreateSchema,
  ManagementListSchema,
  ManagementParams,
  ManagementSchema,
} from './schema'
import { answerInvitation, createInvitation, ensureRoomForAnother, invitationsOf, inviteeOf, type ManagementRow } from './store'

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

export function toManagement(row: ManagementRow): z.infer<typeof ManagementSchema> {
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    relationship: row.relationship,
    scopes: row.permissions,
    manager: { id: row.manager_id, name: row.manager_name },
    profile: row.patient_id ? { id: row.patient_id, name: row.patient_name } : null,
    invited:
      row.invited_channel && row.invited_identifier
        ? maskDestination({ channel: row.invited_channel, identifier: row.invited_identifier })
        : null,
    guardian_declared_at: iso(row.guardian_declared_at),
    invite_expires_at: iso(row.invite_expires_at),
    accepted_at: iso(row.accepted_at),
    ended_at: iso(row.ended_at),
    ended_reason: row.ended_reason,
    created_at: iso(row.created_at)!,
  }
}

export const inviteAdult = patientRoute({
  method: 'post',
  path: '/v1/profiles/invitations',
  operationId: 'inviteAdult',
  tags: ['Profiles'],
  summary: 'Ask another adult to let me manage their profile (they accept in their own session)',
  description:
    'The invitation is sent to their phone (SMS) or email, and they see it after logging in with it (its OTP proves it is theirs) in GET /v1/profiles/invitations and accept (narrowing what I may do) or decline; if they have an account already, it also notifies them. Open for PROFILE_INVITATION_TTL_DAYS; one open invitation per person (409).',
  request: { body: jsonBody(InvitationCreateSchema), headers: idempotencyHeader },
  responses: { 201: jsonResponse(ManagementSchema, 'Invited.'), ...errorResponses(409, 422) },
})

export const inviteAdultHandler: PatientHandler<typeof inviteAdult> = async (c) => {
  const body = c.req.valid('json')
  const { db, config, outbox } = c.var.services
  const accountId = c.var.accountId
  const { channel, identifier } = contactOf(body)
  let job: OutboxJob | undefined
  const result = await idempotent(
    db,
    accountId,
    c.req.valid('header')['idempotency-key'],
    body,
    async (tx) => {
      const invitee = await inviteeOf(tx, channel, identifier)
      if (invitee === accountId) throw new ApiError('unprocessable', 'That is your own login: you manage your own profile already.')
      await ensureRoomForAnother(tx, accountId, config.PROFILES_MAX)
      const row = await createInvitation(tx, accountId, {
        channel,
        identifier,
        relationship: body.relationship,
        permissions: body.scopes,
        ttlDays: config.PROFILE_INVITATION_TTL_DAYS,
      })
      job = await insertInvitationJob(tx, row.id)
      if (invitee) {
        const who = row.manager_name ?? 'Someone'
        await notify(tx, {
          patientId: invitee,
          type: 'profile_invitation',
          title: { en: `${who} asks to manage your health profile`, hi: `${who} आपकी स्वास्थ्य प्रोफ़ाइल संभालना चाहते हैं` },
          body: {
            en: `They would see and manage: ${row.permissions.join(', ')}. Accept or decline in Family profiles.`,
            hi: `वे देख और संभाल सकेंगे: ${row.permissions.join(', ')}। परिवार की प्रोफ़ाइल में स्वीकार या अस्वीकार करें।`,
          },
          link: { kind: 'profile_management', id: row.id },
          dedupeKey: `invitation:${row.id}`,
        })
      }
      return { status: 201, body: toManagement(row) }
    },
    { atomic: true },
  )
  if (job) outbox.send([job])
  return c.json(result.body, 201)
}

export const listInvitations = patientRoute({
  method: 'get',
  path: '/v1/profiles/invitations',
  operationId: 'listInvitations',
  tags: ['Profiles'],
  summary: 'Open invitations: those I sent, and those sent to my own phone or email',
  description: 'An invitation to me has `manager` (who asks) and `profile` null; one I sent has `invited` (masked).',
  responses: { 200: jsonResponse(ManagementListSchema, 'Open invitations.') },
})

export const listInvitationsHandler: PatientHandler<typeof listInvitations> = async (c) => {
  const rows = await invitationsOf(c.var.services.db, c.var.accountId)
  return c.json({ items: rows.map(toManagement) }, 200)
}

export const acceptInvitation = patientRoute({
  method: 'post',
  path: '/v1/profiles/invitations/{id}/accept',
  operationId: 'acceptInvitation',
  tags: ['Profiles'],
  summary: 'Let the account that invited me manage my profile, within what it asked (or less)',
  description:
    'Only the invited person, logged in with the phone or email it was sent to (404 otherwise, or once it expired). I see who manages me at GET /v1/me/managers and can end it at any time.',
  request: { params: ManagementParams, body: { ...jsonBody(InvitationAcceptSchema), required: false } },
  responses: { 200: jsonResponse(ManagementSchema, 'Accepted.'), ...errorResponses(404, 409, 422) },
})

export const acceptInvitationHandler: PatientHandler<typeof acceptInvitation> = async (c) => {
  const permissions = c.req.header('content-type') ? c.req.valid('json').scopes : undefined
  const { db } = c.var.services
  const id = c.req.valid('param').id
  const open = (await invitationsOf(db, c.var.accountId)).find((i) => i.id === id && i.manager_id !== c.var.accountId)
  if (!open) throw new ApiError('not_found', 'No open invitation to you with this id.')
  if (permissions && !permissions.some((area) => open.permissions.includes(area))) {
    throw new ApiError('unprocessable', `Accept at least one of what was asked (${open.permissions.join(', ')}), or decline.`, {
      details: { asked: open.permissions },
    })
  }
  const row = await answerInvitation(db, c.var.accountId, id, { accept: true, permissions })
  if (!row) throw new ApiError('not_found', 'No open invitation to you with this id.')
  await tellOfManagement(
    db,
    row.manager_id,
    row.id,
    `${row.patient_name ?? 'They'} accepted: you can now switch to their profile`,
    `management:${row.id}:${row.status}`,
  )
  return c.json(toManagement(row), 200)
}

export const declineInvitation = patientRoute({
  method: 'post',
  path: '/v1/profiles/invitations/{id}/decline',
  operationId: 'declineInvitation',
  tags: ['Profiles'],
  summary: 'Refuse an invitation to be managed',
  request: { params: ManagementParams },
  responses: { 200: jsonResponse(ManagementSchema, 'Declined.'), ...errorResponses(404) },
})

export const declineInvitationHandler: PatientHandler<typeof declineInvitation> = async (c) => {
  const { db } = c.var.services
  const row = await answerInvitation(db, c.var.accountId, c.req.valid('param').id, { accept: false })
  if (!row) throw new ApiError('not_found', 'No open invitation to you with this id.')
  await tellOfManagement(
    db,
    row.manager_id,
    row.id,
    'Your invitation to manage a profile was declined',
    `management:${row.id}:${row.status}`,
  )
  return c.json(toManagement(row), 200)
}

/**
 * One side of a management hears what became of it (accepted, declined, ended, a child turning 18),
 * once per `dedupeKey`.
 */
export async function tellOfManagement(
  db: Parameters<typeof notify>[0],
  to: string,
  managementId: string,
  title: string,
  dedupeKey: string,
  body = 'See Family profiles.',
) {
  await notify(db, {
    patientId: to,
    type: 'profile_management_changed',
    title,
    body,
    link: { kind: 'profile_management', id: managementId },
    dedupeKey,
  })
}
