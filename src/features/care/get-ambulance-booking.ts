import { and, eq } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { ambulanceBookings } from '../../db/schema'
import { BookingParams, BookingSchema, toBooking } from './schema'
import { providersById } from './store'

export const getAmbulanceBooking = patientRoute({
  method: 'get',
  path: '/v1/ambulance-bookings/{id}',
  operationId: 'getAmbulanceBooking',
  tags: ['Ambulance'],
  summary: 'One of my pre-bookings: its status and history',
  request: { params: BookingParams },
  responses: { 200: jsonResponse(BookingSchema, 'The booking.'), ...errorResponses(404) },
})

export const getAmbulanceBookingHandler: PatientHandler<typeof getAmbulanceBooking> = async (c) => {
  const { db } = c.var.services
  const [[row], providers] = await Promise.all([
    db
      .select()
      .from(ambulanceBookings)
      .where(and(eq(ambulanceBookings.id, c.req.valid('param').id), eq(ambulanceBookings.patientId, c.var.patientId))),
    providersById(db),
  ])
  if (!row) throw new ApiError('not_found', 'No such ambulance booking.')
  return c.json(toBooking(row, providers), 200)
}
