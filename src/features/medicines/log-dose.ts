import type { Db } from '../../core/db'
import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { addDays, localDate } from '../../core/time'
import { type MedicationRow } from '../../db/schema'
import { DoseRequestSchema, DoseSchema, MedicationParams } from './schema'
import { ownMedication, routineOf } from './store'

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
  const { row: medication } = await ownMedication(db, c.var.patientId, id)
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
async function checkDose(db: Db, patientId: string, medication: MedicationRow, dose: z.infer<typeof DoseRequestSchema>) {
  if (!medication.timings.includes(dose.timing))
    throw new ApiError('unprocessable', `This medicine is not taken ${dose.timing.replace('_', ' ')}.`, {
      details: { timings: medication.timings },
    })
  if (dose.date < medication.startDate || (medication.endDate && dose.date > medication.endDate))
    throw new ApiError('unprocessable', 'That date is outside the medicine’s start and end dates.')
  const { timezone } = await routineOf(db, patientId)
  if (dose.date > addDays(localDate(new Date(), timezone), 1)) throw new ApiError('unprocessable', 'That dose is more than a day ahead.')
}
