import { z } from '@hono/zod-openapi'
import { desc, eq } from 'drizzle-orm'
import { jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { carePackageApplications, carePackages } from '../../db/schema'
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
  const rows = await c.var.services.db
    .select({ application: carePackageApplications, name: carePackages.name })
    .from(carePackageApplications)
    .innerJoin(carePackages, eq(carePackages.id, carePackageApplications.packageId))
    .where(eq(carePackageApplications.patientId, c.var.patientId))
    .orderBy(desc(carePackageApplications.createdAt))
  return c.json(
    {
      items: rows.map((r) => ({
        id: r.application.id,
        package_id: r.application.packageId,
        package_name: r.name,
        status: r.application.status,
        created_at: r.application.createdAt.toISOString(),
      })),
    },
    200,
  )
}
