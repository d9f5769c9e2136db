import { CancelRequestSchema, errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientWaiting } from '../../core/outbox'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { AppointmentParams, AppointmentSchema, toAppointment } from './schema'
import { appointmentOf, cancelBooking } from './store'

export const cancelAppointment = patientRoute({
  method: 'post',
  path: '/v1/appointments/{id}/cancel',
  operationId: 'cancelAppointment',
  tags: ['Appointments'],
  summary: 'Cancel my appointment (the hospital is told, through the outbox if it is down)',
  request: { params: AppointmentParams, body: { ...jsonBody(CancelRequestSchema), required: false } },
  responses: { 200: jsonResponse(AppointmentSchema, 'Cancelled.'), ...errorResponses(404, 409) },
})

export const cancelAppointmentHandler: PatientHandler<typeof cancelAppointment> = async (c) => {
  const { db, config } = c.var.services
  const id = c.req.valid('param').id
  const reason = (c.req.header('content-type') ? c.req.valid('json').reason : null) ?? null
  const { job } = await cancelBooking(db, c.var.patientId, id, reason, config.OUTBOX_LEASE_SECONDS)
  // The hospital told now if it answers within the budget; otherwise from the queue.
  if (job) await c.var.services.outbox.runNow(job, patientWaiting(config))
  const row = await appointmentOf(db, c.var.patientId, id)
  return c.json(toAppointment(row.appointment, row.hospital, row.links), 200)
}
