import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import type { Services } from '../../core/types'
import { tellOfManagement, toManagement } from './invitations'
import { contactOf, HandoverSchema, ManagementParams, ManagementSchema, ProfileParams } from './schema'
import { endManagements, managementById } from './store'

// A child's management ends at 18 unless the new adult keeps it (DPDP Act: consent is the adult's
// own). To let them, the guardian first gives the child's profile a login of its own — their phone
// or email (handOverProfile); the new adult logs in with it (the OTP proves it), sees who manages
// them, and keeps (keepManagement) or ends (DELETE /v1/me/managers/{id}) each. Thirty days
// before the birthday the guardian is reminded; on the day, what was not kept ends. A profile
// without a login of its own is not erased then: its data stays the new adult's.

export const handOverProfile = patientRoute({
  method: 'post',
  path: '/v1/profiles/{id}/login',
  operationId: 'handOverProfile',
  tags: ['Profiles'],
  summary: 'Give a child’s profile a login of its own (their phone or email), so that they can log in to it',
  description:
    'They log in with it by OTP like anyone, to their own profile; a guardian keeps managing until they turn 18, when they keep or end each management. 409 when that phone or email already logs in to an account; 422 when the profile has a login already.',
  request: { params: ProfileParams, body: jsonBody(HandoverSchema) },
  responses: { 204: { description: 'They can log in with it now.' }, ...errorResponses(404, 409, 422) },
})

export const handOverProfileHandler: PatientHandler<typeof handOverProfile> = async (c) => {
  const body = c.req.valid('json')
  const { channel, identifier } = contactOf(body)
  const profileId = c.req.valid('param').id
  const [row] = await queryRows<{ managed: boolean; has_login: boolean; taken: boolean; added: boolean }>(
    c.var.services.db,
    sql`with managed as (
          select 1 from profile_managers
          where manager_id = ${c.var.accountId} and patient_id = ${profileId} and kind = 'dependant' and status = 'active'
        ), has_login as (
          select 1 from patient_identities where patient_id = ${profileId}
        ), taken as (
          select 1 from patient_identities where channel = ${channel} and identifier = ${identifier}
        ), added as (
          insert into patient_identities (id, patient_id, channel, identifier)
          select ${crypto.randomUUID()}, ${profileId}, ${channel}, ${identifier}
          where exists (select 1 from managed) and not exists (select 1 from has_login) and not exists (select 1 from taken)
          on conflict (channel, identifier) do nothing
          returning 1
        ), contact as (
          update patients set phone = coalesce(phone, ${body.phone ?? null}), email = coalesce(email, ${body.email ?? null}), updated_at = now()
          where id = ${profileId} and exists (select 1 from added)
        )
        select exists (select 1 from managed) as managed, exists (select 1 from has_login) as has_login,
               exists (select 1 from taken) as taken, exists (select 1 from added) as added`,
  )
  if (!row!.managed) throw new ApiError('not_found', 'You do not manage a child’s profile with this id.')
  if (row!.has_login) throw new ApiError('unprocessable', 'This profile has a login of its own already.')
  if (!row!.added) throw new ApiError('conflict', `That ${channel} already logs in to an account.`)
  return c.body(null, 204)
}

export const keepManagement = patientRoute({
  method: 'post',
  path: '/v1/me/managers/{id}/keep',
  operationId: 'keepManagement',
  tags: ['Profiles'],
  summary: 'Turning 18: let my guardian go on managing my profile (otherwise it ends on my birthday)',
  description: 'From 30 days before my 18th birthday, in my own session. I can end it later at any time.',
  request: { params: ManagementParams },
  responses: { 200: jsonResponse(ManagementSchema, 'Kept.'), ...errorResponses(404, 422) },
})

export const keepManagementHandler: PatientHandler<typeof keepManagement> = async (c) => {
  const { db } = c.var.services
  const id = c.req.valid('param').id
  const [row] = await queryRows<{ kept: boolean; early: boolean }>(
    db,
    sql`with target as (
          select m.id, p.date_of_birth > current_date - interval '18 years' + interval '30 days' as early
          from profile_managers m join patients p on p.id = m.patient_id
          where m.id = ${id} and m.patient_id = ${c.var.patientId} and m.kind = 'dependant' and m.status = 'active'
        ), kept as (
          update profile_managers set accepted_at = coalesce(accepted_at, now()), updated_at = now()
          where id = (select id from target where not early) returning id
        )
        select exists (select 1 from kept) as kept, coalesce((select early from target), false) as early`,
  )
  if (row!.early) throw new ApiError('unprocessable', 'This can be chosen from 30 days before your 18th birthday.')
  if (!row!.kept) throw new ApiError('not_found', 'No guardian manages you under this id.')
  return c.json(toManagement((await managementById(db, id))!), 200)
}

/**
 * The hourly run: guardians of a child turning 18 within 30 days are reminded (once); on the day
 * (in the profile's time zone) what the new adult did not keep ends, and both are told.
 */
export async function comeOfAge(services: Services): Promise<Record<string, unknown>> {
  const { db, config } = services
  const soon = await queryRows<{ id: string; manager_id: string; name: string | null; birthday: string }>(
    db,
    sql`select m.id, m.manager_id, p.name, (p.date_of_birth + interval '18 years')::date::text as birthday
        from profile_managers m join patients p on p.id = m.patient_id
        where m.status = 'active' and m.kind = 'dependant' and m.accepted_at is null
          and p.date_of_birth + interval '18 years' <= (now() at time zone p.timezone)::date + 30
          and p.date_of_birth + interval '18 years' > (now() at time zone p.timezone)::date
          and not exists (select 1 from notifications n where n.patient_id = m.manager_id and n.dedupe_key = 'coming-of-age:' || m.id)
        limit 1000`,
  )
  for (const m of soon) {
    await tellOfManagement(
      db,
      m.manager_id,
      m.id,
      `${m.name ?? 'Your child'} turns 18 on ${m.birthday}`,
      `coming-of-age:${m.id}`,
      'On that day your management of their profile ends unless they keep it. Give their profile their own phone or email so that they can log in and choose.',
    )
  }
  const ended = await endManagements(
    db,
    sql`m.kind = 'dependant' and m.accepted_at is null and exists (
          select 1 from patients p where p.id = m.patient_id and p.date_of_birth + interval '18 years' <= (now() at time zone p.timezone)::date)`,
    { by: null, reason: 'came_of_age', graceDays: config.ACCOUNT_ERASE_GRACE_DAYS, eraseOrphans: false },
  )
  for (const m of ended) {
    await tellOfManagement(
      db,
      m.manager_id,
      m.id,
      `${m.patient_name ?? 'Your child'} is 18: their profile is their own now`,
      `came-of-age:${m.id}`,
      'Your management of it has ended. They can invite you again from their own login.',
    )
  }
  return { reminded: soon.length, ended: ended.length }
}
