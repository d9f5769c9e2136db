import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { sha256Hex } from './crypto'
import { queryRows, type Db } from './db'
import { ApiError, invalidField } from './errors'

const KEY = /^[\x21-\x7e]{1,255}$/
const KEEP_HOURS = 24
/** A first request still "in flight" after this long died with its connection: its key may be taken again. */
const IN_FLIGHT_LEASE_SECONDS = 120

/** The `Idempotency-Key` request header of the routes that create something. */
export const idempotencyHeader = z.object({
  'idempotency-key': z.string().max(255).optional().openapi({
    description: 'Makes retries safe: the same key and body answer the first response again (24 hours, per patient).',
    example: '3f6d0c1e-booking-1',
  }),
})

type Result<T> = { status: number; body: T }
type Claim<T> = { claimed: boolean; request_hash: string; status: string; response_status: number | null; response_body: T | null }

/**
 * `Idempotency-Key` (IETF httpapi draft) for writes that create something: the same key and body
 * answer the first response again; the same key with another body is 422. Without a key, `run`
 * just runs. Keys live 24 hours, per patient.
 *
 * `atomic`: for work that only writes to the database, the key, the work and the stored answer are
 * one transaction — exactly once, even when the connection dies around the commit (a retry then
 * finds the answer or a clean slate); a concurrent duplicate waits for the first, then answers 409
 * with Retry-After, and its retry gets the first answer. `run` must use the database it is given.
 *
 * Otherwise (work that calls another service, made safe by its own keys: outbox jobs, file hashes)
 * the key is claimed first: a duplicate while the first runs is 409 with Retry-After; a failed first
 * request frees the key; a claim left behind by a lost connection may be taken again after
 * IN_FLIGHT_LEASE_SECONDS.
 */
export async function idempotent<T>(
  db: Db,
  patientId: string,
  key: string | undefined,
  body: unknown,
  run: (db: Db) => Promise<Result<T>>,
  { atomic = false }: { atomic?: boolean } = {},
): Promise<Result<T>> {
  if (key === undefined) return run(db)
  if (!KEY.test(key)) throw invalidField('header', 'Idempotency-Key', 'must be 1 to 255 visible ASCII characters')
  const hash = await sha256Hex(JSON.stringify(body ?? null))
  if (atomic) {
    return db.transaction(async (tx) => {
      const claim = await claimKey<T>(tx, patientId, key, hash)
      if (!claim.claimed) return replay(claim, hash)
      const result = await run(tx)
      await markDone(tx, patientId, key, result)
      return result
    })
  }
  const claim = await claimKey<T>(db, patientId, key, hash)
  if (!claim.claimed) return replay(claim, hash)
  try {
    const result = await run(db)
    await markDone(db, patientId, key, result)
    return result
  } catch (error) {
    await db
      .execute(sql`delete from idempotency_keys where patient_id = ${patientId} and key = ${key} and status = 'in_flight'`)
      .catch(() => {})
    throw error
  }
}

/** Claims the key (new, expired, or in flight past its lease) in one statement; else the row as it is. */
async function claimKey<T>(db: Db, patientId: string, key: string, hash: string): Promise<Claim<T>> {
  const [claim] = await queryRows<Claim<T>>(
    db,
    sql`
    with fresh as (
      insert into idempotency_keys (patient_id, key, request_hash, status, expires_at)
      values (${patientId}, ${key}, ${hash}, 'in_flight', now() + make_interval(hours => ${KEEP_HOURS}))
      on conflict (patient_id, key) do update set request_hash = excluded.request_hash, status = 'in_flight', response_status = null,
        response_body = null, created_at = now(), expires_at = excluded.expires_at
        where idempotency_keys.expires_at <= now()
          or (idempotency_keys.status = 'in_flight' and idempotency_keys.created_at <= now() - make_interval(secs => ${IN_FLIGHT_LEASE_SECONDS}))
      returning true as claimed, request_hash, status, response_status, response_body
    )
    select * from fresh
    union all
    select false, request_hash, status, response_status, response_body from idempotency_keys
    where patient_id = ${patientId} and key = ${key} and not exists (select 1 from fresh)`,
  )
  // Nothing to see: a first request took the key while this statement waited for it (its snapshot predates that commit).
  if (!claim)
    throw new ApiError('request_in_flight', 'A request with this Idempotency-Key is still being processed.', {
      headers: { 'Retry-After': '1' },
    })
  return claim
}

function replay<T>(claim: Claim<T>, hash: string): Result<T> {
  if (claim.request_hash !== hash) throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was used for a different request.')
  if (claim.status !== 'done' || claim.response_status === null) {
    throw new ApiError('request_in_flight', 'A request with this Idempotency-Key is still being processed.', {
      headers: { 'Retry-After': '1' },
    })
  }
  return { status: claim.response_status, body: claim.response_body as T }
}

async function markDone(db: Db, patientId: string, key: string, result: Result<unknown>) {
  await db.execute(sql`update idempotency_keys set status = 'done', response_status = ${result.status}, response_body = ${JSON.stringify(result.body)}::jsonb
    where patient_id = ${patientId} and key = ${key}`)
}
