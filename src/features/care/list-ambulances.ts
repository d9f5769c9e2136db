import { z } from '@hono/zod-openapi'
import { asc } from 'drizzle-orm'
import { jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { ambulanceProviders } from '../../db/schema'
import { CALL_NOW, ProviderSchema, toProvider } from './schema'

export const listAmbulances = patientRoute({
  method: 'get',
  path: '/v1/ambulances',
  operationId: 'listAmbulances',
  tags: ['Ambulance'],
  summary: 'Ambulance providers with the numbers to call (108, 102, 112 and private services)',
  responses: {
    200: jsonResponse(
      z
        .object({ call_now: z.object({ emergency: z.string(), ambulance: z.string() }), items: z.array(ProviderSchema) })
        .openapi('AmbulanceProviders'),
      'Providers.',
    ),
  },
})

export const listAmbulancesHandler: PatientHandler<typeof listAmbulances> = async (c) => {
  const rows = await c.var.services.db.select().from(ambulanceProviders).orderBy(asc(ambulanceProviders.position))
  return c.json(
    {
      call_now: CALL_NOW,
      items: rows.map(toProvider),
    },
    200,
  )
}
