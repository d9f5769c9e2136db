import { z } from '@hono/zod-openapi'
import { fileField, nullableRef } from '../../core/openapi'
import { addDays, inZone, localDate } from '../../core/time'
import type { HospitalRow, HospitalShareRow } from '../../db/schema'
import type { HmisDoctor } from '../../integrations/hmis/port'
import { PatientSchema } from '../profile'

const modes = z.enum(['in_person', 'online']).openapi({ example: 'online' })
const uuid = (example: string) => z.guid().openapi({ example })
const HOSPITAL_ID = '5b8e2f0a-6c1d-4e3f-9a2b-7c6d5e4f3a21'

export const HospitalSchema = z
  .object({
    id: uuid(HOSPITAL_ID),
    hfr_id: z.string().openapi({ description: 'The facility id in ABDM’s Health Facility Registry.', example: 'IN2710000011' }),
    name: z.string().openapi({ example: 'Sahyadri Hospital, Pune' }),
    address: nullableRef(
      z
        .object({
          line1: z.string().optional().openapi({ example: 'Plot 30-C, Karve Road, Erandwane' }),
          city: z.string().optional().openapi({ example: 'Pune' }),
          state: z.string().optional().openapi({ example: 'Maharashtra' }),
          pincode: z.string().optional().openapi({ example: '411004' }),
          country: z.string().optional().openapi({ example: 'IN' }),
        })
        .openapi('HospitalAddress'),
    ),
    timezone: z.string().openapi({ description: 'Slots and dates of this hospital are in this zone.', example: 'Asia/Kolkata' }),
  })
  .openapi('Hospital')

export const HospitalParams = z.object({
  hospital_id: z.guid().openapi({ param: { name: 'hospital_id', in: 'path' }, example: HOSPITAL_ID }),
})

export const toHospital = (row: HospitalRow): z.infer<typeof HospitalSchema> => ({
  id: row.id,
  hfr_id: row.hfrId,
  name: row.name,
  address: row.address ?? null,
  timezone: row.timezone,
})

export const ScanRequestSchema = z
  .object({
    qr_payload: z.string().min(1).max(2048).openapi({
      description: 'The text of the facility QR, as the phone decoded it.',
      example: 'https://phr-edge.in/share-profile?hip-id=IN2710000011&counter-id=12345',
    }),
  })
  .strict()
  .openapi('ScanRequest')

export const ScanImageSchema = z
  .object({
    image: fileField('A png or jpg photo of the QR (from the gallery).'),
  })
  .openapi('ScanImage')

export const ScanResultSchema = z
  .object({
    hospital: HospitalSchema,
    counter_id: z.string().nullable().openapi({ description: 'The counter the QR stands at, when it names one.', example: '12345' }),
    profile: PatientSchema,
  })
  .openapi('ScanResult')

export const ShareRequestSchema = z
  .object({
    counter_id: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/)
      .nullable()
      .optional()
      .openapi({ description: 'From the scanned QR.', example: '12345' }),
  })
  .strict()
  .openapi('ShareRequest')

export const ShareSchema = z
  .object({
    share_id: uuid('0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f'),
    hospital_id: uuid(HOSPITAL_ID),
    hospital_name: z.string().openapi({ example: 'Sahyadri Hospital, Pune' }),
    hmis_patient_id: z.string().openapi({ description: 'Your patient id at the hospital (UHID/MRN).', example: 'UHID-SAH-100001' }),
    token_number: z.string().openapi({ description: 'Your OPD token: show it at the counter.', example: 'OPD-017' }),
    token_expires_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T11:00:00+05:30' }),
    status: z.enum(['active', 'revoked']).openapi({ example: 'active' }),
    shared_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T10:30:00+05:30' }),
    revoked_at: z.string().datetime({ offset: true }).nullable().openapi({ example: null }),
  })
  .openapi('Share')

export const ShareParams = z.object({
  share_id: z.guid().openapi({ param: { name: 'share_id', in: 'path' }, example: '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f' }),
})

export function toShare(row: HospitalShareRow, hospital: Pick<HospitalRow, 'name' | 'timezone'>): z.infer<typeof ShareSchema> {
  return {
    share_id: row.id,
    hospital_id: row.hospitalId,
    hospital_name: hospital.name,
    hmis_patient_id: row.hmisPatientId,
    token_number: row.tokenNumber,
    token_expires_at: inZone(row.tokenExpiresAt, hospital.timezone),
    status: row.revokedAt ? 'revoked' : 'active',
    shared_at: inZone(row.sharedAt, hospital.timezone),
    revoked_at: row.revokedAt ? inZone(row.revokedAt, hospital.timezone) : null,
  }
}

export const SpecialtySchema = z
  .object({ code: z.string().openapi({ example: 'cardiology' }), name: z.string().openapi({ example: 'Cardiology' }) })
  .openapi('Specialty')

const SlotSchema = z
  .object({
    start: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T10:30:00+05:30' }),
    end: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T10:45:00+05:30' }),
    modes: z.array(modes).openapi({ example: ['in_person', 'online'] }),
    capacity: z.number().int().openapi({ description: 'Patients this slot holds.', example: 3 }),
    available: z.number().int().openapi({ description: 'Places still free (0: full).', example: 2 }),
  })
  .openapi('Slot')

export const DoctorSchema = z
  .object({
    id: z.string().openapi({ description: 'The doctor’s id at the hospital.', example: 'd-sah-01' }),
    hospital_id: uuid(HOSPITAL_ID),
    name: z.string().openapi({ example: 'Dr. Meera Kulkarni' }),
    specialties: z.array(SpecialtySchema),
    education: z.array(
      z
        .object({
          degree: z.string().openapi({ example: 'MD (General Medicine)' }),
          institution: z.string().nullable().openapi({ example: 'B. J. Medical College, Pune' }),
          year: z.number().int().nullable().openapi({ example: 2011 }),
        })
        .openapi('Qualification'),
    ),
    experience_years: z.number().int().nullable().openapi({ example: 14 }),
    languages: z.array(z.string()).openapi({ example: ['English', 'Hindi', 'Marathi'] }),
    fee_inr: z.number().nullable().openapi({ example: 600 }),
    modes: z.array(modes).openapi({ example: ['in_person', 'online'] }),
    timezone: z.string().openapi({ example: 'Asia/Kolkata' }),
    availability: z.array(
      z
        .object({
          date: z.string().date().openapi({ description: 'Local date at the hospital.', example: '2026-12-01' }),
          slots: z.array(SlotSchema),
        })
        .openapi('AvailabilityDay'),
    ),
  })
  .openapi('Doctor')

/** A doctor as the app shows it: slots in the hospital's zone, grouped by its local dates, in order. */
export function toDoctor(doctor: HmisDoctor, hospital: Pick<HospitalRow, 'id' | 'timezone'>): z.infer<typeof DoctorSchema> {
  const days = new Map<string, z.infer<typeof SlotSchema>[]>()
  const slots = doctor.availability.flatMap((day) => day.slots).sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
  for (const slot of slots) {
    const start = new Date(slot.start)
    const date = localDate(start, hospital.timezone)
    days.set(date, [
      ...(days.get(date) ?? []),
      {
        start: inZone(start, hospital.timezone),
        end: inZone(new Date(slot.end), hospital.timezone),
        modes: slot.modes,
        capacity: slot.capacity,
        available: slot.available,
      },
    ])
  }
  return {
    id: doctor.doctor_id,
    hospital_id: hospital.id,
    name: doctor.name,
    specialties: doctor.specialties,
    education: doctor.education.map((e) => ({ degree: e.degree, institution: e.institution ?? null, year: e.year ?? null })),
    experience_years: doctor.experience_years,
    languages: doctor.languages,
    fee_inr: doctor.fee_inr,
    modes: doctor.modes,
    timezone: hospital.timezone,
    availability: [...days.entries()].map(([date, daySlots]) => ({ date, slots: daySlots })),
  }
}

const pattern = (what: string, example: string) =>
  z
    .string()
    .max(200)
    .optional()
    .openapi({
      description: `Case-insensitive regular expression on the ${what} (at most 80 characters; no backreferences, lookarounds or repeated groups that repeat).`,
      example,
    })

export const DoctorSearchQuery = z.object({
  name: pattern('doctor’s name', 'meera|rohan'),
  specialty: pattern('specialty code or name', 'general'),
  date: z.string().date().optional().openapi({ description: 'Local date at the hospital; today when omitted.', example: '2026-12-01' }),
})

export const DoctorParams = HospitalParams.extend({
  doctor_id: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,128}$/)
    .openapi({ param: { name: 'doctor_id', in: 'path' }, example: 'd-sah-01' }),
})

export const DoctorRangeQuery = z.object({
  from: z.string().date().optional().openapi({ description: 'First local date (today when omitted).', example: '2026-12-01' }),
  to: z
    .string()
    .date()
    .optional()
    .openapi({ description: 'Last local date (from + 6 days when omitted; at most 31 days).', example: '2026-12-07' }),
})

/**
 * Slots are asked for between yesterday and a year ahead (the hospital's dates): anything else is a
 * 400, never a date the calendar arithmetic or the HMIS cannot take (year 9999 plus a day).
 */
export function slotDateProblem(date: string, today: string): string | undefined {
  if (date < addDays(today, -1)) return 'must not be before yesterday'
  if (date > addDays(today, 366)) return 'must be within a year from today'
  return undefined
}
