import { z } from '@hono/zod-openapi'
import { formatAbhaNumber, normaliseAbha, normaliseEmail, normaliseIndianMobile } from '../../core/identifiers'
import { matching, nullableRef } from '../../core/openapi'
import type { PatientRow } from '../../db/schema'

/** A person's name: letters of any script and their marks, spaces, dots, apostrophes and hyphens. */
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u
/** What people type for an Indian mobile: digits with +91/0 prefixes, spaces, dashes, brackets. */
const INDIAN_MOBILE_INPUT = '^[+0-9][0-9 ()-]{9,18}$'

export const genders = ['male', 'female', 'other', 'undisclosed'] as const
export const bloodGroups = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const

const addressFields = {
  line1: z.string().trim().min(1).max(200).openapi({ example: '7 Shivaji Nagar' }),
  line2: z.string().trim().max(200).optional().openapi({ example: 'Near Jangli Maharaj Road' }),
  city: z.string().trim().max(100).optional().openapi({ example: 'Pune' }),
  district: z.string().trim().max(100).optional().openapi({ example: 'Pune' }),
  state: z.string().trim().max(100).optional().openapi({ example: 'Maharashtra' }),
  pincode: matching(/^[1-9]\d{5}$/, 'must be a 6-digit Indian PIN code')
    .optional()
    .openapi({ example: '411005' }),
  country: z.string().length(2).optional().openapi({ description: 'ISO 3166-1 alpha-2; IN when omitted.', example: 'IN' }),
}

/** An address as stored: every part may be missing (ABDM profiles often carry only some). */
const AddressSchema = z.object({ ...addressFields, line1: addressFields.line1.optional() }).openapi('PostalAddress')
const AddressInputSchema = z.object(addressFields).strict().openapi('PostalAddressInput')

export const EmergencyContactSchema = z
  .object({
    name: z.string().openapi({ example: 'Rahul Deshmukh' }),
    phone: z.string().openapi({ example: '+919822012345' }),
    relationship: z.string().optional().openapi({ example: 'brother' }),
  })
  .openapi('EmergencyContact')

const text = (max: number) => z.string().trim().min(1).max(max)
export const relations = ['mother', 'father', 'sibling', 'child', 'grandparent', 'other'] as const

export const AllergySchema = z
  .object({
    substance: text(100).openapi({ example: 'Penicillin' }),
    reaction: text(200).optional().openapi({ example: 'Hives and swelling' }),
    severity: z.enum(['mild', 'moderate', 'severe']).optional().openapi({ example: 'severe' }),
  })
  .strict()
  .openapi('Allergy')
export const ConditionSchema = z
  .object({
    name: text(100).openapi({ example: 'Type 2 diabetes' }),
    since: z.string().date().optional().openapi({ description: 'When it was diagnosed, as near as known.', example: '2019-06-01' }),
  })
  .strict()
  .openapi('Condition')
export const FamilyHistorySchema = z
  .object({
    relation: z.enum(relations).openapi({ example: 'father' }),
    condition: text(100).openapi({ example: 'Heart attack at 52' }),
  })
  .strict()
  .openapi('FamilyHistoryItem')

/** The health profile's three lists, as the profile shows them and PATCH replaces them (30 items each). */
const healthProfile = {
  allergies: z.array(AllergySchema).max(30).openapi({ description: 'Allergies; an empty list means none known.' }),
  conditions: z.array(ConditionSchema).max(30).openapi({ description: 'Long-term conditions.' }),
  family_history: z.array(FamilyHistorySchema).max(30).openapi({ description: 'Conditions in the family.' }),
}

export const PatientSchema = z
  .object({
    id: z.guid().openapi({ example: '3d9a3c1e-2b4f-4c6a-8e1d-5f7a9b0c2d4e' }),
    name: z.string().nullable().openapi({ example: 'Asha Verma' }),
    gender: z.enum(genders).nullable().openapi({ example: 'female' }),
    date_of_birth: z.string().date().nullable().openapi({ example: '1990-04-12' }),
    blood_group: z.enum(bloodGroups).nullable().openapi({ example: 'B+' }),
    phone: z.string().nullable().openapi({ pattern: '^\\+91[6-9]\\d{9}$', example: '+919876543210' }),
    email: z.string().email().nullable().openapi({ example: 'asha.verma@example.in' }),
    abha_number: z.string().nullable().openapi({ pattern: '^\\d{2}-\\d{4}-\\d{4}-\\d{4}$', example: '91-1234-5678-9015' }),
    abha_address: z.string().nullable().openapi({ example: 'asha.verma@abdm' }),
    address: nullableRef(AddressSchema),
    emergency_contact: nullableRef(EmergencyContactSchema),
    photo: z.string().url().nullable().openapi({ example: 'https://cdn.example.in/photos/asha.jpg' }),
    timezone: z.string().openapi({ example: 'Asia/Kolkata' }),
    language: z.enum(['en', 'hi']).openapi({ description: 'The language of notifications and pushes.', example: 'hi' }),
    ...healthProfile,
    created_at: z.string().datetime({ offset: true }).openapi({ example: '2026-11-27T10:15:30.000Z' }),
    updated_at: z.string().datetime({ offset: true }).openapi({ example: '2026-11-27T10:15:30.000Z' }),
  })
  .openapi('Patient')

export type Patient = z.infer<typeof PatientSchema>

export function toPatient(row: PatientRow): Patient {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender as Patient['gender'],
    date_of_birth: row.dateOfBirth,
    blood_group: row.bloodGroup as Patient['blood_group'],
    phone: row.phone,
    email: row.email,
    abha_number: row.abhaNumber ? formatAbhaNumber(row.abhaNumber) : null,
    abha_address: row.abhaAddress,
    address: row.address ?? null,
    emergency_contact: row.emergencyContact ?? null,
    photo: row.photoUrl,
    timezone: row.timezone,
    language: row.language,
    allergies: row.allergies,
    conditions: row.conditions,
    family_history: row.familyHistory,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}

const indianMobile = z
  .string()
  .openapi({ pattern: INDIAN_MOBILE_INPUT, description: 'An Indian mobile; +91, 0 and spaces are fine.' })
  .transform((value, ctx) => {
    const phone = normaliseIndianMobile(value)
    if (!phone) ctx.addIssue({ code: 'custom', message: 'must be an Indian mobile number, e.g. +91 98765 43210' })
    return phone ?? z.NEVER
  })

/** A person's name as typed (a profile's, a child's). */
// Checked with Unicode property escapes, which not every client's regex engine has (Spectral's,
// Java's before 7, POSIX): so the document describes the rule instead of giving the pattern.
export const PersonNameSchema = z
  .string()
  .refine((name) => NAME.test(name), 'may contain letters, spaces, dots, apostrophes and hyphens')
  .openapi({
    description: 'Letters of any script (with their marks), spaces, dots, apostrophes and hyphens; starts with a letter.',
  })
  .trim()
  .min(1)
  .max(100)

export const pastDate = z
  .string()
  .date('must be a date as YYYY-MM-DD')
  .refine((value) => value >= '1900-01-01' && value <= new Date().toISOString().slice(0, 10), 'must be a past date after 1900')

const EmergencyContactInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: 'Rahul Deshmukh' }),
    phone: indianMobile.openapi({ example: '098220 12345' }),
    relationship: z.string().trim().max(50).optional().openapi({ example: 'brother' }),
  })
  .strict()
  .openapi('EmergencyContactInput')

/** Every field optional; null clears it. Unknown fields are refused so that typos do not pass silently. */
export const ProfileUpdateSchema = z
  .object({
    name: PersonNameSchema.nullable().openapi({ example: 'Asha Verma' }),
    gender: z.enum(genders).nullable().openapi({ example: 'female' }),
    date_of_birth: pastDate.nullable().openapi({ example: '1990-04-12' }),
    blood_group: z.enum(bloodGroups).nullable().openapi({ example: 'B+' }),
    phone: indianMobile.nullable().openapi({ example: '+91 98765 43210' }),
    email: z
      .string()
      .transform((value, ctx) => normaliseEmail(value) ?? (ctx.addIssue({ code: 'custom', message: 'must be an email address' }), z.NEVER))
      .nullable()
      .openapi({ format: 'email', example: 'asha.verma@example.in' }),
    abha_number: z
      .string()
      .transform((value, ctx) => {
        const abha = normaliseAbha(value)
        if (abha?.kind !== 'abha_number') ctx.addIssue({ code: 'custom', message: 'must be a 14-digit ABHA number' })
        return abha?.value ?? z.NEVER
      })
      .nullable()
      .openapi({ pattern: '^\\d{2}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}$', example: '91-1234-5678-9015' }),
    abha_address: z
      .string()
      .transform((value, ctx) => {
        const abha = normaliseAbha(value)
        if (abha?.kind !== 'abha_address') ctx.addIssue({ code: 'custom', message: 'must be an ABHA address such as name@abdm' })
        return abha?.value ?? z.NEVER
      })
      .nullable()
      .openapi({ example: 'asha.verma@abdm' }),
    address: nullableRef(AddressInputSchema),
    emergency_contact: nullableRef(EmergencyContactInputSchema),
    photo: z
      .string()
      .url()
      .max(2048)
      .refine((url) => url.startsWith('https://'), 'must be an https URL')
      .nullable()
      .openapi({ example: 'https://cdn.example.in/photos/asha.jpg' }),
    timezone: matching(/^[A-Za-z][A-Za-z0-9_/+-]{0,63}$/, 'must be an IANA time zone such as Asia/Kolkata').openapi({
      description: 'An IANA time zone name (not an offset). Stored as the IANA database spells it.',
      example: 'Asia/Kolkata',
    }),
    language: z
      .enum(['en', 'hi'])
      .openapi({ description: 'English or Hindi: the language notifications are written and pushed in.', example: 'hi' }),
    ...healthProfile,
  })
  .partial()
  .strict()
  .openapi('ProfileUpdate')

export const HomeSchema = z
  .object({
    patient: PatientSchema.pick({
      id: true,
      name: true,
      gender: true,
      date_of_birth: true,
      blood_group: true,
      phone: true,
      abha_number: true,
      abha_address: true,
      photo: true,
      timezone: true,
    })
      .extend({ age: z.number().int().nullable().openapi({ description: "Whole years, in the patient's time zone.", example: 36 }) })
      .openapi('HomePatientCard'),
    unread_notifications: z.number().int().min(0).openapi({ example: 2 }),
    next_appointment: nullableRef(
      z
        .object({
          id: z.string().openapi({ example: '6c1f2e3d-4b5a-4978-8a6b-5c4d3e2f1a0b' }),
          hospital_name: z.string().openapi({ example: 'Sahyadri Hospital, Pune' }),
          doctor_name: z.string().openapi({ example: 'Dr. Meera Kulkarni' }),
          mode: z.enum(['in_person', 'online']).openapi({ example: 'online' }),
          slot_start: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T10:30:00+05:30' }),
          status: z.string().openapi({ example: 'booked' }),
        })
        .openapi('NextAppointment'),
    ),
  })
  .openapi('Home')
