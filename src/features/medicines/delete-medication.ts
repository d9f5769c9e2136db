import { and, eq } from 'drizzle-orm'
import { errorResponses } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { medicationDoses, medicationReminders, medications } from '../../db/schema'
import { MedicationParams } from './schema'
import { medicationNotFound } from './store'

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
