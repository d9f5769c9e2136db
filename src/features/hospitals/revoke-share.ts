import { ApiError } from '../../core/errors'
import { errorResponses } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { ShareParams } from './schema'
import { revokeShare } from './store'

export const revokeShareRoute = patientRoute({
  method: 'delete',
  path: '/v1/shares/{share_id}',
  operationId: 'revokeShare',
  tags: ['Hospitals'],
  summary: 'Stop sharing with a hospital: from now on it may not post documents or read anything for me',
  request: { params: ShareParams },
  responses: { 204: { description: 'Revoked (also when it already was).' }, ...errorResponses(404) },
})

export const revokeShareHandler: PatientHandler<typeof revokeShareRoute> = async (c) => {
  if (!(await revokeShare(c.var.services.db, c.var.patientId, c.req.valid('param').share_id)))
    throw new ApiError('not_found', 'No such share.')
  return c.body(null, 204)
}
