import { createRoute, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import pkg from '../../../package.json'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { createRouter } from '../../core/router'

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.literal('ok'),
    database_latency_ms: z.number(),
    version: z.string(),
    environment: z.string(),
  })
  .openapi('Health')

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness and database reachability (one `select 1`)',
  responses: {
    200: jsonResponse(HealthSchema, 'The API runs and the database answers.'),
    ...errorResponses(503),
  },
})

export function healthRoutes() {
  return createRouter().openapi(health, async (c) => {
    const started = performance.now()
    try {
      await c.get('db').execute(sql`select 1`)
    } catch (error) {
      throw new ApiError('upstream_unavailable', 'The database does not answer.', {
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
        environment: c.get('config').ENVIRONMENT,
      },
      200,
    )
  })
}
