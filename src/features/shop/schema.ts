import { z } from '@hono/zod-openapi'
import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { olderThan, type Position } from '../../core/pagination'
import { inZone } from '../../core/time'
import { hospitals, labBookings, labBookingStatuses, medicineOrders, medicineOrderStatuses } from '../../db/schema'

// What the patient sees of a lab booking or a medicine order: names, not only ids, and times in the
// hospital's zone (as appointments are). One statement per read, the hospital and test names joined.

const instant = z.string().datetime({ offset: true })

export const StoreItemParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: '3f1c9a52-6d0e-4b7a-9c1e-2f8d7a6b5c4d' }),
})

export const LabBookingSchema = z
  .object({
    id: z.guid(),
    hospital_id: z.guid(),
    hospital_name: z.string().openapi({ example: 'Sahyadri Hospital, Pune' }),
    doctor_id: z.string().nullable(),
    test_ids: z.array(z.string()),
    tests: z.array(z.object({ id: z.string(), name: z.string() })).openapi({ example: [{ id: 'lipid_profile', name: 'Lipid profile' }] }),
    preferred_slot: instant.openapi({ description: 'In the hospital’s zone.', example: '2026-12-02T08:00:00+05:30' }),
    status: z.enum(labBookingStatuses).openapi({
      description:
        'pending_sync (the hospital not yet reached) → requested → confirmed → sampled (the sample collected: no longer cancellable) → results_ready; or rejected (see status_reason), cancelled.',
      example: 'requested',
    }),
    status_reason: z.string().nullable(),
    confirmed_slot: instant.nullable().openapi({ description: 'In the hospital’s zone.' }),
    result_record_id: z.guid().nullable().openapi({ description: 'The results, in my records.' }),
    cancellable: z.boolean().openapi({ description: 'Whether POST …/cancel would be taken now.' }),
    created_at: instant,
    updated_at: instant,
  })
  .openapi('LabBooking')

export const MedicineOrderSchema = z
  .object({
    id: z.guid(),
    hospital_id: z.guid(),
    hospital_name: z.string().openapi({ example: 'Sahyadri Hospital, Pune' }),
    delivery_address: z.string(),
    prescription: z.object({
      content_type: z.string(),
      sha256: z.string(),
      record_id: z
        .guid()
        .nullable()
        .openapi({ description: 'The prescription in my records it was made from; null when uploaded with the order.' }),
    }),
    medicines: z
      .array(z.object({ name: z.string(), dosage: z.string() }))
      .nullable()
      .openapi({
        description: 'The medicines the hospital sent with that prescription; null when the order is only a file.',
        example: [{ name: 'Amoxicillin 500 mg', dosage: '1 capsule' }],
      }),
    status: z.enum(medicineOrderStatuses).openapi({
      description:
        'pending_sync (the hospital not yet reached) → placed → accepted → dispatched (no longer cancellable) → delivered; or rejected (see status_reason), cancelled.',
      example: 'placed',
    }),
    status_reason: z.string().nullable(),
    cancellable: z.boolean().openapi({ description: 'Whether POST …/cancel would be taken now.' }),
    created_at: instant,
    updated_at: instant,
  })
  .openapi('MedicineOrder')

/** What the patient may still cancel: before the sample is collected, before the order leaves the pharmacy. */
export const CANCELLABLE = {
  lab: ['pending_sync', 'requested', 'confirmed'] as string[],
  order: ['pending_sync', 'placed', 'accepted'] as string[],
}

type LabRow = { booking: typeof labBookings.$inferSelect; hospitalName: string; timezone: string; tests: { id: string; name: string }[] }
type OrderRow = { order: typeof medicineOrders.$inferSelect; hospitalName: string; timezone: string }

export const toLabBooking = ({ booking: b, hospitalName, timezone, tests }: LabRow) => ({
  id: b.id,
  hospital_id: b.hospitalId,
  hospital_name: hospitalName,
  doctor_id: b.doctorId,
  test_ids: b.testIds,
  tests,
  preferred_slot: inZone(b.preferredSlot, timezone),
  status: b.status,
  status_reason: b.statusReason,
  confirmed_slot: b.confirmedSlot ? inZone(b.confirmedSlot, timezone) : null,
  result_record_id: b.resultRecordId,
  cancellable: CANCELLABLE.lab.includes(b.status),
  created_at: b.createdAt.toISOString(),
  updated_at: b.updatedAt.toISOString(),
})

export const toOrder = ({ order: o, hospitalName }: OrderRow) => ({
  id: o.id,
  hospital_id: o.hospitalId,
  hospital_name: hospitalName,
  delivery_address: o.deliveryAddress,
  prescription: { content_type: o.prescriptionType, sha256: o.prescriptionSha256, record_id: o.prescriptionRecordId },
  medicines: o.medicines,
  status: o.status,
  status_reason: o.statusReason,
  cancellable: CANCELLABLE.order.includes(o.status),
  created_at: o.createdAt.toISOString(),
  updated_at: o.updatedAt.toISOString(),
})

/** The names of a booking's tests, in the booking's order (the catalog is a small table). */
const testNames = sql<{ id: string; name: string }[]>`(
  select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name) order by array_position(${labBookings.testIds}, t.id)), '[]'::jsonb)
  from lab_tests t where t.id = any(${labBookings.testIds}))`

function selectLabBookings(db: Db, where: SQL | undefined) {
  return db
    .select({ booking: labBookings, hospitalName: hospitals.name, timezone: hospitals.timezone, tests: testNames })
    .from(labBookings)
    .innerJoin(hospitals, eq(hospitals.id, labBookings.hospitalId))
    .where(where)
}

function selectOrders(db: Db, where: SQL | undefined) {
  return db
    .select({ order: medicineOrders, hospitalName: hospitals.name, timezone: hospitals.timezone })
    .from(medicineOrders)
    .innerJoin(hospitals, eq(hospitals.id, medicineOrders.hospitalId))
    .where(where)
}

export const labBookingNotFound = () => new ApiError('not_found', 'No such lab booking.')
export const orderNotFound = () => new ApiError('not_found', 'No such medicine order.')

/** One of the patient's lab bookings as they see it; 404 for anyone else's. */
export async function labBookingOf(db: Db, patientId: string, id: string) {
  const [row] = await selectLabBookings(db, and(eq(labBookings.id, id), eq(labBookings.patientId, patientId)))
  if (!row) throw labBookingNotFound()
  return toLabBooking(row)
}

export async function labBookingsPage(db: Db, patientId: string, limit: number, after: Position | undefined) {
  return selectLabBookings(db, and(eq(labBookings.patientId, patientId), olderThan(labBookings.createdAt, labBookings.id, after)))
    .orderBy(desc(labBookings.createdAt), desc(labBookings.id))
    .limit(limit + 1)
}

/** One of the patient's medicine orders as they see it; 404 for anyone else's. */
export async function orderOf(db: Db, patientId: string, id: string) {
  const [row] = await selectOrders(db, and(eq(medicineOrders.id, id), eq(medicineOrders.patientId, patientId)))
  if (!row) throw orderNotFound()
  return toOrder(row)
}

export async function ordersPage(db: Db, patientId: string, limit: number, after: Position | undefined) {
  return selectOrders(db, and(eq(medicineOrders.patientId, patientId), olderThan(medicineOrders.createdAt, medicineOrders.id, after)))
    .orderBy(desc(medicineOrders.createdAt), desc(medicineOrders.id))
    .limit(limit + 1)
}
