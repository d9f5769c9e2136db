import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { CancelRequestSchema, errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import type { Services } from '../../core/types'
import { labBookings, medicineOrders } from '../../db/schema'
import { patientWaiting } from '../../core/outbox'
import { insertOrderJob } from './outbox'
import {
  CANCELLABLE,
  LabBookingSchema,
  labBookingNotFound,
  labBookingOf,
  MedicineOrderSchema,
  orderNotFound,
  orderOf,
  StoreItemParams,
} from './schema'

// Opening and cancelling a lab booking or a medicine order. A cancellation is one transaction (the
// status and its outbox job) and reaches the hospital within the booking budget, or later from the
// queue; once the sample is collected or the order dispatched it is refused with 409.

export const getLabBooking = patientRoute({
  method: 'get',
  path: '/v1/lab-tests/bookings/{id}',
  operationId: 'getLabBooking',
  tags: ['Store'],
  summary: 'One of my lab bookings, with the test and hospital names',
  request: { params: StoreItemParams },
  responses: { 200: jsonResponse(LabBookingSchema, 'The booking.'), ...errorResponses(404) },
})

export const getLabBookingHandler: PatientHandler<typeof getLabBooking> = async (c) =>
  c.json(await labBookingOf(c.var.services.db, c.var.patientId, c.req.valid('param').id), 200)

export const getMedicineOrder = patientRoute({
  method: 'get',
  path: '/v1/store/medicine-orders/{id}',
  operationId: 'getMedicineOrder',
  tags: ['Store'],
  summary: 'One of my medicine orders',
  request: { params: StoreItemParams },
  responses: { 200: jsonResponse(MedicineOrderSchema, 'The order.'), ...errorResponses(404) },
})

export const getMedicineOrderHandler: PatientHandler<typeof getMedicineOrder> = async (c) =>
  c.json(await orderOf(c.var.services.db, c.var.patientId, c.req.valid('param').id), 200)

const cancelResponses = (schema: typeof LabBookingSchema | typeof MedicineOrderSchema, what: string) => ({
  200: jsonResponse(schema, `Cancelled (the hospital is told; if it says it is too late, the ${what} moves on and I am notified).`),
  ...errorResponses(404, 409),
})

export const cancelLabBooking = patientRoute({
  method: 'post',
  path: '/v1/lab-tests/bookings/{id}/cancel',
  operationId: 'cancelLabBooking',
  tags: ['Store'],
  summary: 'Cancel my lab booking (refused with 409 once the sample is collected)',
  request: { params: StoreItemParams, body: { ...jsonBody(CancelRequestSchema), required: false } },
  responses: cancelResponses(LabBookingSchema, 'booking'),
})

export const cancelMedicineOrder = patientRoute({
  method: 'post',
  path: '/v1/store/medicine-orders/{id}/cancel',
  operationId: 'cancelMedicineOrder',
  tags: ['Store'],
  summary: 'Cancel my medicine order (refused with 409 once it is dispatched)',
  request: { params: StoreItemParams, body: { ...jsonBody(CancelRequestSchema), required: false } },
  responses: cancelResponses(MedicineOrderSchema, 'order'),
})

const SUBJECTS = {
  lab: { table: labBookings, job: 'cancel_lab_booking', notFound: labBookingNotFound, what: 'A lab booking' },
  order: { table: medicineOrders, job: 'cancel_medicine_order', notFound: orderNotFound, what: 'A medicine order' },
} as const

/** The status and the cancellation's job in one transaction; then the hospital told within the booking budget. */
async function cancel(services: Services, kind: 'lab' | 'order', patientId: string, id: string, reason: string | null) {
  const { table, job: jobKind, notFound, what } = SUBJECTS[kind]
  const job = await services.db.transaction(async (tx: Db) => {
    const [row] = await tx
      .update(table)
      .set({ status: 'cancelled', statusReason: reason ?? 'cancelled by the patient', updatedAt: sql`now()` })
      .where(and(eq(table.id, id), eq(table.patientId, patientId), inArray(table.status, CANCELLABLE[kind] as never[])))
      .returning({ hospitalId: table.hospitalId })
    if (!row) {
      const [existing] = await tx
        .select({ status: table.status })
        .from(table)
        .where(and(eq(table.id, id), eq(table.patientId, patientId)))
      if (!existing) throw notFound()
      throw new ApiError('invalid_transition', `${what} that is ${existing.status} cannot be cancelled.`, {
        details: { status: existing.status },
      })
    }
    return insertOrderJob(tx, jobKind, row.hospitalId, id, services.config.OUTBOX_LEASE_SECONDS)
  })
  const { config } = services
  await services.outbox.runNow(job, patientWaiting(config))
}

export const cancelLabBookingHandler: PatientHandler<typeof cancelLabBooking> = async (c) => {
  const id = c.req.valid('param').id
  await cancel(c.var.services, 'lab', c.var.patientId, id, (c.req.header('content-type') ? c.req.valid('json').reason : null) ?? null)
  return c.json(await labBookingOf(c.var.services.db, c.var.patientId, id), 200)
}

export const cancelMedicineOrderHandler: PatientHandler<typeof cancelMedicineOrder> = async (c) => {
  const id = c.req.valid('param').id
  await cancel(c.var.services, 'order', c.var.patientId, id, (c.req.header('content-type') ? c.req.valid('json').reason : null) ?? null)
  return c.json(await orderOf(c.var.services.db, c.var.patientId, id), 200)
}
