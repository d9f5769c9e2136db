import { index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns'

export const identityChannels = ['phone', 'email', 'abha_number', 'abha_address'] as const
export type IdentityChannel = (typeof identityChannels)[number]

/** A verified login identifier (proved by OTP) and the patient it signs in. */
export const patientIdentities = pgTable(
  'patient_identities',
  {
    id: uuid('id').primaryKey(),
    patientId: uuid('patient_id').notNull(),
    channel: text('channel').$type<IdentityChannel>().notNull(),
    identifier: text('identifier').notNull(),
    verifiedAt: timestamptz('verified_at').notNull().defaultNow(),
    lastLoginAt: timestamptz('last_login_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('patient_identities_channel_identifier_key').on(t.channel, t.identifier),
    index('patient_identities_patient_id_idx').on(t.patientId),
  ],
)
