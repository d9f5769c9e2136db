import { boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns'
import type { IdentityChannel } from './patient-identities'

/** What a challenge proves: a login identity, or a mobile whose ABHA addresses ABDM lists (one is then chosen). */
export type ChallengeChannel = IdentityChannel | 'abha_mobile'

/** An ABHA address ABDM listed for a mobile, as kept between the OTP and the choice. */
export type ListedAbhaAccount = { abhaAddress: string; name?: string; abhaNumber?: string; kycVerified: boolean }

/**
 * One OTP sent, for the login identity it proves (channel as in patient_identities). Phone and email OTPs are ours (only a keyed hash is kept); ABHA OTPs are sent and
 * checked by ABDM, so only its transaction id is kept. A login by mobile keeps ABDM's list of
 * addresses and its sealed transfer token until the app chooses one (migration 0036).
 */
export const otpChallenges = pgTable(
  'otp_challenges',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel').$type<ChallengeChannel>().notNull(),
    identifier: text('identifier').notNull(),
    otpHash: text('otp_hash'),
    providerTxnId: text('provider_txn_id'),
    deliverable: boolean('deliverable').notNull().default(true),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    consumedAt: timestamptz('consumed_at'),
    clientIp: text('client_ip'),
    abhaAccounts: jsonb('abha_accounts').$type<ListedAbhaAccount[]>(),
    abhaTransferToken: text('abha_transfer_token'),
    choiceHash: text('choice_hash'),
    choiceExpiresAt: timestamptz('choice_expires_at'),
    chosenAt: timestamptz('chosen_at'),
    /** A code that links an ABHA to this patient (POST /v1/abdm/abha/link), never a login. */
    linkPatientId: uuid('link_patient_id'),
    createdAt: createdAt(),
  },
  (t) => [index('otp_challenges_expires_at_idx').on(t.expiresAt)],
)
