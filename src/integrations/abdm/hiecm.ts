import { z } from 'zod'
import { ApiError } from '../../core/errors'
import { callUpstream, readUpstreamJson, rejectUpstream } from '../../core/upstream'
import { abdmErrorCode, abdmGateway, gatewayTokenVerifier, SERVICE, type AbdmOptions } from './gateway'
import {
  AbdmUserTokenRefused,
  type AbdmCareContext,
  type AbdmConsentArtefact,
  type AbdmConsentRequest,
  type AbdmLinking,
  type AbdmSubscriptionRequest,
  type AbdmSubscriptions,
  type ConsentPermission,
  type HieCm,
} from './port'

const MAX_ITEMS = 500
const text = (max: number) => z.string().trim().min(1).max(max)
const Party = z.object({ id: text(128), name: z.string().max(256).nullish() })
const toParty = (party: z.infer<typeof Party>) => ({ id: party.id, name: party.name ?? undefined })
const Purpose = z.object({ code: text(32), text: z.string().max(256).nullish() })
const toPurpose = (purpose: z.infer<typeof Purpose>) => ({ code: purpose.code, text: purpose.text ?? undefined })
const Permission = z.object({
  accessMode: text(16),
  dateRange: z.object({ from: z.string().datetime({ offset: true }), to: z.string().datetime({ offset: true }) }),
  dataEraseAt: z.string().datetime({ offset: true }),
  frequency: z
    .object({ unit: text(16), value: z.coerce.number().int().min(0), repeats: z.coerce.number().int().min(0) })
    .default({ unit: 'HOUR', value: 1, repeats: 0 }),
})
const toPermission = (permission: z.infer<typeof Permission>): ConsentPermission => ({
  accessMode: permission.accessMode,
  from: permission.dateRange.from,
  to: permission.dateRange.to,
  eraseAt: permission.dataEraseAt,
  frequency: permission.frequency,
})
const fromPermission = (permission: ConsentPermission) => ({
  accessMode: permission.accessMode,
  dateRange: { from: permission.from, to: permission.to },
  dataEraseAt: permission.eraseAt,
  frequency: permission.frequency,
})
const CareContext = z.object({ patientReference: text(256), careContextReference: text(256) })
const HiTypes = z.array(text(64)).max(20)

const ConsentRequest = z.object({
  id: text(64),
  status: z.enum(['REQUESTED', 'GRANTED', 'DENIED', 'EXPIRED', 'REVOKED']),
  createdAt: z.string().datetime({ offset: true }),
  lastUpdated: z.string().datetime({ offset: true }).nullish(),
  purpose: Purpose,
  hiu: Party,
  requester: z.object({ name: z.string().max(256).nullish() }).nullish(),
  // ABDM names one hospital (`hip`) or several (`hips`); neither means any hospital the patient is linked at.
  hip: Party.nullish(),
  hips: z.array(Party).max(100).nullish(),
  hiTypes: HiTypes,
  permission: Permission,
})
const toConsentRequest = (request: z.infer<typeof ConsentRequest>): AbdmConsentRequest => ({
  id: request.id,
  status: request.status,
  createdAt: request.createdAt,
  updatedAt: request.lastUpdated ?? undefined,
  purpose: toPurpose(request.purpose),
  hiu: toParty(request.hiu),
  requester: request.requester?.name ?? undefined,
  hips: (request.hips ?? (request.hip ? [request.hip] : [])).map(toParty),
  hiTypes: request.hiTypes,
  permission: toPermission(request.permission),
})

/** ABDM's consent artefact: its detail, with the status beside it. */
const ConsentArtefact = z.object({
  status: z.enum(['GRANTED', 'REVOKED', 'EXPIRED', 'DENIED']),
  consentDetail: z.object({
    consentId: text(64),
    consentRequestId: z.string().max(64).nullish(),
    createdAt: z.string().datetime({ offset: true }),
    purpose: Purpose,
    hip: Party,
    hiu: Party,
    hiTypes: HiTypes,
    careContexts: z.array(CareContext).max(MAX_ITEMS).default([]),
    permission: Permission,
  }),
})
const toConsentArtefact = ({ status, consentDetail: detail }: z.infer<typeof ConsentArtefact>): AbdmConsentArtefact => ({
  id: detail.consentId,
  requestId: detail.consentRequestId ?? undefined,
  status,
  createdAt: detail.createdAt,
  purpose: toPurpose(detail.purpose),
  hip: toParty(detail.hip),
  hiu: toParty(detail.hiu),
  hiTypes: detail.hiTypes,
  careContexts: detail.careContexts,
  permission: toPermission(detail.permission),
})

/** A list comes as an array or wrapped in an object (`{requests: […]}`, `{consentArtefacts: […]}`, a page's `content`). */
const listOf = <T extends z.ZodTypeAny>(item: T, ...keys: string[]) =>
  z.preprocess((value) => {
    if (Array.isArray(value) || typeof value !== 'object' || value === null) return value
    const record = value as Record<string, unknown>
    return keys.map((key) => record[key]).find(Array.isArray) ?? []
  }, z.array(item).max(MAX_ITEMS))
const ConsentRequests = listOf(ConsentRequest, 'requests', 'consentRequests', 'content')
const ConsentArtefacts = listOf(ConsentArtefact, 'consentArtefacts', 'artefacts', 'consents', 'content')

/**
 * A call to ABDM's consent manager with the gateway session and the patient's user token as
 * `X-AUTH-TOKEN` (and our HIU id, which linking needs). A refused user token throws
 * `AbdmUserTokenRefused`; 404 is undefined; 409/422 (the thing changed at ABDM) is 409 `conflict`.
 */
function userCalls(options: AbdmOptions) {
  const { headers, withSession } = abdmGateway(options)
  return async function call(
    userToken: string,
    url: string,
    init: { method?: string; body?: unknown; requestId?: string } = {},
  ): Promise<Response | undefined> {
    const response = await withSession((token) =>
      callUpstream(
        SERVICE,
        url,
        {
          method: init.method ?? 'GET',
          headers: headers({
            Authorization: `Bearer ${token}`,
            'X-AUTH-TOKEN': userToken,
            'X-HIU-ID': options.hiuId,
            ...(init.requestId ? { 'REQUEST-ID': init.requestId } : {}),
          }),
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        },
        options.timeoutMs,
      ),
    )
    // The session was renewed once already: a 401 now is the user token.
    if (response.status === 401) {
      await response.body?.cancel()
      throw new AbdmUserTokenRefused()
    }
    if (response.status === 404) {
      await response.body?.cancel()
      return undefined
    }
    if (response.status === 409 || response.status === 422) {
      // The request or consent changed at ABDM since we read it (answered elsewhere, expired).
      const code = await abdmErrorCode(response)
      options.log.log('info', 'ABDM refused a patient action', { status: response.status, code })
      await response.body?.cancel()
      throw new ApiError('conflict', 'ABDM refused this: what it names has changed. Read it again.', {
        details: { service: SERVICE, code },
      })
    }
    if (!response.ok) await rejectUpstream(SERVICE, response)
    return response
  }
}

/**
 * ABDM's consent manager as the patient's app sees it (`/api/hiecm/consent/v3`, on the ABHA host):
 * the gateway session plus the patient's user token as `X-AUTH-TOKEN`.
 */
export function hieCm(options: AbdmOptions): HieCm {
  const userCall = userCalls(options)
  const base = `${options.abhaBaseUrl}/api/hiecm/consent/v3`
  const call = (userToken: string, path: string, init: { method?: string; body?: unknown } = {}) =>
    userCall(userToken, `${base}${path}`, init)

  const path = (id: string) => encodeURIComponent(id)

  return {
    async consentRequests(userToken, status) {
      const response = await call(userToken, `/request${status ? `?status=${status}` : ''}`)
      return response ? (await readUpstreamJson(SERVICE, response, ConsentRequests)).map(toConsentRequest) : []
    },
    async consentRequest(userToken, id) {
      const response = await call(userToken, `/request/${path(id)}`)
      return response ? toConsentRequest(await readUpstreamJson(SERVICE, response, ConsentRequest)) : undefined
    },
    async approveConsentRequest(userToken, id, grants) {
      const response = await call(userToken, `/request/${path(id)}/approve`, {
        method: 'POST',
        body: {
          consents: grants.map((grant) => ({
            hiTypes: grant.hiTypes,
            hip: { id: grant.hip.id, name: grant.hip.name, type: 'HIP' },
            careContexts: grant.careContexts,
            permission: fromPermission(grant.permission),
          })),
        },
      })
      if (!response) throw new ApiError('not_found', 'ABDM no longer has this consent request.')
      await response.body?.cancel()
    },
    async denyConsentRequest(userToken, id, reason) {
      const response = await call(userToken, `/request/${path(id)}/deny`, { method: 'POST', body: { reason } })
      if (!response) throw new ApiError('not_found', 'ABDM no longer has this consent request.')
      await response.body?.cancel()
    },
    async consentArtefacts(userToken) {
      const response = await call(userToken, '/artefact')
      return response ? (await readUpstreamJson(SERVICE, response, ConsentArtefacts)).map(toConsentArtefact) : []
    },
    async consentArtefact(userToken, id) {
      const response = await call(userToken, `/artefact/${path(id)}`)
      return response ? toConsentArtefact(await readUpstreamJson(SERVICE, response, ConsentArtefact)) : undefined
    },
    async revokeConsents(userToken, artefactIds) {
      const response = await call(userToken, '/revoke', { method: 'POST', body: { consents: artefactIds } })
      if (!response) throw new ApiError('not_found', 'ABDM no longer has this consent.')
      await response.body?.cancel()
    },
  }
}

const CareContextAnswer = z.object({ referenceNumber: text(256), display: z.string().max(512).nullish() })
const toCareContext = (c: z.infer<typeof CareContextAnswer>): AbdmCareContext => ({
  reference: c.referenceNumber,
  display: c.display ?? undefined,
})
const LinkAnswer = z.object({
  hip: Party,
  referenceNumber: text(256),
  display: z.string().max(512).nullish(),
  hiType: z.string().max(64).nullish(),
  careContexts: z.array(CareContextAnswer).max(MAX_ITEMS).default([]),
})
const LinksAnswer = z
  .object({
    Patient: z.object({ links: z.array(LinkAnswer).max(MAX_ITEMS).default([]) }).nullish(),
    patient: z.object({ links: z.array(LinkAnswer).max(MAX_ITEMS).default([]) }).nullish(),
  })
  .transform((answer) => (answer.Patient ?? answer.patient)?.links ?? [])
const FacilitiesAnswer = z.object({
  facilities: z
    .array(
      z.object({
        facilityId: text(64),
        facilityName: text(256),
        address: z.string().max(512).nullish(),
        districtName: z.string().max(128).nullish(),
        stateName: z.string().max(128).nullish(),
        pincode: z.string().max(16).nullish(),
      }),
    )
    .max(100)
    .default([]),
})

/**
 * User-initiated linking (`/api/hiecm/user-initiated-linking/v3`, answered by callbacks), the
 * patient's linked hospitals, HFR's facility search, and the check of the gateway's callbacks.
 */
export function abdmLinking(options: AbdmOptions): AbdmLinking {
  const userCall = userCalls(options)
  const { headers, withSession } = abdmGateway(options)
  const base = `${options.abhaBaseUrl}/api/hiecm/user-initiated-linking/v3`
  const accepted = async (response: Response | undefined, what: string) => {
    if (!response) throw new ApiError('not_found', `ABDM does not know ${what}.`)
    await response.body?.cancel()
  }
  return {
    async discover(userToken, requestId, hipId, identifiers) {
      const response = await userCall(userToken, `${base}/patient/care-context/discover`, {
        method: 'POST',
        requestId,
        body: { hip: { id: hipId }, unverifiedIdentifiers: identifiers },
      })
      await accepted(response, 'this hospital')
    },
    async linkInit(userToken, requestId, transactionId, patients) {
      const response = await userCall(userToken, `${base}/link/care-context/init`, {
        method: 'POST',
        requestId,
        body: {
          transactionId,
          patient: patients.map((patient) => ({
            referenceNumber: patient.reference,
            display: patient.display,
            careContexts: patient.careContexts.map((c) => ({ referenceNumber: c.reference, display: c.display })),
            hiType: patient.hiType,
            count: patient.careContexts.length,
          })),
        },
      })
      await accepted(response, 'this discovery')
    },
    async linkConfirm(userToken, requestId, linkReference, otp) {
      const response = await userCall(userToken, `${base}/link/care-context/confirm`, {
        method: 'POST',
        requestId,
        body: { token: otp, linkRefNumber: linkReference },
      })
      await accepted(response, 'this link')
    },
    async links(userToken) {
      const response = await userCall(userToken, `${options.abhaBaseUrl}/api/hiecm/hip/v3/link/patient/links`)
      if (!response) return []
      return (await readUpstreamJson(SERVICE, response, LinksAnswer)).map((link) => ({
        hip: toParty(link.hip),
        reference: link.referenceNumber,
        display: link.display ?? undefined,
        hiType: link.hiType ?? undefined,
        careContexts: link.careContexts.map(toCareContext),
      }))
    },
    async facilities(name) {
      const response = await withSession((token) =>
        callUpstream(
          SERVICE,
          `${options.facilityBaseUrl}/FacilityManagement/v1.5/facility/search`,
          {
            method: 'POST',
            headers: headers({ Authorization: `Bearer ${token}` }),
            body: JSON.stringify({ facilityName: name, page: 1, resultsPerPage: 20 }),
          },
          options.timeoutMs,
        ),
      )
      if (!response.ok) await rejectUpstream(SERVICE, response, 'ABDM’s facility registry did not answer.')
      return (await readUpstreamJson(SERVICE, response, FacilitiesAnswer)).facilities.map((f) => ({
        id: f.facilityId,
        name: f.facilityName,
        address: f.address ?? undefined,
        district: f.districtName ?? undefined,
        state: f.stateName ?? undefined,
        pincode: f.pincode ?? undefined,
      }))
    },
    isGatewayCall: gatewayTokenVerifier(options),
  }
}

const SubscriptionRequestAnswer = z.object({
  id: text(64).optional(),
  requestId: text(64).optional(),
  status: z.enum(['REQUESTED', 'GRANTED', 'DENIED', 'EXPIRED', 'REVOKED']),
  createdAt: z.string().datetime({ offset: true }),
  hiu: Party,
  purpose: Purpose,
  categories: z.array(text(16)).max(4).default([]),
  hiTypes: HiTypes.default([]),
  hips: z.array(Party).max(100).nullish(),
  period: z.object({ from: z.string().datetime({ offset: true }), to: z.string().datetime({ offset: true }) }),
})
const SubscriptionRequests = listOf(SubscriptionRequestAnswer, 'requests', 'subscriptionRequests', 'content')
const AutoApprovalAnswer = z.object({ autoApprovalId: text(64).optional(), id: text(64).optional() }).passthrough()

/** Subscription requests and auto-approval policies (`/api/hiecm/subscription-requests/v3`, `/api/hiecm/consent/v3/auto/approve`). */
export function abdmSubscriptions(options: AbdmOptions): AbdmSubscriptions {
  const userCall = userCalls(options)
  const subscriptions = `${options.abhaBaseUrl}/api/hiecm/subscription-requests/v3`
  const autoApprove = `${options.abhaBaseUrl}/api/hiecm/consent/v3/auto/approve`
  const done = async (response: Response | undefined, what: string) => {
    if (!response) throw new ApiError('not_found', `ABDM does not know ${what}.`)
    await response.body?.cancel()
  }
  return {
    async subscriptionRequests(userToken) {
      const response = await userCall(userToken, `${subscriptions}/requests`)
      if (!response) return []
      return (await readUpstreamJson(SERVICE, response, SubscriptionRequests)).flatMap((r): AbdmSubscriptionRequest[] => {
        const id = r.id ?? r.requestId
        if (!id) return []
        return [
          {
            id,
            status: r.status,
            createdAt: r.createdAt,
            hiu: toParty(r.hiu),
            purpose: toPurpose(r.purpose),
            categories: r.categories,
            hiTypes: r.hiTypes,
            hips: (r.hips ?? []).map(toParty),
            from: r.period.from,
            to: r.period.to,
          },
        ]
      })
    },
    async approveSubscription(userToken, id, grant) {
      const source = (hip?: { id: string; name?: string }) => ({
        hiTypes: grant.hiTypes,
        purpose: grant.purpose,
        ...(hip ? { hip: { id: hip.id, name: hip.name, type: 'HIP' } } : {}),
        categories: grant.categories,
        period: { from: grant.from, to: grant.to },
      })
      const all = grant.hips.length === 0
      const response = await userCall(userToken, `${subscriptions}/${encodeURIComponent(id)}/approve`, {
        method: 'POST',
        body: { isApplicableForAllHIPs: all, includedSources: all ? [source()] : grant.hips.map(source), excludedSources: [] },
      })
      await done(response, 'this subscription request')
    },
    async denySubscription(userToken, id, reason) {
      await done(
        await userCall(userToken, `${subscriptions}/${encodeURIComponent(id)}/deny`, { method: 'POST', body: { reason } }),
        'this subscription request',
      )
    },
    async createAutoApproval(userToken, hiu, hiTypes, purpose) {
      const response = await userCall(userToken, autoApprove, {
        method: 'POST',
        body: {
          isApplicableForAllHIPs: true,
          hiu: { id: hiu.id, name: hiu.name, type: 'HIU' },
          includedSources: [
            { hiTypes, purpose, period: { from: new Date(0).toISOString(), to: new Date(Date.UTC(2099, 0)).toISOString() } },
          ],
          excludedSources: [],
        },
      })
      if (!response) throw new ApiError('upstream_error', 'ABDM did not take the auto-approval policy.', { details: { service: SERVICE } })
      const answer = await readUpstreamJson(SERVICE, response, AutoApprovalAnswer)
      const id = answer.autoApprovalId ?? answer.id
      if (!id) throw new ApiError('upstream_error', 'ABDM did not name the auto-approval policy.', { details: { service: SERVICE } })
      return id
    },
    async setAutoApproval(userToken, policyId, enabled) {
      await done(
        await userCall(userToken, `${autoApprove}/${encodeURIComponent(policyId)}/${enabled ? 'enable' : 'disable'}`, { method: 'POST' }),
        'this auto-approval policy',
      )
    },
  }
}
