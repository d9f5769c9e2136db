import { sql } from 'drizzle-orm'
import { sha256Hex } from './crypto'
import { queryRows, type Db } from './db'
import { ApiError, invalidField } from './errors'

const KEY = /^[\x21-\x7e]{1,255}$/
const KEEP_HOURS = 24

/**
 * `Idempotency-Key` (IETF httpapi draft) for writes that create something: the same key and body
 * answer the first response again; the same key with another body is 422; a key whose first
 * request is still running is 409. Without a key, `run` just runs. A failed first request frees
 * the key, so the client may retry it. Keys live 24 hours, per patient.
 */
export async function idempotent<T>(
  db: Db,
  patientId: string,
  key: string | undefined,
  body: unknown,
  run: () => Promise<{ status: number; body: T }>,
): Promise<{ status: number; body: T }> {
  if (key === undefined) return run()
  if (!KEY.test(key)) throw invalidField('header', 'Idempotency-Key', 'must be 1 to 255 visible ASCII characters')
  const hash = await sha256Hex(JSON.stringify(body ?? null))
  const [claimed] = await queryRows<{
    claimed: boolean
    request_hash: string
    status: string
    response_status: number | null
    response_body: T | null
  }>(
    db,
    sql`
    with fresh as (
      insert into idempotency_keys (patient_id, key, request_hash, status, expires_at)
      values (${patientId}, ${key}, ${hash}, 'in_flight', now() + make_interval(hours => ${KEEP_HOURS}))
      on conflict (patient_id, key) do update set request_hash = excluded.request_hash, status = 'in_flight', response_status = null,
        response_body = null, created_at = now(), expires_at = excluded.expires_at
        where idempotency_keys.expires_at <= now()
      returning true as claimed, request_hash, status, response_status, response_body
    )
    select * from fresh
    union all
    select false, request_hash, status, response_status, response_body from idempotency_keys
    where patient_id = ${patientId} and key = ${key} and not exists (select 1 from fresh)`,
  )
  if (!claimed) throw new ApiError('request_in_flight', 'A request with this Idempotency-Key is still being processed.')
  if (!claimed.claimed) {
    if (claimed.request_hash !== hash) {
      throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was used for a different request.')
    }
    if (claimed.status !== 'done' || claimed.response_status === null) {
      throw new ApiError('request_in_flight', 'A request with this Idempotency-Key is still being processed.', {
        headers: { 'Retry-After': '1' },
      })
    }
    return { status: claimed.response_status, body: claimed.response_body as T }
  }
  try {
    const result = await run()
    await db.execute(sql`update idempotency_keys set status = 'done', response_status = ${result.status}, response_body = ${JSON.stringify(result.body)}::jsonb
      where patient_id = ${patientId} and key = ${key}`)
    return result
  } catch (error) {
    await db
      .execute(sql`delete from idempotency_keys where patient_id = ${patientId} and key = ${key} and status = 'in_flight'`)
      .catch(() => {})
    throw error
  }
}
