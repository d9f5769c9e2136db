import { ApiError } from '../../core/errors'
import { callUpstream, rejectUpstream } from '../../core/upstream'
import { abdmErrorCode, abdmGateway, SERVICE, type AbdmOptions } from './gateway'
import type { AbdmDataFlow } from './port'

/**
 * ABDM's data flow as our HIU, on the gateway host with the gateway session: a consent request for
 * the patient's own records, the grant acknowledged, the artefact fetched, the health information
 * asked for with our Fidelius key material, and what arrived reported. Each call is answered 202
 * and later by a callback naming the REQUEST-ID we chose (and stored) before sending it.
 */
export function abdmDataFlow(options: AbdmOptions): AbdmDataFlow {
  const { headers, withSession } = abdmGateway(options)
  const hiecm = `${options.gatewayBaseUrl}/api/hiecm`

  async function send(path: string, body: unknown, requestId: string = crypto.randomUUID()): Promise<void> {
    const response = await withSession((token) =>
      callUpstream(
        SERVICE,
        `${hiecm}${path}`,
        {
          method: 'POST',
          headers: headers({ Authorization: `Bearer ${token}`, 'REQUEST-ID': requestId, 'X-HIU-ID': options.hiuId }),
          body: JSON.stringify(body),
        },
        options.timeoutMs,
      ),
    )
    if (response.ok) {
      await response.body?.cancel()
      return
    }
    const code = await abdmErrorCode(response)
    options.log.log('warn', 'ABDM refused a data-flow call', { path, status: response.status, code })
    if (response.status === 400 || response.status === 404 || response.status === 409 || response.status === 422) {
      await response.body?.cancel()
      // Ours to fix or no longer possible (an expired or revoked consent): not worth retrying.
      throw new ApiError('conflict', 'ABDM refused this step of the transfer.', { details: { service: SERVICE, code } })
    }
    await rejectUpstream(SERVICE, response)
  }

  return {
    async requestConsent(requestId, request) {
      await send(
        '/consent/v3/request/init',
        {
          consent: {
            purpose: { text: 'Self Requested', code: 'PATRQT', refUri: 'http://terminology.hl7.org/ValueSet/v3-PurposeOfUse' },
            patient: { id: request.abhaAddress },
            hiu: { id: options.hiuId },
            ...(request.hipId ? { hip: { id: request.hipId } } : {}),
            careContexts: null,
            requester: {
              name: request.requesterName,
              identifier: { type: 'ABHA', value: request.abhaAddress, system: 'https://abdm.gov.in' },
            },
            hiTypes: request.hiTypes,
            permission: {
              accessMode: 'VIEW',
              dateRange: { from: request.from, to: request.to },
              dataEraseAt: request.eraseAt,
              frequency: { unit: 'HOUR', value: 1, repeats: 0 },
            },
          },
        },
        requestId,
      )
    },
    async acknowledgeConsent(notifyRequestId, consentIds) {
      await send('/consent/v3/request/hiu/on-notify', {
        acknowledgement: consentIds.map((consentId) => ({ status: 'OK', consentId })),
        response: { requestId: notifyRequestId },
      })
    },
    async fetchConsent(requestId, consentId) {
      await send('/consent/v3/fetch', { consentId }, requestId)
    },
    async requestHealthInformation(requestId, request) {
      await send(
        '/data-flow/v3/health-information/request',
        {
          hiRequest: {
            consent: { id: request.consentId },
            dateRange: { from: request.from, to: request.to },
            dataPushUrl: request.dataPushUrl,
            keyMaterial: {
              cryptoAlg: 'ECDH',
              curve: 'Curve25519',
              dhPublicKey: {
                expiry: request.keyMaterial.expiry,
                parameters: 'Curve25519/32byte random key',
                keyValue: request.keyMaterial.publicKey,
              },
              nonce: request.keyMaterial.nonce,
            },
          },
        },
        requestId,
      )
    },
    async notifyTransfer(notice) {
      await send('/data-flow/v3/health-information/notify', {
        notification: {
          consentId: notice.consentId,
          transactionId: notice.transactionId,
          doneAt: new Date().toISOString(),
          notifier: { type: 'HIU', id: options.hiuId },
          statusNotification: {
            sessionStatus: notice.status,
            hipId: notice.hipId,
            statusResponses: notice.careContexts.map((c) => ({
              careContextReference: c.careContextReference,
              hiStatus: c.ok ? 'OK' : 'ERRORED',
              description: c.description ?? (c.ok ? 'Received' : 'Not received'),
            })),
          },
        },
      })
    },
  }
}
