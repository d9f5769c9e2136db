import { z } from '@hono/zod-openapi'
import { and, eq, sql } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { addDays, localDate } from '../../core/time'
import { type MedicationRow, medications, records } from '../../db/schema'
import { MedicationParams, MedicationSchema, toMedication } from './schema'
import { routineOf } from './store'

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
