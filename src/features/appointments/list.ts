import { z } from '@hono/zod-openapi'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { decodeCursor, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { appointmentStatuses } from '../../db/schema'
import { AppointmentParams, AppointmentSchema, toAppointment } from './schema'
import { appointmentOf, listAppointments } from './store'

export const listAppointmentsRoute = patientRoute({
  method: 'get',
  path: '/v1/appointments',
  operationId: 'listAppointments',
  tags: ['Appointments'],
  summary: 'My appointments, newest first',
  request: { query: PaginationQuerySchema.extend({ status: z.enum(appointmentStatuses).optional().openapi({ example: 'booked' }) }) },
  responses: { 200: jsonResponse(pageSchema(AppointmentSchema, 'AppointmentPage'), 'Appointments.'), ...errorResponses(400) },
})

export const listAppointmentsHandler: PatientHandler<typeof listAppointmentsRoute> = async (c) => {
  const { limit, cursor, status } = c.req.valid('query')
  const rows = await listAppointments(c.var.services.db, c.var.patientId, { limit, status, after: decodeCursor(cursor) })
  return c.json(
    toPage(
      rows,
      limit,
      (row) => ({ at: row.appointment.createdAt.toISOString(), id: row.appointment.id }),
      (row) => toAppointment(row.appointment, row.hospital, row.links),
    ),
    200,
  )
}

export const getAppointment = patientRoute({
  method: 'get',
  path: '/v1/appointments/{id}',
  operationId: 'getAppointment',
  tags: ['Appointments'],
  summary: 'One of my appointments',
  request: { params: AppointmentParams },
  responses: { 200: jsonResponse(AppointmentSchema, 'The appointment.'), ...errorResponses(404) },
})

export const getAppointmentHandler: PatientHandler<typeof getAppointment> = async (c) => {
  const row = await appointmentOf(c.var.services.db, c.var.patientId, c.req.valid('param').id)
  return c.json(toAppointment(row.appointment, row.hospital, row.links), 200)
}
