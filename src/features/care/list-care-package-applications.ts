import { z } from '@hono/zod-openapi'
import { eq } from 'drizzle-orm'
import { jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { carePackageApplications } from '../../db/schema'
import { selectApplications, toApplication } from './care-packages'
import { ApplicationSchema } from './schema'

export const listCarePackageApplications = patientRoute({
  method: 'get',
  path: '/v1/care-packages/applications',
  operationId: 'listCarePackageApplications',
  tags: ['Care packages'],
  summary: 'My applications, newest first',
  responses: { 200: jsonResponse(z.object({ items: z.array(ApplicationSchema) }).openapi('CarePackageApplications'), 'Applications.') },
})

export const listCarePackageApplicationsHandler: PatientHandler<typeof listCarePackageApplications> = async (c) => {
  const rows = await selectApplications(c.var.services.db, eq(carePackageApplications.patientId, c.var.patientId))
  return c.json({ items: rows.map(toApplication) }, 200)
}
