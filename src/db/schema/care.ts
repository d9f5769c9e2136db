import { boolean, date, integer, jsonb, numeric, pgTable, primaryKey, text, time, uuid } from 'drizzle-orm/pg-core'
import { paginatedCreatedAt, timestamptz } from './columns'

export const doseTimings = [
  'before_breakfast',
  'after_breakfast',
  'before_lunch',
  'after_lunch',
  'before_dinner',
  'after_dinner',
  'bedtime',
] as const
export type DoseTiming = (typeof doseTimings)[number]

export const patientRoutines = pgTable('patient_routines', {
  patientId: uuid('patient_id').primaryKey(),
  breakfastAt: time('breakfast_at').notNull().default('08:00'),
  lunchAt: time('lunch_at').notNull().default('13:00'),
  dinnerAt: time('dinner_at').notNull().default('20:00'),
  bedAt: time('bed_at').notNull().default('22:30'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})

export const medications = pgTable('medications', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  name: text('name').notNull(),
  dosage: text('dosage').notNull(),
  timings: text('timings').array().$type<DoseTiming[]>().notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }),
  remindersEnabled: boolean('reminders_enabled').notNull().default(true),
  quantityOnHand: numeric('quantity_on_hand', { mode: 'number' }),
  unitsPerDose: numeric('units_per_dose', { mode: 'number' }).notNull().default(1),
  refillNotifiedAt: timestamptz('refill_notified_at'),
  sourceRecordId: uuid('source_record_id'),
  createdAt: paginatedCreatedAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  /** When the next dose falls: the reminder run's own, cleared by any other change (ddl/ triggers). */
  nextReminderAt: timestamptz('next_reminder_at'),
})
export type MedicationRow = typeof medications.$inferSelect

export const medicationDoses = pgTable(
  'medication_doses',
  {
    medicationId: uuid('medication_id').notNull(),
    doseDate: date('dose_date', { mode: 'string' }).notNull(),
    timing: text('timing').$type<DoseTiming>().notNull(),
    patientId: uuid('patient_id').notNull(),
    status: text('status').$type<'taken' | 'skipped'>().notNull(),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.medicationId, t.doseDate, t.timing] })],
)

export const medicationReminders = pgTable(
  'medication_reminders',
  {
    medicationId: uuid('medication_id').notNull(),
    doseDate: date('dose_date', { mode: 'string' }).notNull(),
    timing: text('timing').$type<DoseTiming>().notNull(),
    patientId: uuid('patient_id').notNull(),
    dueAt: timestamptz('due_at').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.medicationId, t.doseDate, t.timing] })],
)

export const vitals = pgTable('vitals', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  type: text('type').notNull(),
  value: numeric('value', { mode: 'number' }).notNull(),
  value2: numeric('value2', { mode: 'number' }),
  unit: text('unit').notNull(),
  measuredAt: timestamptz('measured_at').notNull(),
  criticalRules: text('critical_rules').array().notNull().default([]),
  createdAt: paginatedCreatedAt(),
})
export type VitalRow = typeof vitals.$inferSelect

export const vitalThresholds = pgTable('vital_thresholds', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  field: text('field').$type<'value' | 'value2'>().notNull(),
  op: text('op').$type<'gte' | 'lte' | 'lt' | 'gt'>().notNull(),
  value: numeric('value', { mode: 'number' }).notNull(),
  message: text('message').notNull(),
  messageHi: text('message_hi').notNull(),
})

export const ambulanceProviders = pgTable('ambulance_providers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  types: text('types').array().notNull(),
  coverage: text('coverage').notNull(),
  position: integer('position').notNull().default(0),
  /** helpline: to call (108, 102, 112), never pre-booked; operator: takes pre-bookings by SMS to its dispatcher. */
  kind: text('kind').$type<'helpline' | 'operator' | 'hospital'>().notNull().default('helpline'),
  dispatcherPhone: text('dispatcher_phone'),
  /** For kind 'hospital': the hospital whose HMIS takes the pre-bookings. */
  hospitalId: uuid('hospital_id'),
})

export const ambulanceTypes = ['bls', 'als', 'patient_transport'] as const
export const ambulanceBookings = pgTable('ambulance_bookings', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  providerId: text('provider_id'),
  pickupAddress: text('pickup_address').notNull(),
  pickupLat: numeric('pickup_lat', { mode: 'number' }),
  pickupLng: numeric('pickup_lng', { mode: 'number' }),
  pickupTime: timestamptz('pickup_time').notNull(),
  ambulanceType: text('ambulance_type').$type<(typeof ambulanceTypes)[number]>().notNull(),
  notes: text('notes'),
  status: text('status').$type<AmbulanceStatus>().notNull().default('requested'),
  createdAt: paginatedCreatedAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  statusReason: text('status_reason'),
  history: jsonb('history').$type<AmbulanceEvent[]>().notNull().default([]),
  dispatchedAt: timestamptz('dispatched_at'),
  /** The request's reference in the hospital's HMIS (a hospital provider). */
  hmisRequestRef: text('hmis_request_ref'),
})
export const ambulanceStatuses = ['requested', 'accepted', 'declined', 'arrived', 'completed', 'cancelled', 'expired'] as const
export type AmbulanceStatus = (typeof ambulanceStatuses)[number]
/** One change of a booking: to what, when, and who made it. */
export type AmbulanceEvent = { status: AmbulanceStatus; at: string; by: 'patient' | 'dispatcher' | 'system' }
export type AmbulanceBookingRow = typeof ambulanceBookings.$inferSelect

export const carePackages = pgTable('care_packages', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  includes: text('includes').array().notNull(),
  priceInr: integer('price_inr').notNull(),
  durationDays: integer('duration_days').notNull(),
  position: integer('position').notNull().default(0),
  /** The hospital that offers it; a package no hospital offers is not listed. */
  hospitalId: uuid('hospital_id'),
  /** The package's code in the hospital's HMIS. */
  hmisCode: text('hmis_code'),
  active: boolean('active').notNull().default(true),
})

export const carePackageApplicationStatuses = ['applied', 'contacted', 'enrolled', 'declined', 'withdrawn'] as const
export type CarePackageApplicationStatus = (typeof carePackageApplicationStatuses)[number]

export const carePackageApplications = pgTable('care_package_applications', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  packageId: text('package_id').notNull(),
  status: text('status').$type<CarePackageApplicationStatus>().notNull().default('applied'),
  createdAt: paginatedCreatedAt(),
  hospitalId: uuid('hospital_id'),
  statusReason: text('status_reason'),
  hmisApplicationRef: text('hmis_application_ref'),
  sentAt: timestamptz('sent_at'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})
