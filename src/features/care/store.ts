import type { Db } from '../../core/db'
import { ambulanceProviders } from '../../db/schema'
import { toProvider } from './schema'

// Care's reads that several operations share.

/** Every ambulance provider by id, as the API shows them. */
export async function providersById(db: Db) {
  const rows = await db.select().from(ambulanceProviders)
  return new Map(rows.map((r) => [r.id, toProvider(r)]))
}
