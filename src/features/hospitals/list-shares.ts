import { jsonResponse } from '../../core/openapi'
import { decodeCursor, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { ShareSchema, toShare } from './schema'
import { listShares } from './store'

export const listSharesRoute = patientRoute({
  method: 'get',
  path: '/v1/shares',
  operationId: 'listShares',
  tags: ['Hospitals'],
  summary: 'Which hospitals hold my profile (newest first, revoked ones included)',
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(pageSchema(ShareSchema, 'SharePage'), 'My shares.') },
})

export const listSharesHandler: PatientHandler<typeof listSharesRoute> = async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const rows = await listShares(c.var.services.db, c.var.patientId, { limit, after: decodeCursor(cursor) })
  return c.json(
    toPage(
      rows,
      limit,
      (row) => ({ at: row.share.createdAt.toISOString(), id: row.share.id }),
      (row) => toShare(row.share, row.hospital),
    ),
    200,
  )
}
