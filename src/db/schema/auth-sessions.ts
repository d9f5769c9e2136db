import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns'

/** A login: the family of refresh tokens that rotate from one OTP verification. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid('id').primaryKey(),
    patientId: uuid('patient_id').notNull(),
    channel: text('channel').notNull(),
    userAgent: text('user_agent'),
    clientIp: text('client_ip'),
    createdAt: createdAt(),
    lastRefreshedAt: timestamptz('last_refreshed_at'),
    revokedAt: timestamptz('revoked_at'),
    revokedReason: text('revoked_reason'),
    /** A session switched into a profile: the account acting, and the management it acts under. */
    actorId: uuid('actor_id'),
    managementId: uuid('management_id'),
  },
  (t) => [index('auth_sessions_patient_id_idx').on(t.patientId)],
)

/** Each refresh token ever issued (by its JWT id). A used token presented again revokes its session. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id').notNull(),
    issuedAt: timestamptz('issued_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
    /** The token that replaced this one: a retry within the grace window gets it again. */
    replacedBy: uuid('replaced_by'),
  },
  (t) => [index('refresh_tokens_session_id_idx').on(t.sessionId), index('refresh_tokens_expires_at_idx').on(t.expiresAt)],
)
