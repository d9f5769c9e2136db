import { sql } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { profileAreas, type ManagementKind, type ProfileArea } from '../db/schema'
import { queryRows } from './db'
import { ApiError } from './errors'
import { describeError } from './logger'
import { verifyToken } from './tokens'
import type { PatientEnv } from './types'

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i

/**
 * What a route needs of a session switched into a managed profile: one area of the profile
 * (a caretaker's permissions name areas), `all` of them (a child's manager, or a caretaker allowed
 * everything), `own` (never for another profile: deleting the account, its phones, the anonymous
 * chat), or `account` (it acts on the account itself: its profiles, logging out).
 */
export type Delegation = ProfileArea | 'all' | 'own' | 'account'

/** By OpenAPI tag; a new tag must be placed here (patientRoute throws at startup otherwise). */
const DELEGATION_BY_TAG: Record<string, Delegation> = {
  Appointments: 'appointments',
  Doctors: 'appointments',
  Hospitals: 'appointments',
  'Symptom checker': 'appointments',
  Ambulance: 'appointments',
  'Care packages': 'appointments',
  'Medicine tracker': 'medicines',
  Store: 'medicines',
  Records: 'records',
  Consent: 'records',
  ABDM: 'records',
  Vitals: 'vitals',
  Profile: 'profile',
  Notifications: 'profile',
  Sync: 'all',
  Mindscape: 'own',
  Auth: 'account',
  Profiles: 'account',
}

/** Operations whose tag does not say enough. */
const DELEGATION_BY_OPERATION: Record<string, Delegation> = {
  deleteMe: 'own',
  registerDevice: 'own',
  listDevices: 'own',
  deleteDevice: 'own',
  getNotificationPreferences: 'own',
  putNotificationPreferences: 'own',
  // The home screen and a whole export show every area.
  getHome: 'all',
  requestExport: 'all',
  listExports: 'all',
  getExport: 'all',
  exportFhir: 'all',
  // Profiles: who manages this profile and what they wrote is the profile's; ending or keeping a
  // management is the person's own choice.
  listManagers: 'profile',
  listProfileActivity: 'profile',
  endManagement: 'own',
  keepManagement: 'own',
}

export function delegationOf(route: { operationId: string; tags: [string] }): Delegation {
  const delegation = DELEGATION_BY_OPERATION[route.operationId] ?? DELEGATION_BY_TAG[route.tags[0]]
  if (!delegation) throw new Error(`core/auth: say what ${route.operationId} (tag ${route.tags[0]}) allows for a managed profile`)
  return delegation
}

/** What a management allows, as a route's delegation asks it. */
export function allows(management: { kind: ManagementKind; permissions: string[] }, delegation: Delegation): boolean {
  if (delegation === 'account') return true
  if (delegation === 'own') return false
  if (management.kind === 'dependant') return true
  if (delegation === 'all') return profileAreas.every((area) => management.permissions.includes(area))
  return management.permissions.includes(delegation)
}

/**
 * Patient routes (patientRoute adds it): a valid access token. A token of one's own profile is
 * checked without a database round trip (it is signed and short-lived; see ACCESS_TOKEN_TTL_SECONDS).
 * A token switched into a managed profile costs one: the management must still be active (ending
 * it stops the token at once: 401 `management_ended`) and allow the route (403
 * `profile_access_denied`); its successful writes are recorded with actor and subject.
 * Sets patientId (the profile), accountId (who logged in) and sessionId.
 */
export function requireAuth(route: { operationId: string; tags: [string]; path: string; method: string }) {
  const delegation = delegationOf(route)
  const writes = route.method !== 'get' && route.method !== 'head'
  return createMiddleware<PatientEnv>(async (c, next) => {
    const token = c.req.header('authorization')?.match(BEARER)?.[1]
    if (!token) {
      throw new ApiError('unauthorized', 'Send the access token as `Authorization: Bearer <token>`.', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      })
    }
    const claims = await verifyToken(c.var.services.config, token, 'access').catch((error: unknown) => {
      if (error instanceof ApiError) error.headers['WWW-Authenticate'] = 'Bearer error="invalid_token"'
      throw error
    })
    c.set('patientId', claims.sub)
    c.set('sessionId', claims.sid)
    c.set('accountId', claims.act ?? claims.sub)
    if (!claims.act || !claims.mid) return next()
    if (delegation === 'own') {
      throw new ApiError('profile_access_denied', 'Only the person themselves can do this, from their own profile: switch back to yours.', {
        details: { needs: 'own_profile' },
      })
    }
    const { db, log } = c.var.services
    const [management] = await queryRows<{ kind: ManagementKind; permissions: string[] }>(
      db,
      sql`select kind, to_jsonb(permissions) as permissions from profile_managers
          where id = ${claims.mid} and manager_id = ${claims.act} and patient_id = ${claims.sub} and status = 'active'`,
    )
    if (!management) {
      throw new ApiError('management_ended', 'You no longer manage this profile: switch back to your own.', {
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      })
    }
    if (!allows(management, delegation)) {
      throw new ApiError(
        'profile_access_denied',
        `Managing this profile does not include ${delegation === 'all' ? 'everything this needs' : delegation}.`,
        {
          details: { needs: delegation, scopes: management.permissions },
        },
      )
    }
    await next()
    if (!writes || c.res.status >= 400) return
    // The subject's history shows who wrote for them; a failure here is logged, the write stands.
    await db
      .execute(
        sql`insert into profile_activity (id, patient_id, actor_id, management_id, operation, method, path, status)
          values (${crypto.randomUUID()}, ${claims.sub}, ${claims.act}, ${claims.mid}, ${route.operationId},
                  ${route.method.toUpperCase()}, ${route.path}, ${c.res.status})`,
      )
      .catch((error: unknown) => log.log('error', 'recording a write for a managed profile failed', { error: describeError(error) }))
  })
}
