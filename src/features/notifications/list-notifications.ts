import { z } from '@hono/zod-openapi'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { notifications } from '../../db/schema'
import { NotificationSchema, toNotification } from './schema'

export const listNotifications = patientRoute({
  method: 'get',
  path: '/v1/notifications',
  operationId: 'listNotifications',
  tags: ['Notifications'],
  summary: 'My notifications, newest first',
  request: {
    query: PaginationQuerySchema.extend({
      unread: z.enum(['true', 'false']).optional().openapi({ description: 'true: only unread ones.', example: 'true' }),
    }),
  },
  responses: { 200: jsonResponse(pageSchema(NotificationSchema, 'NotificationPage'), 'Notifications.'), ...errorResponses(400) },
})

export const listNotificationsHandler: PatientHandler<typeof listNotifications> = async (c) => {
  const { limit, cursor, unread } = c.req.valid('query')
  const after = decodeCursor(cursor)
  const rows = await c.var.services.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.patientId, c.var.patientId),
        unread === 'true' ? isNull(notifications.readAt) : undefined,
        olderThan(notifications.createdAt, notifications.id, after),
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1)
  return c.json(
    toPage(rows, limit, (row) => ({ at: row.createdAt.toISOString(), id: row.id }), toNotification),
    200,
  )
}
