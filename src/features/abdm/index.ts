import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { confirmAbhaLink, confirmAbhaLinkHandler, startAbhaLink, startAbhaLinkHandler } from './link'

export const abdmFeature: Feature = {
  tags: [
    {
      name: 'ABDM',
      description:
        'The patient’s side of ABDM’s health information exchange. Today: linking an ABHA to an account that logged in by phone or email.',
    },
  ],
  routes: () => createRouter().openapi(startAbhaLink, startAbhaLinkHandler).openapi(confirmAbhaLink, confirmAbhaLinkHandler),
}
