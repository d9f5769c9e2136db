import { and, eq, isNull } from 'drizzle-orm'
import { boolean, integer, jsonb, pgTable, text, uuid, type PgColumn } from 'drizzle-orm/pg-core'
import { paginatedCreatedAt, timestamptz } from './columns'
import type { PostalAddress } from './patients'

/** A hospital and how to reach its HMIS (credentials sealed with HOSPITAL_SECRETS_KEY). */
export const hospitals = pgTable('hospitals', {
  id: uuid('id').primaryKey(),
  hfrId: text('hfr_id').notNull(),
  name: text('name').notNull(),
  address: jsonb('address').$type<PostalAddress>(),
  timezone: text('timezone').notNull(),
  adapter: text('adapter').$type<'rest' | 'fhir-r4'>().notNull(),
  hmisBaseUrl: text('hmis_base_url').notNull(),
  hmisTimeoutMs: integer('hmis_timeout_ms'),
  credentialsSealed: text('credentials_sealed').notNull(),
  shareTokenTtlSeconds: integer('share_token_ttl_seconds').notNull().default(1800),
  active: boolean('active').notNull().default(true),
  createdAt: paginatedCreatedAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})
export type HospitalRow = typeof hospitals.$inferSelect

/** A patient's profile shared with a hospital: its patient id there and the OPD token it gave. */
export const hospitalShares = pgTable('hospital_shares', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  hospitalId: uuid('hospital_id').notNull(),
  hmisPatientId: text('hmis_patient_id').notNull(),
  tokenNumber: text('token_number').notNull(),
  tokenExpiresAt: timestamptz('token_expires_at').notNull(),
  counterId: text('counter_id'),
  sharedAt: timestamptz('shared_at').notNull().defaultNow(),
  revokedAt: timestamptz('revoked_at'),
  createdAt: paginatedCreatedAt(),
})
export type HospitalShareRow = typeof hospitalShares.$inferSelect

/**
 * The join condition of a row's live share: the share of its patient with its hospital, not
 * revoked (a left join on it gives the hospital's patient id, or null once the share is gone).
 */
export const liveShareOf = (row: { patientId: PgColumn; hospitalId: PgColumn }) =>
  and(eq(hospitalShares.patientId, row.patientId), eq(hospitalShares.hospitalId, row.hospitalId), isNull(hospitalShares.revokedAt))

/** A share that ended (revoked by the patient, or the account erased) until its hospital is told (outbox kind revoke_share). */
export const shareRevocations = pgTable('share_revocations', {
  id: uuid('id').primaryKey(),
  phrPatientId: uuid('phr_patient_id').notNull(),
  hospitalId: uuid('hospital_id').notNull(),
  shareId: uuid('share_id'),
  hmisPatientId: text('hmis_patient_id'),
  reason: text('reason').$type<'revoked_by_patient' | 'account_erased'>().notNull(),
  openRefs: jsonb('open_refs').$type<OpenRef[]>().notNull().default([]),
  revokedAt: timestamptz('revoked_at').notNull().defaultNow(),
  toldAt: timestamptz('told_at'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
})

/** Something a hospital holds for a patient that is still open, by our kind and its reference. */
export type OpenRef = {
  kind: 'appointment' | 'lab_booking' | 'medicine_order' | 'care_application' | 'ambulance_request'
  ref: string
}
