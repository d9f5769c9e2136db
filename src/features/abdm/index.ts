import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import * as requests from './consent-requests'
import * as consents from './consents'
import { confirmAbhaLink, confirmAbhaLinkHandler, startAbhaLink, startAbhaLinkHandler } from './link'

export const abdmFeature: Feature = {
  tags: [
    {
      name: 'ABDM',
      description:
        'The patient’s side of ABDM’s health information exchange: linking an ABHA to an account that logged in by phone or email, and the consent inbox (requests from hospitals and clinics on ABDM, approved per hospital, denied or revoked).',
    },
  ],
  routes: () =>
    createRouter()
      .openapi(startAbhaLink, startAbhaLinkHandler)
      .openapi(confirmAbhaLink, confirmAbhaLinkHandler)
      .openapi(requests.listAbdmConsentRequests, requests.listAbdmConsentRequestsHandler)
      .openapi(requests.getAbdmConsentRequest, requests.getAbdmConsentRequestHandler)
      .openapi(requests.approveAbdmConsentRequest, requests.approveAbdmConsentRequestHandler)
      .openapi(requests.denyAbdmConsentRequest, requests.denyAbdmConsentRequestHandler)
      .openapi(consents.listAbdmConsents, consents.listAbdmConsentsHandler)
      .openapi(consents.revokeAbdmConsent, consents.revokeAbdmConsentHandler),
}
