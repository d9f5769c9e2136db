import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { addDays, localDate } from '../../core/time'
import { routineRow, timingTime } from './timings'

// Adherence: per medicine, of the doses whose time has passed in the range (or that were logged),
// how many were taken, and the current streak of doses taken in a row. One statement.

const MAX_DAYS = 92

const AdherenceItemSchema = z
  .object({
    medication_id: z.guid().openapi({ example: '1f2e3d4c-5b6a-4789-8a7b-6c5d4e3f2a1b' }),
    name: z.string().openapi({ example: 'Metformin 500 mg' }),
    scheduled: z
      .number()
      .int()
      .openapi({ description: 'Doses whose time (and reminder window) has passed, or that were logged.', example: 28 }),
    taken: z.number().int().openapi({ example: 25 }),
    skipped: z.number().int().openapi({ example: 1 }),
    missed: z.number().int().openapi({ example: 2 }),
    adherence: z.number().nullable().openapi({ description: 'taken ÷ scheduled, 0–1; null with nothing scheduled yet.', example: 0.89 }),
    current_streak: z.number().int().openapi({ description: 'Doses taken in a row, up to the latest one.', example: 9 }),
  })
  .openapi('AdherenceItem')

export const AdherenceSchema = z
  .object({
    from: z.string().date().openapi({ example: '2026-11-01' }),
    to: z.string().date().openapi({ example: '2026-11-30' }),
    items: z.array(AdherenceItemSchema),
  })
  .openapi('MedicationAdherence')

export const getMedicationAdherence = patientRoute({
  method: 'get',
  path: '/v1/medications/adherence',
  operationId: 'getMedicationAdherence',
  tags: ['Medicine tracker'],
  summary: 'How well I kept to my medicines: per medicine taken ÷ scheduled and the current streak',
  request: {
    query: z.object({
      from: z.string().date().optional().openapi({ description: 'First day (the last 30 days by default).', example: '2026-11-01' }),
      to: z
        .string()
        .date()
        .optional()
        .openapi({ description: `Last day (today by default); at most ${MAX_DAYS} days in all.`, example: '2026-11-30' }),
    }),
  },
  responses: { 200: jsonResponse(AdherenceSchema, 'Per medicine.'), ...errorResponses(404, 422) },
})

export const getMedicationAdherenceHandler: PatientHandler<typeof getMedicationAdherence> = async (c) => {
  const { db, config } = c.var.services
  const query = c.req.valid('query')
  if (query.from && query.to && query.from > query.to) throw new ApiError('unprocessable', 'from is after to.')
  const rows = await queryRows<{
    timezone: string
    range_from: string
    range_to: string
    medication_id: string | null
    name: string | null
    statuses: string[] | null
  }>(
    db,
    sql`with me as (${routineRow(c.var.patientId)}),
        range as (
          select me.*, coalesce(${query.to ?? null}::date, (now() at time zone me.timezone)::date) as last,
                 coalesce(${query.from ?? null}::date, coalesce(${query.to ?? null}::date, (now() at time zone me.timezone)::date) - 29) as first
          from me
        ),
        doses as (
          select m.id, m.name, d::date as day, t.timing,
                 ((d::date + ${timingTime(sql`t.timing`, 'range')}) at time zone range.timezone) as due_at, dz.status
          from range
          cross join lateral generate_series(range.first, least(range.last, range.first + ${MAX_DAYS - 1}::int), interval '1 day') as d
          join medications m on m.patient_id = ${c.var.patientId} and m.start_date <= d::date and (m.end_date is null or m.end_date >= d::date)
          cross join lateral unnest(m.timings) as t(timing)
          left join medication_doses dz on dz.medication_id = m.id and dz.dose_date = d::date and dz.timing = t.timing
        ),
        counted as (
          select id, name, jsonb_agg(coalesce(status, 'missed') order by due_at desc) as statuses
          from doses
          where status is not null or due_at + make_interval(mins => ${config.MEDICATION_REMINDER_CATCH_UP_MINUTES}) <= now()
          group by id, name
        )
        select range.timezone, range.first::text as range_from, range.last::text as range_to, c.id as medication_id, c.name, c.statuses
        from range left join counted c on true
        order by c.name, c.id`,
  )
  const first = rows[0]
  if (!first) throw new ApiError('not_found', 'This account no longer exists.')
  if (addDays(first.range_from, MAX_DAYS - 1) < first.range_to) throw new ApiError('unprocessable', `At most ${MAX_DAYS} days at once.`)
  const today = localDate(new Date(), first.timezone)
  if (first.range_to > addDays(today, 1)) throw new ApiError('unprocessable', 'to is in the future.')
  const items = rows
    .filter((r) => r.medication_id)
    .map((r) => {
      const statuses = r.statuses ?? []
      const count = (s: string) => statuses.filter((x) => x === s).length
      const streak = statuses.findIndex((s) => s !== 'taken')
      return {
        medication_id: r.medication_id!,
        name: r.name!,
        scheduled: statuses.length,
        taken: count('taken'),
        skipped: count('skipped'),
        missed: count('missed'),
        adherence: statuses.length ? Math.round((count('taken') / statuses.length) * 100) / 100 : null,
        current_streak: streak === -1 ? statuses.length : streak,
      }
    })
  return c.json({ from: first.range_from, to: first.range_to, items }, 200)
}
