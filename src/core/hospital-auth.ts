import { and, eq, sql } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { hospitals } from '../db/schema'
import { hmacSha256HexOfParts, timingSafeEqual } from './crypto'
import { queryRows, type Db } from './db'
import { ApiError, type hospitalAuthCodes } from './errors'
import { acceptedSecrets, SANDBOX_HOSPITAL, type HospitalCredentials } from './hospital-secrets'
import { unseal } from './sealed'
import type { HospitalEnv } from './types'

type HospitalAuthCode = (typeof hospitalAuthCodes)[number]

const refused = (code: HospitalAuthCode, message: string, details?: Record<string, unknown>) =>
  new ApiError(code, message, { details, headers: { 'WWW-Authenticate': 'PHR-Signature' } })

/**
 * Hospital (HMIS) routes (hmisRoute adds it): `X-PHR-Hospital` (the HFR id), `X-PHR-Timestamp`
 * (Unix seconds, within HMIS_SIGNATURE_TOLERANCE_SECONDS) and `X-PHR-Signature: v1=<hex>` — an
 * HMAC-SHA256 of `<timestamp>.<METHOD>.<path and query>.<raw body>` with one of the hospital's
 * inbound secrets (two during a rotation, the replaced one until its end date), compared in
 * constant time; hex in either case. The method and path are signed, so a signature is good for one
 * call only. A write's signature is accepted once (a replay is refused); a read (GET) may be
 * repeated within the window: it changes nothing, and every read of a patient's records is in their
 * access log. Each refusal has its own code (hospitalAuthCodes) and says what to fix, never a secret.
 * The sandbox hospital (core/hospital-secrets) does not exist in production.
 */
export const requireHospital = createMiddleware<HospitalEnv>(async (c, next) => {
  const { db, config } = c.var.services
  const hfrId = c.req.header('x-phr-hospital')?.trim().toUpperCase()
  const timestamp = c.req.header('x-phr-timestamp')?.trim()
  const header = c.req.header('x-phr-signature')
  const missing = [!hfrId && 'X-PHR-Hospital', !timestamp && 'X-PHR-Timestamp', !header && 'X-PHR-Signature'].filter(Boolean)
  if (missing.length > 0) throw refused('signature_invalid', `Sign the request: ${missing.join(', ')} missing.`)
  const signatures = header!
    .split(',')
    .map((part) =>
      part
        .trim()
        .match(/^v1=([0-9a-f]{64})$/i)?.[1]
        ?.toLowerCase(),
    )
    .filter((s): s is string => Boolean(s))
  if (signatures.length === 0)
    throw refused('signature_invalid', 'X-PHR-Signature must be `v1=` and 64 hex digits (several comma-separated during a rotation).')
  const now = Date.now()
  if (!/^\d{1,12}$/.test(timestamp!) || Math.abs(now / 1000 - Number(timestamp)) > config.HMIS_SIGNATURE_TOLERANCE_SECONDS) {
    throw refused(
      'timestamp_out_of_range',
      `X-PHR-Timestamp must be the Unix time in seconds, within ${config.HMIS_SIGNATURE_TOLERANCE_SECONDS} s of ours: check the clock (NTP).`,
      { server_time: Math.floor(now / 1000), tolerance_seconds: config.HMIS_SIGNATURE_TOLERANCE_SECONDS },
    )
  }
  const [hospital] =
    config.ENVIRONMENT === 'production' && hfrId === SANDBOX_HOSPITAL.hfrId
      ? []
      : await db
          .select({ id: hospitals.id, credentials: hospitals.credentialsSealed })
          .from(hospitals)
          .where(and(eq(hospitals.hfrId, hfrId!), eq(hospitals.active, true)))
  if (!hospital) throw refused('hospital_unknown', `No hospital with HFR id ${hfrId} is registered here; ask PHR Edge to register it.`)
  const credentials = await unseal<HospitalCredentials>(config.HOSPITAL_SECRETS_KEY, hospital.credentials)
  // Read only now that the caller could be who it says; the body is kept (the handler reads the
  // same buffer) and hashed as it is, never copied.
  const body = new Uint8Array(await c.req.arrayBuffer())
  const url = new URL(c.req.url)
  const prefix = new TextEncoder().encode(`${timestamp}.${c.req.method}.${url.pathname}${url.search}.`)
  const secrets = acceptedSecrets(credentials)
  const expected = await Promise.all(secrets.map(async (s) => ({ ...s, hex: await hmacSha256HexOfParts(s.secret, [prefix, body]) })))
  let matched: { secret: string; signature: string } | undefined
  let expired: Date | undefined
  for (const given of signatures) {
    for (const wanted of expected) {
      if (!timingSafeEqual(given, wanted.hex)) continue
      if (wanted.until && wanted.until.getTime() <= now) expired = wanted.until
      else matched ??= { secret: wanted.secret, signature: given }
    }
  }
  if (!matched && expired)
    throw refused('signature_invalid', 'Signed with a replaced secret past its end date: sign with the new one.', {
      secret_expired_at: expired.toISOString(),
    })
  if (!matched)
    throw refused(
      'signature_invalid',
      'The signature does not match: sign "<X-PHR-Timestamp>.<METHOD>.<path and query>.<raw body>" with your inbound secret (docs/hmis-integration.md has test vectors).',
    )
  c.set('hospitalId', hospital.id)
  c.set('hospitalCredentials', { sealed: hospital.credentials, open: credentials, signedWith: matched.secret })
  if (c.req.method === 'GET') return next()
  const [fresh] = await queryRows<{ signature: string }>(
    db,
    sql`insert into hmis_signatures (signature, expires_at) values (${matched.signature}, now() + make_interval(secs => ${config.HMIS_SIGNATURE_TOLERANCE_SECONDS * 2}))
        on conflict (signature) do nothing returning signature`,
  )
  if (!fresh)
    throw refused('signature_replayed', 'This signed request was received before: sign each call, and each retry, with a fresh timestamp.')
  await next()
})

/**
 * Records a hospital's event id inside the transaction that applies it: false when it was applied
 * before (a redelivery), so that every event a hospital sends takes effect once.
 */
export async function firstHmisEvent(tx: Db, hospitalId: string, eventId: string): Promise<boolean> {
  const [fresh] = await queryRows<{ event_id: string }>(
    tx,
    sql`insert into hmis_events (hospital_id, event_id) values (${hospitalId}, ${eventId}) on conflict do nothing returning event_id`,
  )
  return Boolean(fresh)
}
