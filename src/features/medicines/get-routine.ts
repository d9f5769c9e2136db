import { errorResponses, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { RoutineSchema } from './schema'
import { routineOf } from './store'

export const getRoutine = patientRoute({
  method: 'get',
  path: '/v1/me/routine',
  operationId: 'getRoutine',
  tags: ['Medicine tracker'],
  summary: 'My meal and bed times and time zone (they set when dose reminders come)',
  responses: { 200: jsonResponse(RoutineSchema, 'The routine (defaults until set).'), ...errorResponses(404) },
})

export const getRoutineHandler: PatientHandler<typeof getRoutine> = async (c) =>
  c.json(await routineOf(c.var.services.db, c.var.patientId), 200)
