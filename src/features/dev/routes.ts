import { z } from '@hono/zod-openapi'
import { and, desc, eq, type SQL } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { ApiError } from '../../core/errors'
import { callUpstream, readUpstreamJson, rejectUpstream } from '../../core/upstream'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
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

export const DevPushSchema = z
  .object({
    name: z.string().openapi({ example: 'projects/phr-edge-dev/messages/4f9c2a7e1b3d5c6a8e0f1a2b' }),
    received_at: z.string().openapi({ example: '2026-11-30T09:00:01.250Z' }),
    message: z.record(z.string(), z.unknown()).openapi({
      description: 'The FCM HTTP v1 message as FCM received it: token, notification, data, android, apns.',
      example: {
        token: 'dT3xq8bPQm2k:APA91bHc7rXw2vJmQ0o9Lr5eZyU4tN6sKpA1fG8hWjD3cV0bX2nM7qE9yT5uI1oP4aS6dF8gH0jK2lZ4xC6vB8nM1qW3eR5tY7uI9oP',
        notification: { title: 'A reading needs attention', body: 'Oxygen saturation below 90 %. If you feel unwell, call 112.' },
        data: { notification_id: '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b', type: 'vital_critical', priority: 'critical' },
      },
    }),
  })
  .openapi('DevPush')

export const listDevPushes = publicRoute({
  method: 'get',
  path: '/dev/push',
  operationId: 'listDevPushes',
  tags: ['Operations'],
  summary: 'Development only: the pushes the local fake FCM delivered to a registration token, newest first',
  description:
    'What a real phone with that token would have got. Exists only when ENVIRONMENT=development (404 otherwise, and absent from the document).',
  'x-development-only': true,
  request: {
    query: z.object({
      token: z.string().min(16).max(4096).openapi({
        description: 'The push_token registered with POST /v1/devices.',
        example: 'dT3xq8bPQm2k:APA91bHc7rXw2vJmQ0o9Lr5eZyU4tN6sKpA1fG8h',
      }),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ items: z.array(DevPushSchema) }).openapi('DevPushList'), 'Pushes, newest first.'),
    ...errorResponses(400, 404, 502, 503, 504),
  },
})

export const listDevPushesHandler: PublicHandler<typeof listDevPushes> = async (c) => {
  const { config } = c.var.services
  const url = `${config.FCM_BASE_URL.replace(/\/+$/, '')}/_fake/messages?token=${encodeURIComponent(c.req.valid('query').token)}`
  const response = await callUpstream('FCM', url, {}, config.UPSTREAM_TIMEOUT_MS)
  if (!response.ok) await rejectUpstream('FCM', response, 'The local fake FCM did not answer (is `npm run dev` running it?).')
  return c.json({ items: await readUpstreamJson('FCM', response, z.array(DevPushSchema)) }, 200)
}

const DevConsentRequestSchema = z
  .object({
    abha_address: z
      .string()
      .trim()
      .toLowerCase()
      .min(3)
      .max(128)
      .regex(/^[^@\s]+@[a-z]+$/, 'must be an ABHA address such as name@sbx')
      .openapi({
        example: 'asha.verma@sbx',
      }),
    any_hospital: z
      .boolean()
      .default(false)
      .openapi({ description: 'Ask of every hospital the patient is linked at instead of naming the demo hospital.' }),
  })
  .strict()
  .openapi('DevAbdmConsentRequest')

export const raiseDevConsentRequest = publicRoute({
  method: 'post',
  path: '/dev/abdm/consent-requests',
  operationId: 'raiseDevConsentRequest',
  tags: ['Operations'],
  summary: 'Development only: the fake ABDM’s demo clinic asks an ABHA address for consent',
  description:
    'The request then waits in that patient’s GET /v1/abdm/consent-requests (Demo City Clinic asks for prescriptions, reports and consultations of the last two years from Demo Hospital, Pune). Exists only when ENVIRONMENT=development (404 otherwise, and absent from the document).',
  'x-development-only': true,
  request: { body: jsonBody(DevConsentRequestSchema) },
  responses: {
    201: jsonResponse(z.object({ id: z.string(), abha_address: z.string() }).openapi('DevAbdmConsentRequestRaised'), 'Raised.'),
    ...errorResponses(400, 404, 502, 503, 504),
  },
})

export const raiseDevConsentRequestHandler: PublicHandler<typeof raiseDevConsentRequest> = async (c) => {
  const { config } = c.var.services
  const { abha_address, any_hospital } = c.req.valid('json')
  const response = await callUpstream(
    'ABDM',
    `${config.ABDM_ABHA_BASE_URL.replace(/\/+$/, '')}/_fake/consent-requests`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ abhaAddress: abha_address, ...(any_hospital ? { hips: [] } : {}) }),
    },
    config.UPSTREAM_TIMEOUT_MS,
  )
  if (!response.ok) await rejectUpstream('ABDM', response, 'The local fake ABDM did not answer (is `npm run dev` running it?).')
  const raised = await readUpstreamJson('ABDM', response, z.object({ id: z.string() }))
  return c.json({ id: raised.id, abha_address }, 201)
}
