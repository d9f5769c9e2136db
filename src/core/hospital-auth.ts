import { and, eq, sql } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { hospitals } from '../db/schema'
import { hmacSha256HexOfParts, timingSafeEqual } from './crypto'
import { queryRows, type Db } from './db'
import { ApiError } from './errors'
import { unseal } from './sealed'
import type { HospitalEnv } from './types'

const refused = (message: string) => new ApiError('unauthorized', message, { headers: { 'WWW-Authenticate': 'PHR-Signature' } })

/**
 * Hospital (HMIS) routes (hmisRoute adds it): `X-PHR-Hospital` (the HFR id), `X-PHR-Timestamp`
 * (Unix seconds, within HMIS_SIGNATURE_TOLERANCE_SECONDS) and `X-PHR-Signature: v1=<hex>` — an
 * HMAC-SHA256 of `<timestamp>.<METHOD>.<path and query>.<raw body>` with one of the hospital's
 * inbound secrets (two during a rotation), compared in constant time. The method and path are
 * signed, so a signature is good for one call only. A write's signature is accepted once (a replay
 * is refused); a read (GET) may be repeated within the window: it changes nothing, and every read
 * of a patient's records is in their access log.
 */
export const requireHospital = createMiddleware<HospitalEnv>(async (c, next) => {
  const { db, config } = c.var.services
  const hfrId = c.req.header('x-phr-hospital')?.toUpperCase()
  const timestamp = c.req.header('x-phr-timestamp')
  const signatures = (c.req.header('x-phr-signature') ?? '')
    .split(',')
    .map((part) => part.trim().match(/^v1=([0-9a-f]{64})$/)?.[1])
    .filter((s): s is string => Boolean(s))
  if (!hfrId || !timestamp || signatures.length === 0)
    throw refused('Sign the request: X-PHR-Hospital, X-PHR-Timestamp and X-PHR-Signature.')
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > config.HMIS_SIGNATURE_TOLERANCE_SECONDS) {
    throw refused('The signature timestamp is missing or too far from now.')
  }
  const [hospital] = await db
    .select({ id: hospitals.id, credentials: hospitals.credentialsSealed })
    .from(hospitals)
    .where(and(eq(hospitals.hfrId, hfrId), eq(hospitals.active, true)))
  if (!hospital) throw refused('The signature is not valid.')
  const secrets = (await unseal<{ inbound_secrets: string[] }>(config.HOSPITAL_SECRETS_KEY, hospital.credentials)).inbound_secrets
  // Read only now that the caller could be who it says; the body is kept (the handler reads the
  // same buffer) and hashed as it is, never copied.
  const body = new Uint8Array(await c.req.arrayBuffer())
  const url = new URL(c.req.url)
  const prefix = new TextEncoder().encode(`${timestamp}.${c.req.method}.${url.pathname}${url.search}.`)
  const expected = await Promise.all(secrets.map((secret) => hmacSha256HexOfParts(secret, [prefix, body])))
  const match = signatures.find((given) => expected.some((wanted) => timingSafeEqual(given, wanted)))
  if (!match) throw refused('The signature is not valid.')
  if (c.req.method === 'GET') {
    c.set('hospitalId', hospital.id)
    return next()
  }
  const [fresh] = await queryRows<{ signature: string }>(
    db,
    sql`insert into hmis_signatures (signature, expires_at) values (${match}, now() + make_interval(secs => ${config.HMIS_SIGNATURE_TOLERANCE_SECONDS * 2}))
        on conflict (signature) do nothing returning signature`,
  )
  if (!fresh) throw refused('This signed request was already received (replay).')
  c.set('hospitalId', hospital.id)
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
