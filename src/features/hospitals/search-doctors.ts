import { z } from '@hono/zod-openapi'
import { invalidField } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { patternProblem, SAFE_PATTERN_RULES } from '../../core/safe-pattern'
import { localDate } from '../../core/time'
import { DoctorSchema, DoctorSearchQuery, HospitalParams, slotDateProblem, toDoctor } from './schema'
import { hmisLinkOf } from '../../integrations/hmis/port'
import { hmisInputs, withHospital } from './store'

export const searchDoctors = patientRoute({
  method: 'get',
  path: '/v1/hospitals/{hospital_id}/doctors',
  operationId: 'searchDoctors',
  tags: ['Doctors'],
  summary: 'Doctors of a hospital by name and specialty (case-insensitive regular expressions), with their slots on a date',
  description: `Both patterns are matched case-insensitively and checked here before the HMIS sees them (400 \`invalid_pattern\` names what is wrong). ${SAFE_PATTERN_RULES} Slots are in the hospital’s time zone; lists are kept at the edge for HMIS_CACHE_SECONDS.`,
  request: { params: HospitalParams, query: DoctorSearchQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(DoctorSchema) }).openapi('DoctorList'), 'Matching doctors.'),
    ...errorResponses(400, 404, 502, 503, 504),
  },
})

export const searchDoctorsHandler: PatientHandler<typeof searchDoctors> = async (c) => {
  const { db, integrations } = c.var.services
  const query = c.req.valid('query')
  for (const field of ['name', 'specialty'] as const) {
    const problem = query[field] === undefined ? undefined : patternProblem(query[field])
    if (problem) throw invalidField('query', field, problem, 'invalid_pattern')
  }
  const { hospital, result: doctors } = await withHospital(db, c.req.valid('param').hospital_id, hmisInputs, (row) => {
    const today = localDate(new Date(), row.timezone)
    const problem = query.date === undefined ? undefined : slotDateProblem(query.date, today)
    if (problem) throw invalidField('query', 'date', problem)
    return integrations.hmisFor(hmisLinkOf(row)).searchDoctors({
      name: query.name || undefined,
      specialty: query.specialty || undefined,
      date: query.date ?? today,
    })
  })
  return c.json({ items: doctors.slice(0, 200).map((doctor) => toDoctor(doctor, hospital)) }, 200)
}
