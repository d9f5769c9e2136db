import { timestamp } from 'drizzle-orm/pg-core'

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
export const createdAt = () => timestamptz('created_at').notNull().defaultNow()

/**
 * Tables listed with keyset pagination keep created_at to the millisecond, so the cursor (a JS Date)
 * names a row exactly.
 */
export const paginatedCreatedAt = () => timestamp('created_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow()
