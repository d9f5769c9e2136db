import type { z } from '@hono/zod-openapi'
import type { HospitalRow } from '../../db/schema'
import type {
  HmisBookingRequestSchema,
  HmisBookingSchema,
  HmisDoctorSchema,
  HmisPatientSchema,
  HmisPatientTokenSchema,
  HmisSpecialtySchema,
  HmisSymptomCheckSchema,
  HmisLabBookingRequestSchema,
  HmisMedicineOrderRequestSchema,
  HmisCareApplicationRequestSchema,
  HmisAmbulanceRequestSchema,
  HmisRescheduleRequestSchema,
  HmisRescheduledSchema,
  HmisShareRevocationSchema,
} from './contract'

export type HmisSpecialty = z.infer<typeof HmisSpecialtySchema>
export type HmisDoctor = z.infer<typeof HmisDoctorSchema>
export type HmisPatient = z.infer<typeof HmisPatientSchema>
export type HmisPatientToken = z.infer<typeof HmisPatientTokenSchema>
export type HmisBookingRequest = z.infer<typeof HmisBookingRequestSchema>
export type HmisBooking = z.infer<typeof HmisBookingSchema>
export type HmisSymptomCheck = z.infer<typeof HmisSymptomCheckSchema>
export type HmisLabBookingRequest = z.infer<typeof HmisLabBookingRequestSchema>
export type HmisMedicineOrderRequest = z.infer<typeof HmisMedicineOrderRequestSchema>
export type HmisCareApplicationRequest = z.infer<typeof HmisCareApplicationRequestSchema>
export type HmisAmbulanceRequest = z.infer<typeof HmisAmbulanceRequestSchema>
export type HmisShareRevocation = z.infer<typeof HmisShareRevocationSchema>
/** Done with the HMIS's reference, or a refusal it will repeat. */
export type HmisOrderOutcome = { ref: string } | { refused: { code: string; message: string } }

/** Cancelled (or unknown there), or a refusal it will repeat (`too_late`). */
export type HmisCancelOutcome = 'cancelled' | { refused: { code: string; message: string } }

/** What the HMIS said to a booking: done, or a refusal it will repeat (slot taken, unknown patient…). */
export type HmisBookingOutcome = { booked: HmisBooking } | { refused: { code: string; message: string } }
export type HmisRescheduleRequest = z.infer<typeof HmisRescheduleRequestSchema>
/** A move the hospital made, or why it would not: the old slot is then kept. */
export type HmisRescheduleOutcome = { rescheduled: z.infer<typeof HmisRescheduledSchema> } | { refused: { code: string; message: string } }

/** What PHR Edge knows of a hospital's HMIS: which adapter speaks to it, where, with what. */
export type HmisLink = {
  hospitalId: string
  /** The hospital's IANA zone: its local dates and slot times are in it. */
  timezone: string
  adapter: 'rest' | 'fhir-r4'
  baseUrl: string
  /** How long an OPD token lasts at this hospital, for adapters that make the token themselves (FHIR). */
  tokenTtlSeconds: number
  /** Per-hospital override of HMIS_READ_TIMEOUT_MS / HMIS_WRITE_TIMEOUT_MS. */
  timeoutMs: number | null
  /** Epoch ms by which every call must have ended (an outbox job's lease): calls are cut short to it, none starts after it. */
  deadline?: number
  /** Sealed HospitalCredentials (core/hospital-secrets, core/sealed). */
  sealedCredentials: string
}

export type { HospitalCredentials } from '../../core/hospital-secrets'

/**
 * One hospital's HMIS, whatever its adapter. Reads may be retried and cached; registerPatient is
 * idempotent on the patient id. A failing HMIS surfaces as 502/503/504 ApiErrors.
 */
export interface Hmis {
  specialties(): Promise<HmisSpecialty[]>
  searchDoctors(query: { name?: string; specialty?: string; date: string }): Promise<HmisDoctor[]>
  /** undefined when the HMIS does not know the doctor. */
  doctor(doctorId: string, range: { from: string; to: string }): Promise<HmisDoctor | undefined>
  registerPatient(patient: HmisPatient): Promise<HmisPatientToken>
  /** Idempotent on phr_appointment_id. A transient failure throws a 502/503/504 ApiError. */
  bookAppointment(booking: HmisBookingRequest): Promise<HmisBookingOutcome>
  /** Idempotent. An unknown reference counts as cancelled. */
  cancelAppointment(appointmentRef: string, reason: string | null): Promise<void>
  /** Moves a booking to another slot (and mode) of the same doctor; idempotent (the same slot again is no change). */
  rescheduleAppointment(appointmentRef: string, change: HmisRescheduleRequest): Promise<HmisRescheduleOutcome>
  /** Idempotent on phr_symptom_check_id. `refused` when the HMIS does not know the booking. */
  shareSymptomCheck(appointmentRef: string, check: HmisSymptomCheck): Promise<'received' | { refused: { code: string; message: string } }>
  /** Idempotent on phr_booking_id. */
  requestLabSlot(booking: HmisLabBookingRequest): Promise<HmisOrderOutcome>
  /** Idempotent on phr_order_id. */
  placeMedicineOrder(order: HmisMedicineOrderRequest): Promise<HmisOrderOutcome>
  /** Idempotent; an unknown reference counts as cancelled. `refused` (`too_late`) once the sample is collected. */
  cancelLabBooking(bookingRef: string, reason: string | null): Promise<HmisCancelOutcome>
  /** Idempotent; an unknown reference counts as cancelled. `refused` (`too_late`) once it was dispatched. */
  cancelMedicineOrder(orderRef: string, reason: string | null): Promise<HmisCancelOutcome>
  /** Idempotent on phr_application_id. */
  applyForCarePackage(application: HmisCareApplicationRequest): Promise<HmisOrderOutcome>
  /** Idempotent; an unknown reference counts as withdrawn. */
  withdrawCareApplication(applicationRef: string, reason: string | null): Promise<HmisCancelOutcome>
  /** Idempotent on phr_booking_id. */
  requestAmbulance(request: HmisAmbulanceRequest): Promise<HmisOrderOutcome>
  /** Idempotent; an unknown reference counts as cancelled. */
  cancelAmbulanceRequest(requestRef: string, reason: string | null): Promise<HmisCancelOutcome>
  /** The patient's share ended; idempotent on phr_revocation_id, and an unknown patient counts as told. */
  revokeShare(patientRef: string, revocation: HmisShareRevocation): Promise<void>
}

/** The outbox partition of a hospital's jobs: they run at most OUTBOX_PARTITION_CONCURRENCY at a time, so one slow HMIS holds up only its own. */
export const hmisPartition = (hospitalId: string) => `hospital:${hospitalId}`

/** How to reach a hospital's HMIS, from its registry row; `timeoutMs` overrides the hospital's own. */
export const hmisLinkOf = (hospital: HospitalRow, limits: { timeoutMs?: number; deadline?: number } = {}): HmisLink => ({
  hospitalId: hospital.id,
  timezone: hospital.timezone,
  adapter: hospital.adapter,
  baseUrl: hospital.hmisBaseUrl,
  timeoutMs: limits.timeoutMs ?? hospital.hmisTimeoutMs,
  deadline: limits.deadline,
  tokenTtlSeconds: hospital.shareTokenTtlSeconds,
  sealedCredentials: hospital.credentialsSealed,
})
