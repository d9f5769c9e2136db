import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import {
  profileAreas,
  type ManagementEnd,
  type ManagementKind,
  type ManagementStatus,
  type ProfileArea,
  type Relationship,
} from '../../db/schema'
import type { ProfileRowView } from './schema'

const ALL_AREAS = sql`array[${sql.join(
  profileAreas.map((area) => sql`${area}`),
  sql`, `,
)}]::text[]`

/** The account's own profile first, then the profiles it manages, oldest first: one statement. */
export async function listProfiles(db: Db, accountId: string): Promise<ProfileRowView[]> {
  return queryRows<ProfileRowView>(
    db,
    sql`select p.id, p.name, p.date_of_birth::text, p.gender, p.timezone, 'self' as relationship, 'self' as kind,
               to_jsonb(${ALL_AREAS}) as permissions, null::uuid as management_id, 0 as position, p.created_at as since
        from patients p where p.id = ${accountId}
        union all
        select p.id, p.name, p.date_of_birth::text, p.gender, p.timezone, m.relationship, m.kind, to_jsonb(m.permissions), m.id, 1, m.created_at
        from profile_managers m join patients p on p.id = m.patient_id
        where m.manager_id = ${accountId} and m.status = 'active'
        order by position, since, id`,
  )
}

/** 409 when the account has `max` profiles and open invitations already (the limit counts both). */
export async function ensureRoomForAnother(db: Db, accountId: string, max: number): Promise<void> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from profile_managers where manager_id = ${accountId} and status in ('invited', 'active')`,
  )
  if (row!.n >= max) throw new ApiError('conflict', `One account manages at most ${max} profiles and open invitations.`)
}

/**
 * A child's profile made by the account: the patient (in the account's time zone and language) and
 * the management with the guardian's declaration, in one statement.
 */
export async function createChildProfile(
  db: Db,
  accountId: string,
  child: { name: string; date_of_birth: string; gender: string; relationship: Relationship },
): Promise<ProfileRowView> {
  const profileId = crypto.randomUUID()
  const managementId = crypto.randomUUID()
  const [row] = await queryRows<ProfileRowView>(
    db,
    sql`with account as (
          select timezone, language from patients where id = ${accountId}
        ), profile as (
          insert into patients (id, name, gender, date_of_birth, timezone, language)
          select ${profileId}, ${child.name}, ${child.gender}, ${child.date_of_birth}::date, timezone, language from account
          returning id, name, date_of_birth::text, gender, timezone
        ), management as (
          insert into profile_managers (id, manager_id, patient_id, relationship, kind, status, permissions, guardian_declared_at, accepted_at)
          select ${managementId}, ${accountId}, id, ${child.relationship}, 'dependant', 'active', ${ALL_AREAS}, now(), null from profile
          returning id, relationship, kind, permissions
        )
        select p.id, p.name, p.date_of_birth, p.gender, p.timezone, m.relationship, m.kind, to_jsonb(m.permissions) as permissions,
               m.id as management_id
        from profile p, management m`,
  )
  if (!row) throw new ApiError('not_found', 'This account no longer exists.')
  return row
}

/**
 * Another ABHA account on the mobile the account logged in with, managed by it from now on (every
 * area: the mobile's OTP is what ABDM itself signs that account in with), in one statement.
 * Answers the management (made now, or already live); undefined when the account is at `max`.
 */
export async function manageAbhaProfile(
  db: Db,
  accountId: string,
  profileId: string,
  max: number,
): Promise<{ managementId: string; created: boolean } | undefined> {
  const [row] = await queryRows<{ id: string | null; created: boolean }>(
    db,
    sql`with existing as (
          select id from profile_managers where manager_id = ${accountId} and patient_id = ${profileId} and status = 'active'
        ), made as (
          insert into profile_managers (id, manager_id, patient_id, relationship, kind, status, permissions)
          select ${crypto.randomUUID()}, ${accountId}, ${profileId}, 'other', 'abha', 'active', ${ALL_AREAS}
          where not exists (select 1 from existing)
            and (select count(*) from profile_managers where manager_id = ${accountId} and status in ('invited', 'active')) < ${max}
          on conflict (manager_id, patient_id) where status = 'active' do nothing
          returning id
        )
        select coalesce((select id from made), (select id from existing)) as id, exists (select 1 from made) as created`,
  )
  return row?.id ? { managementId: row.id, created: row.created } : undefined
}

export type ManagementRow = {
  id: string
  manager_id: string
  manager_name: string | null
  patient_id: string | null
  patient_name: string | null
  relationship: Relationship
  kind: ManagementKind
  status: ManagementStatus
  permissions: ProfileArea[]
  invited_channel: 'phone' | 'email' | null
  invited_identifier: string | null
  guardian_declared_at: Date | string | null
  invite_expires_at: Date | string | null
  accepted_at: Date | string | null
  ended_at: Date | string | null
  ended_reason: ManagementEnd | null
  created_at: Date | string
}

// Arrays as JSON: every driver parses jsonb, not every one text[].
const MANAGEMENT_COLUMNS = sql`m.id, m.manager_id, a.name as manager_name, m.patient_id, p.name as patient_name, m.relationship,
  m.kind, m.status, to_jsonb(m.permissions) as permissions, m.invited_channel, m.invited_identifier, m.guardian_declared_at, m.invite_expires_at,
  m.accepted_at, m.ended_at, m.ended_reason, m.created_at`

async function managements(db: Db, where: SQL, order = sql`m.created_at, m.id`): Promise<ManagementRow[]> {
  return queryRows<ManagementRow>(
    db,
    sql`select ${MANAGEMENT_COLUMNS} from profile_managers m
        left join patients a on a.id = m.manager_id left join patients p on p.id = m.patient_id
        where ${where} order by ${order} limit 100`,
  )
}

/** One management (or invitation), whoever it is of: callers have checked whose it is. */
export async function managementById(db: Db, id: string): Promise<ManagementRow | undefined> {
  const [row] = await managements(db, sql`m.id = ${id}`)
  return row
}

/** The account's active management of a profile. */
export async function managementOf(db: Db, accountId: string, profileId: string): Promise<ManagementRow | undefined> {
  const [row] = await managements(db, sql`m.manager_id = ${accountId} and m.patient_id = ${profileId} and m.status = 'active'`)
  return row
}

/** Who manages this profile now (the profile's own view). */
export const managersOf = (db: Db, patientId: string) => managements(db, sql`m.patient_id = ${patientId} and m.status = 'active'`)

/**
 * Invitations the account sent that are still open, and those sent to its own verified phone or
 * email (expired ones are left out).
 */
export function invitationsOf(db: Db, accountId: string) {
  return managements(
    db,
    sql`m.status = 'invited' and m.invite_expires_at > now() and (m.manager_id = ${accountId} or exists (
          select 1 from patient_identities i
          where i.patient_id = ${accountId} and i.channel = m.invited_channel and i.identifier = m.invited_identifier))`,
  )
}

/**
 * Ends active managements matching `where`, in one statement: the management, every session
 * switched into the profile under it (its tokens stop at once), and — a child's profile nobody
 * else manages and with no login of its own — the profile's erasure after the grace period, as an
 * account deletion would (`eraseOrphans: false`: never; a child come of age keeps their data).
 */
export async function endManagements(
  db: Db,
  where: SQL,
  end: { by: string | null; reason: ManagementEnd; graceDays: number; eraseOrphans?: boolean },
): Promise<ManagementRow[]> {
  return queryRows<ManagementRow>(
    db,
    sql`with ended as (
          update profile_managers m set status = 'ended', ended_at = now(), ended_by = ${end.by}, ended_reason = ${end.reason},
            updated_at = now()
          where m.status = 'active' and ${where}
          returning m.*
        ), sessions as (
          update auth_sessions set revoked_at = now(), revoked_reason = 'management ended'
          where management_id in (select id from ended) and revoked_at is null
        ), orphans as (
          update patients set erase_requested_at = coalesce(erase_requested_at, now()),
            erase_at = coalesce(erase_at, now() + make_interval(days => ${end.graceDays})), updated_at = now()
          where ${end.eraseOrphans ?? true} and id in (select patient_id from ended where kind = 'dependant')
            and not exists (select 1 from profile_managers o where o.patient_id = patients.id and o.status = 'active'
                            and o.id not in (select id from ended))
            and not exists (select 1 from patient_identities i where i.patient_id = patients.id)
        )
        select ${MANAGEMENT_COLUMNS} from ended m
        left join patients a on a.id = m.manager_id left join patients p on p.id = m.patient_id`,
  )
}

/** A new invitation from the account to a phone or an email (409 when one to them is open already). */
export async function createInvitation(
  db: Db,
  accountId: string,
  invitation: { channel: 'phone' | 'email'; identifier: string; relationship: Relationship; permissions: ProfileArea[]; ttlDays: number },
): Promise<ManagementRow> {
  const id = crypto.randomUUID()
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`insert into profile_managers (id, manager_id, relationship, kind, status, permissions, invited_channel, invited_identifier,
          invite_expires_at)
        values (${id}, ${accountId}, ${invitation.relationship}, 'invited', 'invited',
                array(select jsonb_array_elements_text(${JSON.stringify([...new Set(invitation.permissions)])}::jsonb)),
                ${invitation.channel}, ${invitation.identifier}, now() + make_interval(days => ${invitation.ttlDays}))
        on conflict (manager_id, invited_identifier) where status = 'invited' do update set
          -- An expired one is replaced; an open one is not.
          id = excluded.id, relationship = excluded.relationship, permissions = excluded.permissions,
          invited_channel = excluded.invited_channel, invite_expires_at = excluded.invite_expires_at, created_at = now(), updated_at = now()
        where profile_managers.invite_expires_at <= now()
        returning id`,
  )
  if (!row) throw new ApiError('conflict', 'An invitation to them is already open: they can accept it, or you can cancel it.')
  return (await managementById(db, row.id))!
}

/** The accounts that hold the identity an invitation went to (none yet: they have not logged in with it). */
export async function inviteeOf(db: Db, channel: string, identifier: string): Promise<string | undefined> {
  const [row] = await queryRows<{ patient_id: string }>(
    db,
    sql`select patient_id from patient_identities where channel = ${channel} and identifier = ${identifier}`,
  )
  return row?.patient_id
}

/**
 * The invitee answers an open invitation sent to one of their verified identities, in one
 * statement: accepted (within what was asked) or declined. Undefined: no such open invitation for them.
 */
export async function answerInvitation(
  db: Db,
  accountId: string,
  invitationId: string,
  answer: { accept: true; permissions?: ProfileArea[] } | { accept: false },
): Promise<ManagementRow | undefined> {
  const narrowed = answer.accept && answer.permissions ? JSON.stringify([...new Set(answer.permissions)]) : null
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`update profile_managers m set
          status = ${answer.accept ? 'active' : 'declined'},
          patient_id = ${accountId},
          accepted_at = ${answer.accept ? sql`now()` : sql`null`},
          permissions = case when ${narrowed}::jsonb is null then m.permissions
            else array(select p from unnest(m.permissions) p where p in (select jsonb_array_elements_text(${narrowed}::jsonb))) end,
          updated_at = now()
        where m.id = ${invitationId} and m.status = 'invited' and m.invite_expires_at > now() and m.manager_id <> ${accountId}
          and exists (select 1 from patient_identities i
                      where i.patient_id = ${accountId} and i.channel = m.invited_channel and i.identifier = m.invited_identifier)
        returning m.id`,
  ).catch((error: unknown) => {
    // The pair's unique index: they already manage this account (under another invitation).
    if (uniqueViolation(error, 'profile_managers_pair_key')) throw new ApiError('conflict', 'This account already manages you.')
    throw error
  })
  return row && managementById(db, row.id)
}

/** Cancels an open invitation the account sent. */
export async function cancelInvitation(db: Db, accountId: string, invitationId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update profile_managers set status = 'ended', ended_at = now(), ended_by = ${accountId}, ended_reason = 'stopped_by_manager',
          updated_at = now()
        where id = ${invitationId} and manager_id = ${accountId} and status = 'invited' returning id`,
  )
  return rows.length > 0
}

/** A unique index refused the write (the driver's error, or the one it wraps). */
function uniqueViolation(error: unknown, index: string): boolean {
  for (let e = error as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505' && (e.constraint === index || e.message?.includes(index))) return true
  }
  return false
}

export type ActivityRow = {
  id: string
  actor_id: string
  actor_name: string | null
  operation: string
  method: string
  path: string
  status: number
  created_at: Date
}

/** Writes made for a profile by the accounts that manage it, newest first (keyset pages). */
export async function activityOf(db: Db, patientId: string, limit: number, after: { at: string; id: string } | undefined) {
  return queryRows<ActivityRow>(
    db,
    sql`select l.id, l.actor_id, a.name as actor_name, l.operation, l.method, l.path, l.status, l.created_at
        from profile_activity l left join patients a on a.id = l.actor_id
        where l.patient_id = ${patientId} ${after ? sql`and (l.created_at, l.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        order by l.created_at desc, l.id desc limit ${limit + 1}`,
  )
}
