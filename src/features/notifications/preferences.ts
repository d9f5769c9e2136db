import { eq } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { CRITICAL_TYPES, NOTIFICATION_KINDS, NOTIFICATION_TYPES, type NotificationType } from '../../core/notification-kinds'
import { notificationPreferences } from '../../db/schema'
import type { PreferencesSchema } from './schema'
import type { z } from '@hono/zod-openapi'

// A patient's push preferences as the API shows them: every type on unless switched off, critical
// types always on, quiet hours or none.

export type PreferencesRow = typeof notificationPreferences.$inferSelect

export async function preferencesOf(db: Db, patientId: string): Promise<PreferencesRow | undefined> {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.patientId, patientId))
  return row
}

export function toPreferences(
  row: Pick<PreferencesRow, 'pushOff' | 'quietStart' | 'quietEnd'> | undefined,
): z.infer<typeof PreferencesSchema> {
  const off = new Set(row?.pushOff ?? [])
  return {
    push: Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, CRITICAL_TYPES.includes(type) || !off.has(type)])) as Record<
      NotificationType,
      boolean
    >,
    quiet_hours: row?.quietStart && row.quietEnd ? { start: row.quietStart.slice(0, 5), end: row.quietEnd.slice(0, 5) } : null,
    critical_types: CRITICAL_TYPES,
    labels: Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, NOTIFICATION_KINDS[type].label])) as Record<
      NotificationType,
      { en: string; hi: string }
    >,
  }
}
