import { z } from '@hono/zod-openapi'
import { asc } from 'drizzle-orm'
import { jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { carePackages } from '../../db/schema'
import { PackageSchema } from './schema'

export const listCarePackages = patientRoute({
  method: 'get',
  path: '/v1/care-packages',
  operationId: 'listCarePackages',
  tags: ['Care packages'],
  summary: 'Care packages (diabetes, hypertension, heart, maternity, senior…) with what each includes',
  responses: { 200: jsonResponse(z.object({ items: z.array(PackageSchema) }).openapi('CarePackages'), 'Packages.') },
})

export const listCarePackagesHandler: PatientHandler<typeof listCarePackages> = async (c) => {
  const rows = await c.var.services.db.select().from(carePackages).orderBy(asc(carePackages.position))
  return c.json(
    {
      items: rows.map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        includes: p.includes,
        price_inr: p.priceInr,
        duration_days: p.durationDays,
      })),
    },
    200,
  )
}
