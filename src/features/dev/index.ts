import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import {
  developmentOnly,
  listDevOutbox,
  listDevOutboxHandler,
  listDevPushes,
  listDevPushesHandler,
  raiseDevConsentRequest,
  raiseDevConsentRequestHandler,
} from './routes'

export const devFeature: Feature = {
  tags: [],
  routes: () => {
    const router = createRouter()
    router.use('/dev/*', developmentOnly)
    return router
      .openapi(listDevOutbox, listDevOutboxHandler)
      .openapi(listDevPushes, listDevPushesHandler)
      .openapi(raiseDevConsentRequest, raiseDevConsentRequestHandler)
  },
}
