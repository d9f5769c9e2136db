import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { timestamptz } from './columns'

export const chatRooms = pgTable('chat_rooms', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  rules: text('rules').notNull(),
  position: integer('position').notNull().default(0),
})

/** A single-use, short-lived ticket into a room, with the patient's anonymous handle there. */
export const chatTickets = pgTable('chat_tickets', {
  id: text('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  roomId: text('room_id').notNull(),
  handle: text('handle').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
  usedAt: timestamptz('used_at'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
})
