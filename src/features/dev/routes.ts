import { createRoute, z } from '@hono/zod-openapi'
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { decodeCursor, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { createRouter } from '../../core/router'
import { devOutbox } from '../../db/schema'

export const OutboxMessageSchema = z
  .object({
    id: z.string().uuid(),
    channel: z.enum(['sms', 'email']),
    to: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    created_at: z.string().datetime({ offset: true }),
  })
  .openapi('OutboxMessage')

export const OutboxPageSchema = pageSchema(OutboxMessageSchema, 'OutboxPage')

const listOutbox = createRoute({
  method: 'get',
  path: '/outbox',
  tags: ['Operations'],
  summary: 'Development only: the SMS and emails the local providers would have sent, newest first',
  description: 'Answers 404 unless ENVIRONMENT=development.',
  request: {
    query: PaginationQuerySchema.extend({
      to: z.string().max(320).optional().openapi({ description: 'A phone number in E.164 (+91…) or an email address.' }),
    }),
  },
  responses: {
    200: jsonResponse(OutboxPageSchema, 'Messages, newest first.'),
    ...errorResponses(400, 404),
  },
})

export function devRoutes() {
  return createRouter().openapi(listOutbox, async (c) => {
    if (c.get('config').ENVIRONMENT !== 'development') {
      throw new ApiError('not_found', `No route for ${c.req.method} ${c.req.path}.`)
    }
    const { to, limit, cursor } = c.req.valid('query')
    const after = decodeCursor(cursor)
    const filters: (SQL | undefined)[] = [to ? eq(devOutbox.recipient, to.trim().toLowerCase()) : undefined]
    if (after) {
      const at = new Date(after.at)
      filters.push(or(lt(devOutbox.createdAt, at), and(eq(devOutbox.createdAt, at), lt(devOutbox.id, after.id))))
    }
    const rows = await c
      .get('db')
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
  })
}
