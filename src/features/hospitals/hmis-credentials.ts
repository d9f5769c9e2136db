import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { base64url } from '../../core/crypto'
import { queryRows, type Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { rotatedSecrets, SECRET_OVERLAP_HOURS } from '../../core/hospital-secrets'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { hmisRoute, type HospitalHandler } from '../../core/routes'
import { seal } from '../../core/sealed'
import { localDate } from '../../core/time'
import { hmisLinkOf } from '../../integrations/hmis/port'
import { activeHospital, forgetHospitalRecord } from './store'

// A hospital's own credential lifecycle, signed like every hospital call (docs/hmis-integration.md,
// "Credentials"): a new inbound signing secret, the replaced one accepted until an end date; the
// API key its HMIS issued us, replaced once its HMIS accepts the new one.

const RotateSecretSchema = z
  .object({
    previous_valid_hours: z
      .number()
      .int()
      .min(0)
      .max(SECRET_OVERLAP_HOURS.max)
      .optional()
      .openapi({
        description: `How long the secret that signed this call stays accepted (default ${SECRET_OVERLAP_HOURS.default}; 0 ends it now).`,
        example: 168,
      }),
  })
  .strict()
  .openapi('RotateInboundSecret')

const RotatedSecretSchema = z
  .object({
    secret: z
      .string()
      .openapi({ description: 'Sign every call with it from now on. Shown once.', example: 'hVj0V4m1c5kq2Xy0bH3nJ8sLw6Rt9Ua1Pe7Gd4Fz2Mc' }),
    previous_valid_until: z.string().datetime().openapi({
      description: 'Until then the secret that signed this call is accepted too; after it, refused (`signature_invalid`).',
      example: '2026-12-08T10:00:00.000Z',
    }),
  })
  .openapi('RotatedInboundSecret')

export const rotateInboundSecret = hmisRoute({
  method: 'post',
  path: '/v1/hmis/credentials/inbound-secret',
  operationId: 'rotateInboundSecret',
  tags: ['HMIS callbacks'],
  summary: 'A new signing secret for this hospital; the one that signed this call is accepted until previous_valid_until',
  description:
    'Retry-safe: if the answer is lost, sign the same call again with the old secret (still accepted) — the secret issued by the lost answer is then replaced, and the old one keeps the end it had (never later). Any third, older secret stops being accepted at once. 409 `conflict` when another rotation landed at the same moment: call again.',
  request: { body: jsonBody(RotateSecretSchema) },
  responses: { 200: jsonResponse(RotatedSecretSchema, 'The new secret.'), ...errorResponses(409) },
})

/** Replaces a hospital's sealed credentials only if nobody changed them since they were read (one statement). */
async function replaceCredentials(db: Db, hospitalId: string, before: string, after: string): Promise<void> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`update hospitals set credentials_sealed = ${after}, updated_at = now()
        where id = ${hospitalId} and credentials_sealed = ${before} returning id`,
  )
  if (!row) throw new ApiError('conflict', 'The credentials changed while this call ran (another rotation): call again.')
}

export const rotateInboundSecretHandler: HospitalHandler<typeof rotateInboundSecret> = async (c) => {
  const { db, config, log } = c.var.services
  const hours = c.req.valid('json').previous_valid_hours ?? SECRET_OVERLAP_HOURS.default
  // As the signature check read them: the compare-and-swap below refuses them if they changed since.
  const { sealed, open: credentials, signedWith } = c.var.hospitalCredentials
  const secret = base64url(crypto.getRandomValues(new Uint8Array(32)))
  // Signed with the replaced secret (a retry after a lost answer): it keeps the end it had, so that
  // rotating again can never keep an old secret alive.
  const signedWithPrevious = signedWith !== credentials.inbound_secrets[0] && credentials.previous_secret_until
  const until = new Date(
    Math.min(Date.now() + hours * 3_600_000, signedWithPrevious ? Date.parse(credentials.previous_secret_until!) : Infinity),
  )
  await replaceCredentials(
    db,
    c.var.hospitalId,
    sealed,
    await seal(config.HOSPITAL_SECRETS_KEY, rotatedSecrets(credentials, secret, signedWith, until)),
  )
  log.log('info', 'a hospital rotated its inbound signing secret', { hospital_id: c.var.hospitalId, previous_valid_until: until })
  return c.json({ secret, previous_valid_until: until.toISOString() }, 200, { 'Cache-Control': 'no-store' })
}

const ApiKeySchema = z
  .object({
    api_key: z
      .string()
      .min(16)
      .max(512)
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
      .openapi({
        description: 'The key your HMIS issued PHR Edge, sent as `Authorization: Bearer <api_key>`.',
        example: 'hmis-key-2026-12-9f3a',
      }),
  })
  .strict()
  .openapi('ReplaceApiKey')

const ApiKeyReplacedSchema = z
  .object({
    verified_at: z
      .string()
      .datetime()
      .openapi({ description: 'When your HMIS accepted the new key.', example: '2026-12-01T10:00:00.000Z' }),
    key_ends_with: z.string().openapi({ description: 'Its last four characters (the key is never echoed).', example: '9f3a' }),
  })
  .openapi('ApiKeyReplaced')

export const replaceApiKey = hmisRoute({
  method: 'put',
  path: '/v1/hmis/credentials/api-key',
  operationId: 'replaceApiKey',
  tags: ['HMIS callbacks'],
  summary: 'Give PHR Edge a new API key for its calls to your HMIS (tried against your HMIS first)',
  description:
    'PHR Edge first calls `GET /doctors/phr-edge-key-check` on your HMIS with the new key: any answer but 401/403 counts as accepted (a 404 is the expected one). Then every call uses it, within 60 seconds everywhere (what a server keeps of the registry); keep the old key accepted at least 10 minutes more. 422 `unprocessable` when your HMIS refused the new key (the old one stays in use); 502/503/504 when it could not be asked.',
  request: { body: jsonBody(ApiKeySchema) },
  responses: { 200: jsonResponse(ApiKeyReplacedSchema, 'Replaced.'), ...errorResponses(409, 422, 502, 504) },
})

export const replaceApiKeyHandler: HospitalHandler<typeof replaceApiKey> = async (c) => {
  const { db, config, log, integrations } = c.var.services
  const { api_key } = c.req.valid('json')
  const hospital = await activeHospital(db, c.var.hospitalId)
  const { sealed, open: credentials } = c.var.hospitalCredentials
  const replaced = await seal(config.HOSPITAL_SECRETS_KEY, { ...credentials, api_key })
  const today = localDate(new Date(), hospital.timezone)
  try {
    // An unknown doctor: the HMIS must authenticate us to say so, and the answer is never cached.
    await integrations
      .hmisFor({ ...hmisLinkOf(hospital), sealedCredentials: replaced })
      .doctor('phr-edge-key-check', { from: today, to: today })
  } catch (error) {
    if (error instanceof ApiError && (error.details as { credentials_refused?: boolean } | undefined)?.credentials_refused)
      throw new ApiError('unprocessable', 'Your HMIS refused the new key (401/403); PHR Edge keeps using the previous one.')
    throw error
  }
  await replaceCredentials(db, c.var.hospitalId, sealed, replaced)
  // Other isolates read the registry again within a minute (hospitalRecord): hence the 10 minutes.
  forgetHospitalRecord(c.var.hospitalId)
  log.log('info', 'a hospital replaced the API key it issued us', { hospital_id: c.var.hospitalId })
  return c.json({ verified_at: new Date().toISOString(), key_ends_with: api_key.slice(-4) }, 200)
}
