import { z } from '@hono/zod-openapi'
import type { PatientRow } from '../../db/schema'
import { formatAbhaNumber } from '../../integrations/abdm/client'
import { normaliseAbha, normaliseEmail, normaliseIndianMobile } from '../auth/identifiers'

export const genders = ['male', 'female', 'other', 'undisclosed'] as const
export const bloodGroups = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const

const AddressSchema = z
  .object({
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().max(100).optional(),
    district: z.string().trim().max(100).optional(),
    state: z.string().trim().max(100).optional(),
    pincode: z.string().regex(/^[1-9]\d{5}$/, 'must be a 6-digit Indian PIN code').optional(),
    country: z.string().length(2).default('IN'),
  })
  .openapi('PostalAddress')

const EmergencyContactSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    phone: z.string(),
    relationship: z.string().trim().max(50).optional(),
  })
  .openapi('EmergencyContact')

export const PatientSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string().nullable(),
    gender: z.enum(genders).nullable(),
    date_of_birth: z.string().date().nullable(),
    blood_group: z.enum(bloodGroups).nullable(),
    phone: z.string().nullable().openapi({ example: '+919876543210' }),
    email: z.string().nullable(),
    abha_number: z.string().nullable().openapi({ example: '91-1234-5678-9015' }),
    abha_address: z.string().nullable().openapi({ example: 'asha.verma@abdm' }),
    address: AddressSchema.partial().nullable(),
    emergency_contact: EmergencyContactSchema.nullable(),
    photo: z.string().url().nullable(),
    timezone: z.string().openapi({ example: 'Asia/Kolkata' }),
    created_at: z.string().datetime({ offset: true }),
    updated_at: z.string().datetime({ offset: true }),
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
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}

/**
 * A valid IANA zone in its usual spelling (`asia/kolkata` → `Asia/Kolkata`), or undefined. The
 * name is kept as given: ICU would turn Asia/Kolkata into its legacy alias Asia/Calcutta.
 */
export function canonicalTimeZone(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
  } catch {
    return undefined
  }
  const listed = Intl.supportedValuesOf?.('timeZone').find((name) => name.toLowerCase() === zone.toLowerCase())
  if (listed) return listed
  if (zone.toUpperCase() === 'UTC') return 'UTC'
  return zone
    .split('/')
    .map((part) => part.split('_').map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()).join('_'))
    .join('/')
}

const indianMobile = z.string().transform((value, ctx) => {
  const phone = normaliseIndianMobile(value)
  if (!phone) ctx.addIssue({ code: 'custom', message: 'must be an Indian mobile number, e.g. +91 98765 43210' })
  return phone ?? z.NEVER
})

const pastDate = z
  .string()
  .date('must be a date as YYYY-MM-DD')
  .refine((value) => value >= '1900-01-01' && value <= new Date().toISOString().slice(0, 10), 'must be a past date after 1900')

/** Every field optional; null clears it. Unknown fields are refused so that typos do not pass silently. */
export const ProfileUpdateSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u, 'may contain letters, spaces, dots, apostrophes and hyphens')
      .nullable(),
    gender: z.enum(genders).nullable(),
    date_of_birth: pastDate.nullable(),
    blood_group: z.enum(bloodGroups).nullable(),
    phone: indianMobile.nullable(),
    email: z
      .string()
      .transform((value, ctx) => normaliseEmail(value) ?? (ctx.addIssue({ code: 'custom', message: 'must be an email address' }), z.NEVER))
      .nullable(),
    abha_number: z
      .string()
      .transform((value, ctx) => {
        const abha = normaliseAbha(value)
        if (abha?.kind !== 'abha_number') ctx.addIssue({ code: 'custom', message: 'must be a 14-digit ABHA number' })
        return abha?.value ?? z.NEVER
      })
      .nullable(),
    abha_address: z
      .string()
      .transform((value, ctx) => {
        const abha = normaliseAbha(value)
        if (abha?.kind !== 'abha_address') ctx.addIssue({ code: 'custom', message: 'must be an ABHA address such as name@abdm' })
        return abha?.value ?? z.NEVER
      })
      .nullable(),
    address: AddressSchema.nullable(),
    emergency_contact: EmergencyContactSchema.extend({ phone: indianMobile }).nullable(),
    photo: z.string().url().max(2048).refine((url) => url.startsWith('https://'), 'must be an https URL').nullable(),
    timezone: z.string().transform((value, ctx) => {
      const zone = canonicalTimeZone(value)
      if (!zone) ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Asia/Kolkata' })
      return zone ?? z.NEVER
    }),
  })
  .partial()
  .strict()
  .openapi('ProfileUpdate')

export const HomeSchema = z
  .object({
    patient: z.object({
      id: z.string().uuid(),
      name: z.string().nullable(),
      gender: z.enum(genders).nullable(),
      age: z.number().int().nullable(),
      date_of_birth: z.string().nullable(),
      blood_group: z.enum(bloodGroups).nullable(),
      phone: z.string().nullable(),
      abha_number: z.string().nullable(),
      abha_address: z.string().nullable(),
      photo: z.string().nullable(),
      timezone: z.string(),
    }),
    unread_notifications: z.number().int().min(0),
    next_appointment: z
      .object({
        id: z.string(),
        hospital_name: z.string(),
        doctor_name: z.string(),
        mode: z.enum(['in_person', 'online']),
        slot_start: z.string().datetime({ offset: true }),
        status: z.string(),
      })
      .nullable(),
  })
  .openapi('Home')
