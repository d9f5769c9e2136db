import { ApiError, invalidField } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { addDays, localDate } from '../../core/time'
import { DoctorParams, DoctorRangeQuery, DoctorSchema, slotDateProblem, toDoctor } from './schema'
import { hmisLinkOf } from '../../integrations/hmis/port'
import { hmisInputs, withHospital } from './store'

const MAX_DAYS = 31

export const getDoctor = patientRoute({
  method: 'get',
  path: '/v1/hospitals/{hospital_id}/doctors/{doctor_id}',
  operationId: 'getDoctor',
  tags: ['Doctors'],
  summary: 'A doctor: education, experience, languages, fee, modes and open slots between two dates',
  request: { params: DoctorParams, query: DoctorRangeQuery },
  responses: { 200: jsonResponse(DoctorSchema, 'The doctor.'), ...errorResponses(400, 404, 502, 503, 504) },
})

export const getDoctorHandler: PatientHandler<typeof getDoctor> = async (c) => {
  const { db, integrations } = c.var.services
  const { hospital_id, doctor_id } = c.req.valid('param')
  const query = c.req.valid('query')
  const { hospital, result: doctor } = await withHospital(db, hospital_id, hmisInputs, (row) => {
    const today = localDate(new Date(), row.timezone)
    const from = query.from ?? today
    const to = query.to ?? addDays(from, 6)
    for (const [field, date] of [
      ['from', from],
      ['to', to],
    ] as const) {
      const problem = slotDateProblem(date, today)
      if (problem) throw invalidField('query', field, problem)
    }
    if (to < from || addDays(from, MAX_DAYS - 1) < to)
      throw invalidField('query', 'to', `must be on or after from, at most ${MAX_DAYS} days`)
    return integrations.hmisFor(hmisLinkOf(row)).doctor(doctor_id, { from, to })
  })
  if (!doctor) throw new ApiError('not_found', 'This hospital has no such doctor.')
  return c.json(toDoctor(doctor, hospital), 200)
}
