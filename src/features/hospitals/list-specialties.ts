import { z } from '@hono/zod-openapi'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { HospitalParams, SpecialtySchema } from './schema'
import { hmisLinkOf } from '../../integrations/hmis/port'
import { hmisInputs, withHospital } from './store'

export const listSpecialties = patientRoute({
  method: 'get',
  path: '/v1/hospitals/{hospital_id}/specialties',
  operationId: 'listSpecialties',
  tags: ['Doctors'],
  summary: 'The specialties of a hospital (the tabs of the doctor list), from its HMIS',
  request: { params: HospitalParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(SpecialtySchema) }).openapi('SpecialtyList'), 'Specialties.'),
    ...errorResponses(404, 502, 503, 504),
  },
})

export const listSpecialtiesHandler: PatientHandler<typeof listSpecialties> = async (c) => {
  const { db, integrations } = c.var.services
  const { result } = await withHospital(db, c.req.valid('param').hospital_id, hmisInputs, (row) =>
    integrations.hmisFor(hmisLinkOf(row)).specialties(),
  )
  return c.json({ items: result }, 200)
}
