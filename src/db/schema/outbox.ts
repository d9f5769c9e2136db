import { integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { timestamptz } from './columns'

/**
 * The one outbox of every feature (core/outbox): work that must reach another system, written in the
 * same transaction as the change it belongs to and delivered through a Cloudflare Queue.
 */
export const outbox = pgTable('outbox', {
  id: uuid('id').primaryKey(),
  /** The feature's name for the work (`book_appointment`, `place_medicine_order`, …): which handler runs it. */
  kind: text('kind').notNull(),
  /** Who the work goes to (`hospital:<id>`): jobs of one partition run with bounded concurrency, so one slow hospital starves no other. */
  partitionKey: text('partition_key').notNull(),
  /** The row the work is about (an appointment, a symptom check, a lab booking, an order). */
  subjectId: uuid('subject_id').notNull(),
  status: text('status').$type<'pending' | 'done' | 'failed'>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
  lockedUntil: timestamptz('locked_until'),
  lastError: text('last_error'),
  /** Every failed attempt and the give-up: [{at, attempt, outcome, note}]. */
  history: jsonb('history').$type<{ at: string; attempt: number; outcome: string; note: string | null }[]>().notNull().default([]),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})
export type OutboxRow = typeof outbox.$inferSelect
