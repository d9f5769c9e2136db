import { readMultipart } from '../../core/multipart'
import { z } from '@hono/zod-openapi'
import { and, asc, eq, inArray } from 'drizzle-orm'
import { storeThenSave } from '../../core/files'
import { ApiError, invalidField } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, fileField, jsonBody, jsonResponse } from '../../core/openapi'
import { decodeCursor, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { parseInput, patientRoute, type PatientHandler } from '../../core/routes'
import type { Services } from '../../core/types'
import { labBookings, labTests, medicineOrders, records } from '../../db/schema'
import { hmisLinkOf } from '../../integrations/hmis/port'
import { patientWaiting, type OutboxJob } from '../../core/outbox'
import { inspectUpload } from '../../core/file-inspect'
import { insertOrderJob } from './outbox'
import { LabBookingSchema, labBookingOf, labBookingsPage, MedicineOrderSchema, orderOf, ordersPage, toLabBooking, toOrder } from './schema'
import { hospitalSharedWith } from '../hospitals'

/** Sends a just-made job within the booking budget; the outbox's queue takes over when the hospital is slow or down. */
async function sendNow(services: Services, job: OutboxJob) {
  const { config } = services
  await services.outbox.runNow(job, patientWaiting(config))
}

// Lab tests ---------------------------------------------------------------------------------------

const LabTestSchema = z
  .object({
    id: z.string().openapi({ example: 'lipid_profile' }),
    name: z.string().openapi({ example: 'Lipid profile' }),
    description: z.string(),
    sample_type: z.string().openapi({ example: 'blood' }),
    fasting_hours: z.number().int().openapi({ example: 10 }),
    turnaround_hours: z.number().int().openapi({ example: 24 }),
    price_inr: z.number().int().openapi({ example: 600 }),
  })
  .openapi('LabTest')

export const listLabTests = patientRoute({
  method: 'get',
  path: '/v1/lab-tests',
  operationId: 'listLabTests',
  tags: ['Store'],
  summary: 'The lab-test catalog (CBC, lipid profile, HbA1c, thyroid, LFT, KFT, vitamins…)',
  responses: { 200: jsonResponse(z.object({ items: z.array(LabTestSchema) }).openapi('LabTests'), 'Tests.') },
})

export const listLabTestsHandler: PatientHandler<typeof listLabTests> = async (c) => {
  const rows = await c.var.services.db.select().from(labTests).orderBy(asc(labTests.position))
  return c.json(
    {
      items: rows.map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        sample_type: t.sampleType,
        fasting_hours: t.fastingHours,
        turnaround_hours: t.turnaroundHours,
        price_inr: t.priceInr,
      })),
    },
    200,
  )
}

const LabBookingRequestSchema = z
  .object({
    test_ids: z
      .array(z.string().regex(/^[a-z0-9_]{1,40}$/))
      .min(1)
      .max(20)
      .refine((t) => new Set(t).size === t.length, 'lists a test twice')
      .openapi({ example: ['cbc', 'lipid_profile'] }),
    hospital_id: z.guid(),
    doctor_id: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,128}$/)
      .nullable()
      .optional()
      .openapi({ description: 'The doctor who asked for the tests (from the hospital’s doctor list).', example: 'd-sah-01' }),
    preferred_slot: z.string().datetime({ offset: true }).openapi({ example: '2026-12-02T08:00:00+05:30' }),
  })
  .strict()
  .openapi('LabBookingRequest')

export const bookLabTests = patientRoute({
  method: 'post',
  path: '/v1/lab-tests/bookings',
  operationId: 'bookLabTests',
  tags: ['Store'],
  summary: 'Request a lab slot at a hospital ("Request slot"; forwarded to its HMIS, never lost)',
  request: { body: jsonBody(LabBookingRequestSchema), headers: idempotencyHeader },
  responses: {
    201: jsonResponse(LabBookingSchema, 'Requested, or pending_sync while the hospital is down.'),
    ...errorResponses(404, 409, 422),
  },
})

export const bookLabTestsHandler: PatientHandler<typeof bookLabTests> = async (c) => {
  const services = c.var.services
  const { db, integrations } = services
  const body = c.req.valid('json')
  const slot = new Date(body.preferred_slot)
  if (slot.getTime() <= Date.now() || slot.getTime() > Date.now() + 60 * 86_400_000)
    throw new ApiError('unprocessable', 'preferred_slot must be in the next 60 days.')
  const result = await idempotent(db, c.var.patientId, c.req.valid('header')['idempotency-key'], body, async () => {
    const hospital = await hospitalSharedWith(db, c.var.patientId, body.hospital_id)
    const known = await db.select({ id: labTests.id }).from(labTests).where(inArray(labTests.id, body.test_ids))
    const unknown = body.test_ids.filter((id) => !known.some((k) => k.id === id))
    if (unknown.length) throw invalidField('json', 'test_ids', `unknown tests: ${unknown.join(', ')}`)
    if (body.doctor_id) {
      // The doctor from the hospital's list; when the HMIS cannot be read, the hospital decides later.
      const doctor = await integrations
        .hmisFor(hmisLinkOf(hospital))
        .doctor(body.doctor_id, { from: '2000-01-01', to: '2000-01-01' })
        .catch((error: unknown) => (error instanceof ApiError && error.status >= 500 ? null : Promise.reject(error)))
      if (doctor === undefined) throw new ApiError('not_found', 'This hospital has no such doctor.')
    }
    const id = crypto.randomUUID()
    const job = await db.transaction(async (tx) => {
      await tx.insert(labBookings).values({
        id,
        patientId: c.var.patientId,
        hospitalId: hospital.id,
        doctorId: body.doctor_id ?? null,
        testIds: body.test_ids,
        preferredSlot: slot,
      })
      return insertOrderJob(tx, 'request_lab_booking', hospital.id, id, services.config.OUTBOX_LEASE_SECONDS)
    })
    await sendNow(services, job)
    return { status: 201, body: await labBookingOf(db, c.var.patientId, id) }
  })
  return c.json(result.body, 201)
}

export const listLabBookings = patientRoute({
  method: 'get',
  path: '/v1/lab-tests/bookings',
  operationId: 'listLabBookings',
  tags: ['Store'],
  summary: 'My lab bookings (previous tests), newest first',
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(pageSchema(LabBookingSchema, 'LabBookingPage'), 'Bookings.'), ...errorResponses(400) },
})

export const listLabBookingsHandler: PatientHandler<typeof listLabBookings> = async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const after = decodeCursor(cursor)
  const rows = await labBookingsPage(c.var.services.db, c.var.patientId, limit, after)
  return c.json(
    toPage(rows, limit, (r) => ({ at: r.booking.createdAt.toISOString(), id: r.booking.id }), toLabBooking),
    200,
  )
}

// Medicine orders ----------------------------------------------------------------------------------

const OrderFieldsSchema = z
  .object({
    hospital_id: z.guid().openapi({ description: 'The hospital whose pharmacy fills it.' }),
    delivery_address: z.string().trim().min(10).max(500).openapi({ example: 'Flat 12, Sai Residency, Kothrud, Pune 411038' }),
  })
  .strict()

const MedicineOrderFromRecordSchema = OrderFieldsSchema.extend({
  prescription_record_id: z.guid().openapi({ description: 'A prescription in my records.' }),
}).openapi('MedicineOrderFromRecord')

export const MedicineOrderFormSchema = OrderFieldsSchema.extend({
  prescription: fileField('pdf, png or jpg (checked by its bytes), at most RECORD_UPLOAD_MAX_BYTES.'),
}).openapi('MedicineOrderForm')

export const orderMedicines = patientRoute({
  method: 'post',
  path: '/v1/store/medicine-orders',
  operationId: 'orderMedicines',
  tags: ['Store'],
  summary: 'Order medicines: a prescription (pdf, png, jpg) and a delivery address, to a hospital’s pharmacy (never lost)',
  description:
    'Either upload the prescription (multipart/form-data), or name one already in my records (application/json, `prescription_record_id`: a prescription a hospital sent or I uploaded); the order then carries the medicines the hospital sent with it.',
  request: {
    headers: idempotencyHeader,
    body: {
      required: false,
      content: {
        'multipart/form-data': { schema: { $ref: '#/components/schemas/MedicineOrderForm' } },
        'application/json': { schema: MedicineOrderFromRecordSchema },
      },
    },
  },
  responses: {
    201: jsonResponse(MedicineOrderSchema, 'Placed, or pending_sync while the hospital is down.'),
    ...errorResponses(404, 409, 413, 415, 422),
  },
})

export const orderMedicinesHandler: PatientHandler<typeof orderMedicines> = async (c) => {
  const services = c.var.services
  const { db, files, config } = services
  const idempotencyKey = c.req.valid('header')['idempotency-key']
  if (isJsonRequest(c.req.header('content-type'))) {
    // Validated by the route's JSON schema (the multipart form is read below); its type is not inferred next to a $ref.
    const body = (c.req.valid as (target: 'json') => z.infer<typeof MedicineOrderFromRecordSchema>)('json')
    return c.json(await orderFromRecord(services, c.var.patientId, body, idempotencyKey), 201)
  }
  const form = await readMultipart(c.req, 'Send the order as multipart/form-data, or as JSON naming a prescription in your records.')
  const { prescription, ...rest } = Object.fromEntries(form.entries()) as Record<string, File | string>
  const fields = parseInput(OrderFieldsSchema, rest, 'form')
  if (!(prescription instanceof File)) throw invalidField('form', 'prescription', 'must be a file')
  if (prescription.size > config.RECORD_UPLOAD_MAX_BYTES) throw new ApiError('payload_too_large', 'The prescription file is too large.')
  const { kind, sha256 } = await inspectUpload(prescription, 'Prescriptions must be pdf, png or jpg.')
  const result = await idempotent(db, c.var.patientId, idempotencyKey, { ...fields, sha256 }, async () => {
    const hospital = await hospitalSharedWith(db, c.var.patientId, fields.hospital_id)
    const id = crypto.randomUUID()
    const key = `prescriptions/${crypto.randomUUID()}`
    const put = { key, body: prescription, contentType: kind.contentType, sha256 }
    const job = await storeThenSave(files(), services.log, put, () =>
      db.transaction(async (tx) => {
        await tx.insert(medicineOrders).values({
          id,
          patientId: c.var.patientId,
          hospitalId: hospital.id,
          deliveryAddress: fields.delivery_address,
          prescriptionKey: key,
          prescriptionType: kind.contentType,
          prescriptionSha256: sha256,
        })
        return insertOrderJob(tx, 'place_medicine_order', hospital.id, id, config.OUTBOX_LEASE_SECONDS)
      }),
    )
    await sendNow(services, job)
    return { status: 201, body: await orderOf(db, c.var.patientId, id) }
  })
  return c.json(result.body, 201)
}

const isJsonRequest = (contentType: string | undefined) => /^application\/json\b/i.test(contentType ?? '')

const PRESCRIPTION_TYPES = ['application/pdf', 'image/png', 'image/jpeg']

/** An order from a prescription in the patient's records: its file (nothing uploaded again) and the medicines the hospital sent with it. */
async function orderFromRecord(
  services: Services,
  patientId: string,
  body: z.infer<typeof MedicineOrderFromRecordSchema>,
  idempotencyKey: string | undefined,
) {
  const { db, config } = services
  const result = await idempotent(db, patientId, idempotencyKey, body, async () => {
    const [record] = await db
      .select()
      .from(records)
      .where(and(eq(records.id, body.prescription_record_id), eq(records.patientId, patientId)))
    if (!record) throw new ApiError('not_found', 'No such record.')
    if (record.type !== 'prescription' || !PRESCRIPTION_TYPES.includes(record.contentType))
      throw invalidField('json', 'prescription_record_id', 'must be a prescription (pdf, png or jpg) in your records')
    const hospital = await hospitalSharedWith(db, patientId, body.hospital_id)
    const id = crypto.randomUUID()
    const job = await db.transaction(async (tx) => {
      await tx.insert(medicineOrders).values({
        id,
        patientId,
        hospitalId: hospital.id,
        deliveryAddress: body.delivery_address,
        prescriptionKey: record.storageKey,
        prescriptionType: record.contentType,
        prescriptionSha256: record.sha256,
        prescriptionRecordId: record.id,
        medicines: record.prescribedMedicines?.map((m) => ({ name: m.name, dosage: m.dosage })) ?? null,
      })
      return insertOrderJob(tx, 'place_medicine_order', hospital.id, id, config.OUTBOX_LEASE_SECONDS)
    })
    await sendNow(services, job)
    return { status: 201, body: await orderOf(db, patientId, id) }
  })
  return result.body
}

export const listMedicineOrders = patientRoute({
  method: 'get',
  path: '/v1/store/medicine-orders',
  operationId: 'listMedicineOrders',
  tags: ['Store'],
  summary: 'My medicine orders, newest first',
  request: { query: PaginationQuerySchema },
  responses: { 200: jsonResponse(pageSchema(MedicineOrderSchema, 'MedicineOrderPage'), 'Orders.'), ...errorResponses(400) },
})

export const listMedicineOrdersHandler: PatientHandler<typeof listMedicineOrders> = async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const after = decodeCursor(cursor)
  const rows = await ordersPage(c.var.services.db, c.var.patientId, limit, after)
  return c.json(
    toPage(rows, limit, (r) => ({ at: r.order.createdAt.toISOString(), id: r.order.id }), toOrder),
    200,
  )
}
