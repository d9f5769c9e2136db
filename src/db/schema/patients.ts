import { date, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, timestamptz } from './columns'

export type PostalAddress = {
  line1?: string
  line2?: string
  city?: string
  district?: string
  state?: string
  pincode?: string
  country?: string
}
export type EmergencyContact = { name: string; phone: string; relationship?: string }
export type Allergy = { substance: string; reaction?: string; severity?: 'mild' | 'moderate' | 'severe' }
export type ChronicCondition = { name: string; since?: string }
export type FamilyHistory = { relation: 'mother' | 'father' | 'sibling' | 'child' | 'grandparent' | 'other'; condition: string }

/** A patient and their profile. Contact fields here are editable; logins live in patient_identities. */
export const patients = pgTable('patients', {
  id: uuid('id').primaryKey(),
  name: text('name'),
  gender: text('gender'),
  dateOfBirth: date('date_of_birth', { mode: 'string' }),
  bloodGroup: text('blood_group'),
  phone: text('phone'),
  email: text('email'),
  abhaNumber: text('abha_number'),
  abhaAddress: text('abha_address'),
  address: jsonb('address').$type<PostalAddress>(),
  emergencyContact: jsonb('emergency_contact').$type<EmergencyContact>(),
  photoUrl: text('photo_url'),
  timezone: text('timezone').notNull().default('Asia/Kolkata'),
  /** The language of notifications and pushes. */
  language: text('language').$type<'en' | 'hi'>().notNull().default('en'),
  /** When the patient asked to delete the account, and when it is erased (null: not asked, or cancelled by logging in). */
  eraseRequestedAt: timestamptz('erase_requested_at'),
  eraseAt: timestamptz('erase_at'),
  /** A photo uploaded to PHR Edge: its R2 key and type (photoUrl then names GET /v1/me/photo). */
  photoKey: text('photo_key'),
  photoType: text('photo_type').$type<'image/png' | 'image/jpeg'>(),
  /** The health profile (shaped and capped by the API: profile/schema.ts). */
  allergies: jsonb('allergies').$type<Allergy[]>().notNull().default([]),
  conditions: jsonb('conditions').$type<ChronicCondition[]>().notNull().default([]),
  familyHistory: jsonb('family_history').$type<FamilyHistory[]>().notNull().default([]),
  createdAt: createdAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})

export type PatientRow = typeof patients.$inferSelect
