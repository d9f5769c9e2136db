import { and, eq, sql } from 'drizzle-orm'
import { changedSince, ifMatch, ifMatchHeader, sameVersion } from '../../core/conditional'
import { invalidField } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { medications } from '../../db/schema'
import { MedicationParams, MedicationSchema, MedicationUpdateSchema, toMedication } from './schema'
import { medicationNotFound, ownMedication } from './store'

export const updateMedication = patientRoute({
  method: 'patch',
  path: '/v1/medications/{id}',
  operationId: 'updateMedication',
  tags: ['Medicine tracker'],
  summary: 'Change a medicine (reminders_enabled: false pauses it; a larger stock re-arms the refill reminder)',
  request: { params: MedicationParams, headers: ifMatchHeader, body: jsonBody(MedicationUpdateSchema) },
  responses: { 200: jsonResponse(MedicationSchema, 'Changed.'), ...errorResponses(404, 412) },
})

export const updateMedicationHandler: PatientHandler<typeof updateMedication> = async (c) => {
  const { db } = c.var.services
  const { id } = c.req.valid('param')
  const body = c.req.valid('json')
  const { row: current, version } = await ownMedication(db, c.var.patientId, id)
  // With If-Match: the medicine as the app last read it, or 412; the write then guarded by that version.
  const guarded = await ifMatch(c.req.valid('header')['if-match'], toMedication(current))
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
    .where(and(eq(medications.id, id), eq(medications.patientId, c.var.patientId), guarded ? sameVersion(medications, version) : undefined))
    .returning()
  if (!row) throw guarded ? changedSince() : medicationNotFound()
  return c.json(toMedication(row), 200)
}
