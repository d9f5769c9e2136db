import { z } from '@hono/zod-openapi'
import type { AbdmDiscoveryRow, AbdmPullRow, AbdmTransferRow, DiscoveredPatientRow } from '../../db/schema'
import type {
  AbdmConsentArtefact,
  AbdmConsentRequest,
  AbdmFacility,
  AbdmLink,
  AbdmParty,
  AbdmSubscriptionRequest,
  ConsentPermission,
  ConsentRequestStatus,
} from '../../integrations/abdm/port'

/** ABDM's health information types (FHIR composition profiles of NRCeS). */
export const HI_TYPES = [
  'Prescription',
  'DiagnosticReport',
  'OPConsultation',
  'DischargeSummary',
  'ImmunizationRecord',
  'HealthDocumentRecord',
  'WellnessRecord',
  'Invoice',
] as const

const CONSENT_REQUEST_STATUSES = ['requested', 'granted', 'denied', 'expired', 'revoked'] as const
const CONSENT_STATUSES = ['granted', 'revoked', 'expired', 'denied'] as const

export const AbdmIdParams = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an ABDM id (letters, digits, - and _)')
    .openapi({ param: { name: 'id', in: 'path' }, example: '5f0bd5f4-8d0a-4c3e-9b62-1f7a3c2d4e5f' }),
})

export const ConsentRequestStatusQuery = z.object({
  status: z
    .enum(CONSENT_REQUEST_STATUSES)
    .optional()
    .openapi({ param: { name: 'status', in: 'query' }, description: 'Only requests in this state.', example: 'requested' }),
})

const HospitalSchema = z
  .object({
    hip_id: z.string().openapi({ description: 'The hospital’s id on ABDM (its HFR id).', example: 'IN2710000012' }),
    name: z.string().nullable().openapi({ example: 'Sahyadri Hospital, Pune' }),
  })
  .openapi('AbdmHospital')

const PermissionFields = {
  access_mode: z.string().openapi({ description: 'VIEW, STORE, QUERY or STREAM (ABDM’s).', example: 'VIEW' }),
  from: z.string().datetime().openapi({ description: 'Records from this time…', example: '2024-01-01T00:00:00.000Z' }),
  to: z.string().datetime().openapi({ description: '…to this time.', example: '2026-11-30T00:00:00.000Z' }),
  erase_at: z
    .string()
    .datetime()
    .openapi({ description: 'The requester must erase what it got by then.', example: '2027-01-31T00:00:00.000Z' }),
}

export const AbdmConsentRequestSchema = z
  .object({
    id: z.string().openapi({ example: '5f0bd5f4-8d0a-4c3e-9b62-1f7a3c2d4e5f' }),
    status: z.enum(CONSENT_REQUEST_STATUSES).openapi({ example: 'requested' }),
    created_at: z.string().datetime(),
    updated_at: z.string().datetime().nullable(),
    purpose: z.object({
      code: z.string().openapi({ example: 'CAREMGT' }),
      text: z.string().nullable().openapi({ example: 'Care Management' }),
    }),
    requester: z.object({
      hiu_id: z.string().openapi({ description: 'Who asks (an HIU on ABDM).', example: 'DEMO-HIU' }),
      hiu_name: z.string().nullable().openapi({ example: 'Demo City Clinic' }),
      name: z
        .string()
        .nullable()
        .openapi({ description: 'The doctor or person asking, where ABDM names one.', example: 'Dr. Meera Joshi' }),
    }),
    hospitals: z
      .array(HospitalSchema)
      .openapi({ description: 'The hospitals whose records are asked for; empty: any hospital I am linked at.' }),
    hi_types: z.array(z.string()).openapi({ example: ['Prescription', 'DiagnosticReport'] }),
    ...PermissionFields,
    frequency: z.object({ unit: z.string(), value: z.number().int(), repeats: z.number().int() }),
  })
  .openapi('AbdmConsentRequest')

export const AbdmConsentSchema = z
  .object({
    id: z.string().openapi({ description: 'The consent artefact’s id.', example: '0c3a6e1d-2b4f-4a7e-8d9c-1e2f3a4b5c6d' }),
    consent_request_id: z.string().nullable(),
    status: z.enum(CONSENT_STATUSES).openapi({ example: 'granted' }),
    created_at: z.string().datetime(),
    purpose: z.object({ code: z.string(), text: z.string().nullable() }),
    hospital: HospitalSchema,
    requester: z.object({ hiu_id: z.string(), hiu_name: z.string().nullable() }),
    hi_types: z.array(z.string()),
    care_context_refs: z.array(z.object({ patient_reference: z.string(), care_context_reference: z.string() })),
    ...PermissionFields,
  })
  .openapi('AbdmConsent')

const CareContextRef = z
  .object({
    patient_reference: z.string().trim().min(1).max(256).openapi({ example: 'PUID-1001' }),
    care_context_reference: z.string().trim().min(1).max(256).openapi({ example: 'OPD-2026-11-02' }),
  })
  .strict()

export const ApproveConsentRequestSchema = z
  .object({
    consents: z
      .array(
        z
          .object({
            hip_id: z.string().trim().min(1).max(128).openapi({ example: 'IN2710000012' }),
            care_context_refs: z
              .array(CareContextRef)
              .max(200)
              .optional()
              .openapi({ description: 'Only these visits; omitted: every visit linked at that hospital.' }),
            hi_types: z
              .array(z.enum(HI_TYPES))
              .min(1)
              .max(HI_TYPES.length)
              .openapi({ example: ['Prescription'] }),
            from: z.string().datetime({ offset: true }).openapi({ example: '2025-01-01T00:00:00.000Z' }),
            to: z.string().datetime({ offset: true }).openapi({ example: '2026-11-30T00:00:00.000Z' }),
            erase_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-31T00:00:00.000Z' }),
          })
          .strict(),
      )
      .min(1)
      .max(20)
      .openapi({ description: 'One per hospital that may share; each never more than was asked (types, dates, erase date).' }),
  })
  .strict()
  .openapi('ApproveAbdmConsentRequest')

export const DenyConsentRequestSchema = z
  .object({ reason: z.string().trim().min(1).max(256).openapi({ example: 'I do not know this clinic.' }) })
  .strict()
  .openapi('DenyAbdmConsentRequest')

const lower = <T extends string>(status: T) => status.toLowerCase() as Lowercase<T>
const hospital = (party: AbdmParty) => ({ hip_id: party.id, name: party.name ?? null })
const permission = (p: ConsentPermission) => ({ access_mode: p.accessMode, from: iso(p.from), to: iso(p.to), erase_at: iso(p.eraseAt) })
const iso = (value: string) => new Date(value).toISOString()

export const toAbdmStatus = (status: (typeof CONSENT_REQUEST_STATUSES)[number]) => status.toUpperCase() as ConsentRequestStatus

export function toAbdmConsentRequest(request: AbdmConsentRequest): z.infer<typeof AbdmConsentRequestSchema> {
  return {
    id: request.id,
    status: lower(request.status),
    created_at: iso(request.createdAt),
    updated_at: request.updatedAt ? iso(request.updatedAt) : null,
    purpose: { code: request.purpose.code, text: request.purpose.text ?? null },
    requester: { hiu_id: request.hiu.id, hiu_name: request.hiu.name ?? null, name: request.requester ?? null },
    hospitals: request.hips.map(hospital),
    hi_types: request.hiTypes,
    ...permission(request.permission),
    frequency: request.permission.frequency,
  }
}

export function toAbdmConsent(artefact: AbdmConsentArtefact): z.infer<typeof AbdmConsentSchema> {
  return {
    id: artefact.id,
    consent_request_id: artefact.requestId ?? null,
    status: lower(artefact.status),
    created_at: iso(artefact.createdAt),
    purpose: { code: artefact.purpose.code, text: artefact.purpose.text ?? null },
    hospital: hospital(artefact.hip),
    requester: { hiu_id: artefact.hiu.id, hiu_name: artefact.hiu.name ?? null },
    hi_types: artefact.hiTypes,
    care_context_refs: artefact.careContexts.map((c) => ({
      patient_reference: c.patientReference,
      care_context_reference: c.careContextReference,
    })),
    ...permission(artefact.permission),
  }
}

const CareContextSchema = z.object({
  patient_reference: z.string().openapi({ description: 'The hospital’s reference for me.', example: 'PUID-1001' }),
  care_context_reference: z.string().openapi({ description: 'The visit’s reference at the hospital.', example: 'OPD-2026-11-02' }),
  display: z.string().nullable().openapi({ example: 'OPD visit, 2 Nov 2026 (General Medicine)' }),
  hi_type: z.string().nullable().openapi({ example: 'OPConsultation' }),
})

export const AbdmDiscoverySchema = z
  .object({
    id: z.guid(),
    hip_id: z.string().openapi({ example: 'DEMO-HIP' }),
    hip_name: z.string().nullable().openapi({ example: 'Demo Hospital, Pune' }),
    status: z.enum(['searching', 'found', 'not_found', 'linking', 'otp_sent', 'confirming', 'linked', 'failed']).openapi({
      description:
        'searching → found | not_found | failed; found → (link) linking → otp_sent → (confirm) confirming → linked. A wrong code goes back to otp_sent with `error`.',
      example: 'found',
    }),
    care_contexts: z.array(CareContextSchema).openapi({ description: 'The visits the hospital found for me.' }),
    chosen: z.array(CareContextSchema).openapi({ description: 'The visits I chose to link.' }),
    otp_expires_at: z.string().datetime().nullable(),
    error: z.string().nullable().openapi({ example: null }),
    created_at: z.string().datetime(),
    updated_at: z.string().datetime(),
  })
  .openapi('AbdmDiscovery')

export const StartDiscoverySchema = z
  .object({
    hip_id: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a hospital id on ABDM (its HFR id)')
      .openapi({ example: 'DEMO-HIP' }),
    hip_name: z.string().trim().min(1).max(256).optional().openapi({ example: 'Demo Hospital, Pune' }),
  })
  .strict()
  .openapi('StartAbdmDiscovery')

export const LinkCareContextsSchema = z
  .object({ care_context_refs: z.array(CareContextRef).min(1).max(200) })
  .strict()
  .openapi('LinkAbdmCareContexts')

export const ConfirmLinkSchema = z
  .object({
    otp: z
      .string()
      .trim()
      .regex(/^\d{4,8}$/, 'must be the code the hospital sent')
      .openapi({ example: '123456' }),
  })
  .strict()
  .openapi('ConfirmAbdmLink')

export const AbdmFacilitySchema = z
  .object({
    hip_id: z.string().openapi({ example: 'DEMO-HIP' }),
    name: z.string().openapi({ example: 'Demo Hospital, Pune' }),
    address: z.string().nullable(),
    district: z.string().nullable(),
    state: z.string().nullable(),
    pincode: z.string().nullable(),
  })
  .openapi('AbdmFacility')

export const AbdmLinkSchema = z
  .object({
    hospital: HospitalSchema,
    patient_reference: z.string(),
    display: z.string().nullable(),
    hi_type: z.string().nullable(),
    care_contexts: z.array(z.object({ care_context_reference: z.string(), display: z.string().nullable() })),
  })
  .openapi('AbdmLink')

const careContextsOf = (patients: DiscoveredPatientRow[] | null) =>
  (patients ?? []).flatMap((p) =>
    p.careContexts.map((c) => ({
      patient_reference: p.reference,
      care_context_reference: c.reference,
      display: c.display ?? null,
      hi_type: p.hiType ?? null,
    })),
  )

export function toAbdmDiscovery(row: AbdmDiscoveryRow): z.infer<typeof AbdmDiscoverySchema> {
  return {
    id: row.id,
    hip_id: row.hipId,
    hip_name: row.hipName,
    status: row.status,
    care_contexts: careContextsOf(row.patients),
    chosen: careContextsOf(row.chosen),
    otp_expires_at: row.otpExpiresAt?.toISOString() ?? null,
    error: row.error,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}

export function toAbdmLink(link: AbdmLink): z.infer<typeof AbdmLinkSchema> {
  return {
    hospital: hospital(link.hip),
    patient_reference: link.reference,
    display: link.display ?? null,
    hi_type: link.hiType ?? null,
    care_contexts: link.careContexts.map((c) => ({ care_context_reference: c.reference, display: c.display ?? null })),
  }
}

export function toAbdmFacility(facility: AbdmFacility): z.infer<typeof AbdmFacilitySchema> {
  return {
    hip_id: facility.id,
    name: facility.name,
    address: facility.address ?? null,
    district: facility.district ?? null,
    state: facility.state ?? null,
    pincode: facility.pincode ?? null,
  }
}

const SUBSCRIPTION_CATEGORIES = ['LINK', 'DATA'] as const

export const AbdmSubscriptionRequestSchema = z
  .object({
    id: z.string().openapi({ example: '7d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f5a' }),
    status: z.enum(CONSENT_REQUEST_STATUSES).openapi({ example: 'requested' }),
    created_at: z.string().datetime(),
    requester: z.object({ hiu_id: z.string(), hiu_name: z.string().nullable() }),
    purpose: z.object({ code: z.string(), text: z.string().nullable() }),
    categories: z
      .array(z.string())
      .openapi({ description: 'LINK: told of new visits linked; DATA: of new records.', example: ['LINK', 'DATA'] }),
    hi_types: z.array(z.string()),
    hospitals: z.array(HospitalSchema).openapi({ description: 'Empty: every hospital.' }),
    from: z.string().datetime(),
    to: z.string().datetime(),
  })
  .openapi('AbdmSubscriptionRequest')

export const ApproveSubscriptionSchema = z
  .object({
    hip_ids: z
      .array(z.string().trim().min(1).max(128))
      .max(50)
      .optional()
      .openapi({ description: 'Only these hospitals; omitted: all that were asked.' }),
    categories: z
      .array(z.enum(SUBSCRIPTION_CATEGORIES))
      .min(1)
      .max(2)
      .optional()
      .openapi({ example: ['DATA'] }),
    hi_types: z.array(z.enum(HI_TYPES)).min(1).max(HI_TYPES.length).optional(),
  })
  .strict()
  .openapi('ApproveAbdmSubscription')

export const AutoApprovalSchema = z
  .object({
    enabled: z.boolean().openapi({ description: 'My own pulls go through without asking each time.', example: false }),
    asked: z.boolean().openapi({ description: 'Whether I answered once (the app asks once, off by default).', example: false }),
    updated_at: z.string().datetime().nullable(),
  })
  .openapi('AbdmAutoApproval')

export const SetAutoApprovalSchema = z.object({ enabled: z.boolean() }).strict().openapi('SetAbdmAutoApproval')

export function toAbdmSubscriptionRequest(request: AbdmSubscriptionRequest): z.infer<typeof AbdmSubscriptionRequestSchema> {
  return {
    id: request.id,
    status: lower(request.status),
    created_at: iso(request.createdAt),
    requester: { hiu_id: request.hiu.id, hiu_name: request.hiu.name ?? null },
    purpose: { code: request.purpose.code, text: request.purpose.text ?? null },
    categories: request.categories,
    hi_types: request.hiTypes,
    hospitals: request.hips.map(hospital),
    from: iso(request.from),
    to: iso(request.to),
  }
}

const HOSPITAL_ID = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a hospital id on ABDM (its HFR id)')
  .openapi({ example: 'DEMO-HIP' })

export const StartPullSchema = z
  .object({
    hip_id: HOSPITAL_ID.optional().openapi({
      description: 'One hospital; omitted: every hospital my ABHA is linked with (I choose which when approving).',
    }),
    hi_types: z
      .array(z.enum(HI_TYPES))
      .min(1)
      .max(HI_TYPES.length)
      .optional()
      .openapi({ description: 'Omitted: every type.', example: ['Prescription', 'DiagnosticReport', 'OPConsultation'] }),
    from: z
      .string()
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Omitted: five years ago.', example: '2024-01-01T00:00:00.000Z' }),
    to: z.string().datetime({ offset: true }).optional().openapi({ description: 'Omitted: now.', example: '2026-12-01T00:00:00.000Z' }),
    erase_at: z.string().datetime({ offset: true }).optional().openapi({
      description: 'When the pulled copies are erased from PHR Edge (ABDM’s dataEraseAt); omitted: in five years.',
      example: '2031-12-01T00:00:00.000Z',
    }),
  })
  .strict()
  .openapi('StartAbdmPull')

const PullHospitalSchema = z
  .object({
    consent_id: z.string().openapi({ example: 'c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b' }),
    hip_id: z.string().nullable().openapi({ example: 'DEMO-HIP' }),
    hip_name: z.string().nullable().openapi({ example: 'Demo Hospital, Pune' }),
    status: z.enum(['fetching', 'requesting', 'receiving', 'transferred', 'failed', 'revoked']).openapi({
      description:
        'fetching (the consent) → requesting (the records) → receiving (pages arrive) → transferred | failed; revoked when I revoke the consent (its records erased).',
      example: 'transferred',
    }),
    records_received: z.number().int().openapi({ example: 3 }),
    pages: z.object({ received: z.number().int(), of: z.number().int().nullable() }).openapi({ example: { received: 2, of: 2 } }),
    visits: z
      .array(
        z.object({
          care_context_reference: z.string().openapi({ example: 'OPD-2026-10-03' }),
          ok: z.boolean(),
          description: z.string().nullable().openapi({ example: null }),
        }),
      )
      .openapi({ description: 'What arrived per visit (care context).' }),
    error: z.string().nullable().openapi({ example: null }),
  })
  .openapi('AbdmPullHospital')

export const AbdmPullSchema = z
  .object({
    id: z.guid(),
    status: z.enum(['requesting', 'awaiting_approval', 'granted', 'done', 'denied', 'expired', 'failed']).openapi({
      description:
        'requesting → awaiting_approval (approve `consent_request_id` in my consent inbox, POST /v1/abdm/consent-requests/{id}/approve; with auto-approval on, ABDM grants it itself) → granted (each hospital transfers) → done; or denied | expired | failed (`error`).',
      example: 'done',
    }),
    hip_id: z.string().nullable().openapi({ example: null }),
    hi_types: z.array(z.string()).openapi({ example: ['Prescription', 'DiagnosticReport'] }),
    from: z.string().datetime(),
    to: z.string().datetime(),
    erase_at: z.string().datetime(),
    consent_request_id: z.string().nullable().openapi({ example: '5f0bd5f4-8d0a-4c3e-9b62-1f7a3c2d4e5f' }),
    hospitals: z.array(PullHospitalSchema).openapi({ description: 'One per hospital that granted: its progress.' }),
    records_received: z.number().int().openapi({ description: 'Records added to mine (GET /v1/records?source=abdm).', example: 3 }),
    error: z.string().nullable().openapi({ example: null }),
    created_at: z.string().datetime(),
    updated_at: z.string().datetime(),
  })
  .openapi('AbdmPull')

export function toAbdmPull(row: AbdmPullRow, transfers: AbdmTransferRow[]): z.infer<typeof AbdmPullSchema> {
  return {
    id: row.id,
    status: row.status,
    hip_id: row.hipIds[0] ?? null,
    hi_types: row.hiTypes,
    from: row.dateFrom.toISOString(),
    to: row.dateTo.toISOString(),
    erase_at: row.eraseAt.toISOString(),
    consent_request_id: row.consentRequestId,
    hospitals: transfers.map((t) => ({
      consent_id: t.consentId,
      hip_id: t.hipId,
      hip_name: t.hipName,
      status: t.status,
      records_received: t.recordsReceived,
      pages: { received: t.pagesReceived.length, of: t.pageCount },
      visits: t.outcomes.map((o) => ({ care_context_reference: o.careContextReference, ok: o.ok, description: o.description ?? null })),
      error: t.error,
    })),
    records_received: transfers.reduce((n, t) => n + t.recordsReceived, 0),
    error: row.error,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}
