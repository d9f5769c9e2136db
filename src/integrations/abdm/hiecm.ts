import { z } from 'zod'
import { ApiError } from '../../core/errors'
import { callUpstream, readUpstreamJson, rejectUpstream } from '../../core/upstream'
import { abdmErrorCode, abdmGateway, SERVICE, type AbdmOptions } from './gateway'
import { AbdmUserTokenRefused, type AbdmConsentArtefact, type AbdmConsentRequest, type ConsentPermission, type HieCm } from './port'

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
 * ABDM's consent manager as the patient's app sees it (`/api/hiecm/consent/v3`, on the ABHA host):
 * the gateway session plus the patient's user token as `X-AUTH-TOKEN`.
 */
export function hieCm(options: AbdmOptions): HieCm {
  const { headers, withSession } = abdmGateway(options)
  const base = `${options.abhaBaseUrl}/api/hiecm/consent/v3`

  async function call(userToken: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<Response | undefined> {
    const response = await withSession((token) =>
      callUpstream(
        SERVICE,
        `${base}${path}`,
        {
          method: init.method ?? 'GET',
          headers: headers({ Authorization: `Bearer ${token}`, 'X-AUTH-TOKEN': userToken }),
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
      options.log.log('info', 'ABDM refused a consent action', { status: response.status, code })
      await response.body?.cancel()
      throw new ApiError('conflict', 'ABDM refused this: the request or consent has changed. Read it again.', {
        details: { service: SERVICE, code },
      })
    }
    if (!response.ok) await rejectUpstream(SERVICE, response)
    return response
  }

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
