import { OpenAPIHono } from '@hono/zod-openapi'
import type { ZodError } from 'zod'
import { ApiError } from './errors'
import type { AppEnv } from './types'

export function validationDetails(error: ZodError, target: string) {
  return error.issues.map((issue) => ({
    location: target,
    path: issue.path.join('.'),
    message: issue.message,
    code: issue.code,
  }))
}

/**
 * Every router comes from here: sub-routers do not inherit a parent's defaultHook, and without it a
 * validation failure would answer in zod's shape instead of our error envelope.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ApiError('validation_failed', 'The request is not valid.', {
          details: validationDetails(result.error, result.target),
        })
      }
    },
  })
}

