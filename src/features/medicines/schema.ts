import { z } from '@hono/zod-openapi'
import { doseTimings, type MedicationRow } from '../../db/schema'

const MEDICATION_ID = '1f2e3d4c-5b6a-4789-8a7b-6c5d4e3f2a1b'
const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM')
  .openapi({ example: '08:00' })

export const RoutineSchema = z
  .object({
    breakfast_at: clock.openapi({ example: '08:00' }),
    lunch_at: clock.openapi({ example: '13:00' }),
    dinner_at: clock.openapi({ example: '20:00' }),
    bed_at: clock.openapi({ example: '22:30' }),
    timezone: z.string().min(1).max(64).openapi({ description: 'IANA time zone; reminders follow it.', example: 'Asia/Kolkata' }),
  })
  .openapi('Routine')

export const RoutineUpdateSchema = RoutineSchema.partial().strict().openapi('RoutineUpdate')

const MedicationFields = z.object({
  name: z.string().trim().min(1).max(120).openapi({ example: 'Metformin 500 mg' }),
  dosage: z.string().trim().min(1).max(120).openapi({ example: '1 tablet' }),
  timings: z
    .array(z.enum(doseTimings))
    .min(1)
    .max(7)
    .refine((t) => new Set(t).size === t.length, 'lists a timing twice')
    .openapi({
      description: 'before_X is 30 minutes before the meal in your routine, after_X 30 minutes after; bedtime is your bed time.',
      example: ['after_breakfast', 'after_dinner'],
    }),
  start_date: z.string().date().openapi({ example: '2026-11-27' }),
  end_date: z
    .string()
    .date()
    .nullable()
    .optional()
    .openapi({ description: 'Last day; none for an ongoing medicine.', example: '2026-12-26' }),
  reminders_enabled: z.boolean().optional().openapi({ description: 'false pauses the reminders.', example: true }),
  quantity_on_hand: z
    .number()
    .min(0)
    .max(10_000)
    .nullable()
    .optional()
    .openapi({ description: 'Tablets (or units) you have; for refill reminders.', example: 60 }),
  units_per_dose: z.number().gt(0).max(100).optional().openapi({ example: 1 }),
})

export const MedicationCreateSchema = MedicationFields.strict()
  .refine((m) => !m.end_date || m.end_date >= m.start_date, { message: 'must not be before start_date', path: ['end_date'] })
  .openapi('MedicationCreate')
export const MedicationUpdateSchema = MedicationFields.partial().strict().openapi('MedicationUpdate')

export const MedicationSchema = z
  .object({
    id: z.guid().openapi({ example: MEDICATION_ID }),
    name: z.string(),
    dosage: z.string(),
    timings: z.array(z.enum(doseTimings)),
    start_date: z.string().date(),
    end_date: z.string().date().nullable(),
    reminders_enabled: z.boolean(),
    quantity_on_hand: z.number().nullable(),
    units_per_dose: z.number(),
    days_of_stock: z.number().nullable().openapi({ description: 'How long the stock on hand lasts at this schedule.', example: 30 }),
    source_record_id: z.guid().nullable().openapi({ description: 'The prescription it came from, if any.' }),
    created_at: z.string().datetime({ offset: true }),
  })
  .openapi('Medication')

export const toMedication = (row: MedicationRow): z.infer<typeof MedicationSchema> => ({
  id: row.id,
  name: row.name,
  dosage: row.dosage,
  timings: row.timings,
  start_date: row.startDate,
  end_date: row.endDate,
  reminders_enabled: row.remindersEnabled,
  quantity_on_hand: row.quantityOnHand,
  units_per_dose: row.unitsPerDose,
  days_of_stock: row.quantityOnHand === null ? null : Math.floor(row.quantityOnHand / (row.unitsPerDose * Math.max(1, row.timings.length))),
  source_record_id: row.sourceRecordId,
  created_at: row.createdAt.toISOString(),
})

export const MedicationParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: MEDICATION_ID }),
})

export const DoseRequestSchema = z
  .object({
    timing: z.enum(doseTimings).openapi({ example: 'after_breakfast' }),
    date: z.string().date().openapi({ description: 'Your local date of the dose.', example: '2026-11-27' }),
    status: z.enum(['taken', 'skipped']).openapi({ example: 'taken' }),
  })
  .strict()
  .openapi('DoseLog')

export const DoseSchema = z
  .object({
    medication_id: z.guid(),
    timing: z.enum(doseTimings).openapi({ example: 'after_breakfast' }),
    date: z.string().date().openapi({ example: '2026-11-27' }),
    status: z.enum(['taken', 'skipped']).openapi({ example: 'taken' }),
    recorded_at: z.string().datetime({ offset: true }),
    quantity_on_hand: z.number().nullable().openapi({ description: 'The stock after this dose, when tracked.', example: 29 }),
  })
  .openapi('Dose')
