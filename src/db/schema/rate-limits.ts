import { index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { timestamptz } from './columns'

/** Fixed-window counters, one row per key (e.g. `otp:ip:1.2.3.4`). */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    windowStartedAt: timestamptz('window_started_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('rate_limits_expires_at_idx').on(t.expiresAt)],
)
