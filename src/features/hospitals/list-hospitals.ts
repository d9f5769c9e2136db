import { jsonResponse } from '../../core/openapi'
import { decodeNameCursor, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { HospitalSchema, toHospital } from './schema'
import { listHospitals } from './store'

export const listHospitalsRoute = patientRoute({
  method: 'get',
  path: '/v1/hospitals',
  operationId: 'listHospitals',
  tags: ['Hospitals'],
  summary: 'Hospitals on PHR Edge, by name',
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(pageSchema(HospitalSchema, 'HospitalPage'), 'Hospitals, by name.') },
})

export const listHospitalsHandler: PatientHandler<typeof listHospitalsRoute> = async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const rows = await listHospitals(c.var.services.db, { limit, after: decodeNameCursor(cursor) })
  return c.json(
    toPage(rows, limit, (row) => ({ name: row.name, id: row.id }), toHospital),
    200,
  )
}
