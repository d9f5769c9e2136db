import { z } from '@hono/zod-openapi'
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse, nullableRef } from '../../core/openapi'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { notifications, type NotificationRow } from '../../db/schema'

export const NotificationSchema = z
  .object({
    id: z.guid().openapi({ example: '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b' }),
    type: z.string().openapi({ example: 'appointment_reviewed' }),
    title: z.string().openapi({ example: 'Your doctor has reviewed your symptoms' }),
    body: z.string().openapi({ example: 'Join the video call at 10:30 from the appointment screen.' }),
    link: nullableRef(
      z
        .object({
          kind: z
            .enum(['appointment', 'record', 'hospital', 'symptom_check', 'consent', 'medication', 'vital', 'ambulance_booking'])
            .openapi({ example: 'appointment' }),
          id: z.string().openapi({ example: '6c1f2e3d-4b5a-4978-8a6b-5c4d3e2f1a0b' }),
        })
        .openapi('DeepLink', { description: 'What the notification opens in the app.' }),
    ),
    read: z.boolean().openapi({ example: false }),
    created_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T04:55:00.000Z' }),
  })
  .openapi('Notification')

const toNotification = (row: NotificationRow): z.infer<typeof NotificationSchema> => ({
  id: row.id,
  type: row.type,
  title: row.title,
  body: row.body,
  link: row.link ?? null,
  read: row.readAt !== null,
  created_at: row.createdAt.toISOString(),
})

const IdParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b' }),
})

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
