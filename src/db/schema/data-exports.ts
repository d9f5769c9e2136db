import { bigint, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { paginatedCreatedAt, timestamptz } from './columns'

/** A patient's data export: a ZIP of the FHIR Bundle and every file, written by the queue into R2. */
export const dataExports = pgTable('data_exports', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  status: text('status').$type<'pending' | 'ready' | 'failed'>().notNull().default('pending'),
  statusReason: text('status_reason'),
  storageKey: text('storage_key'),
  sizeBytes: bigint('size_bytes', { mode: 'number' }),
  fileCount: integer('file_count'),
  createdAt: paginatedCreatedAt(),
  completedAt: timestamptz('completed_at'),
  /** Downloadable until then; the housekeeping deletes it after. */
  expiresAt: timestamptz('expires_at'),
})
export type DataExportRow = typeof dataExports.$inferSelect
