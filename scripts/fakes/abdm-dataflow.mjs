// The fake ABDM's data flow, the HIU's side: a consent request for the patient's own records
// (answered by on-init; granted when the patient approves it in the consent inbox, or at once when
// their auto-approval policy for that HIU is on: a notify callback), the artefact fetched (on-fetch),
// and health information asked for (on-request) — after which the demo hospital pushes each linked
// visit as a Fidelius-encrypted FHIR R4 document bundle, one page each, to the dataPushUrl. With a
// bridge URL (npm run dev) it delivers them itself; otherwise they wait in /_fake/callbacks and
// /_fake/pushes for the tests. Faults per ABHA address: a page that does not decrypt, an expired artefact.
import { createHash, randomUUID } from 'node:crypto'
import { demoFacilities } from './abdm-linking.mjs'
import { encryptFor, hipKeys } from './fidelius.mjs'

/** NRCeS composition types (SNOMED CT) the demo hospital sends. */
const COMPOSITION = {
  OPConsultation: { code: '371530004', display: 'Clinical consultation report' },
  Prescription: { code: '440545006', display: 'Prescription record' },
  DiagnosticReport: { code: '721981007', display: 'Diagnostic studies report' },
}

/** A one-page PDF, whole (what a hospital attaches to a prescription). */
function tinyPdf(text) {
  const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets = objects.map((object, i) => {
    const at = body.length
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
    return at
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

/** The demo hospital's record of one visit: a FHIR document bundle (a prescription carries its PDF). */
function visitBundle(visit, hiType, patient, hip) {
  const kind = visit.referenceNumber === 'OPD-2026-10-03' ? 'Prescription' : hiType
  const composition = COMPOSITION[kind] ?? COMPOSITION.OPConsultation
  const date = /(\d{4}-\d{2}-\d{2})$/.exec(visit.referenceNumber)?.[1] ?? '2026-09-12'
  const id = (suffix) => createHash('sha256').update(`${patient}:${visit.referenceNumber}:${suffix}`).digest('hex').slice(0, 32)
  const entries = [
    {
      fullUrl: `urn:uuid:${id('composition')}`,
      resource: {
        resourceType: 'Composition',
        status: 'final',
        type: { coding: [{ system: 'http://snomed.info/sct', ...composition }], text: composition.display },
        date: `${date}T10:30:00+05:30`,
        title: `${composition.display} — ${visit.display}`,
        author: [{ display: hip.name }],
      },
    },
    {
      fullUrl: `urn:uuid:${id('patient')}`,
      resource: { resourceType: 'Patient', identifier: [{ system: 'https://healthid.ndhm.gov.in', value: patient }] },
    },
  ]
  if (kind === 'Prescription')
    entries.push({
      fullUrl: `urn:uuid:${id('document')}`,
      resource: {
        resourceType: 'DocumentReference',
        status: 'current',
        content: [
          { attachment: { contentType: 'application/pdf', data: tinyPdf(`Prescription ${visit.referenceNumber}`).toString('base64') } },
        ],
      },
    })
  return { resourceType: 'Bundle', id: id('bundle'), type: 'document', timestamp: `${date}T10:30:00+05:30`, entry: entries }
}

export function dataFlow({ headerProblem, consents, linking, bridgeUrl, log }) {
  const pushes = [] // pages waiting for the tests: {patient, url, body}
  const seen = [] // what HIUs told ABDM (acknowledgements, transfer notifications), for the tests: {patient, path, body}
  const faults = new Map() // ABHA address -> Set of 'corrupt-page' | 'expired-artefact'
  const hasFault = (patient, fault) => faults.get(patient)?.delete(fault) ?? false

  const error = (status, code, message) => [status, { error: { code, message } }]
  const gatewayCaller = (headers) => {
    const problem = headerProblem(headers)
    if (problem) return error(problem.startsWith('Authorization') ? 401 : 400, 'ABDM-1006', problem)
    if (!headers['x-hiu-id']) return error(400, 'ABDM-1006', 'X-HIU-ID is required')
    return undefined
  }
  const hipName = (id) => demoFacilities.find((f) => f.facilityId === id)?.facilityName ?? null

  /** The patient approved (or their policy did): the HIU is told, with one artefact per hospital. */
  const tellGranted = (entry, artefacts) => {
    if (entry.request.purpose.code !== 'PATRQT') return
    linking.callback(entry.patient, '/api/v3/hiu/consent/request/notify', {
      notification: {
        consentRequestId: entry.request.id,
        status: 'GRANTED',
        consentArtefacts: artefacts.map((a) => ({ id: a.consentDetail.consentId })),
      },
    })
  }
  consents.onGranted(tellGranted)
  consents.onRevoked((patient, artefacts) => {
    for (const artefact of artefacts) {
      if (artefact.consentDetail.purpose.code !== 'PATRQT') continue
      linking.callback(patient, '/api/v3/hiu/consent/request/notify', {
        notification: {
          consentRequestId: artefact.consentDetail.consentRequestId,
          status: 'REVOKED',
          consentArtefacts: [{ id: artefact.consentDetail.consentId }],
        },
      })
    }
  })

  /** The demo hospital sends the visits the artefact covers, one bundle a page. */
  const push = (patient, artefact, hiRequest, transactionId) => {
    const detail = artefact.consentDetail
    const hip = { id: detail.hip.id, name: detail.hip.name ?? hipName(detail.hip.id) }
    const wanted = (detail.careContexts ?? []).map((c) => c.careContextReference)
    const visits = linking
      .linksOf(patient)
      .filter((link) => link.hip.id === hip.id)
      .flatMap((link) => link.careContexts.map((visit) => ({ visit, hiType: link.hiType })))
      .filter(({ visit }) => wanted.length === 0 || wanted.includes(visit.referenceNumber))
    const corrupt = hasFault(patient, 'corrupt-page')
    const nulTitles = hasFault(patient, 'nul-title')
    const keys = hipKeys()
    const requester = { keyValue: hiRequest.keyMaterial.dhPublicKey.keyValue, nonce: hiRequest.keyMaterial.nonce }
    const pages = visits.map(({ visit, hiType }, i) => {
      const bundle = visitBundle(visit, hiType, patient, hip)
      // A hospital's text with a NUL in it (valid JSON, not storable as Postgres text).
      if (nulTitles) bundle.entry[0].resource.title = `\u0000${bundle.entry[0].resource.title}`
      const plaintext = Buffer.from(JSON.stringify(bundle))
      let content = encryptFor(plaintext, keys, requester)
      // The first page's entry damaged on the way: it does not decrypt.
      if (corrupt && i === 0) content = `${content.slice(0, 8)}${content[8] === 'A' ? 'B' : 'A'}${content.slice(9)}`
      return {
        pageNumber: i + 1,
        pageCount: visits.length,
        transactionId,
        entries: [
          {
            content,
            media: 'application/fhir+json',
            checksum: createHash('md5').update(plaintext).digest('hex'),
            careContextReference: visit.referenceNumber,
          },
        ],
        keyMaterial: {
          cryptoAlg: 'ECDH',
          curve: 'Curve25519',
          dhPublicKey: {
            expiry: new Date(Date.now() + 3600_000).toISOString(),
            parameters: 'Curve25519/32byte random key',
            keyValue: keys.keyValue,
          },
          nonce: keys.nonce,
        },
      }
    })
    for (const body of pages) {
      if (bridgeUrl)
        setTimeout(
          () => {
            fetch(hiRequest.dataPushUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
              .then((r) => log(`[fake ABDM] ${hip.name} pushed page ${body.pageNumber}/${body.pageCount} → ${r.status}`))
              .catch((e) => log(`[fake ABDM] a page push failed: ${e.message}`))
          },
          600 + body.pageNumber * 100,
        )
      else pushes.push({ patient, url: hiRequest.dataPushUrl, body })
    }
  }

  const routes = {
    'POST /api/hiecm/consent/v3/request/init': ({ headers, body }) => {
      const refusal = gatewayCaller(headers)
      if (refusal) return refusal
      const consent = body?.consent
      const patient = String(consent?.patient?.id ?? '').toLowerCase()
      const permission = consent?.permission
      if (
        !patient.includes('@') ||
        !consent?.hiu?.id ||
        !Array.isArray(consent.hiTypes) ||
        !permission?.dateRange ||
        !permission.dataEraseAt
      )
        return error(400, 'ABDM-1017', 'patient, hiu, hiTypes and permission are required')
      if (consent.purpose?.code !== 'PATRQT') return error(400, 'ABDM-1017', 'Only self-requested (PATRQT) requests in this fake')
      const hip = consent.hip?.id ? { id: consent.hip.id, name: hipName(consent.hip.id) } : undefined
      const entry = consents.selfRequest({
        abhaAddress: patient,
        hiu: { id: consent.hiu.id, name: 'PHR Edge' },
        hip,
        hiTypes: consent.hiTypes,
        permission,
        requester: consent.requester ?? { name: 'Self' },
      })
      linking.callback(patient, '/api/v3/hiu/consent/request/on-init', {
        consentRequest: { id: entry.request.id },
        error: null,
        response: { requestId: headers['request-id'] },
      })
      if (consents.policyEnabled(patient, consent.hiu.id)) {
        // Auto-approval: every linked hospital (or the one asked), everything asked for.
        const hips = hip
          ? [hip]
          : [...new Map(linking.linksOf(patient).map((l) => [l.hip.id, { id: l.hip.id, name: l.hip.name }])).values()]
        if (hips.length > 0)
          consents.approve(entry, {
            consents: hips.map((h) => ({ hip: h, hiTypes: entry.request.hiTypes, permission: entry.request.permission })),
          })
      }
      return [202, {}]
    },
    'POST /api/hiecm/consent/v3/request/hiu/on-notify': ({ headers, body }) => {
      const refusal = gatewayCaller(headers)
      if (refusal) return refusal
      const consentId = body?.acknowledgement?.[0]?.consentId
      seen.push({ patient: consents.artefactOf(consentId)?.patient ?? null, path: 'on-notify', body })
      return [202, {}]
    },
    'POST /api/hiecm/consent/v3/fetch': ({ headers, body }) => {
      const refusal = gatewayCaller(headers)
      if (refusal) return refusal
      const entry = consents.artefactOf(body?.consentId)
      if (!entry) return error(404, 'ABDM-1018', 'Consent artefact not found')
      const artefact = structuredClone(entry.artefact)
      artefact.consentDetail.hip.name ??= hipName(artefact.consentDetail.hip.id)
      linking.callback(entry.patient, '/api/v3/hiu/consent/on-fetch', {
        consent: artefact,
        error: null,
        response: { requestId: headers['request-id'] },
      })
      return [202, {}]
    },
    'POST /api/hiecm/data-flow/v3/health-information/request': ({ headers, body }) => {
      const refusal = gatewayCaller(headers)
      if (refusal) return refusal
      const hiRequest = body?.hiRequest
      const entry = consents.artefactOf(hiRequest?.consent?.id)
      if (!entry) return error(404, 'ABDM-1018', 'Consent artefact not found')
      if (!hiRequest.dataPushUrl || !hiRequest.keyMaterial?.dhPublicKey?.keyValue || !hiRequest.keyMaterial.nonce)
        return error(400, 'ABDM-1017', 'dataPushUrl and keyMaterial are required')
      const expired = hasFault(entry.patient, 'expired-artefact') || entry.artefact.status !== 'GRANTED'
      const transactionId = randomUUID()
      linking.callback(entry.patient, '/api/v3/hiu/health-information/on-request', {
        hiRequest: expired ? null : { transactionId, sessionStatus: 'REQUESTED' },
        error: expired ? { code: 'ABDM-1034', message: 'Consent artefact expired' } : null,
        response: { requestId: headers['request-id'] },
      })
      if (!expired) push(entry.patient, entry.artefact, hiRequest, transactionId)
      return [202, {}]
    },
    'POST /api/hiecm/data-flow/v3/health-information/notify': ({ headers, body }) => {
      const refusal = gatewayCaller(headers)
      if (refusal) return refusal
      const consentId = body?.notification?.consentId
      seen.push({ patient: consents.artefactOf(consentId)?.patient ?? null, path: 'notify', body })
      return [202, {}]
    },
    // The hospitals' pages for one ABHA address (?patient=) waiting for delivery, oldest first; taken, they leave the queue.
    'GET /_fake/pushes': ({ query }) => {
      const taken = pushes.filter((p) => p.patient === query.get('patient'))
      for (const p of taken) pushes.splice(pushes.indexOf(p), 1)
      return [200, taken.map(({ url, body }) => ({ url, body }))]
    },
    // What the HIU told ABDM about this ABHA address's transfers (acknowledgements, notifications).
    'GET /_fake/dataflow-reports': ({ query }) => [200, seen.filter((s) => s.patient === query.get('patient'))],
    // {patient, fault: 'corrupt-page' | 'expired-artefact' | 'nul-title'}: that patient's next transfer goes wrong so.
    'POST /_fake/dataflow-faults': ({ body }) => {
      const patient = String(body?.patient ?? '').toLowerCase()
      if (!['corrupt-page', 'expired-artefact', 'nul-title'].includes(body?.fault)) return [400, { message: 'unknown fault' }]
      faults.set(patient, (faults.get(patient) ?? new Set()).add(body.fault))
      return [200, { patient, fault: body.fault }]
    },
  }
  return { routes }
}
