import { z } from '@hono/zod-openapi'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { pageSchema } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { withAbdmUser } from '../auth'
import { AbdmDiscoverySchema, AbdmFacilitySchema, AbdmLinkSchema, toAbdmDiscovery, toAbdmFacility, toAbdmLink } from './schema'
import { listDiscoveries } from './store'

export const searchAbdmFacilities = patientRoute({
  method: 'get',
  path: '/v1/abdm/facilities',
  operationId: 'searchAbdmFacilities',
  tags: ['ABDM'],
  summary: 'Find a hospital or clinic on ABDM by name (its HFR id is what a discovery takes)',
  description: 'From ABDM’s health facility registry; the first 20 matches, one page.',
  request: {
    query: z.object({
      name: z
        .string()
        .trim()
        .min(3)
        .max(100)
        .openapi({ param: { name: 'name', in: 'query' }, description: 'Part of the name, 3 characters or more.', example: 'Demo' }),
    }),
  },
  responses: {
    200: jsonResponse(pageSchema(AbdmFacilitySchema, 'AbdmFacilityPage'), 'Matching facilities.'),
    ...errorResponses(400, 502, 503, 504),
  },
})

export const searchAbdmFacilitiesHandler: PatientHandler<typeof searchAbdmFacilities> = async (c) => {
  const facilities = await c.var.services.integrations.abdmLinking.facilities(c.req.valid('query').name)
  return c.json({ items: facilities.map(toAbdmFacility), next_cursor: null }, 200)
}

export const listAbdmLinks = patientRoute({
  method: 'get',
  path: '/v1/abdm/links',
  operationId: 'listAbdmLinks',
  tags: ['ABDM'],
  summary: 'The hospitals and visits linked to my ABHA (by me or by the hospitals), as ABDM lists them',
  description: '409 `abdm_login_required` when ABDM needs my ABHA confirmed (POST /v1/abdm/abha/link).',
  responses: {
    200: jsonResponse(pageSchema(AbdmLinkSchema, 'AbdmLinkPage'), 'My linked hospitals.'),
    ...errorResponses(409, 502, 503, 504),
  },
})

export const listAbdmLinksHandler: PatientHandler<typeof listAbdmLinks> = async (c) => {
  const services = c.var.services
  const links = await withAbdmUser(services, c.var.patientId, (token) => services.integrations.abdmLinking.links(token))
  return c.json({ items: links.map(toAbdmLink), next_cursor: null }, 200)
}

export const listAbdmDiscoveries = patientRoute({
  method: 'get',
  path: '/v1/abdm/discoveries',
  operationId: 'listAbdmDiscoveries',
  tags: ['ABDM'],
  summary: 'My discoveries at ABDM hospitals, newest first (the last 50), with how each link went',
  responses: { 200: jsonResponse(pageSchema(AbdmDiscoverySchema, 'AbdmDiscoveryPage'), 'My discoveries.') },
})

export const listAbdmDiscoveriesHandler: PatientHandler<typeof listAbdmDiscoveries> = async (c) => {
  const rows = await listDiscoveries(c.var.services.db, c.var.patientId)
  return c.json({ items: rows.map(toAbdmDiscovery), next_cursor: null }, 200)
}
