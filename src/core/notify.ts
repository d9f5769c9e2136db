import { AsyncLocalStorage } from 'node:async_hooks'
import { sql, type SQL } from 'drizzle-orm'
import type { NotificationLink, NotificationPriority } from '../db/schema'
import { queryRows, type Db } from './db'
import { kindOf, type NotificationType } from './notification-kinds'

/** A text in each language a patient may choose (`patients.language`); a plain string is the same in all. */
export type Localized = string | { en: string; hi: string }

export type NewNotification = {
  patientId: string
  type: NotificationType
  title: Localized
  body: Localized
  link?: NotificationLink
  /** Notifications with the same key for a patient are made once (reminders, events redelivered). */
  dedupeKey?: string
  /** The kind's own by default (core/notification-kinds); `critical` pushes through quiet hours. */
  priority?: NotificationPriority
}

/** The push queue's shards: a patient's notifications are all in one, by the first byte of their id. */
export const PUSH_SHARDS = 64

/** A patient's push shard, as the SQL below computes it. */
export const pushShardOf = (patientId: string) => parseInt(patientId.slice(0, 2), 16) % PUSH_SHARDS

/** The same in SQL, for set-based inserts of notifications. */
export const pushShardSql = (patientId: SQL) => sql`(get_byte(uuid_send(${patientId}), 0) % ${PUSH_SHARDS})::smallint`

/** One text in the patient's language, for an insert that joins `patients` as `p`. */
export const inLanguage = (en: SQL, hi: SQL) => sql`case when p.language = 'hi' then ${hi} else ${en} end`

const textOf = (text: Localized, language: 'en' | 'hi') => (typeof text === 'string' ? text : text[language])

/**
 * The shards that got notifications during this request, cron run or queue batch: whoever opened
 * the scope (core/app, src/index.ts) asks the push queue to run them once the work is done. A
 * notification whose transaction rolls back leaves a shard with nothing to do: harmless.
 */
const touched = new AsyncLocalStorage<Set<number>>()

/** Runs `work` and then `kick` with the shards its notifications went to (none: not called). */
export async function withPushScope<T>(work: () => Promise<T>, kick: (shards: number[]) => void): Promise<T> {
  const shards = new Set<number>()
  try {
    return await touched.run(shards, work)
  } finally {
    if (shards.size > 0) kick([...shards])
  }
}

/** Notes that this patient's shard has a notification to push (set-based inserts call it themselves). */
export function notePush(patientIds: Iterable<string>) {
  const shards = touched.getStore()
  if (shards) for (const id of patientIds) shards.add(pushShardOf(id))
}

/** Notes that every shard may have notifications to push (a set-based insert for many patients). */
export function noteEveryShard() {
  const shards = touched.getStore()
  if (shards) for (let shard = 0; shard < PUSH_SHARDS; shard++) shards.add(shard)
}

/**
 * After a set-based insert of one patient's notification: the accounts that manage the patient got
 * copies (migration 0035's trigger), pushed from their shards too. One query; call it only when a
 * notification was made (a critical reading), not on every write.
 */
export async function notePushToManagers(db: Db, patientId: string): Promise<void> {
  const managers = await queryRows<{ manager_id: string }>(
    db,
    sql`select manager_id from profile_managers where patient_id = ${patientId} and status = 'active'`,
  )
  notePush(managers.map((m) => m.manager_id))
}

/**
 * Adds an in-app notification in the patient's language (every feature that tells the patient
 * something uses this); its push follows from the queue once the work that made it is done.
 */
export async function notify(db: Db, notification: NewNotification): Promise<void> {
  const { title, body } = notification
  const priority = notification.priority ?? kindOf(notification.type).priority
  // The statement answers the accounts that manage the patient: their copies (made by the insert's
  // trigger, migration 0035) are pushed from their shards too.
  const managers = await queryRows<{ manager_id: string }>(
    db,
    sql`
    with added as (
      insert into notifications (id, patient_id, type, title, body, link, dedupe_key, priority, push_shard)
      select ${crypto.randomUUID()}, p.id, ${notification.type},
             ${inLanguage(sql`${textOf(title, 'en')}`, sql`${textOf(title, 'hi')}`)},
             ${inLanguage(sql`${textOf(body, 'en')}`, sql`${textOf(body, 'hi')}`)},
             ${notification.link ? JSON.stringify(notification.link) : null}::jsonb, ${notification.dedupeKey ?? null}, ${priority},
             ${pushShardSql(sql`p.id`)}
      from patients p where p.id = ${notification.patientId}
      on conflict (patient_id, dedupe_key) where dedupe_key is not null do nothing
      returning patient_id
    )
    select m.manager_id from profile_managers m join added a on a.patient_id = m.patient_id where m.status = 'active'`,
  )
  notePush([notification.patientId, ...managers.map((m) => m.manager_id)])
}
