import { pgTable, text, uuid } from 'drizzle-orm/pg-core'
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
/** Statuses in which an appointment holds the patient's time. */
export const activeAppointmentStatuses: AppointmentStatus[] = ['pending_sync', 'booked', 'symptoms_shared', 'reviewed']

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
  /** A move the patient asked for, until the hospital confirms it (then it is the slot) or refuses it. */
  rescheduleSlotStart: timestamptz('reschedule_slot_start'),
  rescheduleMode: text('reschedule_mode').$type<'in_person' | 'online'>(),
})
export type AppointmentRow = typeof appointments.$inferSelect
