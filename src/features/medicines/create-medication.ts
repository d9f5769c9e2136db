import type { Db } from '../../core/db'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { medications } from '../../db/schema'
import { MedicationCreateSchema, MedicationSchema, toMedication } from './schema'

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
