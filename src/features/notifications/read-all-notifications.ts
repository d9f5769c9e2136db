import { z } from '@hono/zod-openapi'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { notifications } from '../../db/schema'

export const readAllNotifications = patientRoute({
  method: 'post',
  path: '/v1/notifications/read-all',
  operationId: 'readAllNotifications',
  tags: ['Notifications'],
  summary: 'Mark all my notifications read',
  responses: {
    200: jsonResponse(z.object({ marked_read: z.number().int().openapi({ example: 3 }) }).openapi('ReadAll'), 'How many were unread.'),
  },
})

export const readAllNotificationsHandler: PatientHandler<typeof readAllNotifications> = async (c) => {
  const rows = await c.var.services.db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.patientId, c.var.patientId), isNull(notifications.readAt)))
    .returning({ id: notifications.id })
  return c.json({ marked_read: rows.length }, 200)
}
