import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { ApiError, invalidField, invalidRequest } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { jobOf, patientWaiting } from '../../core/outbox'
import { hmisPartition } from '../../integrations/hmis/port'
import { attachableAppointment, viewOf } from './checks'
import { missingAnswers } from './rules'
import { CheckParams, languageOf, LangQuerySchema, SubmitRequestSchema, SymptomCheckSchema } from './schema'
import { checkContext, checkOf } from './store'

export const submitSymptomCheck = patientRoute({
  method: 'post',
  path: '/v1/symptom-checks/{id}/submit',
  operationId: 'submitSymptomCheck',
  tags: ['Symptom checker'],
  summary: 'Share the check with the appointment’s hospital (never lost: through the HMIS outbox)',
  description:
    'Every required question that is asked must be answered (400 lists the missing ones). The check is submitted and its sharing job saved together; the hospital gets it at once when it answers within HMIS_BOOKING_BUDGET_MS, otherwise the job retries every minute (`sharing.status` pending → shared, or failed with the reason, and you are notified). Once shared, a booked appointment moves to `symptoms_shared`. Submitting again for the same appointment answers the check as it is.',
  request: { params: CheckParams, query: LangQuerySchema, body: jsonBody(SubmitRequestSchema) },
  responses: { 200: jsonResponse(SymptomCheckSchema, 'Submitted.'), ...errorResponses(404, 409, 422) },
})

export const submitSymptomCheckHandler: PatientHandler<typeof submitSymptomCheck> = async (c) => {
  const services = c.var.services
  const { db, config } = services
  const patientId = c.var.patientId
  const id = c.req.valid('param').id
  const lang = languageOf(c.req.valid('query').lang, c.req.header('accept-language'))
  const context = await checkContext(db, patientId, id)
  const appointmentId = c.req.valid('json').appointment_id ?? context.check.appointmentId
  if (!appointmentId) throw invalidField('json', 'appointment_id', 'is required: this check is not tied to an appointment yet')
  if (context.check.status === 'submitted') {
    if (context.check.appointmentId === appointmentId) return c.json(viewOf(context, lang), 200)
    throw new ApiError('invalid_transition', 'This symptom check was already shared with another appointment.')
  }
  if (context.check.appointmentId && context.check.appointmentId !== appointmentId)
    throw new ApiError('conflict', 'This symptom check belongs to another appointment.')
  const missing = missingAnswers(context.questions, context.check.answers)
  if (missing.length) throw invalidRequest(missing)
  const appointment = await attachableAppointment(db, patientId, appointmentId)

  // One statement: the check submitted (if still the draft we read) and its sharing job, already
  // claimed when the appointment is at the hospital so that this request may send it now.
  const ready = appointment.status !== 'pending_sync'
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`with submitted as (
          update symptom_checks set status = 'submitted', appointment_id = ${appointmentId}, submitted_at = now(),
            share_status = 'pending', version = version + 1, updated_at = now()
          where id = ${id} and patient_id = ${patientId} and status = 'draft' and version = ${context.check.version}
          returning *
        ), job as (
          insert into outbox (id, kind, partition_key, subject_id, attempts, locked_until)
          select ${crypto.randomUUID()}, 'share_symptom_check', ${hmisPartition(appointment.hospitalId)}, s.id, ${ready ? 1 : 0},
                 ${ready ? sql`now() + make_interval(secs => ${config.OUTBOX_LEASE_SECONDS})` : null}
          from submitted s
          returning *
        )
        select to_jsonb(s) as "check", (select to_jsonb(j) from job j) as job from submitted s`,
  )
  if (!row) throw new ApiError('conflict', 'The symptom check changed while submitting; please try again.')
  let check = checkOf(row.check as Record<string, unknown>)
  const job = jobOf(row.job as Record<string, unknown>)
  if (ready) {
    // Sent now if the hospital answers within the budget; otherwise the outbox's queue takes over.
    await services.outbox.runNow(job, patientWaiting(config))
    check = (await checkContext(db, patientId, id)).check
  } else services.outbox.send([job])
  return c.json(viewOf({ ...context, check }, lang), 200)
}
