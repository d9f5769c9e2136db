import { and, eq, isNull, or, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { authSessions, patientIdentities, patients, type PatientRow } from '../../db/schema'
import type { AbhaProfile } from '../../integrations/abdm/port'
import type { LoginIdentity } from './identifiers'

type NewPatient = Partial<Omit<PatientRow, 'id' | 'createdAt' | 'updatedAt'>>

/**
 * The patient a verified phone or email signs in, created on first login. Identity and patient are
 * created by one statement, so neither can exist without the other.
 */
export async function patientForIdentity(db: Db, identity: LoginIdentity) {
  const newPatientId = crypto.randomUUID()
  const contact = {
    phone: identity.channel === 'phone' ? identity.identifier : null,
    email: identity.channel === 'email' ? identity.identifier : null,
  }
  const rows = await queryRows<{ patient_id: string; created: boolean }>(
    db,
    sql`
    with identity as (
      insert into patient_identities (id, patient_id, channel, identifier)
      values (${crypto.randomUUID()}, ${newPatientId}, ${identity.channel}, ${identity.identifier})
      on conflict (channel, identifier) do update set last_login_at = now()
      returning patient_id, (xmax = 0) as created
    ), created_patient as (
      insert into patients (id, phone, email)
      select ${newPatientId}, ${contact.phone}, ${contact.email} from identity where identity.created
      returning id
    )
    select patient_id, created from identity`,
  )
  const row = rows[0]!
  const [patient] = await db.select().from(patients).where(eq(patients.id, row.patient_id))
  return { patient: patient!, created: row.created }
}

/**
 * The login identities one ABHA proved by ABDM's OTP gives (the id used, and the number and
 * address of ABDM's profile), and the patients they sign in already, under a lock: two first logins
 * (or a login and a link) of the same person at once must not give the ABHA to two patients.
 */
async function abhaOwners(tx: Db, loginId: LoginIdentity, profile: AbhaProfile) {
  const identities: LoginIdentity[] = [loginId]
  if (profile.abhaNumber && loginId.channel !== 'abha_number') identities.push({ channel: 'abha_number', identifier: profile.abhaNumber })
  if (profile.abhaAddress && loginId.channel !== 'abha_address')
    identities.push({ channel: 'abha_address', identifier: profile.abhaAddress })
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`abha:${profile.abhaNumber ?? loginId.identifier}`}))`)
  const known = await tx
    .select({ patientId: patientIdentities.patientId, channel: patientIdentities.channel })
    .from(patientIdentities)
    .where(or(...identities.map((i) => and(eq(patientIdentities.channel, i.channel), eq(patientIdentities.identifier, i.identifier)))))
  return { identities, known }
}

/**
 * The patient an ABHA login signs in. ABDM's profile gives the ABHA number and address of one
 * person, so either one finds them; a first login creates the patient from that profile. With
 * `login: false` (an ABHA account added as a profile, not signed in) nothing records a login.
 */
export async function patientForAbha(db: Db, loginId: LoginIdentity, profile: AbhaProfile, { login = true } = {}) {
  return db.transaction(async (tx) => {
    const { identities, known } = await abhaOwners(tx, loginId, profile)
    const existing = known.find((k) => k.channel === loginId.channel) ?? known[0]
    const patientId = existing?.patientId ?? crypto.randomUUID()
    if (!existing) {
      const fromAbdm: NewPatient = {
        name: profile.name ?? null,
        gender: profile.gender ?? null,
        dateOfBirth: profile.dateOfBirth ?? null,
        phone: profile.mobile ?? null,
        email: profile.email ?? null,
        abhaNumber: profile.abhaNumber ?? null,
        abhaAddress: profile.abhaAddress ?? null,
        address: profile.address ?? null,
      }
      await tx.insert(patients).values({ id: patientId, ...fromAbdm })
    }
    await tx
      .insert(patientIdentities)
      .values(identities.map((i) => ({ id: crypto.randomUUID(), patientId, channel: i.channel, identifier: i.identifier })))
      .onConflictDoUpdate({
        target: [patientIdentities.channel, patientIdentities.identifier],
        set: { lastLoginAt: login ? sql`now()` : sql`${patientIdentities.lastLoginAt}` },
        setWhere: eq(patientIdentities.patientId, patientId),
      })
    const [patient] = await tx.select().from(patients).where(eq(patients.id, patientId))
    return { patient: patient!, created: !existing }
  })
}

/**
 * Links an ABHA that ABDM proved (by its OTP) to a patient: its number and address become login
 * identities of that patient, and its profile fills what the patient had left empty. 409 when they
 * sign in another patient already.
 */
export async function linkAbha(db: Db, patientId: string, proved: LoginIdentity, profile: AbhaProfile): Promise<PatientRow> {
  return db.transaction(async (tx) => {
    const { identities, known } = await abhaOwners(tx, proved, profile)
    if (known.some((k) => k.patientId !== patientId))
      throw new ApiError(
        'conflict',
        'This ABHA signs in another account already: log in with it, or ask that account to let you manage it.',
      )
    await tx
      .insert(patientIdentities)
      .values(identities.map((i) => ({ id: crypto.randomUUID(), patientId, channel: i.channel, identifier: i.identifier })))
      .onConflictDoNothing()
    const [row] = await tx
      .update(patients)
      .set({
        abhaNumber: profile.abhaNumber ?? sql`${patients.abhaNumber}`,
        abhaAddress: profile.abhaAddress ?? sql`${patients.abhaAddress}`,
        name: sql`coalesce(${patients.name}, ${profile.name ?? null})`,
        gender: sql`coalesce(${patients.gender}, ${profile.gender ?? null})`,
        dateOfBirth: sql`coalesce(${patients.dateOfBirth}, ${profile.dateOfBirth ?? null}::date)`,
        updatedAt: sql`now()`,
      })
      .where(eq(patients.id, patientId))
      .returning()
    if (!row) throw new ApiError('not_found', 'This account no longer exists.')
    return row
  })
}

/**
 * A new session (a refresh-token family) with its first refresh token, in one statement. A login
 * cancels a deletion the patient asked for; a switch between profiles (channel `switch`; into a
 * managed profile with `actorId` and `managementId`) does not.
 */
export async function startSession(
  db: Db,
  session: { patientId: string; channel: string; userAgent: string | null; clientIp: string; actorId?: string; managementId?: string },
  refresh: { id: string; expiresAt: Date },
) {
  const sessionId = crypto.randomUUID()
  const login = session.channel !== 'switch'
  await db.execute(sql`
    with session as (
      insert into auth_sessions (id, patient_id, channel, user_agent, client_ip, actor_id, management_id)
      values (${sessionId}, ${session.patientId}, ${session.channel}, ${session.userAgent}, ${session.clientIp},
              ${session.actorId ?? null}, ${session.managementId ?? null})
    ), kept as (
      -- Logging in again cancels a deletion the patient asked for.
      update patients set erase_at = null, erase_requested_at = null, updated_at = now()
      where id = ${session.patientId} and erase_at is not null and ${login}
    )
    insert into refresh_tokens (id, session_id, expires_at) values (${refresh.id}, ${sessionId}, ${refresh.expiresAt.toISOString()})`)
  return sessionId
}

export type Rotation = { outcome: 'rotated'; refreshId: string; issuedAt: Date } | { outcome: 'reused' } | { outcome: 'revoked' }

/**
 * Marks a refresh token used and issues its successor, atomically. A token presented again within
 * `graceSeconds` of its rotation (the app retried, or refreshed twice at once) gets the same
 * successor while that is unused; any other reuse means it was stolen or replayed, and the whole
 * family (session) is revoked.
 */
export async function rotateRefreshToken(
  db: Db,
  presented: { id: string; sessionId: string; patientId: string },
  next: { id: string; expiresAt: Date },
  graceSeconds: number,
): Promise<Rotation> {
  const [row] = await queryRows<{ rotated: boolean; live_session: boolean; issued_at: string | Date | null }>(
    db,
    sql`
    with used as (
      update refresh_tokens set used_at = now(), replaced_by = ${next.id}
      where id = ${presented.id} and session_id = ${presented.sessionId} and used_at is null and expires_at > now()
      returning session_id
    ), session as (
      update auth_sessions set last_refreshed_at = now()
      where id = (select session_id from used) and patient_id = ${presented.patientId} and revoked_at is null
      returning id
    ), successor as (
      insert into refresh_tokens (id, session_id, expires_at)
      select ${next.id}, id, ${next.expiresAt.toISOString()} from session
      returning issued_at
    )
    select exists (select 1 from used) as rotated, exists (select 1 from session) as live_session,
      (select issued_at from successor) as issued_at`,
  )
  if (row!.rotated && row!.live_session) return { outcome: 'rotated', refreshId: next.id, issuedAt: new Date(row!.issued_at!) }
  if (row!.rotated) return { outcome: 'revoked' }
  // A new statement, so that a rotation committed by a concurrent refresh is visible.
  const [recent] = await queryRows<{ id: string; issued_at: string | Date }>(
    db,
    sql`
    select s.id, s.issued_at from refresh_tokens r
    join refresh_tokens s on s.id = r.replaced_by and s.used_at is null and s.expires_at > now()
    join auth_sessions a on a.id = r.session_id and a.patient_id = ${presented.patientId} and a.revoked_at is null
    where r.id = ${presented.id} and r.session_id = ${presented.sessionId}
      and r.used_at > now() - make_interval(secs => ${graceSeconds}::int)`,
  )
  if (recent) return { outcome: 'rotated', refreshId: recent.id, issuedAt: new Date(recent.issued_at) }
  await revokeSession(db, presented.sessionId, presented.patientId, 'refresh_token_reused')
  return { outcome: 'reused' }
}

export async function revokeSession(db: Db, sessionId: string, patientId: string, reason: string) {
  await db
    .update(authSessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.patientId, patientId), isNull(authSessions.revokedAt)))
}
