// The fake ABDM's user-initiated linking and its gateway callbacks: a demo hospital (DEMO-HIP)
// finds the patient's visits, sends a linking code, and links them — each answer a callback signed
// with the fake gateway's own RS256 key (its JWKS at /api/hiecm/gateway/v3/certs), as ABDM sends
// them to a bridge URL. With `bridgeUrl` (npm run dev) the fake delivers them itself; otherwise they
// wait in /_fake/callbacks for the tests to deliver (in any order, twice, or before our call returns).
import { createHash, createSign, generateKeyPairSync, randomInt, randomUUID } from 'node:crypto'

const MINUTE = 60_000
const b64url = (value) => Buffer.from(value).toString('base64url')

export const demoFacilities = [
  {
    facilityId: 'DEMO-HIP',
    facilityName: 'Demo Hospital, Pune',
    address: '1 Hospital Road',
    districtName: 'PUNE',
    stateName: 'MAHARASHTRA',
    pincode: '411001',
  },
  {
    facilityId: 'DEMO-HIP-2',
    facilityName: 'Demo Clinic, Nashik',
    address: '4 College Road',
    districtName: 'NASHIK',
    stateName: 'MAHARASHTRA',
    pincode: '422005',
  },
]

export function gatewayLinking({ headerProblem, userOf, cmId, bridgeUrl, log, sentOtps }) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const kid = 'fake-gateway-1'
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }

  /** A gateway token (RS256 JWT) as ABDM's gateway signs its callbacks. */
  const gatewayToken = ({ expiresIn = 300, key = privateKey, keyId = kid } = {}) => {
    const now = Math.floor(Date.now() / 1000)
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: keyId }))
    const body = b64url(
      JSON.stringify({ iss: 'https://fake-abdm/gateway', sub: 'gateway', clientId: 'gateway', iat: now, exp: now + expiresIn }),
    )
    const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key, 'base64url')
    return `${head}.${body}.${signature}`
  }

  const pending = [] // callbacks waiting for the tests: {patient, path, headers, body}
  const holding = new Set() // ABHA addresses whose next linking answer waits until the test releases it
  const released = new Set() // ABHA addresses whose held answer may go now
  const callback = (patient, path, body) => {
    const delivery = {
      patient,
      path,
      headers: {
        authorization: `Bearer ${gatewayToken()}`,
        'content-type': 'application/json',
        'request-id': randomUUID(),
        timestamp: new Date().toISOString(),
        'x-cm-id': cmId,
      },
      body,
    }
    if (bridgeUrl) {
      // As ABDM does: a callback not taken (not 2xx) is sent again, a few times, a second apart.
      const send = (attempt) =>
        fetch(`${bridgeUrl}${path}`, { method: 'POST', headers: delivery.headers, body: JSON.stringify(body) })
          .then((r) => {
            log(`[fake ABDM] callback ${path} → ${r.status}`)
            if (!r.ok && attempt < 5) setTimeout(() => send(attempt + 1), 1000)
          })
          .catch((error) => log(`[fake ABDM] callback ${path} failed: ${error.message}`))
      setTimeout(() => send(1), 150)
    } else pending.push(delivery)
    return delivery
  }
  /** Answers 202; when a test held the answer, only once the test released it (its callback delivered first). */
  const accepted = async (delivery) => {
    if (holding.delete(delivery.patient)) {
      for (let i = 0; i < 200 && !released.has(delivery.patient); i++) await new Promise((resolve) => setTimeout(resolve, 25))
      released.delete(delivery.patient)
    }
    return [202, {}]
  }

  const discoveries = new Map() // transactionId -> {patient, hip, found}
  const linkRequests = new Map() // linkRefNumber -> {patient, hip, chosen, otp, expiresAt}
  const links = new Map() // abha address -> [{hip, referenceNumber, display, hiType, careContexts}]

  const visitsAt = (facility, abhaAddress) => {
    if (facility.facilityId !== 'DEMO-HIP') return []
    const puid = `PUID-${createHash('sha256').update(abhaAddress).digest('hex').slice(0, 8).toUpperCase()}`
    return [
      {
        referenceNumber: puid,
        display: abhaAddress,
        hiType: 'OPConsultation',
        careContexts: [
          { referenceNumber: 'OPD-2026-09-12', display: 'OPD visit, 12 Sep 2026 (General Medicine)' },
          { referenceNumber: 'OPD-2026-10-03', display: 'OPD follow-up, 3 Oct 2026' },
        ],
        count: 2,
      },
      {
        referenceNumber: puid,
        display: abhaAddress,
        hiType: 'DiagnosticReport',
        careContexts: [{ referenceNumber: 'LAB-2026-09-12', display: 'Blood tests, 12 Sep 2026' }],
        count: 1,
      },
    ]
  }

  const error = (status, code, message) => [status, { error: { code, message } }]
  const caller = (headers) => {
    const problem = headerProblem(headers)
    if (problem) return { refusal: error(problem.startsWith('Authorization') ? 401 : 400, 'ABDM-1006', problem) }
    if (!headers['x-hiu-id']) return { refusal: error(400, 'ABDM-1006', 'X-HIU-ID is required') }
    const account = userOf(headers['x-auth-token'] ?? '')
    if (!account) return { refusal: error(401, 'ABDM-1094', 'Invalid X-AUTH-TOKEN') }
    return { patient: account.abhaAddress, mobile: account.mobile }
  }

  const routes = {
    'GET /api/hiecm/gateway/v3/certs': () => [200, { keys: [jwk] }],
    'POST /FacilityManagement/v1.5/facility/search': ({ headers, body }) => {
      const problem = headerProblem(headers)
      if (problem) return error(401, 'ABDM-1006', problem)
      const name = String(body?.facilityName ?? '').toLowerCase()
      const facilities = demoFacilities.filter((f) => f.facilityName.toLowerCase().includes(name))
      return [200, { facilities, totalFacilities: facilities.length, numberOfPages: 1 }]
    },
    'POST /api/hiecm/user-initiated-linking/v3/patient/care-context/discover': async ({ headers, body }) => {
      const { patient, refusal } = caller(headers)
      if (refusal) return refusal
      const facility = demoFacilities.find((f) => f.facilityId === body?.hip?.id)
      if (!facility) return error(404, 'ABDM-1010', 'HIP not found')
      const transactionId = randomUUID()
      const found = visitsAt(facility, patient)
      discoveries.set(transactionId, { patient, facility, found })
      const delivery = callback(patient, '/api/v3/hiu/patient/care-context/on-discover', {
        transactionId,
        patient: found,
        matchedBy: found.length ? ['MOBILE'] : [],
        error: found.length ? null : { code: 'ABDM-1010', message: 'No matching patient record found at this facility' },
        response: { requestId: headers['request-id'] },
      })
      return accepted(delivery)
    },
    'POST /api/hiecm/user-initiated-linking/v3/link/care-context/init': async ({ headers, body }) => {
      const { patient, refusal } = caller(headers)
      if (refusal) return refusal
      const discovery = discoveries.get(body?.transactionId)
      if (!discovery || discovery.patient !== patient) return error(404, 'ABDM-1011', 'Transaction not found')
      const chosen = Array.isArray(body?.patient) ? body.patient : []
      const known = (group) =>
        group.careContexts?.every((c) =>
          discovery.found.some(
            (f) => f.referenceNumber === group.referenceNumber && f.careContexts.some((k) => k.referenceNumber === c.referenceNumber),
          ),
        )
      if (chosen.length === 0 || !chosen.every(known)) return error(400, 'ABDM-1017', 'Unknown care contexts')
      const linkRefNumber = randomUUID()
      const otp = String(randomInt(0, 1_000_000)).padStart(6, '0')
      const expiresAt = Date.now() + 10 * MINUTE
      linkRequests.set(linkRefNumber, { patient, facility: discovery.facility, chosen, otp, expiresAt })
      sentOtps.unshift({ loginId: `link:${patient}`, otp, txnId: linkRefNumber })
      log(`[fake ABDM] linking OTP ${otp} for ${patient} at ${discovery.facility.facilityName}`)
      const delivery = callback(patient, '/api/v3/hiu/patient/care-context/on-init', {
        transactionId: body.transactionId,
        link: {
          referenceNumber: linkRefNumber,
          authenticationType: 'DIRECT',
          meta: { communicationMedium: 'MOBILE', communicationHint: 'OTP', communicationExpiry: new Date(expiresAt).toISOString() },
        },
        error: null,
        response: { requestId: headers['request-id'] },
      })
      return accepted(delivery)
    },
    'POST /api/hiecm/user-initiated-linking/v3/link/care-context/confirm': async ({ headers, body }) => {
      const { patient, refusal } = caller(headers)
      if (refusal) return refusal
      const request = linkRequests.get(body?.linkRefNumber)
      if (!request || request.patient !== patient) return error(404, 'ABDM-1011', 'Link reference not found')
      const right = String(body?.token) === request.otp && request.expiresAt > Date.now()
      if (right) {
        linkRequests.delete(body.linkRefNumber)
        const mine = links.get(patient) ?? []
        for (const group of request.chosen) {
          const hip = { id: request.facility.facilityId, name: request.facility.facilityName, type: 'HIP' }
          const existing = mine.find((l) => l.hip.id === hip.id && l.referenceNumber === group.referenceNumber && l.hiType === group.hiType)
          const contexts = group.careContexts.map(({ referenceNumber, display }) => ({ referenceNumber, display }))
          if (existing)
            existing.careContexts.push(
              ...contexts.filter((c) => !existing.careContexts.some((e) => e.referenceNumber === c.referenceNumber)),
            )
          else
            mine.push({
              hip,
              referenceNumber: group.referenceNumber,
              display: group.display,
              hiType: group.hiType,
              careContexts: contexts,
              dateCreated: new Date().toISOString(),
            })
        }
        links.set(patient, mine)
      }
      const delivery = callback(patient, '/api/v3/hiu/patient/care-context/on-confirm', {
        patient: right ? request.chosen : null,
        error: right ? null : { code: 'ABDM-1022', message: request.expiresAt > Date.now() ? 'Invalid OTP' : 'OTP expired' },
        response: { requestId: headers['request-id'] },
      })
      return accepted(delivery)
    },
    'GET /api/hiecm/hip/v3/link/patient/links': ({ headers }) => {
      const { patient, refusal } = caller({ ...headers, 'x-hiu-id': headers['x-hiu-id'] ?? 'any' })
      if (refusal) return refusal
      return [200, { Patient: { id: patient, links: links.get(patient) ?? [] } }]
    },
    // The callbacks about one ABHA address (?patient=) waiting for delivery, oldest first; taken, they leave the queue.
    'GET /_fake/callbacks': ({ query }) => {
      const patient = query.get('patient')
      const taken = pending.filter((delivery) => delivery.patient === patient)
      for (const delivery of taken) pending.splice(pending.indexOf(delivery), 1)
      return [200, taken.map(({ path, headers, body }) => ({ path, headers, body }))]
    },
    // The next linking call for {patient} answers only once released (its callback arrives first).
    'POST /_fake/hold-next-answer': ({ body }) => {
      holding.add(String(body?.patient))
      return [200, { holding: body?.patient }]
    },
    'POST /_fake/release-answer': ({ body }) => {
      released.add(String(body?.patient))
      return [200, { released: body?.patient }]
    },
    // A gateway token for tests: {expiresIn} (negative: expired), {foreign: true} signed by another key.
    'POST /_fake/gateway-token': ({ body }) => {
      const foreign = body?.foreign ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey : undefined
      return [200, { token: gatewayToken({ expiresIn: body?.expiresIn ?? 300, ...(foreign ? { key: foreign } : {}) }) }]
    },
  }
  return { routes, callback, linksOf: (patient) => links.get(patient) ?? [] }
}
