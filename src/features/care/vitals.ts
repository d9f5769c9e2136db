import { z } from '@hono/zod-openapi'
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { inLanguage, notePush, notePushToManagers, pushShardSql } from '../../core/notify'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { vitals, type VitalRow } from '../../db/schema'

// Vitals in one standard unit per type (converted from the other unit people use), checked
// against what a living body can show (422 otherwise), flagged against the critical thresholds of
// vital_thresholds (data), each critical reading raising one notification in the same statement.

export const vitalTypes = [
  'blood_pressure',
  'pulse',
  'spo2',
  'temperature',
  'blood_sugar_fasting',
  'blood_sugar_random',
  'blood_sugar_post_meal',
  'weight',
  'height',
] as const
type VitalType = (typeof vitalTypes)[number]

type Spec = { unit: string; min: number; max: number; other?: { unit: string; toStandard: (v: number) => number } }
const SPECS: Record<VitalType, Spec> = {
  blood_pressure: { unit: 'mmHg', min: 50, max: 300 },
  pulse: { unit: 'bpm', min: 20, max: 250 },
  spo2: { unit: '%', min: 50, max: 100 },
  temperature: { unit: '°C', min: 30, max: 45, other: { unit: '°F', toStandard: (f) => ((f - 32) * 5) / 9 } },
  blood_sugar_fasting: { unit: 'mg/dL', min: 10, max: 1000, other: { unit: 'mmol/L', toStandard: (m) => m * 18.016 } },
  blood_sugar_random: { unit: 'mg/dL', min: 10, max: 1000, other: { unit: 'mmol/L', toStandard: (m) => m * 18.016 } },
  blood_sugar_post_meal: { unit: 'mg/dL', min: 10, max: 1000, other: { unit: 'mmol/L', toStandard: (m) => m * 18.016 } },
  weight: { unit: 'kg', min: 1, max: 400, other: { unit: 'lb', toStandard: (lb) => lb * 0.45359237 } },
  height: { unit: 'cm', min: 30, max: 250, other: { unit: 'in', toStandard: (inch) => inch * 2.54 } },
}
const DIASTOLIC = { min: 20, max: 200 }

const VitalRequestSchema = z
  .object({
    type: z.enum(vitalTypes).openapi({ example: 'blood_pressure' }),
    value: z.number().openapi({ description: 'Blood pressure: the systolic value.', example: 128 }),
    diastolic: z.number().optional().openapi({ description: 'Blood pressure only.', example: 84 }),
    unit: z.string().max(10).openapi({
      description: 'mmHg, bpm, %, °C or °F, mg/dL or mmol/L, kg or lb, cm or in. Stored in the first of each pair.',
      example: 'mmHg',
    }),
    measured_at: z.string().datetime({ offset: true }).openapi({ example: '2026-11-27T08:15:00+05:30' }),
  })
  .strict()
  .openapi('VitalReading')

export const VitalSchema = z
  .object({
    id: z.guid(),
    type: z.enum(vitalTypes),
    value: z.number().openapi({ example: 128 }),
    diastolic: z.number().nullable().openapi({ example: 84 }),
    unit: z.string().openapi({ example: 'mmHg' }),
    measured_at: z.string().datetime({ offset: true }),
    critical: z.boolean().openapi({ example: false }),
    alerts: z.array(z.string()).openapi({ description: 'Why it is critical (thresholds kept as data).', example: [] }),
    bmi: z.number().nullable().optional().openapi({ description: 'With a weight or height, from the latest of both.', example: 23.4 }),
  })
  .openapi('Vital')

const toVital = (row: VitalRow, messages: Map<string, string>) => ({
  id: row.id,
  type: row.type as VitalType,
  value: row.value,
  diastolic: row.value2,
  unit: row.unit,
  measured_at: row.measuredAt.toISOString(),
  critical: row.criticalRules.length > 0,
  alerts: row.criticalRules.map((id) => messages.get(id) ?? id),
})

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits

export const recordVital = patientRoute({
  method: 'post',
  path: '/v1/vitals',
  operationId: 'recordVital',
  tags: ['Vitals'],
  summary: 'Record a reading (impossible values 422; critical ones flagged and notified once)',
  request: { body: jsonBody(VitalRequestSchema) },
  responses: { 201: jsonResponse(VitalSchema, 'Recorded.'), ...errorResponses(422) },
})

export const recordVitalHandler: PatientHandler<typeof recordVital> = async (c) => {
  const body = c.req.valid('json')
  const spec = SPECS[body.type]
  const convert = body.unit === spec.unit ? (v: number) => v : spec.other?.unit === body.unit ? spec.other.toStandard : undefined
  if (!convert)
    throw new ApiError('unprocessable', `${body.type} is recorded in ${[spec.unit, spec.other?.unit].filter(Boolean).join(' or ')}.`)
  const value = round(convert(body.value), 2)
  if (!(value >= spec.min && value <= spec.max))
    throw new ApiError(
      'unprocessable',
      `A ${body.type.replaceAll('_', ' ')} of ${body.value} ${body.unit} is not possible; please check the reading.`,
    )
  let diastolic: number | null = null
  if (body.type === 'blood_pressure') {
    if (body.diastolic === undefined) throw new ApiError('unprocessable', 'Blood pressure needs the diastolic value too.')
    diastolic = body.diastolic
    if (!(diastolic >= DIASTOLIC.min && diastolic <= DIASTOLIC.max && diastolic < value))
      throw new ApiError('unprocessable', `A blood pressure of ${value}/${diastolic} is not possible; please check the reading.`)
  } else if (body.diastolic !== undefined) throw new ApiError('unprocessable', 'Only blood pressure has a diastolic value.')
  const measuredAt = new Date(body.measured_at)
  if (measuredAt.getTime() > Date.now() + 5 * 60_000) throw new ApiError('unprocessable', 'measured_at is in the future.')
  if (measuredAt.getTime() < Date.now() - 10 * 365 * 86_400_000)
    throw new ApiError('unprocessable', 'measured_at is more than ten years ago.')

  // One statement: the reading with the thresholds it crosses, and its notification if any.
  const id = crypto.randomUUID()
  const compare = (field: string) =>
    sql.raw(
      `(t.op = 'gte' and ${field} >= t.value) or (t.op = 'gt' and ${field} > t.value) or (t.op = 'lte' and ${field} <= t.value) or (t.op = 'lt' and ${field} < t.value)`,
    )
  const [row] = await queryRows<Record<string, unknown>>(
    c.var.services.db,
    sql`with reading as (select ${value}::numeric as v, ${diastolic}::numeric as v2),
        crossed as (
          select t.id, t.message, t.message_hi from vital_thresholds t, reading
          where t.type = ${body.type}
            and ((t.field = 'value' and (${compare('reading.v')})) or (t.field = 'value2' and reading.v2 is not null and (${compare('reading.v2')})))
        ), saved as (
          insert into vitals (id, patient_id, type, value, value2, unit, measured_at, critical_rules)
          values (${id}, ${c.var.patientId}, ${body.type}, ${value}, ${diastolic}, ${spec.unit}, ${measuredAt.toISOString()},
                  coalesce((select array_agg(id order by id) from crossed), '{}'))
          returning *
        ), alert as (
          insert into notifications (id, patient_id, type, title, body, link, dedupe_key, priority, push_shard)
          select gen_random_uuid(), p.id, 'vital_critical',
                 ${inLanguage(sql`'A reading needs attention'`, sql`'एक रीडिंग पर ध्यान दें'`)},
                 ${inLanguage(
                   sql`(select string_agg(message, '; ' order by id) from crossed) || '. If you feel unwell, call 112.'`,
                   sql`(select string_agg(message_hi, '; ' order by id) from crossed) || '। तबीयत ठीक न लगे तो 112 पर कॉल करें।'`,
                 )},
                 jsonb_build_object('kind', 'vital', 'id', ${id}::text), 'vital:' || ${id}::text, 'critical', ${pushShardSql(sql`p.id`)}
          from patients p
          where p.id = ${c.var.patientId} and exists (select 1 from crossed)
        ), latest as (
          select (select value from vitals where patient_id = ${c.var.patientId} and type = 'height' order by measured_at desc limit 1) as height,
                 (select value from vitals where patient_id = ${c.var.patientId} and type = 'weight' order by measured_at desc limit 1) as weight
        )
        select to_jsonb(s) as vital, (select jsonb_object_agg(id, message) from crossed) as messages, l.height, l.weight
        from saved s, latest l`,
  )
  const saved = row!.vital as Record<string, unknown>
  const vital: VitalRow = {
    id: saved.id as string,
    patientId: saved.patient_id as string,
    type: saved.type as string,
    value: Number(saved.value),
    value2: saved.value2 === null ? null : Number(saved.value2),
    unit: saved.unit as string,
    measuredAt: new Date(saved.measured_at as string),
    criticalRules: (saved.critical_rules as string[]) ?? [],
    createdAt: new Date(saved.created_at as string),
  }
  // The latest height and weight before this statement, with this reading in its place.
  const height = body.type === 'height' ? value : row!.height === null ? null : Number(row!.height)
  const weight = body.type === 'weight' ? value : row!.weight === null ? null : Number(row!.weight)
  const messages = new Map(Object.entries((row!.messages as Record<string, string> | null) ?? {}))
  // A critical reading made an alert: its push goes from the queue once this request is done.
  if (messages.size > 0) {
    notePush([c.var.patientId])
    // A caretaker's copy of a critical reading rings at once too (not at the push sweeper's next minute).
    await notePushToManagers(c.var.services.db, c.var.patientId)
  }
  return c.json(
    {
      ...toVital(vital, messages),
      ...(body.type === 'weight' || body.type === 'height' ? { bmi: height && weight ? round(weight / (height / 100) ** 2) : null } : {}),
    },
    201,
  )
}

export const listVitals = patientRoute({
  method: 'get',
  path: '/v1/vitals',
  operationId: 'listVitals',
  tags: ['Vitals'],
  summary: 'My readings, newest first',
  request: {
    query: PaginationQuerySchema.extend({
      type: z.enum(vitalTypes).optional().openapi({ example: 'blood_pressure' }),
      from: z.string().datetime({ offset: true }).optional(),
      to: z.string().datetime({ offset: true }).optional(),
    }),
  },
  responses: { 200: jsonResponse(pageSchema(VitalSchema, 'VitalPage'), 'Readings.'), ...errorResponses(400) },
})

export const listVitalsHandler: PatientHandler<typeof listVitals> = async (c) => {
  const { limit, cursor, type, from, to } = c.req.valid('query')
  const after = decodeCursor(cursor)
  const db = c.var.services.db
  // One statement: the readings and the words of the alerts they raised.
  const rows = await db
    .select({
      vital: vitals,
      messages: sql<Record<
        string,
        string
      > | null>`(select jsonb_object_agg(t.id, t.message) from vital_thresholds t where t.id = any(${vitals.criticalRules}))`,
    })
    .from(vitals)
    .where(
      and(
        eq(vitals.patientId, c.var.patientId),
        type ? eq(vitals.type, type) : undefined,
        from ? gte(vitals.measuredAt, new Date(from)) : undefined,
        to ? lte(vitals.measuredAt, new Date(to)) : undefined,
        olderThan(vitals.createdAt, vitals.id, after),
      ),
    )
    .orderBy(desc(vitals.createdAt), desc(vitals.id))
    .limit(limit + 1)
  return c.json(
    toPage(
      rows,
      limit,
      (r) => ({ at: r.vital.createdAt.toISOString(), id: r.vital.id }),
      (r) => toVital(r.vital, new Map(Object.entries(r.messages ?? {}))),
    ),
    200,
  )
}

const BucketSchema = z.object({
  start: z.string().date().openapi({ description: 'The bucket’s first local day.', example: '2026-11-23' }),
  min: z.number(),
  max: z.number(),
  avg: z.number(),
  count: z.number().int(),
  latest: z.number(),
})

export const vitalTrends = patientRoute({
  method: 'get',
  path: '/v1/vitals/trends',
  operationId: 'vitalTrends',
  tags: ['Vitals'],
  summary: 'Per day, week or month (in my time zone): min, max, average, count and the latest value',
  request: {
    query: z.object({
      type: z.enum(vitalTypes).openapi({ example: 'blood_pressure' }),
      from: z.string().date().optional().openapi({ example: '2026-11-01' }),
      to: z.string().date().optional().openapi({ example: '2026-11-30' }),
      bucket: z.enum(['day', 'week', 'month']).default('day').openapi({ example: 'week' }),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          type: z.enum(vitalTypes),
          unit: z.string(),
          bucket: z.enum(['day', 'week', 'month']),
          timezone: z.string(),
          series: z.array(z.object({ name: z.string().openapi({ example: 'systolic' }), buckets: z.array(BucketSchema) })),
        })
        .openapi('VitalTrends'),
      'Trends; blood pressure as systolic and diastolic series.',
    ),
    ...errorResponses(400, 404),
  },
})

export const vitalTrendsHandler: PatientHandler<typeof vitalTrends> = async (c) => {
  const { type, from, to, bucket } = c.req.valid('query')
  // The bucket is one of three words (validated), written into the statement so that select and group by are the same expression.
  const unit = sql.raw(`'${bucket}'`)
  const rows = await queryRows<{
    timezone: string
    series: string
    start: string
    min: string
    max: string
    avg: string
    count: number
    latest: string
  }>(
    c.var.services.db,
    sql`with me as (select timezone from patients where id = ${c.var.patientId}),
        points as (
          select (v.measured_at at time zone me.timezone) as local_at, v.measured_at, s.name as series, s.value
          from vitals v, me,
               lateral (values (${type === 'blood_pressure' ? 'systolic' : 'value'}::text, v.value), ('diastolic', v.value2)) as s(name, value)
          where v.patient_id = ${c.var.patientId} and v.type = ${type} and s.value is not null
            ${from ? sql`and (v.measured_at at time zone me.timezone)::date >= ${from}::date` : sql``}
            ${to ? sql`and (v.measured_at at time zone me.timezone)::date <= ${to}::date` : sql``}
        )
        select me.timezone, p.series, to_char(date_trunc(${unit}, p.local_at), 'YYYY-MM-DD') as start,
               min(p.value) as min, max(p.value) as max, round(avg(p.value), 2) as avg, count(*)::int as count,
               (array_agg(p.value order by p.measured_at desc))[1] as latest
        from points p, me
        group by me.timezone, p.series, date_trunc(${unit}, p.local_at)
        order by p.series desc, start`,
  )
  const names = type === 'blood_pressure' ? ['systolic', 'diastolic'] : ['value']
  return c.json(
    {
      type,
      unit: SPECS[type].unit,
      bucket,
      timezone: rows[0]?.timezone ?? 'Asia/Kolkata',
      series: names.map((name) => ({
        name,
        buckets: rows
          .filter((r) => r.series === name)
          .map((r) => ({
            start: r.start,
            min: Number(r.min),
            max: Number(r.max),
            avg: Number(r.avg),
            count: r.count,
            latest: Number(r.latest),
          })),
      })),
    },
    200,
  )
}
