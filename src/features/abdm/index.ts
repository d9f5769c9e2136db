import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import * as autoApproval from './auto-approval'
import * as bridge from './bridge'
import * as requests from './consent-requests'
import * as discoveries from './discoveries'
import * as links from './links'
import * as pullBridge from './pull-bridge'
import { pullJobs, tidyPulls } from './pull-jobs'
import { eraseDueAbdmRecords } from './pull-store'
import * as pulls from './pulls'
import * as subscriptions from './subscriptions'
import * as consents from './consents'
import { tidyAbdmState } from './store'
import { confirmAbhaLink, confirmAbhaLinkHandler, startAbhaLink, startAbhaLinkHandler } from './link'

export const abdmFeature: Feature = {
  tags: [
    {
      name: 'ABDM',
      description:
        'The patient’s side of ABDM’s health information exchange: linking an ABHA to an account that logged in by phone or email, the consent inbox (requests from hospitals and clinics on ABDM, approved per hospital, denied or revoked), linking my visits at any ABDM hospital (facility search, discovery, OTP, linked), and pulling my records from them (Fidelius-encrypted FHIR, kept as records with `source: abdm`).',
    },
    {
      name: 'ABDM gateway',
      description: 'Callbacks from ABDM’s gateway at our bridge URL, on ABDM’s own paths: not for apps.',
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
      .openapi(consents.revokeAbdmConsent, consents.revokeAbdmConsentHandler)
      .openapi(links.searchAbdmFacilities, links.searchAbdmFacilitiesHandler)
      .openapi(links.listAbdmDiscoveries, links.listAbdmDiscoveriesHandler)
      .openapi(discoveries.startAbdmDiscovery, discoveries.startAbdmDiscoveryHandler)
      .openapi(discoveries.getAbdmDiscovery, discoveries.getAbdmDiscoveryHandler)
      .openapi(discoveries.linkAbdmCareContexts, discoveries.linkAbdmCareContextsHandler)
      .openapi(discoveries.confirmAbdmLink, discoveries.confirmAbdmLinkHandler)
      .openapi(links.listAbdmLinks, links.listAbdmLinksHandler)
      .openapi(subscriptions.listAbdmSubscriptionRequests, subscriptions.listAbdmSubscriptionRequestsHandler)
      .openapi(subscriptions.approveAbdmSubscriptionRequest, subscriptions.approveAbdmSubscriptionRequestHandler)
      .openapi(subscriptions.denyAbdmSubscriptionRequest, subscriptions.denyAbdmSubscriptionRequestHandler)
      .openapi(autoApproval.getAbdmAutoApproval, autoApproval.getAbdmAutoApprovalHandler)
      .openapi(autoApproval.setAbdmAutoApproval, autoApproval.setAbdmAutoApprovalHandler)
      .openapi(bridge.abdmOnDiscover, bridge.abdmOnDiscoverHandler)
      .openapi(bridge.abdmOnInit, bridge.abdmOnInitHandler)
      .openapi(pulls.startAbdmPull, pulls.startAbdmPullHandler)
      .openapi(pulls.listAbdmPulls, pulls.listAbdmPullsHandler)
      .openapi(pulls.getAbdmPull, pulls.getAbdmPullHandler)
      .openapi(bridge.abdmOnDiscover, bridge.abdmOnDiscoverHandler)
      .openapi(bridge.abdmOnInit, bridge.abdmOnInitHandler)
      .openapi(bridge.abdmOnConfirm, bridge.abdmOnConfirmHandler)
      .openapi(pullBridge.abdmConsentOnInit, pullBridge.abdmConsentOnInitHandler)
      .openapi(pullBridge.abdmConsentNotify, pullBridge.abdmConsentNotifyHandler)
      .openapi(pullBridge.abdmConsentOnFetch, pullBridge.abdmConsentOnFetchHandler)
      .openapi(pullBridge.abdmHealthInformationOnRequest, pullBridge.abdmHealthInformationOnRequestHandler)
      .openapi(pullBridge.abdmDataPush, pullBridge.abdmDataPushHandler),
  outbox: pullJobs,
  // A hospital's page: base64 of files inside JSON (a third larger), several to a page.
  uploads: [{ path: /^\/abdm\/data-push\//, maxBytes: (config) => 2 * config.RECORD_UPLOAD_MAX_BYTES + 1024 * 1024 }],
  jobs: [
    {
      name: 'abdm housekeeping',
      cron: '17 * * * *',
      run: async (services) => ({
        ...(await tidyAbdmState(services.db)),
        ...(await tidyPulls(services)),
        ...(await eraseDueAbdmRecords(services)),
      }),
    },
  ],
}
