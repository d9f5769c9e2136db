import { z } from '@hono/zod-openapi'
import { eq } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { carePackageApplications, carePackages } from '../../db/schema'
import { ApplicationSchema } from './schema'

export const applyCarePackage = patientRoute({
  method: 'post',
  path: '/v1/care-packages/{id}/apply',
  operationId: 'applyCarePackage',
  tags: ['Care packages'],
  summary: 'Apply for a package (once per package: 409 again)',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^[a-z0-9-]{1,40}$/)
        .openapi({ param: { name: 'id', in: 'path' }, example: 'diabetes' }),
    }),
  },
  responses: { 201: jsonResponse(ApplicationSchema, 'Applied.'), ...errorResponses(404, 409) },
})

export const applyCarePackageHandler: PatientHandler<typeof applyCarePackage> = async (c) => {
  const { db } = c.var.services
  const { id } = c.req.valid('param')
  const [pkg] = await db.select().from(carePackages).where(eq(carePackages.id, id))
  if (!pkg) throw new ApiError('not_found', 'No such care package.')
  const [row] = await db
    .insert(carePackageApplications)
    .values({ id: crypto.randomUUID(), patientId: c.var.patientId, packageId: id })
    .onConflictDoNothing({ target: [carePackageApplications.patientId, carePackageApplications.packageId] })
    .returning()
  if (!row) throw new ApiError('conflict', `You have already applied for ${pkg.name}.`)
  return c.json({ id: row.id, package_id: id, package_name: pkg.name, status: row.status, created_at: row.createdAt.toISOString() }, 201)
}
