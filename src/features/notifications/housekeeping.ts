import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'

/**
 * Drops what push no longer needs: delivery claims older than any notification's push TTL (8 days:
 * the longest kind lives 7, so nothing they guard can be pushed again), and devices whose app has
 * not registered for 270 days (FCM treats such tokens as stale). Safe to run late, twice or at once.
 */
export async function removeStalePushState(db: Db) {
  const [row] = await queryRows<{ push_deliveries: number; devices: number }>(
    db,
    sql`with pd as (delete from push_deliveries where created_at < now() - interval '8 days' returning 1),
        dv as (delete from devices where last_registered_at < now() - interval '270 days' returning 1)
        select (select count(*) from pd)::int as push_deliveries, (select count(*) from dv)::int as devices`,
  )
  return row!
}
