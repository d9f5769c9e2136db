import { and, desc, eq } from 'drizzle-orm'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { medications } from '../../db/schema'
import { MedicationSchema, toMedication } from './schema'

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
