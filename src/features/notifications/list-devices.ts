import { z } from '@hono/zod-openapi'
import { desc, eq } from 'drizzle-orm'
import { jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { devices } from '../../db/schema'
import { DeviceSchema, toDevice } from './schema'

export const listDevices = patientRoute({
  method: 'get',
  path: '/v1/devices',
  operationId: 'listDevices',
  tags: ['Notifications'],
  summary: 'My phones that receive push notifications, most recently registered first',
  responses: {
    200: jsonResponse(z.object({ items: z.array(DeviceSchema) }).openapi('DeviceList'), 'Devices (at most DEVICES_PER_PATIENT).'),
  },
})

export const listDevicesHandler: PatientHandler<typeof listDevices> = async (c) => {
  const rows = await c.var.services.db
    .select()
    .from(devices)
    .where(eq(devices.patientId, c.var.patientId))
    .orderBy(desc(devices.lastRegisteredAt))
  return c.json({ items: rows.map(toDevice) }, 200)
}
