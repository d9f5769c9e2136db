import type { Config } from '../../core/config'
import { issueToken, type TokenClaims } from '../../core/tokens'
import type { Services } from '../../core/types'
import type { AbdmUserToken, AbhaProfile } from '../../integrations/abdm/port'
import { keepAbdmSession } from './abdm-session'
import { toPatient } from '../profile'
import type { LoginIdentity } from './identifiers'
import { patientForAbha, patientForIdentity, startSession } from './store'

export type NewSession = {
  patientId: string
  channel: string
  userAgent: string | null
  clientIp: string
  /** A session switched into a managed profile: the account acting and the management it acts under. */
  actorId?: string
  managementId?: string
}

/** Starts a session (a login, or a switch into a managed profile) and answers its first token pair. */
export async function openSession(services: Services, session: NewSession) {
  const { db, config } = services
  const refreshId = crypto.randomUUID()
  const sessionId = await startSession(db, session, {
    id: refreshId,
    expiresAt: new Date(Date.now() + config.REFRESH_TOKEN_TTL_SECONDS * 1000),
  })
  return tokenPair(config, { sub: session.patientId, sid: sessionId, act: session.actorId, mid: session.managementId }, refreshId)
}

/**
 * The pair of one refresh token: derived from its id, issue time and the session's claims only, so
 * a retry gets the same pair. A switched session's tokens carry the account and the management.
 */
export async function tokenPair(
  config: Config,
  session: Pick<TokenClaims, 'sub' | 'sid' | 'act' | 'mid'>,
  refreshId: string,
  issuedAt = new Date(),
) {
  const base = { sub: session.sub, sid: session.sid, ...(session.act && session.mid ? { act: session.act, mid: session.mid } : {}) }
  const [accessToken, refreshToken] = await Promise.all([
    issueToken(config, { ...base, jti: `a-${refreshId}`, typ: 'access' }, config.ACCESS_TOKEN_TTL_SECONDS, issuedAt),
    issueToken(config, { ...base, jti: refreshId, typ: 'refresh' }, config.REFRESH_TOKEN_TTL_SECONDS, issuedAt),
  ])
  return {
    access_token: accessToken,
    refresh_token: refreshToken,
    token_type: 'Bearer' as const,
    expires_in: config.ACCESS_TOKEN_TTL_SECONDS,
  }
}

/**
 * Signs a proved identity in: its patient (made on the first login; from ABDM's profile for an
 * ABHA, whose user token is kept for the consent manager), a new session, and the login answer.
 */
export async function signIn(
  services: Services,
  proved: { identity: LoginIdentity; abhaProfile?: AbhaProfile; abdmToken?: AbdmUserToken },
  client: { userAgent: string | null; clientIp: string },
) {
  const { db, log, config } = services
  const { identity, abhaProfile, abdmToken } = proved
  const { patient, created } = abhaProfile ? await patientForAbha(db, identity, abhaProfile) : await patientForIdentity(db, identity)
  if (abdmToken && abhaProfile?.abhaAddress) await keepAbdmSession(db, config, patient.id, abhaProfile.abhaAddress, abdmToken)
  const tokens = await openSession(services, { patientId: patient.id, channel: identity.channel, ...client })
  log.log('info', 'patient logged in', { patient_id: patient.id, channel: identity.channel, is_new_user: created })
  return { ...tokens, is_new_user: created, patient: toPatient(patient) }
}
