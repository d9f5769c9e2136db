import { z } from '@hono/zod-openapi'
import { and, asc, eq, isNotNull } from 'drizzle-orm'
import { jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { carePackages, hospitals } from '../../db/schema'
import { PackageSchema } from './schema'

export const listCarePackages = patientRoute({
  method: 'get',
  path: '/v1/care-packages',
  operationId: 'listCarePackages',
  tags: ['Care packages'],
  summary: 'Care packages (diabetes, hypertension, heart, maternity, senior…) with what each includes and the hospital that offers it',
  responses: { 200: jsonResponse(z.object({ items: z.array(PackageSchema) }).openapi('CarePackages'), 'Packages.') },
})

export const listCarePackagesHandler: PatientHandler<typeof listCarePackages> = async (c) => {
  const rows = await c.var.services.db
    .select({ p: carePackages, hospitalName: hospitals.name })
    .from(carePackages)
    .innerJoin(hospitals, and(eq(hospitals.id, carePackages.hospitalId), eq(hospitals.active, true)))
    .where(and(eq(carePackages.active, true), isNotNull(carePackages.hospitalId)))
    .orderBy(asc(carePackages.position), asc(hospitals.name), asc(carePackages.id))
  return c.json(
    {
      items: rows.map(({ p, hospitalName }) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        includes: p.includes,
        price_inr: p.priceInr,
        duration_days: p.durationDays,
        hospital_id: p.hospitalId!,
        hospital_name: hospitalName,
      })),
    },
    200,
  )
}
