import { z } from '@hono/zod-openapi'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { applicationOf } from './care-packages'
import { ApplicationSchema } from './schema'

export const ApplicationParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: '5b0e2c1a-7f3d-4e8a-9c2b-1d4f6a8e0b3c' }),
})

export const getCarePackageApplication = patientRoute({
  method: 'get',
  path: '/v1/care-packages/applications/{id}',
  operationId: 'getCarePackageApplication',
  tags: ['Care packages'],
  summary: 'One of my applications, as the hospital moved it on',
  request: { params: ApplicationParams },
  responses: { 200: jsonResponse(ApplicationSchema, 'The application.'), ...errorResponses(404) },
})

export const getCarePackageApplicationHandler: PatientHandler<typeof getCarePackageApplication> = async (c) =>
  c.json(await applicationOf(c.var.services.db, c.var.patientId, c.req.valid('param').id), 200)
