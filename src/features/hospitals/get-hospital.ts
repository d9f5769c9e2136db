import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { HospitalParams, HospitalSchema, toHospital } from './schema'
import { activeHospital } from './store'

export const getHospital = patientRoute({
  method: 'get',
  path: '/v1/hospitals/{hospital_id}',
  operationId: 'getHospital',
  tags: ['Hospitals'],
  summary: 'One hospital',
  request: { params: HospitalParams },
  responses: { 200: jsonResponse(HospitalSchema, 'The hospital.'), ...errorResponses(404) },
})

export const getHospitalHandler: PatientHandler<typeof getHospital> = async (c) =>
  c.json(toHospital(await activeHospital(c.var.services.db, c.req.valid('param').hospital_id)), 200)
