import { jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { paginatedCreatedAt, timestamptz } from './columns'

export type NotificationLink = {
  kind: 'appointment' | 'record' | 'hospital' | 'symptom_check' | 'consent' | 'medication' | 'vital' | 'ambulance_booking'
  id: string
}

/** An in-app notification; `dedupe_key` makes a notification that must come once come once. */
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  type: text('type').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  link: jsonb('link').$type<NotificationLink>(),
  dedupeKey: text('dedupe_key'),
  readAt: timestamptz('read_at'),
  createdAt: paginatedCreatedAt(),
})
export type NotificationRow = typeof notifications.$inferSelect
