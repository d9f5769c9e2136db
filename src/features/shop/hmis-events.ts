import { z } from '@hono/zod-openapi'
import { and, eq, sql } from 'drizzle-orm'
import { firstHmisEvent } from '../../core/hospital-auth'
import { ApiError } from '../../core/errors'
import { notify } from '../../core/notify'
import { inZone } from '../../core/time'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { hmisRoute, type HospitalHandler } from '../../core/routes'
import { hospitals, labBookings, medicineOrders, records } from '../../db/schema'
import { documentFileContent, fileResponse } from '../../core/documents'

const LAB_TITLES = {
  confirmed: { en: 'Your lab slot is confirmed', hi: 'आपका लैब का समय पक्का हो गया' },
  sampled: { en: 'Your sample was collected', hi: 'आपका सैंपल ले लिया गया' },
  results_ready: { en: 'Your lab results are ready', hi: 'आपकी लैब रिपोर्ट तैयार है' },
  cancelled: { en: 'Your lab booking was cancelled', hi: 'आपकी लैब बुकिंग रद्द हो गई' },
}

const ORDER_TITLES = {
  accepted: { en: 'Your medicine order was accepted', hi: 'आपका दवा का ऑर्डर स्वीकार हो गया' },
  dispatched: { en: 'Your medicine order was dispatched', hi: 'आपकी दवा भेज दी गई है' },
  delivered: { en: 'Your medicine order was delivered', hi: 'आपकी दवा पहुँच गई' },
  cancelled: { en: 'Your medicine order was cancelled', hi: 'आपका दवा का ऑर्डर रद्द हो गया' },
}

// Hospitals tell us what happened to lab bookings and medicine orders: signed events, each
// applied once (hmis_events), never moving a booking or an order back.

const EventResultSchema = z.object({ applied: z.boolean(), status: z.string() }).openapi('StoreEventResult')

const LabEventSchema = z
  .object({
    event_id: z.string().min(1).max(128).openapi({ example: 'lab-evt-0001' }),
    event: z.enum(['slot_confirmed', 'sample_collected', 'results_ready', 'cancelled']).openapi({
      description: 'sample_collected: the booking can no longer be cancelled by the patient.',
      example: 'slot_confirmed',
    }),
    slot_start: z
      .string()
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'With slot_confirmed.', example: '2026-12-02T08:15:00+05:30' }),
    document_id: z.string().max(128).optional().openapi({
      description: 'With results_ready: the document_id under which the results were posted to /v1/hmis/documents.',
      example: 'doc-lab-0001',
    }),
    reason: z.string().max(500).optional(),
  })
  .strict()
  .openapi('HmisLabEvent')

const LAB_STAGE: Record<string, number> = {
  pending_sync: 0,
  requested: 1,
  confirmed: 2,
  sampled: 3,
  results_ready: 4,
  rejected: 9,
  cancelled: 9,
}

const LAB_TARGET = {
  slot_confirmed: 'confirmed',
  sample_collected: 'sampled',
  results_ready: 'results_ready',
  cancelled: 'cancelled',
} as const

export const receiveLabEvent = hmisRoute({
  method: 'post',
  path: '/v1/hmis/lab-bookings/{booking_ref}/events',
  operationId: 'receiveLabEvent',
  tags: ['HMIS callbacks'],
  summary: 'A hospital confirms a lab slot, collects the sample, says the results are ready (posted as a document first), or cancels',
  request: {
    params: z.object({
      booking_ref: z
        .string()
        .max(128)
        .openapi({ param: { name: 'booking_ref', in: 'path' } }),
    }),
    body: jsonBody(LabEventSchema),
  },
  responses: { 200: jsonResponse(EventResultSchema, 'Received (applied once per event_id).'), ...errorResponses(404, 409, 422) },
})

export const receiveLabEventHandler: HospitalHandler<typeof receiveLabEvent> = async (c) => {
  const event = c.req.valid('json')
  const hospitalId = c.var.hospitalId
  const ref = c.req.valid('param').booking_ref
  if (event.event === 'slot_confirmed' && !event.slot_start) throw new ApiError('unprocessable', 'slot_confirmed needs slot_start.')
  const result = await c.var.services.db.transaction(async (tx) => {
    const [booking] = await tx
      .select()
      .from(labBookings)
      .where(and(eq(labBookings.hospitalId, hospitalId), eq(labBookings.hmisBookingRef, ref)))
      .for('update')
    if (!booking) throw new ApiError('not_found', 'No lab booking with this reference at your hospital.')
    if (!(await firstHmisEvent(tx, hospitalId, event.event_id))) return { applied: false, status: booking.status }
    const target = LAB_TARGET[event.event]
    if (LAB_STAGE[booking.status]! >= 9) throw new ApiError('invalid_transition', `The booking is ${booking.status}.`)
    if (LAB_STAGE[target]! <= LAB_STAGE[booking.status]! && target !== 'cancelled') return { applied: false, status: booking.status }
    let resultRecordId: string | null = null
    if (event.document_id) {
      const [record] = await tx
        .select({ id: records.id })
        .from(records)
        .where(and(eq(records.hospitalId, hospitalId), eq(records.externalId, event.document_id), eq(records.patientId, booking.patientId)))
      if (!record) throw new ApiError('unprocessable', 'Post the results to /v1/hmis/documents first, then name its document_id.')
      resultRecordId = record.id
    }
    await tx
      .update(labBookings)
      .set({
        status: target,
        ...(event.slot_start ? { confirmedSlot: new Date(event.slot_start) } : {}),
        ...(resultRecordId ? { resultRecordId } : {}),
        ...(event.reason ? { statusReason: event.reason } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(labBookings.id, booking.id))
    // The confirmed slot as the patient reads it: the hospital's local date and time.
    let slotTime = ''
    if (target === 'confirmed' && event.slot_start) {
      const [hospital] = await tx.select({ timezone: hospitals.timezone }).from(hospitals).where(eq(hospitals.id, hospitalId))
      slotTime = inZone(new Date(event.slot_start), hospital?.timezone ?? 'Asia/Kolkata')
        .slice(0, 16)
        .replace('T', ' ')
    }
    await notify(tx, {
      patientId: booking.patientId,
      type: `lab_${target}`,
      title: LAB_TITLES[target],
      body:
        target === 'confirmed'
          ? { en: `Please come at ${slotTime}.`, hi: `कृपया ${slotTime} पर आएँ।` }
          : target === 'results_ready'
            ? { en: 'Find them in your records.', hi: 'ये आपके रिकॉर्ड में हैं।' }
            : target === 'sampled'
              ? { en: 'The results will come to your records.', hi: 'रिपोर्ट आपके रिकॉर्ड में आएगी।' }
              : (event.reason ?? { en: 'The hospital cancelled it.', hi: 'अस्पताल ने इसे रद्द कर दिया।' }),
      link: resultRecordId ? { kind: 'record', id: resultRecordId } : { kind: 'lab_booking', id: booking.id },
      dedupeKey: `lab:${booking.id}:${target}`,
    })
    return { applied: true, status: target }
  })
  return c.json(result, 200)
}

const OrderEventSchema = z
  .object({
    event_id: z.string().min(1).max(128).openapi({ example: 'rx-evt-0001' }),
    event: z.enum(['accepted', 'dispatched', 'delivered', 'cancelled']).openapi({ example: 'dispatched' }),
    reason: z.string().max(500).optional(),
  })
  .strict()
  .openapi('HmisMedicineOrderEvent')

const ORDER_STAGE: Record<string, number> = {
  pending_sync: 0,
  placed: 1,
  accepted: 2,
  dispatched: 3,
  delivered: 4,
  rejected: 9,
  cancelled: 9,
}

export const receiveOrderEvent = hmisRoute({
  method: 'post',
  path: '/v1/hmis/medicine-orders/{order_ref}/events',
  operationId: 'receiveMedicineOrderEvent',
  tags: ['HMIS callbacks'],
  summary: 'A hospital pharmacy accepts, dispatches, delivers or cancels a medicine order',
  request: {
    params: z.object({
      order_ref: z
        .string()
        .max(128)
        .openapi({ param: { name: 'order_ref', in: 'path' } }),
    }),
    body: jsonBody(OrderEventSchema),
  },
  responses: { 200: jsonResponse(EventResultSchema, 'Received (applied once per event_id).'), ...errorResponses(404, 409) },
})

export const receiveOrderEventHandler: HospitalHandler<typeof receiveOrderEvent> = async (c) => {
  const event = c.req.valid('json')
  const hospitalId = c.var.hospitalId
  const ref = c.req.valid('param').order_ref
  const result = await c.var.services.db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(medicineOrders)
      .where(and(eq(medicineOrders.hospitalId, hospitalId), eq(medicineOrders.hmisOrderRef, ref)))
      .for('update')
    if (!order) throw new ApiError('not_found', 'No medicine order with this reference at your hospital.')
    if (!(await firstHmisEvent(tx, hospitalId, event.event_id))) return { applied: false, status: order.status }
    if (ORDER_STAGE[order.status]! >= 9) throw new ApiError('invalid_transition', `The order is ${order.status}.`)
    if (event.event !== 'cancelled' && ORDER_STAGE[event.event]! <= ORDER_STAGE[order.status]!)
      return { applied: false, status: order.status }
    await tx
      .update(medicineOrders)
      .set({ status: event.event, ...(event.reason ? { statusReason: event.reason } : {}), updatedAt: sql`now()` })
      .where(eq(medicineOrders.id, order.id))
    await notify(tx, {
      patientId: order.patientId,
      type: `medicine_order_${event.event}`,
      title: ORDER_TITLES[event.event],
      body:
        event.reason ??
        (event.event === 'dispatched'
          ? { en: 'It is on its way.', hi: 'यह रास्ते में है।' }
          : event.event === 'delivered'
            ? { en: 'It has been delivered.', hi: 'यह पहुँचा दिया गया है।' }
            : { en: 'The pharmacy has it.', hi: 'फ़ार्मेसी को मिल गया है।' }),
      link: { kind: 'medicine_order', id: order.id },
      dedupeKey: `order:${order.id}:${event.event}`,
    })
    return { applied: true, status: event.event }
  })
  return c.json(result, 200)
}

export const getOrderPrescription = hmisRoute({
  method: 'get',
  path: '/v1/hmis/medicine-orders/{id}/prescription',
  operationId: 'getOrderPrescription',
  tags: ['HMIS callbacks'],
  summary: 'The prescription of a medicine order placed with this hospital (the pharmacy fetches it)',
  request: {
    params: z.object({
      id: z.guid().openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description: 'The file.',
      content: documentFileContent,
    },
    ...errorResponses(404),
  },
})

export const getOrderPrescriptionHandler: HospitalHandler<typeof getOrderPrescription> = async (c) => {
  const [order] = await c.var.services.db
    .select()
    .from(medicineOrders)
    .where(and(eq(medicineOrders.id, c.req.valid('param').id), eq(medicineOrders.hospitalId, c.var.hospitalId)))
  if (!order) throw new ApiError('not_found', 'No such medicine order at your hospital.')
  const response = await fileResponse(c.var.services, {
    id: order.id,
    storageKey: order.prescriptionKey,
    contentType: order.prescriptionType,
    title: 'prescription',
  })
  return response as never
}
