import { integer, jsonb, pgTable, primaryKey, smallint, text, time, uuid } from 'drizzle-orm/pg-core'
import type { DoseTiming } from './care'
import { paginatedCreatedAt, timestamptz } from './columns'

export const linkKinds = [
  'appointment',
  'record',
  'hospital',
  'symptom_check',
  'consent',
  'medication',
  'vital',
  'ambulance_booking',
  'lab_booking',
  'medicine_order',
  'care_package_application',
  'record_summary',
  'data_export',
  'profile_management',
  'abdm_discovery',
  'abdm_pull',
] as const
export type NotificationLink = {
  kind: (typeof linkKinds)[number]
  id: string
  /** A dose reminder names the dose: its local date and timing (POST /v1/medications/{id}/doses takes both). */
  date?: string
  timing?: DoseTiming
}

export type NotificationPriority = 'critical' | 'high' | 'normal'
export type PushState = 'pending' | 'held' | 'done' | 'skipped' | 'failed'

/**
 * An in-app notification; `dedupe_key` makes a notification that must come once come once. Its
 * way to the phone (core/push): the push queue's shard (by patient), a state, when it may go.
 */
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
  priority: text('priority').$type<NotificationPriority>().notNull().default('normal'),
  pushState: text('push_state').$type<PushState>().notNull().default('pending'),
  pushShard: smallint('push_shard').notNull().default(0),
  pushAfter: timestamptz('push_after').notNull().defaultNow(),
  pushAttempts: integer('push_attempts').notNull().default(0),
  pushLockedUntil: timestamptz('push_locked_until'),
  /** A manager's copy of a managed profile's notification: that profile (migration 0035). */
  subjectId: uuid('subject_id'),
  pushNote: text('push_note'),
})
export type NotificationRow = typeof notifications.$inferSelect

/** A phone that receives pushes: its FCM registration token (a secret) and what the app said of itself. */
export const devices = pgTable('devices', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  platform: text('platform').$type<'android' | 'ios'>().notNull(),
  pushToken: text('push_token').notNull(),
  appVersion: text('app_version'),
  locale: text('locale'),
  createdAt: paginatedCreatedAt(),
  lastRegisteredAt: timestamptz('last_registered_at').notNull().defaultNow(),
})
export type DeviceRow = typeof devices.$inferSelect

/** What the patient wants pushed, and when not (quiet hours in their time zone). */
export const notificationPreferences = pgTable('notification_preferences', {
  patientId: uuid('patient_id').primaryKey(),
  pushOff: text('push_off').array().notNull().default([]),
  quietStart: time('quiet_start'),
  quietEnd: time('quiet_end'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})

/** One notification pushed to one device: claimed before the call, so never sent twice. */
export const pushDeliveries = pgTable(
  'push_deliveries',
  {
    notificationId: uuid('notification_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    status: text('status').$type<'sending' | 'sent' | 'failed' | 'unknown'>().notNull(),
    fcmMessage: text('fcm_message'),
    error: text('error'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.deviceId] })],
)
