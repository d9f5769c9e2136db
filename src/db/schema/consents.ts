import { date, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { paginatedCreatedAt, timestamptz } from './columns'
import type { RecordType } from './records'

/** A hospital's request to read a patient's records, and the patient's answer. */
export const consents = pgTable('consents', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  hospitalId: uuid('hospital_id').notNull(),
  requestRef: text('request_ref').notNull(),
  purpose: text('purpose').notNull(),
  recordTypes: text('record_types').array().$type<RecordType[]>().notNull(),
  dateFrom: date('date_from', { mode: 'string' }),
  dateTo: date('date_to', { mode: 'string' }),
  requestedExpiresAt: timestamptz('requested_expires_at').notNull(),
  status: text('status').$type<'requested' | 'granted' | 'denied' | 'revoked'>().notNull().default('requested'),
  grantedTypes: text('granted_types').array().$type<RecordType[]>(),
  grantedRecordIds: uuid('granted_record_ids').array(),
  expiresAt: timestamptz('expires_at'),
  decidedAt: timestamptz('decided_at'),
  revokedAt: timestamptz('revoked_at'),
  createdAt: paginatedCreatedAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})
export type ConsentRow = typeof consents.$inferSelect

export const accessActions = ['document_posted', 'consent_requested', 'consent_read', 'records_listed', 'record_downloaded'] as const
export type AccessAction = (typeof accessActions)[number]

/** Every access to a patient's records by anyone but the patient. Appended, never changed. */
export const recordAccessLog = pgTable('record_access_log', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  hospitalId: uuid('hospital_id').notNull(),
  action: text('action').$type<AccessAction>().notNull(),
  recordId: uuid('record_id'),
  consentId: uuid('consent_id'),
  createdAt: paginatedCreatedAt(),
})

export const recordSummaries = pgTable('record_summaries', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  recordIds: uuid('record_ids').array().notNull(),
  unreadableRecordIds: uuid('unreadable_record_ids').array().notNull().default([]),
  /** Null until the queue has written it (status ready). */
  summary: text('summary'),
  model: text('model'),
  status: text('status').$type<'pending' | 'ready' | 'failed'>().notNull().default('ready'),
  statusReason: text('status_reason'),
  createdAt: paginatedCreatedAt(),
  completedAt: timestamptz('completed_at'),
})
