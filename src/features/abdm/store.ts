import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { abdmCallbacks, abdmDiscoveries, type DiscoveredPatientRow, type DiscoveryStatus } from '../../db/schema'

export async function newDiscovery(db: Db, patientId: string, hip: { id: string; name?: string }) {
  const [row] = await db
    .insert(abdmDiscoveries)
    .values({ id: crypto.randomUUID(), patientId, hipId: hip.id, hipName: hip.name ?? null, discoverRequestId: crypto.randomUUID() })
    .returning()
  return row!
}

export async function discoveryOf(db: Db, patientId: string, id: string) {
  const [row] = await db
    .select()
    .from(abdmDiscoveries)
    .where(and(eq(abdmDiscoveries.id, id), eq(abdmDiscoveries.patientId, patientId)))
  return row
}

export async function listDiscoveries(db: Db, patientId: string, limit = 50) {
  return db
    .select()
    .from(abdmDiscoveries)
    .where(eq(abdmDiscoveries.patientId, patientId))
    .orderBy(desc(abdmDiscoveries.createdAt))
    .limit(limit)
}

/** Moves a discovery on only from the states named: the row, or undefined when it was elsewhere (a race, a replay). */
export async function moveDiscovery(
  db: Db,
  where: { id: string } | { discoverRequestId: string } | { linkRequestId: string } | { confirmRequestId: string },
  from: DiscoveryStatus[],
  set: Partial<typeof abdmDiscoveries.$inferInsert>,
) {
  const key =
    'id' in where
      ? eq(abdmDiscoveries.id, where.id)
      : 'discoverRequestId' in where
        ? eq(abdmDiscoveries.discoverRequestId, where.discoverRequestId)
        : 'linkRequestId' in where
          ? eq(abdmDiscoveries.linkRequestId, where.linkRequestId)
          : eq(abdmDiscoveries.confirmRequestId, where.confirmRequestId)
  const [row] = await db
    .update(abdmDiscoveries)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(key, inArray(abdmDiscoveries.status, from)))
    .returning()
  return row
}

/** Notes a gateway callback as applied: false when it was applied before (ABDM retried it). */
export async function firstDelivery(db: Db, requestId: string, path: string): Promise<boolean> {
  const [row] = await db
    .insert(abdmCallbacks)
    .values({ requestId, path })
    .onConflictDoNothing()
    .returning({ requestId: abdmCallbacks.requestId })
  return Boolean(row)
}

export type { DiscoveredPatientRow }

/**
 * The hourly tidy: callbacks' REQUEST-IDs after a week (ABDM retries for minutes, not days), ABDM
 * sign-ins that can no longer be refreshed, and discoveries ABDM never answered (a day on: failed,
 * so the app stops waiting). Safe to run late, twice or concurrently.
 */
export async function tidyAbdmState(db: Db) {
  const rows = await queryRows<{ callbacks: number; sessions: number; discoveries: number }>(
    db,
    sql`
    with cb as (delete from abdm_callbacks where received_at < now() - interval '7 days' returning 1),
    se as (
      delete from abdm_sessions
      where coalesce(refresh_expires_at, expires_at) < now() - interval '1 day'
      returning 1),
    di as (
      update abdm_discoveries set status = 'failed', error = 'ABDM did not answer: start again.', updated_at = now()
      where status in ('searching', 'linking', 'confirming') and updated_at < now() - interval '1 day'
      returning 1)
    select (select count(*) from cb)::int as callbacks, (select count(*) from se)::int as sessions,
           (select count(*) from di)::int as discoveries`,
  )
  return rows[0]!
}
