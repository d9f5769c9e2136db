import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { getHealth, getHealthHandler } from './routes'

export const healthFeature: Feature = {
  tags: [{ name: 'Operations', description: 'Health of the service, and development-only tools.' }],
  routes: () => createRouter().openapi(getHealth, getHealthHandler),
}
