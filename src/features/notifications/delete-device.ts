import { and, eq } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { errorResponses } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { devices } from '../../db/schema'
import { DeviceParams } from './schema'

export const deleteDevice = patientRoute({
  method: 'delete',
  path: '/v1/devices/{id}',
  operationId: 'deleteDevice',
  tags: ['Notifications'],
  summary: 'Stop pushing to one of my phones',
  request: { params: DeviceParams },
  responses: { 204: { description: 'Removed: nothing more is pushed to it.' }, ...errorResponses(404) },
})

export const deleteDeviceHandler: PatientHandler<typeof deleteDevice> = async (c) => {
  if (!(await forgetDevice(c.var.services.db, c.var.patientId, c.req.valid('param').id))) throw new ApiError('not_found', 'No such device.')
  return c.body(null, 204)
}

/** Removes one of the patient's devices (from this route, or at logout); whether there was one. */
export async function forgetDevice(db: Db, patientId: string, deviceId: string): Promise<boolean> {
  const rows = await db
    .delete(devices)
    .where(and(eq(devices.id, deviceId), eq(devices.patientId, patientId)))
    .returning({ id: devices.id })
  return rows.length > 0
}
