import { and, desc, eq, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { ApiError, invalidField } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { addDays, localDate } from '../../core/time'
import { medicationDoses, medicationReminders, medications, patientRoutines, patients, records, type MedicationRow } from '../../db/schema'
import { ianaTimeZone } from '../profile/store'
import { z } from '@hono/zod-openapi'
import {
  DoseRequestSchema,
  DoseSchema,
  MedicationCreateSchema,
  MedicationParams,
  MedicationSchema,
  MedicationUpdateSchema,
  RoutineSchema,
  RoutineUpdateSchema,
  toMedication,
} from './schema'

const hhmm = (time: string) => time.slice(0, 5)
const medicationNotFound = () => new ApiError('not_found', 'No such medication.')

// Routine ---------------------------------------------------------------------------------------

async function routineOf(db: Parameters<typeof ianaTimeZone>[0], patientId: string) {
  const [row] = await db
    .select({ timezone: patients.timezone, routine: patientRoutines })
    .from(patients)
    .leftJoin(patientRoutines, eq(patientRoutines.patientId, patients.id))
    .where(eq(patients.id, patientId))
  if (!row) throw new ApiError('not_found', 'This account no longer exists.')
  return {
    breakfast_at: hhmm(row.routine?.breakfastAt ?? '08:00'),
    lunch_at: hhmm(row.routine?.lunchAt ?? '13:00'),
    dinner_at: hhmm(row.routine?.dinnerAt ?? '20:00'),
    bed_at: hhmm(row.routine?.bedAt ?? '22:30'),
    timezone: row.timezone,
  }
}

export const getRoutine = patientRoute({
  method: 'get',
  path: '/v1/me/routine',
  operationId: 'getRoutine',
  tags: ['Medicine tracker'],
  summary: 'My meal and bed times and time zone (they set when dose reminders come)',
  responses: { 200: jsonResponse(RoutineSchema, 'The routine (defaults until set).'), ...errorResponses(404) },
})

export const getRoutineHandler: PatientHandler<typeof getRoutine> = async (c) =>
  c.json(await routineOf(c.var.services.db, c.var.patientId), 200)

export const putRoutine = patientRoute({
  method: 'put',
  path: '/v1/me/routine',
  operationId: 'putRoutine',
  tags: ['Medicine tracker'],
  summary: 'Set my meal and bed times and time zone (omitted fields are kept)',
  request: { body: jsonBody(RoutineUpdateSchema) },
  responses: { 200: jsonResponse(RoutineSchema, 'The routine.'), ...errorResponses(404) },
})

export const putRoutineHandler: PatientHandler<typeof putRoutine> = async (c) => {
  const { db } = c.var.services
  const body = c.req.valid('json')
  const current = await routineOf(db, c.var.patientId)
  const next = { ...current, ...body }
  if (body.timezone) next.timezone = await ianaTimeZone(db, body.timezone)
  await db.transaction(async (tx) => {
    await tx
      .insert(patientRoutines)
      .values({
        patientId: c.var.patientId,
        breakfastAt: next.breakfast_at,
        lunchAt: next.lunch_at,
        dinnerAt: next.dinner_at,
        bedAt: next.bed_at,
      })
      .onConflictDoUpdate({
        target: patientRoutines.patientId,
        set: {
          breakfastAt: next.breakfast_at,
          lunchAt: next.lunch_at,
          dinnerAt: next.dinner_at,
          bedAt: next.bed_at,
          updatedAt: sql`now()`,
        },
      })
    if (body.timezone)
      await tx
        .update(patients)
        .set({ timezone: next.timezone, updatedAt: sql`now()` })
        .where(eq(patients.id, c.var.patientId))
  })
  return c.json(next, 200)
}

// Medications -----------------------------------------------------------------------------------

async function ownMedication(db: Parameters<typeof ianaTimeZone>[0], patientId: string, id: string) {
  const [row] = await db
    .select()
    .from(medications)
    .where(and(eq(medications.id, id), eq(medications.patientId, patientId)))
  if (!row) throw medicationNotFound()
  return row
}

export const createMedication = patientRoute({
  method: 'post',
  path: '/v1/medications',
  operationId: 'createMedication',
  tags: ['Medicine tracker'],
  summary: 'Add a medicine to my tracker (reminders at each timing, in my time zone)',
  request: {
    body: jsonBody(MedicationCreateSchema),
    headers: idempotencyHeader,
  },
  responses: { 201: jsonResponse(MedicationSchema, 'Added.'), ...errorResponses(409, 422) },
})

export const createMedicationHandler: PatientHandler<typeof createMedication> = async (c) => {
  const body = c.req.valid('json')
  const { db } = c.var.services
  const key = c.req.valid('header')['idempotency-key']
  const add = async (tx: Db) => {
    const [row] = await tx
      .insert(medications)
      .values({
        id: crypto.randomUUID(),
        patientId: c.var.patientId,
        name: body.name,
        dosage: body.dosage,
        timings: body.timings,
        startDate: body.start_date,
        endDate: body.end_date ?? null,
        remindersEnabled: body.reminders_enabled ?? true,
        quantityOnHand: body.quantity_on_hand ?? null,
        unitsPerDose: body.units_per_dose ?? 1,
      })
      .returning()
    return { status: 201, body: toMedication(row!) }
  }
  const result = await idempotent(db, c.var.patientId, key, body, add, { atomic: true })
  return c.json(result.body, 201)
}

export const listMedications = patientRoute({
  method: 'get',
  path: '/v1/medications',
  operationId: 'listMedications',
  tags: ['Medicine tracker'],
  summary: 'My medicines, newest first',
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(pageSchema(MedicationSchema, 'MedicationPage'), 'Medicines.'), ...errorResponses(400) },
})

export const listMedicationsHandler: PatientHandler<typeof listMedications> = async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const after = decodeCursor(cursor)
  const rows = await c.var.services.db
    .select()
    .from(medications)
    .where(and(eq(medications.patientId, c.var.patientId), olderThan(medications.createdAt, medications.id, after)))
    .orderBy(desc(medications.createdAt), desc(medications.id))
    .limit(limit + 1)
  return c.json(
    toPage(rows, limit, (r) => ({ at: r.createdAt.toISOString(), id: r.id }), toMedication),
    200,
  )
}

export const updateMedication = patientRoute({
  method: 'patch',
  path: '/v1/medications/{id}',
  operationId: 'updateMedication',
  tags: ['Medicine tracker'],
  summary: 'Change a medicine (reminders_enabled: false pauses it; a larger stock re-arms the refill reminder)',
  request: { params: MedicationParams, body: jsonBody(MedicationUpdateSchema) },
  responses: { 200: jsonResponse(MedicationSchema, 'Changed.'), ...errorResponses(404) },
})

export const updateMedicationHandler: PatientHandler<typeof updateMedication> = async (c) => {
  const { db } = c.var.services
  const { id } = c.req.valid('param')
  const body = c.req.valid('json')
  const current = await ownMedication(db, c.var.patientId, id)
  const startDate = body.start_date ?? current.startDate
  const endDate = body.end_date === undefined ? current.endDate : body.end_date
  if (endDate && endDate < startDate) throw invalidField('json', 'end_date', 'must not be before start_date')
  const restocked = body.quantity_on_hand != null && (current.quantityOnHand === null || body.quantity_on_hand > current.quantityOnHand)
  const [row] = await db
    .update(medications)
    .set({
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.dosage !== undefined ? { dosage: body.dosage } : {}),
      ...(body.timings !== undefined ? { timings: body.timings } : {}),
      startDate,
      endDate,
      ...(body.reminders_enabled !== undefined ? { remindersEnabled: body.reminders_enabled } : {}),
      ...(body.quantity_on_hand !== undefined ? { quantityOnHand: body.quantity_on_hand } : {}),
      ...(body.units_per_dose !== undefined ? { unitsPerDose: body.units_per_dose } : {}),
      ...(restocked ? { refillNotifiedAt: null } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(medications.id, id), eq(medications.patientId, c.var.patientId)))
    .returning()
  if (!row) throw medicationNotFound()
  return c.json(toMedication(row), 200)
}

export const deleteMedication = patientRoute({
  method: 'delete',
  path: '/v1/medications/{id}',
  operationId: 'deleteMedication',
  tags: ['Medicine tracker'],
  summary: 'Remove a medicine (its reminders stop at once)',
  request: { params: MedicationParams },
  responses: { 204: { description: 'Removed.' }, ...errorResponses(404) },
})

export const deleteMedicationHandler: PatientHandler<typeof deleteMedication> = async (c) => {
  const { db } = c.var.services
  const { id } = c.req.valid('param')
  const deleted = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(medications)
      .where(and(eq(medications.id, id), eq(medications.patientId, c.var.patientId)))
      .returning({ id: medications.id })
    if (!row) return false
    await tx.delete(medicationDoses).where(eq(medicationDoses.medicationId, id))
    await tx.delete(medicationReminders).where(eq(medicationReminders.medicationId, id))
    return true
  })
  if (!deleted) throw medicationNotFound()
  return c.body(null, 204)
}

export const logDose = patientRoute({
  method: 'post',
  path: '/v1/medications/{id}/doses',
  operationId: 'logDose',
  tags: ['Medicine tracker'],
  summary: 'Mark a dose taken or skipped (again: the last answer counts; a taken dose uses up the stock once)',
  request: { params: MedicationParams, body: jsonBody(DoseRequestSchema) },
  responses: { 200: jsonResponse(DoseSchema, 'Logged.'), ...errorResponses(404, 422) },
})

export const logDoseHandler: PatientHandler<typeof logDose> = async (c) => {
  const { db } = c.var.services
  const { id } = c.req.valid('param')
  const body = c.req.valid('json')
  const medication = await ownMedication(db, c.var.patientId, id)
  await checkDose(db, c.var.patientId, medication, body)
  // One statement: the dose upserted; the stock drawn down only when it becomes taken.
  const [row] = await queryRows<{ recorded_at: string; quantity_on_hand: string | null }>(
    db,
    sql`with previous as (
          select status from medication_doses where medication_id = ${id} and dose_date = ${body.date}::date and timing = ${body.timing}
        ), dose as (
          insert into medication_doses (medication_id, dose_date, timing, patient_id, status)
          values (${id}, ${body.date}::date, ${body.timing}, ${c.var.patientId}, ${body.status})
          on conflict (medication_id, dose_date, timing) do update set status = excluded.status, recorded_at = now()
          returning recorded_at
        ), stock as (
          update medications set
            quantity_on_hand = case
              when ${body.status} = 'taken' and coalesce((select status from previous), '') <> 'taken' then greatest(0, quantity_on_hand - units_per_dose)
              when ${body.status} = 'skipped' and (select status from previous) = 'taken' then quantity_on_hand + units_per_dose
              else quantity_on_hand end,
            updated_at = now()
          where id = ${id} and quantity_on_hand is not null
          returning quantity_on_hand
        )
        select (select recorded_at from dose) as recorded_at,
               coalesce((select quantity_on_hand from stock), ${medication.quantityOnHand}) as quantity_on_hand`,
  )
  return c.json(
    {
      ...body,
      medication_id: id,
      recorded_at: new Date(row!.recorded_at).toISOString(),
      quantity_on_hand: row!.quantity_on_hand === null ? null : Number(row!.quantity_on_hand),
    },
    200,
  )
}

/** A dose the medicine has: one of its timings, within its dates, and not days ahead. */
async function checkDose(
  db: Parameters<typeof ianaTimeZone>[0],
  patientId: string,
  medication: MedicationRow,
  dose: z.infer<typeof DoseRequestSchema>,
) {
  if (!medication.timings.includes(dose.timing))
    throw new ApiError('unprocessable', `This medicine is not taken ${dose.timing.replace('_', ' ')}.`, {
      details: { timings: medication.timings },
    })
  if (dose.date < medication.startDate || (medication.endDate && dose.date > medication.endDate))
    throw new ApiError('unprocessable', 'That date is outside the medicine’s start and end dates.')
  const { timezone } = await routineOf(db, patientId)
  if (dose.date > addDays(localDate(new Date(), timezone), 1)) throw new ApiError('unprocessable', 'That dose is more than a day ahead.')
}

// From a prescription -----------------------------------------------------------------------------

export const addPrescribedMedications = patientRoute({
  method: 'post',
  path: '/v1/records/{id}/medications',
  operationId: 'addPrescribedMedications',
  tags: ['Medicine tracker'],
  summary: 'Add the medicines a hospital prescribed in this document to my tracker (again: the ones added before)',
  request: { params: MedicationParams },
  responses: {
    201: jsonResponse(z.object({ items: z.array(MedicationSchema) }).openapi('AddedMedications'), 'Added, starting today.'),
    200: jsonResponse(z.object({ items: z.array(MedicationSchema) }), 'Added before.'),
    ...errorResponses(404, 422),
  },
})

export const addPrescribedMedicationsHandler: PatientHandler<typeof addPrescribedMedications> = async (c) => {
  const { db } = c.var.services
  const { id } = c.req.valid('param')
  const [record] = await db
    .select({ medicines: records.prescribedMedicines })
    .from(records)
    .where(and(eq(records.id, id), eq(records.patientId, c.var.patientId)))
  if (!record) throw new ApiError('not_found', 'No such record.')
  if (!record.medicines?.length) throw new ApiError('unprocessable', 'This document came without a list of medicines; add them by hand.')
  const { timezone } = await routineOf(db, c.var.patientId)
  const today = localDate(new Date(), timezone)
  const added = await db.transaction(async (tx) => {
    // One addition per prescription, even when two taps race.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`prescription:${id}`}))`)
    const existing = await tx
      .select()
      .from(medications)
      .where(and(eq(medications.patientId, c.var.patientId), eq(medications.sourceRecordId, id)))
    if (existing.length) return { status: 200 as const, rows: existing }
    const rows = await tx
      .insert(medications)
      .values(
        record.medicines!.map((m) => ({
          id: crypto.randomUUID(),
          patientId: c.var.patientId,
          name: m.name,
          dosage: m.dosage,
          timings: m.timings as MedicationRow['timings'],
          startDate: today,
          endDate: m.duration_days ? addDays(today, m.duration_days - 1) : null,
          sourceRecordId: id,
        })),
      )
      .returning()
    return { status: 201 as const, rows }
  })
  return c.json({ items: added.rows.map(toMedication) }, added.status)
}
