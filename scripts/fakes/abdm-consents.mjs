// The fake ABDM's consent manager (HIE-CM), the patient's side: consent requests raised by a demo
// HIU, approved per hospital (one consent artefact each), denied or revoked — ABDM v3's paths
// under /api/hiecm/consent/v3, each with the gateway session and the patient's user token as
// X-AUTH-TOKEN. A request or artefact of another ABHA address is 404, as if it did not exist.
import { randomUUID } from 'node:crypto'

export const demoHiu = { id: 'DEMO-HIU', name: 'Demo City Clinic', type: 'HIU' }
export const demoHip = { id: 'DEMO-HIP', name: 'Demo Hospital, Pune', type: 'HIP' }
const DAY = 86_400_000
const STATUSES = ['REQUESTED', 'GRANTED', 'DENIED', 'EXPIRED', 'REVOKED']
const iso = (ms) => new Date(ms).toISOString()

export function consentManager({ headerProblem, userOf }) {
  const requests = new Map() // id -> {patient, request}
  const artefacts = new Map() // id -> {patient, artefact}
  const subscriptions = new Map() // id -> {patient, request, grant?}
  const autoApprovals = new Map() // id -> {patient, policy, enabled}
  const refuseNextPolicy = new Set() // ABHA addresses whose next policy ABDM fails to make (503)
  const listeners = { granted: [], revoked: [] } // the data flow's: an HIU is told of its grants and revocations

  /** A demo HIU asks to be told of new visits and records (`POST /_fake/subscription-requests`). */
  const subscribe = ({ abhaAddress, categories = ['LINK', 'DATA'], hiTypes = ['Prescription', 'DiagnosticReport'], hips }) => {
    const now = Date.now()
    const request = {
      id: randomUUID(),
      status: 'REQUESTED',
      createdAt: iso(now),
      hiu: { id: demoHiu.id, name: demoHiu.name },
      purpose: { code: 'CAREMGT', text: 'Care Management' },
      categories,
      hiTypes,
      hips: (hips ?? [demoHip]).map(({ id, name }) => ({ id, name })),
      period: { from: iso(now - 365 * DAY), to: iso(now + 365 * DAY) },
    }
    subscriptions.set(request.id, { patient: abhaAddress.toLowerCase(), request })
    return request
  }

  /** A consent request waiting in the patient's inbox: its entry. */
  const newRequest = ({ abhaAddress, purpose, hiu, requester, hips, hiTypes, permission }) => {
    const now = iso(Date.now())
    const request = { id: randomUUID(), status: 'REQUESTED', createdAt: now, lastUpdated: now, purpose, patient: { id: abhaAddress } }
    Object.assign(request, { hiu, requester, hips, hiTypes, permission })
    const entry = { patient: abhaAddress.toLowerCase(), request }
    requests.set(request.id, entry)
    return entry
  }

  /** A demo HIU asks for consent (what `POST /dev/abdm/consent-requests` and the tests use). */
  const raise = ({ abhaAddress, hiTypes, hips, fromDays = 730, eraseInDays = 60, requester = 'Dr. Meera Joshi' }) => {
    const now = Date.now()
    return newRequest({
      abhaAddress,
      purpose: { code: 'CAREMGT', text: 'Care Management' },
      hiu: { id: demoHiu.id, name: demoHiu.name },
      requester: { name: requester, identifier: { type: 'REGNO', value: 'MH/2011/04567', system: 'https://www.mciindia.org' } },
      hips: (hips ?? [demoHip]).map(({ id, name }) => ({ id, name })),
      hiTypes: hiTypes ?? ['Prescription', 'DiagnosticReport', 'OPConsultation'],
      permission: {
        accessMode: 'VIEW',
        dateRange: { from: iso(now - fromDays * DAY), to: iso(now) },
        dataEraseAt: iso(now + eraseInDays * DAY),
        frequency: { unit: 'HOUR', value: 1, repeats: 0 },
      },
    }).request
  }

  const error = (status, code, message) => [status, { error: { code, message } }]
  /** The patient the call is for, or the answer refusing it. */
  const caller = (headers) => {
    const problem = headerProblem(headers)
    if (problem) return { refusal: error(problem.startsWith('Authorization') ? 401 : 400, 'ABDM-1006', problem) }
    const account = userOf(headers['x-auth-token'] ?? '')
    if (!account) return { refusal: error(401, 'ABDM-1094', 'Invalid X-AUTH-TOKEN') }
    return { patient: account.abhaAddress }
  }
  const mine = (map, id, patient) => {
    const entry = map.get(id)
    return entry && entry.patient === patient ? entry : undefined
  }
  const within = (inner, outer) => Date.parse(inner.from) >= Date.parse(outer.from) && Date.parse(inner.to) <= Date.parse(outer.to)

  /** A request an HIU made for the patient's own records (purpose PATRQT), through the gateway. */
  const selfRequest = ({ abhaAddress, hiu, hip, hiTypes, permission, requester }) =>
    newRequest({
      abhaAddress,
      purpose: { code: 'PATRQT', text: 'Self Requested' },
      hiu,
      requester,
      hips: hip ? [hip] : [],
      hiTypes,
      permission: { ...permission, accessMode: permission.accessMode ?? 'VIEW' },
    })
  const policyEnabled = (patient, hiuId) =>
    [...autoApprovals.values()].some((e) => e.patient === patient && e.enabled && e.policy.hiu?.id === hiuId)

  const approve = (entry, body) => {
    const { request } = entry
    if (request.status !== 'REQUESTED') return error(409, 'ABDM-1023', `Consent request is ${request.status}`)
    const consents = body?.consents
    if (!Array.isArray(consents) || consents.length === 0) return error(400, 'ABDM-1017', 'consents are required')
    for (const consent of consents) {
      const permission = consent?.permission
      if (
        !consent?.hip?.id ||
        !Array.isArray(consent.hiTypes) ||
        !permission?.dateRange ||
        !permission.dataEraseAt ||
        !permission.frequency
      )
        return error(400, 'ABDM-1017', 'Each consent needs hip, hiTypes and permission')
      if (request.hips.length > 0 && !request.hips.some((hip) => hip.id === consent.hip.id))
        return error(400, 'ABDM-1017', `HIP ${consent.hip.id} was not requested`)
      if (consent.hiTypes.some((type) => !request.hiTypes.includes(type))) return error(400, 'ABDM-1017', 'hiTypes not requested')
      if (!within(permission.dateRange, request.permission.dateRange)) return error(400, 'ABDM-1017', 'dateRange exceeds the request')
      if (Date.parse(permission.dataEraseAt) > Date.parse(request.permission.dataEraseAt))
        return error(400, 'ABDM-1017', 'dataEraseAt exceeds the request')
    }
    const now = iso(Date.now())
    const granted = []
    for (const consent of consents) {
      const artefact = {
        status: 'GRANTED',
        consentDetail: {
          consentId: randomUUID(),
          consentRequestId: request.id,
          createdAt: now,
          purpose: request.purpose,
          patient: request.patient,
          consentManager: { id: 'sbx' },
          hip: { id: consent.hip.id, name: consent.hip.name ?? request.hips.find((hip) => hip.id === consent.hip.id)?.name ?? null },
          hiu: request.hiu,
          requester: request.requester,
          hiTypes: consent.hiTypes,
          careContexts: consent.careContexts ?? [],
          permission: consent.permission,
        },
        signature: 'fake-signature',
      }
      artefacts.set(artefact.consentDetail.consentId, { patient: entry.patient, artefact })
      granted.push(artefact)
    }
    request.status = 'GRANTED'
    request.lastUpdated = now
    for (const listener of listeners.granted) listener(entry, granted)
    return [200, { message: 'Consent granted' }]
  }

  const routes = {
    'GET /api/hiecm/subscription-requests/v3/requests': ({ headers }) => {
      const { patient, refusal } = caller(headers)
      if (refusal) return refusal
      return [200, { requests: [...subscriptions.values()].filter((e) => e.patient === patient).map((e) => e.request) }]
    },
    'POST /api/hiecm/consent/v3/auto/approve': ({ headers, body }) => {
      const { patient, refusal } = caller(headers)
      if (refusal) return refusal
      if (!body?.hiu?.id || typeof body.isApplicableForAllHIPs !== 'boolean' || !Array.isArray(body.includedSources))
        return error(400, 'ABDM-1017', 'hiu, isApplicableForAllHIPs and includedSources are required')
      if (refuseNextPolicy.delete(patient)) return error(503, 'ABDM-1099', 'Service unavailable')
      const id = randomUUID()
      autoApprovals.set(id, { patient, policy: body, enabled: true })
      return [200, { autoApprovalId: id, message: 'Auto approval policy created' }]
    },
    'GET /api/hiecm/consent/v3/request': ({ headers, query }) => {
      const { patient, refusal } = caller(headers)
      if (refusal) return refusal
      const status = query.get('status')
      if (status && !STATUSES.includes(status)) return error(400, 'ABDM-1017', 'Invalid status')
      return [
        200,
        {
          requests: [...requests.values()]
            .filter((entry) => entry.patient === patient && (!status || entry.request.status === status))
            .map((entry) => entry.request),
        },
      ]
    },
    'GET /api/hiecm/consent/v3/artefact': ({ headers }) => {
      const { patient, refusal } = caller(headers)
      if (refusal) return refusal
      return [200, { consentArtefacts: [...artefacts.values()].filter((entry) => entry.patient === patient).map((e) => e.artefact) }]
    },
    'POST /api/hiecm/consent/v3/revoke': ({ headers, body }) => {
      const { patient, refusal } = caller(headers)
      if (refusal) return refusal
      const ids = body?.consents
      if (!Array.isArray(ids) || ids.length === 0) return error(400, 'ABDM-1017', 'consents are required')
      const found = ids.map((id) => mine(artefacts, id, patient))
      if (found.some((entry) => !entry)) return error(404, 'ABDM-1018', 'Consent artefact not found')
      if (found.some((entry) => entry.artefact.status !== 'GRANTED')) return error(409, 'ABDM-1023', 'Consent is not granted')
      for (const entry of found) entry.artefact.status = 'REVOKED'
      for (const listener of listeners.revoked)
        listener(
          patient,
          found.map((entry) => entry.artefact),
        )
      return [200, { message: 'Consent revoked' }]
    },
  }

  const subscriptionAction = (entry, action, body) => {
    if (entry.request.status !== 'REQUESTED') return error(409, 'ABDM-1023', `Subscription request is ${entry.request.status}`)
    if (action === 'deny') {
      if (typeof body?.reason !== 'string' || !body.reason.trim()) return error(400, 'ABDM-1017', 'reason is required')
      entry.request.status = 'DENIED'
      return [200, { message: 'Subscription denied' }]
    }
    const sources = body?.includedSources
    if (typeof body?.isApplicableForAllHIPs !== 'boolean' || !Array.isArray(sources) || sources.length === 0)
      return error(400, 'ABDM-1017', 'isApplicableForAllHIPs and includedSources are required')
    for (const source of sources) {
      if (!Array.isArray(source.categories) || source.categories.some((c) => !entry.request.categories.includes(c)))
        return error(400, 'ABDM-1017', 'categories not requested')
      if (!body.isApplicableForAllHIPs && !entry.request.hips.some((hip) => hip.id === source.hip?.id))
        return error(400, 'ABDM-1017', 'HIP not requested')
    }
    entry.request.status = 'GRANTED'
    entry.grant = body
    return [200, { message: 'Subscription approved' }]
  }

  /** Paths with an id in them. */
  const byId = ({ method, path, headers, body }) => {
    const subscription = /^\/api\/hiecm\/subscription-requests\/v3\/([^/]+)\/(approve|deny)$/.exec(path)
    const policy = /^\/api\/hiecm\/consent\/v3\/auto\/approve\/([^/]+)\/(enable|disable)$/.exec(path)
    if ((subscription || policy) && method === 'POST') {
      const { patient, refusal } = caller(headers)
      if (refusal) return refusal
      if (subscription) {
        const entry = mine(subscriptions, decodeURIComponent(subscription[1]), patient)
        return entry ? subscriptionAction(entry, subscription[2], body) : error(404, 'ABDM-1018', 'Subscription request not found')
      }
      const entry = mine(autoApprovals, decodeURIComponent(policy[1]), patient)
      if (!entry) return error(404, 'ABDM-1018', 'Auto approval policy not found')
      entry.enabled = policy[2] === 'enable'
      return [202, { message: `Successfully ${policy[2]}d auto approval policy` }]
    }
    const match = /^\/api\/hiecm\/consent\/v3\/(request|artefact)\/([^/]+)(?:\/(approve|deny))?$/.exec(path)
    if (!match) return undefined
    const [, kind, id, action] = match
    const { patient, refusal } = caller(headers)
    if (refusal) return refusal
    if (kind === 'artefact') {
      if (method !== 'GET' || action) return undefined
      const entry = mine(artefacts, decodeURIComponent(id), patient)
      return entry ? [200, entry.artefact] : error(404, 'ABDM-1018', 'Consent artefact not found')
    }
    const entry = mine(requests, decodeURIComponent(id), patient)
    if (!entry) return error(404, 'ABDM-1018', 'Consent request not found')
    if (method === 'GET' && !action) return [200, entry.request]
    if (method !== 'POST') return undefined
    if (action === 'approve') return approve(entry, body)
    if (action === 'deny') {
      if (entry.request.status !== 'REQUESTED') return error(409, 'ABDM-1023', `Consent request is ${entry.request.status}`)
      if (typeof body?.reason !== 'string' || !body.reason.trim()) return error(400, 'ABDM-1017', 'reason is required')
      entry.request.status = 'DENIED'
      entry.request.lastUpdated = iso(Date.now())
      return [200, { message: 'Consent denied' }]
    }
    return undefined
  }

  /** The auto-approval policies of an ABHA address (for tests): {id, hiu, enabled}. */
  const policiesOf = (abhaAddress) =>
    [...autoApprovals.entries()]
      .filter(([, e]) => e.patient === abhaAddress.toLowerCase())
      .map(([id, e]) => ({ id, hiu: e.policy.hiu.id, enabled: e.enabled }))

  /** The next auto-approval policy this ABHA address asks for fails at ABDM (503). */
  const refuseNextAutoApproval = (abhaAddress) => refuseNextPolicy.add(abhaAddress.toLowerCase())

  const artefactOf = (id) => artefacts.get(id)

  return {
    routes,
    byId,
    raise,
    subscribe,
    policiesOf,
    refuseNextAutoApproval,
    selfRequest,
    policyEnabled,
    approve,
    artefactOf,
    onGranted: (listener) => listeners.granted.push(listener),
    onRevoked: (listener) => listeners.revoked.push(listener),
  }
}
