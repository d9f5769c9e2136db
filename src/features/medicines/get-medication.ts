import { errorResponses, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { MedicationParams, MedicationSchema, toMedication } from './schema'
import { ownMedication } from './store'

export const getMedication = patientRoute({
  method: 'get',
  path: '/v1/medications/{id}',
  operationId: 'getMedication',
  tags: ['Medicine tracker'],
  summary: 'One of my medicines (its ETag is what PATCH takes as If-Match)',
  request: { params: MedicationParams },
  responses: { 200: jsonResponse(MedicationSchema, 'The medicine.'), ...errorResponses(404) },
})

export const getMedicationHandler: PatientHandler<typeof getMedication> = async (c) =>
  c.json(toMedication((await ownMedication(c.var.services.db, c.var.patientId, c.req.valid('param').id)).row), 200)
