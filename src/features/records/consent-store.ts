import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { records, type ConsentRow, type RecordRow } from '../../db/schema'

export type ConsentStatus = 'requested' | 'granted' | 'denied' | 'expired' | 'revoked'

/** The status as ABDM names it: a consent past its expiry reads as expired, at once. */
export function statusOf(row: ConsentRow, now = Date.now()): ConsentStatus {
  if (row.status === 'granted' && row.expiresAt && row.expiresAt.getTime() <= now) return 'expired'
  if (row.status === 'requested' && row.requestedExpiresAt.getTime() <= now) return 'expired'
  return row.status
}

/** The same rule in SQL, for filters. */
export const statusSql = (alias = 'c'): SQL =>
  sql.raw(`(case
    when ${alias}.status = 'granted' and ${alias}.expires_at <= now() then 'expired'
    when ${alias}.status = 'requested' and ${alias}.requested_expires_at <= now() then 'expired'
    else ${alias}.status end)`)

export const consentNotFound = () => new ApiError('not_found', 'No such consent.')

/** The records a granted consent covers now: its types, its records if narrowed, its date range. */
export function coveredRecords(db: Db, consent: ConsentRow, recordId?: string): Promise<RecordRow[]> {
  const day = sql`coalesce(${records.recordDate}, (${records.createdAt} at time zone 'Asia/Kolkata')::date)`
  return db
    .select()
    .from(records)
    .where(
      and(
        eq(records.patientId, consent.patientId),
        inArray(records.type, consent.grantedTypes?.length ? consent.grantedTypes : ['none' as never]),
        consent.grantedRecordIds
          ? inArray(records.id, consent.grantedRecordIds.length ? consent.grantedRecordIds : [crypto.randomUUID()])
          : undefined,
        consent.dateFrom ? sql`${day} >= ${consent.dateFrom}::date` : undefined,
        consent.dateTo ? sql`${day} <= ${consent.dateTo}::date` : undefined,
        recordId ? eq(records.id, recordId) : undefined,
      ),
    )
    .orderBy(desc(records.createdAt), desc(records.id))
    .limit(500)
}
