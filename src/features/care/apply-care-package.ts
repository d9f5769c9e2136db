import { z } from '@hono/zod-openapi'
import { and, eq, isNotNull } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { jobOf, patientWaiting } from '../../core/outbox'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { carePackageApplications, carePackages, hospitals, outbox } from '../../db/schema'
import { applicationJob, applicationOf } from './care-packages'
import { ApplicationSchema } from './schema'

export const applyCarePackage = patientRoute({
  method: 'post',
  path: '/v1/care-packages/{id}/apply',
  operationId: 'applyCarePackage',
  tags: ['Care packages'],
  summary: 'Apply for a package: the offering hospital gets it (never lost) and contacts me (409 while an application is live)',
  description:
    'Applying asks the hospital to contact me about the package: my name, phone, email and language go to it, with my hospital patient id when I have shared my profile with it. One live application per package; after a withdrawal or a decline I may apply again.',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^[a-z0-9-]{1,40}$/)
        .openapi({ param: { name: 'id', in: 'path' }, example: 'diabetes' }),
    }),
    headers: idempotencyHeader,
  },
  responses: { 201: jsonResponse(ApplicationSchema, 'Applied.'), ...errorResponses(404, 409) },
})

export const applyCarePackageHandler: PatientHandler<typeof applyCarePackage> = async (c) => {
  const services = c.var.services
  const { db, config } = services
  const { id } = c.req.valid('param')
  const patientId = c.var.patientId
  const result = await idempotent(db, patientId, c.req.valid('header')['idempotency-key'], { package_id: id }, async () => {
    const [pkg] = await db
      .select({ name: carePackages.name, hospitalId: carePackages.hospitalId })
      .from(carePackages)
      .innerJoin(hospitals, and(eq(hospitals.id, carePackages.hospitalId), eq(hospitals.active, true)))
      .where(and(eq(carePackages.id, id), eq(carePackages.active, true), isNotNull(carePackages.hospitalId)))
    if (!pkg?.hospitalId) throw new ApiError('not_found', 'No such care package.')
    const applicationId = crypto.randomUUID()
    const job = await db.transaction(async (tx) => {
      // One live application per patient and package (a partial unique index): a concurrent second one conflicts here.
      const [row] = await tx
        .insert(carePackageApplications)
        .values({ id: applicationId, patientId, packageId: id, hospitalId: pkg.hospitalId })
        .onConflictDoNothing()
        .returning({ id: carePackageApplications.id })
      if (!row) throw new ApiError('conflict', `You have already applied for ${pkg.name}.`)
      const [inserted] = await tx
        .insert(outbox)
        .values(applicationJob('send_care_application', pkg.hospitalId!, applicationId, config.OUTBOX_LEASE_SECONDS))
        .returning()
      return jobOf(inserted!)
    })
    await services.outbox.runNow(job, patientWaiting(config))
    return { status: 201, body: await applicationOf(db, patientId, applicationId) }
  })
  return c.json(result.body, 201)
}
