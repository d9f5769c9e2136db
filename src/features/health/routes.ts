import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import pkg from '../../../package.json'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { publicRoute, type PublicHandler } from '../../core/routes'

export const HealthSchema = z
  .object({
    status: z.literal('ok').openapi({ example: 'ok' }),
    database: z.literal('ok').openapi({ example: 'ok' }),
    database_latency_ms: z.number().openapi({ example: 1.8 }),
    version: z.string().openapi({ example: '0.1.0' }),
    environment: z.string().openapi({ example: 'development' }),
  })
  .openapi('Health')

export const getHealth = publicRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['Operations'],
  summary: 'Liveness and database reachability (one `select 1`)',
  responses: {
    200: jsonResponse(HealthSchema, 'The API runs and the database answers.'),
    ...errorResponses(503),
  },
})

export const getHealthHandler: PublicHandler<typeof getHealth> = async (c) => {
  const { db, config } = c.var.services
  const started = performance.now()
  try {
    await db.execute(sql`select 1`)
  } catch (error) {
    throw new ApiError('upstream_unavailable', 'The database does not answer.', {
      headers: { 'Retry-After': '2' },
      details: { service: 'database', version: pkg.version },
      cause: error,
    })
  }
  return c.json(
    {
      status: 'ok' as const,
      database: 'ok' as const,
      database_latency_ms: Math.round((performance.now() - started) * 10) / 10,
      version: pkg.version,
      environment: config.ENVIRONMENT,
    },
    200,
  )
}
