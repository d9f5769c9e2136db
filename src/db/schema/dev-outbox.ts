import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { paginatedCreatedAt } from './columns'

/** What the development SMS and email providers would have sent. Never written in production. */
export const devOutbox = pgTable(
  'dev_outbox',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel').$type<'sms' | 'email'>().notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    createdAt: paginatedCreatedAt(),
  },
  (t) => [index('dev_outbox_recipient_created_at_idx').on(t.recipient, t.createdAt)],
)
