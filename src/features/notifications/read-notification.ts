import { and, eq, sql } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { notifications } from '../../db/schema'
import { IdParams, NotificationSchema, toNotification } from './schema'

export const readNotification = patientRoute({
  method: 'post',
  path: '/v1/notifications/{id}/read',
  operationId: 'readNotification',
  tags: ['Notifications'],
  summary: 'Mark one notification read',
  request: { params: IdParams },
  responses: { 200: jsonResponse(NotificationSchema, 'Read.'), ...errorResponses(404) },
})

export const readNotificationHandler: PatientHandler<typeof readNotification> = async (c) => {
  const [row] = await c.var.services.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, c.req.valid('param').id), eq(notifications.patientId, c.var.patientId)))
    .returning()
  if (!row) throw new ApiError('not_found', 'No such notification.')
  return c.json(toNotification(row), 200)
}
