import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { addDays, inZone, localDate } from '../../core/time'
import { doseTimings } from '../../db/schema'
import { routineRow, timingTime } from './timings'

// The tracker's day: every dose of that day in the patient's zone, in order, each upcoming, due
// (its time has come, within the reminder window), taken, skipped or missed. One statement.

const DoseOfDaySchema = z
  .object({
    medication_id: z.guid().openapi({ example: '1f2e3d4c-5b6a-4789-8a7b-6c5d4e3f2a1b' }),
    name: z.string().openapi({ example: 'Metformin 500 mg' }),
    dosage: z.string().openapi({ example: '1 tablet' }),
    timing: z.enum(doseTimings).openapi({ example: 'after_breakfast' }),
    due_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T03:00:00.000Z' }),
    local_time: z.string().openapi({ description: 'HH:MM in my time zone.', example: '08:30' }),
    status: z.enum(['upcoming', 'due', 'taken', 'skipped', 'missed']).openapi({
      description: 'due: its time has come, within MEDICATION_REMINDER_CATCH_UP_MINUTES; missed: past that and not logged.',
      example: 'due',
    }),
    recorded_at: z.string().datetime({ offset: true }).nullable().openapi({ example: null }),
  })
  .openapi('DoseOfDay')

export const ScheduleSchema = z
  .object({
    date: z.string().date().openapi({ example: '2026-12-01' }),
    timezone: z.string().openapi({ example: 'Asia/Kolkata' }),
    items: z.array(DoseOfDaySchema),
  })
  .openapi('MedicationSchedule')

export const getMedicationSchedule = patientRoute({
  method: 'get',
  path: '/v1/medications/schedule',
  operationId: 'getMedicationSchedule',
  tags: ['Medicine tracker'],
  summary: 'A day of my doses in my time zone (today by default), each upcoming, due, taken, skipped or missed',
  description:
    'Mark one taken or skipped with POST /v1/medications/{medication_id}/doses {date, timing, status}: a dose reminder’s deep link names the same three.',
  request: {
    query: z.object({
      date: z
        .string()
        .date()
        .optional()
        .openapi({ description: 'A day within a year of today; today in my time zone when left out.', example: '2026-12-01' }),
    }),
  },
  responses: { 200: jsonResponse(ScheduleSchema, 'The day.'), ...errorResponses(404) },
})

export const getMedicationScheduleHandler: PatientHandler<typeof getMedicationSchedule> = async (c) => {
  const { db, config } = c.var.services
  const asked = c.req.valid('query').date
  const rows = await queryRows<{
    timezone: string
    day: string
    medication_id: string | null
    name: string
    dosage: string
    timing: string
    due_at: string
    status: 'taken' | 'skipped' | null
    recorded_at: string | null
  }>(
    db,
    sql`with me as (${routineRow(c.var.patientId)}),
        day as (select me.*, coalesce(${asked ?? null}::date, (now() at time zone me.timezone)::date) as d from me)
        select day.timezone, day.d::text as day, m.id as medication_id, m.name, m.dosage, t.timing,
               ((day.d + ${timingTime(sql`t.timing`, 'day')}) at time zone day.timezone) as due_at, dz.status, dz.recorded_at
        from day
        left join medications m on m.patient_id = ${c.var.patientId} and m.start_date <= day.d and (m.end_date is null or m.end_date >= day.d)
        left join lateral unnest(m.timings) as t(timing) on true
        left join medication_doses dz on dz.medication_id = m.id and dz.dose_date = day.d and dz.timing = t.timing
        order by due_at, m.name, m.id`,
  )
  const first = rows[0]
  if (!first) throw new ApiError('not_found', 'This account no longer exists.')
  const today = localDate(new Date(), first.timezone)
  if (first.day < addDays(today, -366) || first.day > addDays(today, 366))
    throw new ApiError('unprocessable', 'date must be within a year of today.')
  const now = Date.now()
  const window = config.MEDICATION_REMINDER_CATCH_UP_MINUTES * 60_000
  const items = rows
    .filter((r) => r.medication_id && r.timing)
    .map((r) => {
      const due = new Date(r.due_at)
      const status: 'upcoming' | 'due' | 'taken' | 'skipped' | 'missed' =
        r.status ?? (due.getTime() > now ? 'upcoming' : due.getTime() + window > now ? 'due' : 'missed')
      return {
        medication_id: r.medication_id!,
        name: r.name,
        dosage: r.dosage,
        timing: r.timing as (typeof doseTimings)[number],
        due_at: due.toISOString(),
        local_time: inZone(due, first.timezone).slice(11, 16),
        status,
        recorded_at: r.recorded_at ? new Date(r.recorded_at).toISOString() : null,
      }
    })
  return c.json({ date: first.day, timezone: first.timezone, items }, 200)
}
