import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { claimJobs, runJob } from './outbox'
import { AppointmentParams, AppointmentSchema, CancelRequestSchema, toAppointment } from './schema'
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
  const { jobId } = await cancelBooking(db, c.var.patientId, id, reason)
  if (jobId) {
    const [job] = await claimJobs(db, config, { jobId, limit: 1 })
    if (job) await runJob(c.var.services, job, { timeoutMs: Math.min(config.HMIS_BOOKING_BUDGET_MS, config.HMIS_WRITE_TIMEOUT_MS) })
  }
  const row = await appointmentOf(db, c.var.patientId, id)
  return c.json(toAppointment(row.appointment, row.hospital), 200)
}
