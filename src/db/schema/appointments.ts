import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { paginatedCreatedAt, timestamptz } from './columns'

export const appointmentStatuses = [
  'pending_sync',
  'booked',
  'symptoms_shared',
  'reviewed',
  'completed',
  'cancelled',
  'rejected',
  'missed',
] as const
export type AppointmentStatus = (typeof appointmentStatuses)[number]

/** A booking. Times in UTC; shown in the hospital's zone. */
export const appointments = pgTable('appointments', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  hospitalId: uuid('hospital_id').notNull(),
  doctorId: text('doctor_id').notNull(),
  doctorName: text('doctor_name'),
  mode: text('mode').$type<'in_person' | 'online'>().notNull(),
  slotStart: timestamptz('slot_start').notNull(),
  slotEnd: timestamptz('slot_end').notNull(),
  status: text('status').$type<AppointmentStatus>().notNull(),
  statusReason: text('status_reason'),
  hmisAppointmentRef: text('hmis_appointment_ref'),
  joinUrl: text('join_url'),
  symptomCheckId: uuid('symptom_check_id'),
  createdAt: paginatedCreatedAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})
export type AppointmentRow = typeof appointments.$inferSelect

/** Work for a hospital's HMIS that must survive the HMIS being down (transactional outbox). */
export const hmisOutbox = pgTable('hmis_outbox', {
  id: uuid('id').primaryKey(),
  kind: text('kind')
    .$type<'book_appointment' | 'cancel_appointment' | 'share_symptom_check' | 'request_lab_booking' | 'place_medicine_order'>()
    .notNull(),
  hospitalId: uuid('hospital_id').notNull(),
  /** The appointment of appointment and symptom-check jobs. */
  appointmentId: uuid('appointment_id'),
  status: text('status').$type<'pending' | 'done' | 'failed'>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
  lockedUntil: timestamptz('locked_until'),
  lastError: text('last_error'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  symptomCheckId: uuid('symptom_check_id'),
  labBookingId: uuid('lab_booking_id'),
  medicineOrderId: uuid('medicine_order_id'),
})
export type HmisJobRow = typeof hmisOutbox.$inferSelect
