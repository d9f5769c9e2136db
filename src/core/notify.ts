import { sql } from 'drizzle-orm'
import type { NotificationLink } from '../db/schema'
import type { Db } from './db'

export type NewNotification = {
  patientId: string
  type: string
  title: string
  body: string
  link?: NotificationLink
  /** Notifications with the same key for a patient are made once (reminders, events redelivered). */
  dedupeKey?: string
}

/** Adds an in-app notification (every feature that tells the patient something uses this). */
export async function notify(db: Db, notification: NewNotification): Promise<void> {
  await db.execute(sql`
    insert into notifications (id, patient_id, type, title, body, link, dedupe_key)
    values (${crypto.randomUUID()}, ${notification.patientId}, ${notification.type}, ${notification.title}, ${notification.body},
            ${notification.link ? JSON.stringify(notification.link) : null}::jsonb, ${notification.dedupeKey ?? null})
    on conflict (patient_id, dedupe_key) where dedupe_key is not null do nothing`)
}
