import { z } from '@hono/zod-openapi'
import { and, eq, sql } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { ambulanceBookings } from '../../db/schema'
import { BookingSchema, toBooking } from './schema'
import { providersById } from './store'

export const cancelAmbulanceBooking = patientRoute({
  method: 'post',
  path: '/v1/ambulance-bookings/{id}/cancel',
  operationId: 'cancelAmbulanceBooking',
  tags: ['Ambulance'],
  summary: 'Cancel a pre-booking',
  request: {
    params: z.object({
      id: z.guid().openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: { 200: jsonResponse(BookingSchema, 'Cancelled.'), ...errorResponses(404, 409) },
})

export const cancelAmbulanceBookingHandler: PatientHandler<typeof cancelAmbulanceBooking> = async (c) => {
  const { db } = c.var.services
  const { id } = c.req.valid('param')
  const [row] = await db
    .update(ambulanceBookings)
    .set({ status: 'cancelled', updatedAt: sql`now()` })
    .where(and(eq(ambulanceBookings.id, id), eq(ambulanceBookings.patientId, c.var.patientId), eq(ambulanceBookings.status, 'requested')))
    .returning()
  if (!row) {
    const [existing] = await db
      .select({ status: ambulanceBookings.status })
      .from(ambulanceBookings)
      .where(and(eq(ambulanceBookings.id, id), eq(ambulanceBookings.patientId, c.var.patientId)))
    if (!existing) throw new ApiError('not_found', 'No such ambulance booking.')
    throw new ApiError('invalid_transition', 'This booking is already cancelled.')
  }
  return c.json(toBooking(row, await providersById(db)), 200)
}
