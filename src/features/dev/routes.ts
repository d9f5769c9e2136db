import { z } from '@hono/zod-openapi'
import { and, desc, eq, type SQL } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { publicRoute, type PublicHandler } from '../../core/routes'
import type { AppEnv } from '../../core/types'
import { devOutbox } from '../../db/schema'

export const OutboxMessageSchema = z
  .object({
    id: z.guid().openapi({ example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }),
    channel: z.enum(['sms', 'email']).openapi({ example: 'sms' }),
    to: z.string().openapi({ example: '+919999900001' }),
    subject: z.string().nullable().openapi({ example: null }),
    body: z.string().openapi({ example: '482913 is your PHR Edge login code. It expires in 5 minutes. Do not share it.' }),
    created_at: z.string().datetime({ offset: true }).openapi({ example: '2026-11-27T10:15:30.123Z' }),
  })
  .openapi('OutboxMessage')

export const OutboxPageSchema = pageSchema(OutboxMessageSchema, 'OutboxPage')

/** Outside development the route does not exist: 404 before anything is validated. */
export const developmentOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.services.config.ENVIRONMENT !== 'development') throw new ApiError('not_found', `No route for ${c.req.method} ${c.req.path}.`)
  await next()
})

export const listDevOutbox = publicRoute({
  method: 'get',
  path: '/dev/outbox',
  operationId: 'listDevOutbox',
  tags: ['Operations'],
  summary: 'Development only: the SMS and emails the local providers would have sent, newest first',
  description: 'Exists only when ENVIRONMENT=development (404 otherwise, and absent from the document).',
  'x-development-only': true,
  request: {
    query: PaginationQuerySchema.extend({
      to: z
        .string()
        .max(320)
        .optional()
        .openapi({ description: 'A phone number in E.164 (+91…) or an email address.', example: '+919999900001' }),
    }),
  },
  responses: {
    200: jsonResponse(OutboxPageSchema, 'Messages, newest first.'),
    ...errorResponses(400, 404),
  },
})

export const listDevOutboxHandler: PublicHandler<typeof listDevOutbox> = async (c) => {
  const { to, limit, cursor } = c.req.valid('query')
  const after = decodeCursor(cursor)
  const filters: (SQL | undefined)[] = [
    to ? eq(devOutbox.recipient, to.trim().toLowerCase()) : undefined,
    olderThan(devOutbox.createdAt, devOutbox.id, after),
  ]
  const rows = await c.var.services.db
    .select()
    .from(devOutbox)
    .where(and(...filters))
    .orderBy(desc(devOutbox.createdAt), desc(devOutbox.id))
    .limit(limit + 1)
  const page = toPage(
    rows,
    limit,
    (row) => ({ at: row.createdAt.toISOString(), id: row.id }),
    (row) => ({
      id: row.id,
      channel: row.channel,
      to: row.recipient,
      subject: row.subject,
      body: row.body,
      created_at: row.createdAt.toISOString(),
    }),
  )
  return c.json(page, 200)
}
