import { z } from '@hono/zod-openapi'
import { nullableRef } from '../../core/openapi'
import {
  type AmbulanceBookingRow,
  ambulanceProviders,
  ambulanceStatuses,
  ambulanceTypes,
  carePackageApplicationStatuses,
} from '../../db/schema'

// Ambulance providers and pre-bookings, care packages and applications, as the API shows them. An
// emergency is a call (108 / 112), never a form: every answer here carries the numbers to call.

export const CALL_NOW = { emergency: '112', ambulance: '108' }

export const ProviderSchema = z
  .object({
    id: z.string().openapi({ example: 'dial-108' }),
    name: z.string().openapi({ example: '108 Emergency Ambulance (state service, free)' }),
    phone: z.string().openapi({ example: '108' }),
    types: z.array(z.enum(ambulanceTypes)).openapi({ example: ['bls', 'als'] }),
    coverage: z.string(),
    pre_booking: z.boolean().openapi({
      description:
        'Takes pre-bookings (POST /v1/ambulance-bookings): an operator whose dispatcher gets them, or a hospital whose HMIS does. Helplines (108, 102, 112) are to call.',
      example: false,
    }),
    hospital_id: z.guid().nullable().openapi({ description: 'A hospital’s own ambulances: pre-bookings go to its HMIS.', example: null }),
  })
  .openapi('AmbulanceProvider')

export type Provider = z.infer<typeof ProviderSchema>

export const toProvider = (r: typeof ambulanceProviders.$inferSelect): Provider => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  types: r.types as (typeof ambulanceTypes)[number][],
  coverage: r.coverage,
  pre_booking: (r.kind === 'operator' && !!r.dispatcherPhone) || (r.kind === 'hospital' && !!r.hospitalId),
  hospital_id: r.kind === 'hospital' ? r.hospitalId : null,
})

export const BookingRequestSchema = z
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
    provider_id: z
      .string()
      .max(40)
      .optional()
      .openapi({ description: 'A provider that takes pre-bookings; the first one running this type when left out.', example: 'redhealth' }),
    notes: z.string().trim().max(1000).optional().openapi({ example: 'Wheelchair needed; second floor, no lift.' }),
  })
  .strict()
  .openapi('AmbulanceBookingRequest')

export const BookingSchema = z
  .object({
    id: z.guid(),
    status: z.enum(ambulanceStatuses).openapi({
      description:
        'requested → accepted | declined (status_reason says why) → arrived → completed; cancelled by me; expired when nobody accepted before the pickup time.',
      example: 'accepted',
    }),
    status_reason: z.string().nullable().openapi({ example: null }),
    history: z
      .array(
        z.object({
          status: z.enum(ambulanceStatuses),
          at: z.string().datetime({ offset: true }),
          by: z.enum(['patient', 'dispatcher', 'system']),
        }),
      )
      .openapi({
        description: 'Every change, oldest first.',
        example: [{ status: 'requested', at: '2026-11-30T09:00:00.000Z', by: 'patient' }],
      }),
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
    updated_at: z.string().datetime({ offset: true }),
  })
  .openapi('AmbulanceBooking')

export const BookingParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: '5b7c9d1e-2f3a-4b5c-8d6e-7f8091a2b3c4' }),
})

export const toBooking = (row: AmbulanceBookingRow, providers: Map<string, Provider>) => ({
  id: row.id,
  status: row.status,
  status_reason: row.statusReason,
  history: row.history,
  provider: row.providerId ? (providers.get(row.providerId) ?? null) : null,
  pickup_address: row.pickupAddress,
  pickup_location: row.pickupLat !== null && row.pickupLng !== null ? { lat: row.pickupLat, lng: row.pickupLng } : null,
  pickup_time: row.pickupTime.toISOString(),
  ambulance_type: row.ambulanceType,
  notes: row.notes,
  call_now: CALL_NOW,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
})

export const PackageSchema = z
  .object({
    id: z.string().openapi({ example: 'diabetes' }),
    name: z.string().openapi({ example: 'Diabetes care' }),
    description: z.string(),
    includes: z.array(z.string()),
    price_inr: z.number().int().openapi({ example: 6999 }),
    duration_days: z.number().int().openapi({ example: 365 }),
    hospital_id: z.guid().openapi({ description: 'The hospital that offers it, and that the application goes to.' }),
    hospital_name: z.string().openapi({ example: 'Sahyadri Hospital, Pune' }),
  })
  .openapi('CarePackage')

export const ApplicationSchema = z
  .object({
    id: z.guid(),
    package_id: z.string().openapi({ example: 'diabetes' }),
    package_name: z.string().openapi({ example: 'Diabetes care' }),
    hospital_id: z.guid().nullable(),
    hospital_name: z.string().nullable().openapi({ example: 'Sahyadri Hospital, Pune' }),
    status: z.enum(carePackageApplicationStatuses).openapi({
      description:
        'applied → contacted (the hospital called) → enrolled | declined (see status_reason); or withdrawn by me (while applied or contacted).',
      example: 'applied',
    }),
    status_reason: z.string().nullable(),
    sent_to_hospital: z
      .boolean()
      .openapi({ description: 'Whether the hospital has it: false while it is still being delivered (never lost).', example: true }),
    withdrawable: z.boolean().openapi({ description: 'Whether POST …/withdraw would be taken now.' }),
    created_at: z.string().datetime({ offset: true }),
    updated_at: z.string().datetime({ offset: true }),
  })
  .openapi('CarePackageApplication')
