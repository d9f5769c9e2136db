import { z } from '@hono/zod-openapi'
import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse, nullableRef } from '../../core/openapi'
import { decodeCursor, olderThan, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import {
  ambulanceBookings,
  ambulanceProviders,
  ambulanceTypes,
  carePackageApplications,
  carePackages,
  type AmbulanceBookingRow,
} from '../../db/schema'

// Ambulance providers and pre-bookings, care packages and applications. An emergency is a call
// (108 / 112), never a form: every answer here carries the numbers to call.

const CALL_NOW = { emergency: '112', ambulance: '108' }

const ProviderSchema = z
  .object({
    id: z.string().openapi({ example: 'dial-108' }),
    name: z.string().openapi({ example: '108 Emergency Ambulance (state service, free)' }),
    phone: z.string().openapi({ example: '108' }),
    types: z.array(z.enum(ambulanceTypes)).openapi({ example: ['bls', 'als'] }),
    coverage: z.string(),
  })
  .openapi('AmbulanceProvider')

export const listAmbulances = patientRoute({
  method: 'get',
  path: '/v1/ambulances',
  operationId: 'listAmbulances',
  tags: ['Ambulance'],
  summary: 'Ambulance providers with the numbers to call (108, 102, 112 and private services)',
  responses: {
    200: jsonResponse(
      z
        .object({ call_now: z.object({ emergency: z.string(), ambulance: z.string() }), items: z.array(ProviderSchema) })
        .openapi('AmbulanceProviders'),
      'Providers.',
    ),
  },
})

export const listAmbulancesHandler: PatientHandler<typeof listAmbulances> = async (c) => {
  const rows = await c.var.services.db.select().from(ambulanceProviders).orderBy(asc(ambulanceProviders.position))
  return c.json(
    {
      call_now: CALL_NOW,
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        phone: r.phone,
        types: r.types as (typeof ambulanceTypes)[number][],
        coverage: r.coverage,
      })),
    },
    200,
  )
}

const BookingRequestSchema = z
  .object({
    pickup_address: z.string().trim().min(5).max(500).openapi({ example: 'Flat 12, Sai Residency, Kothrud, Pune 411038' }),
    pickup_location: z
      .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
      .optional()
      .openapi({ example: { lat: 18.5074, lng: 73.8077 } }),
    pickup_time: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T09:00:00+05:30' }),
    ambulance_type: z
      .enum(ambulanceTypes)
      .optional()
      .openapi({ description: 'bls (basic), als (advanced, with a paramedic), patient_transport.', example: 'patient_transport' }),
    provider_id: z.string().max(40).optional().openapi({ example: 'redhealth' }),
    notes: z.string().trim().max(1000).optional().openapi({ example: 'Wheelchair needed; second floor, no lift.' }),
  })
  .strict()
  .openapi('AmbulanceBookingRequest')

const BookingSchema = z
  .object({
    id: z.guid(),
    status: z.enum(['requested', 'cancelled']),
    provider: nullableRef(ProviderSchema),
    pickup_address: z.string(),
    pickup_location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
    pickup_time: z.string().datetime({ offset: true }),
    ambulance_type: z.enum(ambulanceTypes),
    notes: z.string().nullable(),
    call_now: z
      .object({ emergency: z.string(), ambulance: z.string() })
      .openapi({ description: 'In an emergency, call: do not wait for a pre-booking.' }),
    created_at: z.string().datetime({ offset: true }),
  })
  .openapi('AmbulanceBooking')

async function providersById(db: Db) {
  const rows = await db.select().from(ambulanceProviders)
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.name, phone: r.phone, types: r.types as (typeof ambulanceTypes)[number][], coverage: r.coverage },
    ]),
  )
}

const toBooking = (row: AmbulanceBookingRow, providers: Awaited<ReturnType<typeof providersById>>) => ({
  id: row.id,
  status: row.status,
  provider: row.providerId ? (providers.get(row.providerId) ?? null) : null,
  pickup_address: row.pickupAddress,
  pickup_location: row.pickupLat !== null && row.pickupLng !== null ? { lat: row.pickupLat, lng: row.pickupLng } : null,
  pickup_time: row.pickupTime.toISOString(),
  ambulance_type: row.ambulanceType,
  notes: row.notes,
  call_now: CALL_NOW,
  created_at: row.createdAt.toISOString(),
})

export const bookAmbulance = patientRoute({
  method: 'post',
  path: '/v1/ambulance-bookings',
  operationId: 'bookAmbulance',
  tags: ['Ambulance'],
  summary: 'Pre-book an ambulance (planned transport); in an emergency call 108 or 112',
  request: {
    body: jsonBody(BookingRequestSchema),
    headers: idempotencyHeader,
  },
  responses: { 201: jsonResponse(BookingSchema, 'Requested.'), ...errorResponses(409, 422) },
})

export const bookAmbulanceHandler: PatientHandler<typeof bookAmbulance> = async (c) => {
  const { db } = c.var.services
  const body = c.req.valid('json')
  const pickup = new Date(body.pickup_time)
  if (pickup.getTime() < Date.now() - 5 * 60_000)
    throw new ApiError('unprocessable', 'pickup_time is in the past. In an emergency, call 108 or 112.')
  if (pickup.getTime() > Date.now() + 30 * 86_400_000) throw new ApiError('unprocessable', 'pickup_time is more than 30 days ahead.')
  const providers = await providersById(db)
  const provider = body.provider_id ? providers.get(body.provider_id) : undefined
  if (body.provider_id && !provider) throw new ApiError('unprocessable', 'No such ambulance provider.')
  const type = body.ambulance_type ?? 'bls'
  if (provider && !provider.types.includes(type)) throw new ApiError('unprocessable', `${provider.name} does not run ${type} ambulances.`)
  const key = c.req.valid('header')['idempotency-key']
  const book = async (tx: Db) => {
    const [row] = await tx
      .insert(ambulanceBookings)
      .values({
        id: crypto.randomUUID(),
        patientId: c.var.patientId,
        providerId: provider?.id ?? null,
        pickupAddress: body.pickup_address,
        pickupLat: body.pickup_location?.lat ?? null,
        pickupLng: body.pickup_location?.lng ?? null,
        pickupTime: pickup,
        ambulanceType: type,
        notes: body.notes ?? null,
      })
      .returning()
    return { status: 201, body: toBooking(row!, providers) }
  }
  const result = await idempotent(db, c.var.patientId, key, body, book, { atomic: true })
  return c.json(result.body, 201)
}

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

// Care packages ------------------------------------------------------------------------------------

const PackageSchema = z
  .object({
    id: z.string().openapi({ example: 'diabetes' }),
    name: z.string().openapi({ example: 'Diabetes care' }),
    description: z.string(),
    includes: z.array(z.string()),
    price_inr: z.number().int().openapi({ example: 6999 }),
    duration_days: z.number().int().openapi({ example: 365 }),
  })
  .openapi('CarePackage')

export const listCarePackages = patientRoute({
  method: 'get',
  path: '/v1/care-packages',
  operationId: 'listCarePackages',
  tags: ['Care packages'],
  summary: 'Care packages (diabetes, hypertension, heart, maternity, senior…) with what each includes',
  responses: { 200: jsonResponse(z.object({ items: z.array(PackageSchema) }).openapi('CarePackages'), 'Packages.') },
})

export const listCarePackagesHandler: PatientHandler<typeof listCarePackages> = async (c) => {
  const rows = await c.var.services.db.select().from(carePackages).orderBy(asc(carePackages.position))
  return c.json(
    {
      items: rows.map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        includes: p.includes,
        price_inr: p.priceInr,
        duration_days: p.durationDays,
      })),
    },
    200,
  )
}

const ApplicationSchema = z
  .object({
    id: z.guid(),
    package_id: z.string().openapi({ example: 'diabetes' }),
    package_name: z.string().openapi({ example: 'Diabetes care' }),
    status: z.enum(['applied']),
    created_at: z.string().datetime({ offset: true }),
  })
  .openapi('CarePackageApplication')

export const applyCarePackage = patientRoute({
  method: 'post',
  path: '/v1/care-packages/{id}/apply',
  operationId: 'applyCarePackage',
  tags: ['Care packages'],
  summary: 'Apply for a package (once per package: 409 again)',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^[a-z0-9-]{1,40}$/)
        .openapi({ param: { name: 'id', in: 'path' }, example: 'diabetes' }),
    }),
  },
  responses: { 201: jsonResponse(ApplicationSchema, 'Applied.'), ...errorResponses(404, 409) },
})

export const applyCarePackageHandler: PatientHandler<typeof applyCarePackage> = async (c) => {
  const { db } = c.var.services
  const { id } = c.req.valid('param')
  const [pkg] = await db.select().from(carePackages).where(eq(carePackages.id, id))
  if (!pkg) throw new ApiError('not_found', 'No such care package.')
  const [row] = await db
    .insert(carePackageApplications)
    .values({ id: crypto.randomUUID(), patientId: c.var.patientId, packageId: id })
    .onConflictDoNothing({ target: [carePackageApplications.patientId, carePackageApplications.packageId] })
    .returning()
  if (!row) throw new ApiError('conflict', `You have already applied for ${pkg.name}.`)
  return c.json({ id: row.id, package_id: id, package_name: pkg.name, status: row.status, created_at: row.createdAt.toISOString() }, 201)
}

export const listCarePackageApplications = patientRoute({
  method: 'get',
  path: '/v1/care-packages/applications',
  operationId: 'listCarePackageApplications',
  tags: ['Care packages'],
  summary: 'My applications, newest first',
  responses: { 200: jsonResponse(z.object({ items: z.array(ApplicationSchema) }).openapi('CarePackageApplications'), 'Applications.') },
})

export const listCarePackageApplicationsHandler: PatientHandler<typeof listCarePackageApplications> = async (c) => {
  const rows = await c.var.services.db
    .select({ application: carePackageApplications, name: carePackages.name })
    .from(carePackageApplications)
    .innerJoin(carePackages, eq(carePackages.id, carePackageApplications.packageId))
    .where(eq(carePackageApplications.patientId, c.var.patientId))
    .orderBy(desc(carePackageApplications.createdAt))
  return c.json(
    {
      items: rows.map((r) => ({
        id: r.application.id,
        package_id: r.application.packageId,
        package_name: r.name,
        status: r.application.status,
        created_at: r.application.createdAt.toISOString(),
      })),
    },
    200,
  )
}
