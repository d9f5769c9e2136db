import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import * as events from './hmis-events'
import * as lifecycle from './lifecycle'
import { shopJobs } from './outbox'
import * as routes from './routes'

export const shopFeature: Feature = {
  tags: [{ name: 'Store', description: 'Lab tests and medicine orders, sent to a hospital through the never-lost HMIS outbox.' }],
  routes: () => {
    const router = createRouter()
    router.openAPIRegistry.register('MedicineOrderForm', routes.MedicineOrderFormSchema)
    return router
      .openapi(routes.listLabTests, routes.listLabTestsHandler)
      .openapi(routes.bookLabTests, routes.bookLabTestsHandler)
      .openapi(routes.listLabBookings, routes.listLabBookingsHandler)
      .openapi(lifecycle.getLabBooking, lifecycle.getLabBookingHandler)
      .openapi(lifecycle.cancelLabBooking, lifecycle.cancelLabBookingHandler)
      .openapi(routes.orderMedicines, routes.orderMedicinesHandler)
      .openapi(routes.listMedicineOrders, routes.listMedicineOrdersHandler)
      .openapi(lifecycle.getMedicineOrder, lifecycle.getMedicineOrderHandler)
      .openapi(lifecycle.cancelMedicineOrder, lifecycle.cancelMedicineOrderHandler)
      .openapi(events.receiveLabEvent, events.receiveLabEventHandler)
      .openapi(events.receiveOrderEvent, events.receiveOrderEventHandler)
      .openapi(events.getOrderPrescription, events.getOrderPrescriptionHandler)
  },
  outbox: shopJobs,
  uploads: [{ path: '/v1/store/medicine-orders', maxBytes: (config) => config.RECORD_UPLOAD_MAX_BYTES + 64 * 1024 }],
}
