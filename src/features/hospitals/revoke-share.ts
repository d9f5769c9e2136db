import { ApiError } from '../../core/errors'
import { errorResponses } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { ShareParams } from './schema'
import { revokeShareAndTell } from './share-revocations'

export const revokeShareRoute = patientRoute({
  method: 'delete',
  path: '/v1/shares/{share_id}',
  operationId: 'revokeShare',
  tags: ['Hospitals'],
  summary: 'Stop sharing with a hospital: from now on it may not post documents or read anything for me',
  description:
    'The share ends at once here; the hospital’s HMIS is told through the queue (retried while it is down). Appointments already booked there stay booked. What the hospital recorded about me is its own medical record.',
  request: { params: ShareParams },
  responses: { 204: { description: 'Revoked (also when it already was).' }, ...errorResponses(404) },
})

export const revokeShareHandler: PatientHandler<typeof revokeShareRoute> = async (c) => {
  const { db, outbox } = c.var.services
  const { found, jobs } = await revokeShareAndTell(db, c.var.patientId, c.req.valid('param').share_id)
  if (!found) throw new ApiError('not_found', 'No such share.')
  if (jobs.length) outbox.send(jobs)
  return c.body(null, 204)
}
