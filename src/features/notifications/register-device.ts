import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import type { DeviceRow } from '../../db/schema'
import { DeviceRequestSchema, DeviceSchema, toDevice } from './schema'

export const registerDevice = patientRoute({
  method: 'post',
  path: '/v1/devices',
  operationId: 'registerDevice',
  tags: ['Notifications'],
  summary: 'Register this phone for push notifications (again: the same device, refreshed)',
  description:
    'Call it at every app start and whenever Firebase gives the app a new token. The same token again answers 200 with the same device; a token registered by another patient (a shared phone) moves to me and stops receiving theirs. At most DEVICES_PER_PATIENT devices: the least recently registered one is dropped.',
  request: { body: jsonBody(DeviceRequestSchema) },
  responses: {
    201: jsonResponse(DeviceSchema, 'Registered.'),
    200: jsonResponse(DeviceSchema, 'Registered before: refreshed.'),
    ...errorResponses(),
  },
})

export const registerDeviceHandler: PatientHandler<typeof registerDevice> = async (c) => {
  const { db, config } = c.var.services
  const body = c.req.valid('json')
  const patientId = c.var.patientId
  const id = crypto.randomUUID()
  // One statement: beyond the cap, the patient's least recently registered other devices go; the
  // token's row is made, refreshed, or taken over from another patient (a new id: theirs is gone).
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`with capped as (
          delete from devices where id in (
            select id from devices where patient_id = ${patientId} and push_token <> ${body.push_token}
            order by last_registered_at desc offset ${config.DEVICES_PER_PATIENT - 1}
          )
        )
        insert into devices (id, patient_id, platform, push_token, app_version, locale)
        values (${id}, ${patientId}, ${body.platform}, ${body.push_token}, ${body.app_version ?? null}, ${body.locale ?? null})
        on conflict (push_token) do update set
          id = case when devices.patient_id = excluded.patient_id then devices.id else excluded.id end,
          created_at = case when devices.patient_id = excluded.patient_id then devices.created_at else now() end,
          patient_id = excluded.patient_id, platform = excluded.platform, app_version = excluded.app_version,
          locale = excluded.locale, last_registered_at = now()
        returning *`,
  )
  const device: DeviceRow = {
    id: row!.id as string,
    patientId: row!.patient_id as string,
    platform: row!.platform as DeviceRow['platform'],
    pushToken: row!.push_token as string,
    appVersion: (row!.app_version as string | null) ?? null,
    locale: (row!.locale as string | null) ?? null,
    createdAt: new Date(row!.created_at as string),
    lastRegisteredAt: new Date(row!.last_registered_at as string),
  }
  return device.id === id ? c.json(toDevice(device), 201) : c.json(toDevice(device), 200)
}
