import { date, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { paginatedCreatedAt, timestamptz } from './columns'

export const recordTypes = ['prescription', 'handout', 'test_result', 'report', 'other'] as const
export type RecordType = (typeof recordTypes)[number]

/** Read from the file itself (PDF, image); for a record pulled through ABDM, where it came from. */
export type RecordMetadata = {
  page_count?: number
  title?: string
  created?: string
  width?: number
  height?: number
  abdm?: {
    hip_id: string
    hip_name?: string
    care_context: string
    hi_type?: string
    consent_id: string
    composition?: string
    fhir_bundle?: boolean
  }
}

/** A document in the patient's records (the file itself is in R2 under `storage_key`). */
export const records = pgTable('records', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  source: text('source').$type<'received' | 'uploaded' | 'abdm'>().notNull(),
  type: text('type').$type<RecordType>().notNull(),
  title: text('title').notNull(),
  hospitalId: uuid('hospital_id'),
  appointmentId: uuid('appointment_id'),
  externalId: text('external_id'),
  storageKey: text('storage_key').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  recordDate: date('record_date', { mode: 'string' }),
  createdAt: paginatedCreatedAt(),
  /** Read from the file itself: PDF pages, title and creation date; image width and height. */
  /** Medicines a hospital prescribed with this document: [{name, dosage, timings, duration_days}]. */
  prescribedMedicines: jsonb('prescribed_medicines').$type<
    { name: string; dosage: string; timings: string[]; duration_days: number | null }[] | null
  >(),
  metadata: jsonb('metadata').$type<RecordMetadata | null>(),
  /** Pulled through ABDM: erased on the consent's date. */
  eraseAt: timestamptz('erase_at'),
})
export type RecordRow = typeof records.$inferSelect
