import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns'
import type { IdentityChannel } from './patient-identities'

/**
 * One OTP sent, for the login identity it proves (channel as in patient_identities). Phone and email OTPs are ours (only a keyed hash is kept); ABHA OTPs are sent and
 * checked by ABDM, so only its transaction id is kept.
 */
export const otpChallenges = pgTable(
  'otp_challenges',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel').$type<IdentityChannel>().notNull(),
    identifier: text('identifier').notNull(),
    otpHash: text('otp_hash'),
    providerTxnId: text('provider_txn_id'),
    deliverable: boolean('deliverable').notNull().default(true),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    consumedAt: timestamptz('consumed_at'),
    clientIp: text('client_ip'),
    createdAt: createdAt(),
  },
  (t) => [index('otp_challenges_expires_at_idx').on(t.expiresAt)],
)
