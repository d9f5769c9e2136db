import { integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { paginatedCreatedAt, timestamptz } from './columns'

export const labTests = pgTable('lab_tests', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  sampleType: text('sample_type').notNull(),
  fastingHours: integer('fasting_hours').notNull().default(0),
  turnaroundHours: integer('turnaround_hours').notNull(),
  priceInr: integer('price_inr').notNull(),
  position: integer('position').notNull().default(0),
})

export const labBookingStatuses = ['pending_sync', 'requested', 'confirmed', 'sampled', 'results_ready', 'rejected', 'cancelled'] as const
export const labBookings = pgTable('lab_bookings', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  hospitalId: uuid('hospital_id').notNull(),
  doctorId: text('doctor_id'),
  testIds: text('test_ids').array().notNull(),
  preferredSlot: timestamptz('preferred_slot').notNull(),
  status: text('status').$type<(typeof labBookingStatuses)[number]>().notNull().default('pending_sync'),
  statusReason: text('status_reason'),
  hmisBookingRef: text('hmis_booking_ref'),
  confirmedSlot: timestamptz('confirmed_slot'),
  resultRecordId: uuid('result_record_id'),
  createdAt: paginatedCreatedAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})

export const medicineOrderStatuses = ['pending_sync', 'placed', 'accepted', 'dispatched', 'delivered', 'rejected', 'cancelled'] as const
export const medicineOrders = pgTable('medicine_orders', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  hospitalId: uuid('hospital_id').notNull(),
  deliveryAddress: text('delivery_address').notNull(),
  prescriptionKey: text('prescription_key').notNull(),
  prescriptionType: text('prescription_type').notNull(),
  prescriptionSha256: text('prescription_sha256').notNull(),
  status: text('status').$type<(typeof medicineOrderStatuses)[number]>().notNull().default('pending_sync'),
  statusReason: text('status_reason'),
  hmisOrderRef: text('hmis_order_ref'),
  createdAt: paginatedCreatedAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  /** The prescription record the order was made from (its file is the one the pharmacy fetches). */
  prescriptionRecordId: uuid('prescription_record_id'),
  /** From that record's prescribed medicines, when the hospital sent them. */
  medicines: jsonb('medicines').$type<{ name: string; dosage: string }[] | null>(),
})
