import { and, desc, eq } from 'drizzle-orm'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { ambulanceBookings } from '../../db/schema'
import { BookingSchema, toBooking } from './schema'
import { providersById } from './store'

export const listAmbulanceBookings = patientRoute({
  method: 'get',
  path: '/v1/ambulance-bookings',
  operationId: 'listAmbulanceBookings',
  tags: ['Ambulance'],
  summary: 'My ambulance pre-bookings, newest first',
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(pageSchema(BookingSchema, 'AmbulanceBookingPage'), 'Bookings.'), ...errorResponses(400) },
})

export const listAmbulanceBookingsHandler: PatientHandler<typeof listAmbulanceBookings> = async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const after = decodeCursor(cursor)
  const db = c.var.services.db
  const rows = await db
    .select()
    .from(ambulanceBookings)
    .where(and(eq(ambulanceBookings.patientId, c.var.patientId), olderThan(ambulanceBookings.createdAt, ambulanceBookings.id, after)))
    .orderBy(desc(ambulanceBookings.createdAt), desc(ambulanceBookings.id))
    .limit(limit + 1)
  const providers = await providersById(db)
  return c.json(
    toPage(
      rows,
      limit,
      (r) => ({ at: r.createdAt.toISOString(), id: r.id }),
      (r) => toBooking(r, providers),
    ),
    200,
  )
}
