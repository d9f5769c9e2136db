import { sql } from 'drizzle-orm'
import { invalidField } from '../../core/errors'
import { CRITICAL_TYPES } from '../../core/notification-kinds'
import { notePush } from '../../core/notify'
import { queryRows, textArray } from '../../core/db'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { toPreferences } from './preferences'
import { PreferencesSchema, PreferencesUpdateSchema } from './schema'

export const putNotificationPreferences = patientRoute({
  method: 'put',
  path: '/v1/me/notification-preferences',
  operationId: 'putNotificationPreferences',
  tags: ['Notifications'],
  summary: 'Switch types of push on or off, set or clear quiet hours (what I leave out is kept)',
  description:
    'Critical types (critical_types) cannot be switched off (400). Changing quiet hours decides again, at once, the pushes the old ones were holding.',
  request: { body: jsonBody(PreferencesUpdateSchema) },
  responses: { 200: jsonResponse(PreferencesSchema, 'The preferences now.'), ...errorResponses() },
})

export const putNotificationPreferencesHandler: PatientHandler<typeof putNotificationPreferences> = async (c) => {
  const { db } = c.var.services
  const body = c.req.valid('json')
  for (const [type, on] of Object.entries(body.push ?? {}))
    if (!on && (CRITICAL_TYPES as string[]).includes(type))
      throw invalidField('json', `push.${type}`, 'is a critical alert: it is always pushed', 'critical_type')
  if (body.quiet_hours && body.quiet_hours.start === body.quiet_hours.end)
    throw invalidField('json', 'quiet_hours.end', 'must differ from start')
  const changes = Object.entries(body.push ?? {})
  const off = textArray(changes.filter(([, on]) => !on).map(([type]) => type))
  const on = textArray(changes.filter(([, on]) => on).map(([type]) => type))
  const quietGiven = body.quiet_hours !== undefined
  // One statement, so that two screens saving at once both land: the types named are switched,
  // the others kept as stored; quiet hours replaced only when given.
  const [row] = await queryRows<{ push_off: string[]; quiet_start: string | null; quiet_end: string | null }>(
    db,
    sql`with released as (
          -- New quiet hours (or none): what the old ones held is decided again now.
          update notifications set push_after = now()
          where patient_id = ${c.var.patientId} and push_state = 'held' and ${quietGiven}
        )
        insert into notification_preferences (patient_id, push_off, quiet_start, quiet_end)
        values (${c.var.patientId}, array(select distinct t from unnest(${off}) t order by t),
                ${body.quiet_hours?.start ?? null}::time, ${body.quiet_hours?.end ?? null}::time)
        on conflict (patient_id) do update set
          push_off = array(select distinct t from unnest(notification_preferences.push_off || ${off}) t where t <> all(${on}) order by t),
          quiet_start = case when ${quietGiven} then excluded.quiet_start else notification_preferences.quiet_start end,
          quiet_end = case when ${quietGiven} then excluded.quiet_end else notification_preferences.quiet_end end,
          updated_at = now()
        returning to_jsonb(push_off) as push_off, quiet_start::text, quiet_end::text`,
  )
  if (quietGiven) notePush([c.var.patientId])
  return c.json(toPreferences({ pushOff: row!.push_off, quietStart: row!.quiet_start, quietEnd: row!.quiet_end }), 200)
}
