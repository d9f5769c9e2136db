import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { timestamptz } from './columns'

/** The patient's ABDM user token and refresh token, sealed (migration 0038): X-AUTH-TOKEN for ABDM's consent manager. */
export const abdmSessions = pgTable(
  'abdm_sessions',
  {
    patientId: uuid('patient_id').primaryKey(),
    abhaAddress: text('abha_address').notNull(),
    tokens: text('tokens').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    refreshExpiresAt: timestamptz('refresh_expires_at'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('abdm_sessions_abha_address_idx').on(t.abhaAddress)],
)
export type AbdmSessionRow = typeof abdmSessions.$inferSelect
