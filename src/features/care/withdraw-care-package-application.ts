import { CancelRequestSchema, errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { jobOf, patientWaiting } from '../../core/outbox'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { applicationOf, withdrawApplication } from './care-packages'
import { ApplicationParams } from './get-care-package-application'
import { ApplicationSchema } from './schema'

export const withdrawCarePackageApplication = patientRoute({
  method: 'post',
  path: '/v1/care-packages/applications/{id}/withdraw',
  operationId: 'withdrawCarePackageApplication',
  tags: ['Care packages'],
  summary: 'Withdraw my application while it is applied or contacted (the hospital is told, through the outbox if it is down)',
  request: { params: ApplicationParams, body: { ...jsonBody(CancelRequestSchema), required: false } },
  responses: { 200: jsonResponse(ApplicationSchema, 'Withdrawn.'), ...errorResponses(404, 409) },
})

export const withdrawCarePackageApplicationHandler: PatientHandler<typeof withdrawCarePackageApplication> = async (c) => {
  const services = c.var.services
  const { config } = services
  const id = c.req.valid('param').id
  const reason = (c.req.header('content-type') ? c.req.valid('json').reason : null) ?? null
  const job = await withdrawApplication(services.db, c.var.patientId, id, reason, config.OUTBOX_LEASE_SECONDS)
  if (job) await services.outbox.runNow(jobOf(job), patientWaiting(config))
  return c.json(await applicationOf(services.db, c.var.patientId, id), 200)
}
