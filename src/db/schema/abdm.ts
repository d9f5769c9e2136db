import { boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { paginatedCreatedAt, timestamptz } from './columns'

/** The patient's ABDM user token and refresh token, sealed (migration 0038): X-AUTH-TOKEN for ABDM's consent manager. */
export const abdmSessions = pgTable(
  'abdm_sessions',
  {
    patientId: uuid('patient_id').primaryKey(),
    abhaAddress: text('abha_address').notNull(),
    tokens: text('tokens').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    refreshExpiresAt: timestamptz('refresh_expires_at'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('abdm_sessions_abha_address_idx').on(t.abhaAddress)],
)
export type AbdmSessionRow = typeof abdmSessions.$inferSelect

/** A found-or-linked visit list, as the hospital named it. */
export type DiscoveredPatientRow = {
  reference: string
  display?: string
  hiType?: string
  careContexts: { reference: string; display?: string }[]
}
export type DiscoveryStatus = 'searching' | 'found' | 'not_found' | 'linking' | 'otp_sent' | 'confirming' | 'linked' | 'failed'

/** One user-initiated linking at an ABDM hospital, from discovery to linked (migration 0039). */
export const abdmDiscoveries = pgTable(
  'abdm_discoveries',
  {
    id: uuid('id').primaryKey(),
    patientId: uuid('patient_id').notNull(),
    hipId: text('hip_id').notNull(),
    hipName: text('hip_name'),
    status: text('status').$type<DiscoveryStatus>().notNull().default('searching'),
    discoverRequestId: uuid('discover_request_id').notNull(),
    linkRequestId: uuid('link_request_id'),
    confirmRequestId: uuid('confirm_request_id'),
    transactionId: text('transaction_id'),
    patients: jsonb('patients').$type<DiscoveredPatientRow[]>(),
    chosen: jsonb('chosen').$type<DiscoveredPatientRow[]>(),
    linkReference: text('link_reference'),
    otpExpiresAt: timestamptz('otp_expires_at'),
    error: text('error'),
    createdAt: paginatedCreatedAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('abdm_discoveries_patient_idx').on(t.patientId, t.createdAt.desc())],
)
export type AbdmDiscoveryRow = typeof abdmDiscoveries.$inferSelect

/** Gateway callbacks already applied, by their REQUEST-ID (ABDM retries them). */
export const abdmCallbacks = pgTable('abdm_callbacks', {
  requestId: text('request_id').primaryKey(),
  path: text('path').notNull(),
  receivedAt: timestamptz('received_at').notNull().defaultNow(),
})

/** The patient's auto-approval of their own pulls on ABDM: asked once, switchable (migration 0040). */
export const abdmAutoApprovals = pgTable('abdm_auto_approvals', {
  patientId: uuid('patient_id').primaryKey(),
  enabled: boolean('enabled').notNull().default(false),
  policyId: text('policy_id'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})

export type PullStatus = 'requesting' | 'awaiting_approval' | 'granted' | 'done' | 'denied' | 'expired' | 'failed'

/** A pull of the patient's own records through ABDM (a consent request as our HIU, purpose PATRQT; migration 0041). */
export const abdmPulls = pgTable(
  'abdm_pulls',
  {
    id: uuid('id').primaryKey(),
    patientId: uuid('patient_id').notNull(),
    abhaAddress: text('abha_address').notNull(),
    hipIds: text('hip_ids').array().notNull().default([]),
    hiTypes: text('hi_types').array().notNull(),
    dateFrom: timestamptz('date_from').notNull(),
    dateTo: timestamptz('date_to').notNull(),
    eraseAt: timestamptz('erase_at').notNull(),
    status: text('status').$type<PullStatus>().notNull().default('requesting'),
    initRequestId: uuid('init_request_id').notNull(),
    consentRequestId: text('consent_request_id'),
    notifyRequestId: text('notify_request_id'),
    error: text('error'),
    createdAt: paginatedCreatedAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('abdm_pulls_patient_idx').on(t.patientId, t.createdAt.desc(), t.id)],
)
export type AbdmPullRow = typeof abdmPulls.$inferSelect

export type TransferStatus = 'fetching' | 'requesting' | 'receiving' | 'transferred' | 'failed' | 'revoked'
export type TransferOutcome = { careContextReference: string; ok: boolean; description?: string }

/** One hospital's part of a pull: its consent artefact, the health information asked for, the pages received. */
export const abdmTransfers = pgTable(
  'abdm_transfers',
  {
    id: uuid('id').primaryKey(),
    pullId: uuid('pull_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    consentId: text('consent_id').notNull(),
    hipId: text('hip_id'),
    hipName: text('hip_name'),
    status: text('status').$type<TransferStatus>().notNull().default('fetching'),
    fetchRequestId: uuid('fetch_request_id').notNull(),
    hiRequestId: uuid('hi_request_id'),
    transactionId: text('transaction_id'),
    careContexts: jsonb('care_contexts').$type<{ patientReference: string; careContextReference: string }[]>(),
    hiTypes: text('hi_types').array(),
    dateFrom: timestamptz('date_from'),
    dateTo: timestamptz('date_to'),
    eraseAt: timestamptz('erase_at'),
    keyMaterial: text('key_material'),
    pushTokenHash: text('push_token_hash'),
    pageCount: integer('page_count'),
    pagesReceived: integer('pages_received').array().notNull().default([]),
    outcomes: jsonb('outcomes').$type<TransferOutcome[]>().notNull().default([]),
    recordsReceived: integer('records_received').notNull().default(0),
    error: text('error'),
    createdAt: paginatedCreatedAt(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('abdm_transfers_pull_idx').on(t.pullId, t.createdAt)],
)
export type AbdmTransferRow = typeof abdmTransfers.$inferSelect
