// The gateway's callbacks at our bridge URL, on ABDM's own paths: each verified (the gateway's RS256
// JWT), applied once (by its REQUEST-ID, in the transaction that applies it), and matched to our call
// by the `response.requestId` it answers — stored before that call was sent, so a callback that
// overtakes our call's own response finds its row.
import { createRoute, z } from '@hono/zod-openapi'
import { createMiddleware } from 'hono/factory'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonBody } from '../../core/openapi'
import { notify } from '../../core/notify'
import type { AppEnv } from '../../core/types'
import type { PublicHandler } from '../../core/routes'
import type { DiscoveredPatientRow } from '../../db/schema'
import { firstDelivery, moveDiscovery } from './store'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const requireGateway = createMiddleware<AppEnv>(async (c, next) => {
  if (!(await c.var.services.integrations.abdmLinking.isGatewayCall(c.req.header('authorization'))))
    throw new ApiError('unauthorized', 'Only ABDM’s gateway calls here: a valid gateway token is required.')
  if (!UUID.test(c.req.header('request-id') ?? '')) throw new ApiError('validation_failed', 'REQUEST-ID must be a UUID.')
  await next()
})

const text = z.string().max(512)
const CareContext = z.object({ referenceNumber: z.string().min(1).max(256), display: text.nullish() }).passthrough()
const Patient = z
  .object({
    referenceNumber: z.string().min(1).max(256),
    display: text.nullish(),
    careContexts: z.array(CareContext).max(500).default([]),
    hiType: z.string().max(64).nullish(),
  })
  .passthrough()
const Patients = z.union([Patient, z.array(Patient).max(50)]).nullish()
export const Failure = z
  .object({ code: z.union([z.string(), z.number()]).nullish(), message: text.nullish() })
  .passthrough()
  .nullish()
export const Answering = z.object({ requestId: z.string().max(64) }).passthrough()

const OnDiscover = z
  .object({ transactionId: z.string().max(128).nullish(), patient: Patients, error: Failure, response: Answering })
  .passthrough()
  .openapi('AbdmOnDiscover')
const OnInit = z
  .object({
    transactionId: z.string().max(128).nullish(),
    link: z
      .object({
        referenceNumber: z.string().min(1).max(256),
        authenticationType: z.string().max(32).nullish(),
        meta: z
          .object({ communicationMedium: text.nullish(), communicationHint: text.nullish(), communicationExpiry: text.nullish() })
          .passthrough()
          .nullish(),
      })
      .passthrough()
      .nullish(),
    error: Failure,
    response: Answering,
  })
  .passthrough()
  .openapi('AbdmOnInit')
const OnConfirm = z.object({ patient: Patients, error: Failure, response: Answering }).passthrough().openapi('AbdmOnConfirm')

const toRows = (patients: z.infer<typeof Patients>): DiscoveredPatientRow[] =>
  (patients ? (Array.isArray(patients) ? patients : [patients]) : []).map((p) => ({
    reference: p.referenceNumber,
    display: p.display ?? undefined,
    hiType: p.hiType ?? undefined,
    careContexts: p.careContexts.map((c) => ({ reference: c.referenceNumber, display: c.display ?? undefined })),
  }))
export const failureText = (error: z.infer<typeof Failure>, fallback: string) => (error?.message ? error.message.slice(0, 300) : fallback)

export function callbackRoute<P extends string, S extends z.ZodTypeAny>(
  path: P,
  operationId: string,
  summary: string,
  body: S,
  description = '',
) {
  return createRoute({
    method: 'post',
    path,
    operationId,
    tags: ['ABDM gateway'],
    summary,
    description: `Called by ABDM’s gateway only (its RS256 JWT as \`Authorization: Bearer\`, a \`REQUEST-ID\`); a repeated REQUEST-ID is acknowledged and not applied again.${description}`,
    security: [{ abdmGateway: [] }],
    middleware: [requireGateway] as const,
    request: { body: jsonBody(body) },
    responses: { 202: { description: 'Accepted.' }, ...errorResponses(400, 401, 404, 413, 415) },
  })
}

export const abdmOnDiscover = callbackRoute(
  '/api/v3/hiu/patient/care-context/on-discover',
  'abdmOnDiscover',
  'ABDM: what a hospital found for a discovery',
  OnDiscover,
)
export const abdmOnInit = callbackRoute(
  '/api/v3/hiu/patient/care-context/on-init',
  'abdmOnInit',
  'ABDM: a link was started (the code is sent)',
  OnInit,
)
export const abdmOnConfirm = callbackRoute(
  '/api/v3/hiu/patient/care-context/on-confirm',
  'abdmOnConfirm',
  'ABDM: the link is confirmed, or refused',
  OnConfirm,
)

/** Applies a callback once, in one transaction with the note that it was applied: what it returned, or undefined for a repeat. */
export async function once<T>(
  c: { var: AppEnv['Variables']; req: { header(name: string): string | undefined; path: string } },
  apply: (db: AppEnv['Variables']['services']['db']) => Promise<T>,
): Promise<T | undefined> {
  const { db, log } = c.var.services
  return db.transaction(async (tx) => {
    if (!(await firstDelivery(tx, c.req.header('request-id')!.toLowerCase(), c.req.path))) {
      log.log('info', 'ABDM callback repeated; not applied again', { path: c.req.path })
      return undefined
    }
    return apply(tx)
  })
}

/** Our request a callback answers, when it is one of ours (a UUID); anything else is acknowledged and ignored. */
export const answered = (requestId: string) => (UUID.test(requestId) ? requestId.toLowerCase() : undefined)

export const abdmOnDiscoverHandler: PublicHandler<typeof abdmOnDiscover> = async (c) => {
  const body = c.req.valid('json')
  const requestId = answered(body.response.requestId)
  if (requestId)
    await once(c, async (db) => {
      const found = toRows(body.patient).filter((p) => p.careContexts.length > 0)
      const moved = await moveDiscovery(
        db,
        { discoverRequestId: requestId },
        ['searching', 'failed'],
        body.error || found.length === 0 || !body.transactionId
          ? {
              status: 'not_found',
              error: failureText(body.error, 'The hospital found no visits of mine.'),
              transactionId: body.transactionId ?? null,
            }
          : { status: 'found', patients: found, transactionId: body.transactionId, error: null },
      )
      if (!moved) c.var.services.log.log('info', 'ABDM on-discover for no waiting discovery', {})
    })
  return c.body(null, 202)
}

export const abdmOnInitHandler: PublicHandler<typeof abdmOnInit> = async (c) => {
  const body = c.req.valid('json')
  const requestId = answered(body.response.requestId)
  if (requestId)
    await once(c, async (db) => {
      const expiry = body.link?.meta?.communicationExpiry ? Date.parse(body.link.meta.communicationExpiry) : Number.NaN
      await moveDiscovery(
        db,
        { linkRequestId: requestId },
        ['linking'],
        body.error || !body.link
          ? { status: 'found', error: failureText(body.error, 'The hospital could not start the link.') }
          : {
              status: 'otp_sent',
              linkReference: body.link.referenceNumber,
              otpExpiresAt: Number.isNaN(expiry) ? null : new Date(expiry),
              error: null,
            },
      )
    })
  return c.body(null, 202)
}

export const abdmOnConfirmHandler: PublicHandler<typeof abdmOnConfirm> = async (c) => {
  const body = c.req.valid('json')
  const requestId = answered(body.response.requestId)
  if (requestId)
    await once(c, async (db) => {
      if (body.error) {
        await moveDiscovery(db, { confirmRequestId: requestId }, ['confirming'], {
          status: 'otp_sent',
          error: failureText(body.error, 'The hospital refused the code.'),
        })
        return
      }
      const linked = await moveDiscovery(db, { confirmRequestId: requestId }, ['confirming'], { status: 'linked', error: null })
      if (!linked) return
      const visits = (linked.chosen ?? []).reduce((n, p) => n + p.careContexts.length, 0)
      const where = linked.hipName ?? linked.hipId
      await notify(db, {
        patientId: linked.patientId,
        type: 'abdm_records_linked',
        title: { en: 'Hospital visits linked', hi: 'अस्पताल की विज़िट जुड़ गईं' },
        body: {
          en: `${visits} visit${visits === 1 ? '' : 's'} at ${where} now linked to your ABHA.`,
          hi: `${where} की ${visits} विज़िट आपके ABHA से जुड़ गईं।`,
        },
        link: { kind: 'abdm_discovery', id: linked.id },
        dedupeKey: `abdm-linked:${linked.id}`,
      })
    })
  return c.body(null, 202)
}
