// The gateway's answers to our pulls (consent request made, granted or not, artefact fetched,
// health information asked for) and the hospitals' encrypted pages at our data push URL. Each
// callback is verified and applied once (bridge.ts); each moves a row only from the states it
// answers, so a late, repeated or out-of-order one changes nothing. Pages are idempotent by number.
import { createRoute, z } from '@hono/zod-openapi'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { sha256Hex, sha256HexOfBytes } from '../../core/crypto'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { storeThenSave } from '../../core/files'
import { notify } from '../../core/notify'
import { errorResponses, jsonBody } from '../../core/openapi'
import type { OutboxJob } from '../../core/outbox'
import type { PublicHandler } from '../../core/routes'
import { unseal } from '../../core/sealed'
import type { Services } from '../../core/types'
import { abdmAutoApprovals, abdmPulls, abdmTransfers, records, type AbdmTransferRow, type TransferOutcome } from '../../db/schema'
import { decrypt, FideliusError } from '../../integrations/abdm/fidelius'
import { Answering, answered, callbackRoute, Failure, failureText, once } from './bridge'
import { bundleRecord, UnreadableBundle } from './fhir-records'
import { addJob, endTransfer, eraseDueAbdmRecords, finishPullIfDone, movePull, moveTransfer, pullNotice } from './pull-store'

/** What we keep, sealed, to read one transfer's pages: our Fidelius key pair and nonce, and the secret of its push URL. */
export type TransferKeys = { privateKey: string; publicKey: string; nonce: string; pushToken: string }

const id64 = z.string().min(1).max(64)
const when = z.string().max(40)

const ConsentOnInit = z
  .object({ consentRequest: z.object({ id: id64 }).passthrough().nullish(), error: Failure, response: Answering })
  .passthrough()
  .openapi('AbdmConsentOnInit')
const ConsentNotify = z
  .object({
    notification: z
      .object({
        consentRequestId: id64,
        status: z.string().max(32),
        consentArtefacts: z
          .array(z.object({ id: id64 }).passthrough())
          .max(50)
          .nullish(),
      })
      .passthrough(),
  })
  .passthrough()
  .openapi('AbdmConsentNotify')
const ConsentOnFetch = z
  .object({
    consent: z
      .object({
        status: z.string().max(32).nullish(),
        consentDetail: z
          .object({
            consentId: id64,
            hip: z
              .object({ id: id64, name: z.string().max(256).nullish() })
              .passthrough()
              .nullish(),
            careContexts: z
              .array(z.object({ patientReference: z.string().max(256), careContextReference: z.string().min(1).max(256) }).passthrough())
              .max(500)
              .nullish(),
            hiTypes: z.array(z.string().max(64)).max(20).nullish(),
            permission: z.object({ dateRange: z.object({ from: when, to: when }).passthrough(), dataEraseAt: when }).passthrough(),
          })
          .passthrough(),
      })
      .passthrough()
      .nullish(),
    error: Failure,
    response: Answering,
  })
  .passthrough()
  .openapi('AbdmConsentOnFetch')
const HiOnRequest = z
  .object({
    hiRequest: z
      .object({ transactionId: z.string().min(1).max(128), sessionStatus: z.string().max(32).nullish() })
      .passthrough()
      .nullish(),
    error: Failure,
    response: Answering,
  })
  .passthrough()
  .openapi('AbdmHealthInformationOnRequest')

export const abdmConsentOnInit = callbackRoute(
  '/api/v3/hiu/consent/request/on-init',
  'abdmConsentOnInit',
  'ABDM: our consent request for the patient’s own records is made (or refused)',
  ConsentOnInit,
)
export const abdmConsentNotify = callbackRoute(
  '/api/v3/hiu/consent/request/notify',
  'abdmConsentNotify',
  'ABDM: the patient granted, denied or revoked our consent request, or it expired',
  ConsentNotify,
  ' 404 (not applied: ABDM retries) while the request’s id is not known here yet — its on-init still on the way.',
)
export const abdmConsentOnFetch = callbackRoute(
  '/api/v3/hiu/consent/on-fetch',
  'abdmConsentOnFetch',
  'ABDM: a consent artefact',
  ConsentOnFetch,
)
export const abdmHealthInformationOnRequest = callbackRoute(
  '/api/v3/hiu/health-information/on-request',
  'abdmHealthInformationOnRequest',
  'ABDM: the hospital took our request for health information',
  HiOnRequest,
)

const sendAfter = (services: Services, jobs: OutboxJob[] | undefined) => {
  if (jobs?.length) services.outbox.send(jobs)
}

export const abdmConsentOnInitHandler: PublicHandler<typeof abdmConsentOnInit> = async (c) => {
  const body = c.req.valid('json')
  const requestId = answered(body.response.requestId)
  if (requestId)
    await once(c, async (db) => {
      const id = body.consentRequest?.id
      const pull = await movePull(
        db,
        { initRequestId: requestId },
        ['requesting', 'failed'],
        body.error || !id
          ? { status: 'failed', error: failureText(body.error, 'ABDM did not take the request.') }
          : { status: 'awaiting_approval', consentRequestId: id, error: null },
      )
      if (!pull) return
      if (pull.status === 'failed') {
        await notify(
          db,
          pullNotice(
            pull,
            'failed',
            { en: 'Your records could not be requested', hi: 'आपके रिकॉर्ड माँगे नहीं जा सके' },
            { en: pull.error ?? 'ABDM did not take the request.', hi: 'ABDM ने अनुरोध नहीं लिया।' },
          ),
        )
        return
      }
      const [auto] = await db.select().from(abdmAutoApprovals).where(eq(abdmAutoApprovals.patientId, pull.patientId))
      if (!auto?.enabled)
        await notify(
          db,
          pullNotice(
            pull,
            'awaiting_approval',
            { en: 'Approve to get your records', hi: 'रिकॉर्ड पाने के लिए मंज़ूरी दें' },
            {
              en: 'Your request for your own records is in your ABDM consent inbox: approve it, for all hospitals or some.',
              hi: 'आपके रिकॉर्ड का अनुरोध ABDM सहमति इनबॉक्स में है: मंज़ूरी दें।',
            },
          ),
        )
    })
  return c.body(null, 202)
}

export const abdmConsentNotifyHandler: PublicHandler<typeof abdmConsentNotify> = async (c) => {
  const services = c.var.services
  const { consentRequestId, status, consentArtefacts } = c.req.valid('json').notification
  const artefactIds = [...new Set((consentArtefacts ?? []).map((a) => a.id))]
  let erased: string | undefined
  const jobs = await once(c, async (db) => {
    const [pull] = await db.select().from(abdmPulls).where(eq(abdmPulls.consentRequestId, consentRequestId))
    // Not known (yet): ABDM's on-init, which names the request, may still be on its way. Refused and
    // not applied, so that ABDM's retry applies it once it is known.
    if (!pull) throw new ApiError('not_found', 'No consent request of ours has this id (yet).')
    if (status === 'GRANTED') return granted(db, pull, c.req.header('request-id')!.toLowerCase(), artefactIds)
    if (status === 'DENIED' || (status === 'EXPIRED' && artefactIds.length === 0)) {
      const ended = await movePull(db, { id: pull.id }, ['requesting', 'awaiting_approval'], {
        status: status === 'DENIED' ? 'denied' : 'expired',
        error: status === 'DENIED' ? 'I denied the request.' : 'Nobody approved the request in time.',
      })
      if (ended)
        await notify(
          db,
          pullNotice(
            pull,
            ended.status,
            { en: 'No records pulled', hi: 'कोई रिकॉर्ड नहीं आया' },
            {
              en: status === 'DENIED' ? 'You denied the request for your records.' : 'The request for your records expired unanswered.',
              hi: status === 'DENIED' ? 'आपने अपने रिकॉर्ड का अनुरोध मना किया।' : 'अनुरोध का उत्तर समय पर नहीं मिला।',
            },
          ),
        )
      return []
    }
    if ((status === 'REVOKED' || status === 'EXPIRED') && artefactIds.length > 0) {
      // The consent ended: what came under it is erased now.
      const ended = await db
        .update(abdmTransfers)
        .set({ status: 'revoked', updatedAt: sql`now()` })
        .where(and(eq(abdmTransfers.pullId, pull.id), inArray(abdmTransfers.consentId, artefactIds)))
        .returning({ id: abdmTransfers.id })
      await db
        .update(records)
        .set({ eraseAt: sql`now()` })
        .where(
          and(
            eq(records.patientId, pull.patientId),
            eq(records.source, 'abdm'),
            inArray(sql`${records.metadata} -> 'abdm' ->> 'consent_id'`, artefactIds),
          ),
        )
      erased = pull.patientId
      if (ended.length > 0) {
        await notify(
          db,
          pullNotice(
            pull,
            `revoked:${artefactIds.join(',')}`,
            { en: 'Pulled records removed', hi: 'लाए गए रिकॉर्ड हटाए गए' },
            {
              en: 'The consent they came under ended, so the records pulled through it were erased.',
              hi: 'सहमति समाप्त हुई, इसलिए उससे आए रिकॉर्ड मिटा दिए गए।',
            },
          ),
        )
      }
      await finishPullIfDone(db, pull.id)
    }
    return []
  })
  sendAfter(services, jobs)
  if (erased) await eraseDueAbdmRecords(services, erased)
  return c.body(null, 202)
}

/** The grant: one transfer per hospital's artefact, each to fetch, and ABDM's notification acknowledged. */
async function granted(db: Db, pull: typeof abdmPulls.$inferSelect, notifyRequestId: string, artefactIds: string[]) {
  const moved = await movePull(db, { id: pull.id }, ['requesting', 'awaiting_approval'], {
    status: 'granted',
    notifyRequestId,
    error: null,
  })
  if (!moved || artefactIds.length === 0) return []
  const transfers = await db
    .insert(abdmTransfers)
    .values(
      artefactIds.map((consentId) => ({
        id: crypto.randomUUID(),
        pullId: pull.id,
        patientId: pull.patientId,
        consentId,
        fetchRequestId: crypto.randomUUID(),
      })),
    )
    .onConflictDoNothing()
    .returning()
  const jobs = [await addJob(db, 'abdm_pull_ack', pull.id, pull.patientId)]
  for (const transfer of transfers) jobs.push(await addJob(db, 'abdm_transfer_fetch', transfer.id, pull.patientId))
  return jobs
}

export const abdmConsentOnFetchHandler: PublicHandler<typeof abdmConsentOnFetch> = async (c) => {
  const body = c.req.valid('json')
  const requestId = answered(body.response.requestId)
  const jobs = requestId
    ? await once(c, async (db) => {
        const detail = body.consent?.consentDetail
        const dates = detail && {
          from: Date.parse(detail.permission.dateRange.from),
          to: Date.parse(detail.permission.dateRange.to),
          eraseAt: Date.parse(detail.permission.dataEraseAt),
        }
        const refusal = body.error
          ? failureText(body.error, 'ABDM did not give the consent.')
          : !detail || !detail.hip || !dates || Object.values(dates).some(Number.isNaN)
            ? 'ABDM sent a consent artefact without its hospital or dates.'
            : body.consent?.status && body.consent.status !== 'GRANTED'
              ? `The consent is ${body.consent.status.toLowerCase()}.`
              : undefined
        const transfer = await moveTransfer(
          db,
          { fetchRequestId: requestId },
          ['fetching'],
          refusal || !detail?.hip || !dates
            ? { status: 'failed', error: refusal, hipId: detail?.hip?.id ?? null, hipName: detail?.hip?.name ?? null }
            : {
                status: 'requesting',
                hipId: detail.hip.id,
                hipName: detail.hip.name ?? null,
                careContexts: (detail.careContexts ?? []).map((cc) => ({
                  patientReference: cc.patientReference,
                  careContextReference: cc.careContextReference,
                })),
                hiTypes: detail.hiTypes ?? [],
                dateFrom: new Date(dates.from),
                dateTo: new Date(dates.to),
                eraseAt: new Date(dates.eraseAt),
                hiRequestId: crypto.randomUUID(),
              },
        )
        if (!transfer) return []
        if (transfer.status === 'failed') return endTransfer(db, transfer)
        return [await addJob(db, 'abdm_transfer_request', transfer.id, transfer.patientId)]
      })
    : undefined
  sendAfter(c.var.services, jobs)
  return c.body(null, 202)
}

export const abdmHealthInformationOnRequestHandler: PublicHandler<typeof abdmHealthInformationOnRequest> = async (c) => {
  const body = c.req.valid('json')
  const requestId = answered(body.response.requestId)
  const jobs = requestId
    ? await once(c, async (db) => {
        const refused = body.error || !body.hiRequest || body.hiRequest.sessionStatus === 'FAILED'
        const transfer = await moveTransfer(
          db,
          { hiRequestId: requestId },
          ['requesting'],
          refused
            ? { status: 'failed', error: failureText(body.error, 'The hospital did not take the request.') }
            : { status: 'receiving', transactionId: body.hiRequest!.transactionId },
        )
        return transfer?.status === 'failed' ? endTransfer(db, transfer) : []
      })
    : undefined
  sendAfter(c.var.services, jobs)
  return c.body(null, 202)
}

// The hospital's pages ----------------------------------------------------------------------------

const DataPush = z
  .object({
    pageNumber: z.number().int().min(1).max(1000),
    pageCount: z.number().int().min(1).max(1000),
    transactionId: z.string().min(1).max(128),
    entries: z
      .array(
        z
          .object({
            content: z.string().min(1),
            media: z.string().max(100).nullish(),
            checksum: z.string().max(256).nullish(),
            careContextReference: z.string().min(1).max(256),
          })
          .passthrough(),
      )
      .max(100),
    keyMaterial: z
      .object({
        cryptoAlg: z.string().max(32).nullish(),
        curve: z.string().max(32).nullish(),
        dhPublicKey: z
          .object({ expiry: when.nullish(), parameters: z.string().max(128).nullish(), keyValue: z.string().min(1).max(1024) })
          .passthrough(),
        nonce: z.string().min(1).max(128),
      })
      .passthrough(),
  })
  .passthrough()
  .refine((push) => push.pageNumber <= push.pageCount, { message: 'pageNumber is past pageCount', path: ['pageNumber'] })
  .openapi('AbdmDataPush', {
    example: {
      pageNumber: 1,
      pageCount: 2,
      transactionId: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b',
      entries: [
        {
          content: 'pzMvVZNNVtJzqPkkxcCbBUWgK40=',
          media: 'application/fhir+json',
          checksum: '6f1ed002ab5595859014ebf0951522d9',
          careContextReference: 'OPD-2026-10-03',
        },
      ],
      keyMaterial: {
        cryptoAlg: 'ECDH',
        curve: 'Curve25519',
        dhPublicKey: {
          expiry: '2026-12-02T10:00:00.000Z',
          parameters: 'Curve25519/32byte random key',
          keyValue: 'BEQ2yH7uYbuWbpfXkyd8nVdWp6PYdyG6wXK0QzZPkmWIJ3qrRXq9S2y4DG4d8F6xIh5nKwvZ0Gg7tW0mB0Lq3c0=',
        },
        nonce: '6kVvbBvCqT3Rr0bY0cXy9bGv6WkQn2dZp5W7YqjZb0E=',
      },
    },
  })

export const abdmDataPush = createRoute({
  method: 'post',
  path: '/abdm/data-push/{token}',
  operationId: 'abdmDataPush',
  tags: ['ABDM gateway'],
  // No header credential: the secret path is it.
  security: [],
  summary: 'A hospital pushes one page of the health information we asked for (Fidelius-encrypted FHIR bundles)',
  description:
    'The `dataPushUrl` of one transfer: its secret path is the only credential (a hospital pushes without the gateway). A page sent again is acknowledged and stores nothing new. Each entry is decrypted with the key material we sent; one that does not decrypt or is not a FHIR document bundle is recorded as failed for its visit, the others kept.',
  request: {
    params: z.object({
      token: z
        .string()
        .regex(/^[A-Za-z0-9_-]{20,128}$/)
        .openapi({ param: { name: 'token', in: 'path' }, example: 'q3Xk9vT2mB8nR4wL6yP1sD7fG0hJ5aZ2cV8bN3mK4xQ' }),
    }),
    body: jsonBody(DataPush),
  },
  responses: { 202: { description: 'Taken.' }, ...errorResponses(400, 404, 409, 413, 415) },
})

export const abdmDataPushHandler: PublicHandler<typeof abdmDataPush> = async (c) => {
  const services = c.var.services
  const { db, config } = services
  const push = c.req.valid('json')
  const [transfer] = await db
    .select()
    .from(abdmTransfers)
    .where(eq(abdmTransfers.pushTokenHash, await sha256Hex(c.req.valid('param').token)))
  if (!transfer || !config.ABDM_TOKENS_KEY || !transfer.keyMaterial || !['requesting', 'receiving'].includes(transfer.status))
    throw new ApiError('not_found', 'No transfer waits for data at this address.')
  if (transfer.transactionId && transfer.transactionId !== push.transactionId)
    throw new ApiError('conflict', 'This transactionId is not the one of this transfer.')
  if (transfer.pagesReceived.includes(push.pageNumber)) return c.body(null, 202)

  const keys = await unseal<TransferKeys>(config.ABDM_TOKENS_KEY, transfer.keyMaterial)
  const theirs = { publicKey: push.keyMaterial.dhPublicKey.keyValue, nonce: push.keyMaterial.nonce }
  const outcomes: TransferOutcome[] = []
  let added = 0
  for (const entry of push.entries) {
    const outcome = await keepEntry(services, transfer, entry, keys, theirs)
    outcomes.push(outcome.result)
    if (outcome.added) added++
  }

  const jobs = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(abdmTransfers)
      .set({
        pagesReceived: sql`array_append(${abdmTransfers.pagesReceived}, ${push.pageNumber}::int)`,
        pageCount: push.pageCount,
        outcomes: sql`${abdmTransfers.outcomes} || ${JSON.stringify(outcomes)}::jsonb`,
        recordsReceived: sql`${abdmTransfers.recordsReceived} + ${added}::int`,
        transactionId: sql`coalesce(${abdmTransfers.transactionId}, ${push.transactionId})`,
        status: sql`case when cardinality(${abdmTransfers.pagesReceived}) + 1 >= ${push.pageCount}::int then 'transferred' else 'receiving' end`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(abdmTransfers.id, transfer.id),
          inArray(abdmTransfers.status, ['requesting', 'receiving']),
          sql`not (${push.pageNumber}::int = any(${abdmTransfers.pagesReceived}))`,
        ),
      )
      .returning()
    return updated?.status === 'transferred' ? endTransfer(tx, updated) : []
  })
  sendAfter(services, jobs)
  services.log.log('info', 'ABDM page received', { transfer_id: transfer.id, page: push.pageNumber, of: push.pageCount, added })
  return c.body(null, 202)
}

/** One entry made a record of mine (stored once: the same bundle again updates nothing but its consent), or why not. */
async function keepEntry(
  services: Services,
  transfer: AbdmTransferRow,
  entry: { content: string; careContextReference: string },
  ours: TransferKeys,
  theirs: { publicKey: string; nonce: string },
): Promise<{ result: TransferOutcome; added: boolean }> {
  const reference = entry.careContextReference
  const failed = (description: string) => ({ result: { careContextReference: reference, ok: false, description }, added: false })
  if (transfer.careContexts?.length && !transfer.careContexts.some((cc) => cc.careContextReference === reference))
    return failed('This visit is not in the consent.')
  let plaintext: Uint8Array
  try {
    plaintext = await decrypt(entry.content, ours, theirs)
  } catch (error) {
    if (error instanceof FideliusError) return failed('Could not be decrypted.')
    throw error
  }
  const hospital = transfer.hipName ?? transfer.hipId ?? 'a hospital'
  let made: ReturnType<typeof bundleRecord>
  try {
    made = bundleRecord(plaintext, hospital)
  } catch (error) {
    if (error instanceof UnreadableBundle) return failed(`Not a FHIR document bundle (${error.message}).`)
    throw error
  }
  const sha256 = await sha256HexOfBytes(made.file.bytes)
  const externalId = `${transfer.hipId}:${reference}:${made.isBundle ? sha256 : await sha256HexOfBytes(plaintext)}`
  const storageKey = `records/${crypto.randomUUID()}`
  const metadata = {
    abdm: {
      hip_id: transfer.hipId!,
      ...(transfer.hipName ? { hip_name: transfer.hipName } : {}),
      care_context: reference,
      ...(made.hiType ? { hi_type: made.hiType } : {}),
      consent_id: transfer.consentId,
      ...(made.composition ? { composition: made.composition } : {}),
      ...(made.isBundle ? { fhir_bundle: true } : {}),
    },
  }
  const put = { key: storageKey, body: made.file.bytes, contentType: made.file.contentType, sha256 }
  const [row] = await storeThenSave(services.files(), services.log, put, () =>
    services.db
      .insert(records)
      .values({
        id: crypto.randomUUID(),
        patientId: transfer.patientId,
        source: 'abdm',
        type: made.type,
        title: made.title,
        // The same bundle from the same visit is one record, whichever pull brought it.
        externalId,
        storageKey,
        contentType: made.file.contentType,
        sizeBytes: made.file.bytes.length,
        sha256,
        recordDate: made.recordDate,
        metadata,
        eraseAt: transfer.eraseAt,
      })
      .onConflictDoUpdate({
        target: [records.patientId, records.externalId],
        targetWhere: sql`source = 'abdm'`,
        // The newest consent governs a record several pulls brought.
        set: { metadata, eraseAt: transfer.eraseAt },
      })
      .returning({ storageKey: records.storageKey, added: sql<boolean>`xmax = 0` }),
  )
  if (row && row.storageKey !== storageKey) await services.files().delete(storageKey)
  return { result: { careContextReference: reference, ok: true }, added: Boolean(row?.added) }
}
