import type { z } from '@hono/zod-openapi'
import { ApiError } from '../../core/errors'
import { readUpstreamJson, rejectUpstream } from '../../core/upstream'
import {
  HmisBookingSchema,
  HmisDoctorSchema,
  HmisErrorSchema,
  HmisListSchema,
  HmisPatientTokenSchema,
  HmisSpecialtySchema,
  HmisLabBookingSchema,
  HmisMedicineOrderSchema,
  HmisCareApplicationSchema,
  HmisAmbulanceBookingSchema,
  HmisRescheduledSchema,
} from './contract'
import { hmisHttp, type HmisOptions } from './http'
import type { Hmis, HmisCancelOutcome, HmisLink, HmisOrderOutcome } from './port'

const SERVICE = 'The hospital system (HMIS)'

/** Our own HMIS contract over HTTP (src/integrations/hmis/contract.ts; README "HMIS contract"). */
export function restHmis(link: HmisLink, options: HmisOptions): Hmis {
  const call = hmisHttp(link, options, SERVICE, 'application/json')

  /** Something the hospital keeps (idempotent on our id): its reference, or a refusal it will repeat (400/404/409/422). */
  async function place<T extends z.ZodTypeAny>(
    path: string,
    body: unknown,
    schema: T,
    refOf: (answer: z.infer<T>) => string,
  ): Promise<HmisOrderOutcome> {
    const response = await call('POST', path, body)
    if ([400, 404, 409, 422].includes(response.status))
      return { refused: (await readUpstreamJson(SERVICE, response, HmisErrorSchema)).error }
    if (!response.ok) await rejectUpstream(SERVICE, response)
    return { ref: refOf(await readUpstreamJson(SERVICE, response, schema)) }
  }

  /** A cancellation: done when the HMIS says so or does not know the reference; `too_late` and other 409/422s are refusals. */
  async function cancel(path: string, reason: string | null): Promise<HmisCancelOutcome> {
    const response = await call('POST', path, { reason })
    if (response.status === 404) {
      await response.body?.cancel()
      return 'cancelled'
    }
    if (response.status === 409 || response.status === 422)
      return { refused: (await readUpstreamJson(SERVICE, response, HmisErrorSchema)).error }
    if (!response.ok) await rejectUpstream(SERVICE, response)
    await response.body?.cancel()
    return 'cancelled'
  }

  return {
    async specialties() {
      const response = await call('GET', '/specialties')
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return (await readUpstreamJson(SERVICE, response, HmisListSchema(HmisSpecialtySchema))).items
    },
    async searchDoctors({ name, specialty, date }) {
      const query = new URLSearchParams({ date })
      if (name) query.set('name', name)
      if (specialty) query.set('specialty', specialty)
      const response = await call('GET', `/doctors?${query}`)
      if (response.status === 400) {
        await response.body?.cancel()
        throw new ApiError('invalid_pattern', 'The hospital system would not search with that pattern.')
      }
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return (await readUpstreamJson(SERVICE, response, HmisListSchema(HmisDoctorSchema))).items
    },
    async doctor(doctorId, { from, to }) {
      const response = await call('GET', `/doctors/${encodeURIComponent(doctorId)}?${new URLSearchParams({ from, to })}`)
      if (response.status === 404) {
        await response.body?.cancel()
        return undefined
      }
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return readUpstreamJson(SERVICE, response, HmisDoctorSchema)
    },
    async registerPatient(patient) {
      const response = await call('POST', '/patients', patient)
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return readUpstreamJson(SERVICE, response, HmisPatientTokenSchema)
    },
    async bookAppointment(booking) {
      const response = await call('POST', '/appointments', booking)
      if (response.status === 409 || response.status === 422 || response.status === 404 || response.status === 400) {
        const { error } = await readUpstreamJson(SERVICE, response, HmisErrorSchema)
        return { refused: error }
      }
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return { booked: await readUpstreamJson(SERVICE, response, HmisBookingSchema) }
    },
    async cancelAppointment(appointmentRef, reason) {
      const response = await call('POST', `/appointments/${encodeURIComponent(appointmentRef)}/cancel`, { reason })
      if (response.status === 404) return void (await response.body?.cancel())
      if (!response.ok) await rejectUpstream(SERVICE, response)
      await response.body?.cancel()
    },
    async rescheduleAppointment(appointmentRef, change) {
      const response = await call('POST', `/appointments/${encodeURIComponent(appointmentRef)}/reschedule`, change)
      if (response.status === 409 || response.status === 404 || response.status === 400 || response.status === 422) {
        const { error } = await readUpstreamJson(SERVICE, response, HmisErrorSchema)
        return { refused: error }
      }
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return { rescheduled: await readUpstreamJson(SERVICE, response, HmisRescheduledSchema) }
    },
    async shareSymptomCheck(appointmentRef, check) {
      const response = await call('POST', `/appointments/${encodeURIComponent(appointmentRef)}/symptom-checks`, check)
      if (response.status === 404 || response.status === 400 || response.status === 422) {
        const { error } = await readUpstreamJson(SERVICE, response, HmisErrorSchema)
        return { refused: error }
      }
      if (!response.ok) await rejectUpstream(SERVICE, response)
      await response.body?.cancel()
      return 'received'
    },
    requestLabSlot: (booking) => place('/lab-bookings', booking, HmisLabBookingSchema, (b) => b.booking_ref),
    placeMedicineOrder: (order) => place('/medicine-orders', order, HmisMedicineOrderSchema, (o) => o.order_ref),
    cancelLabBooking: (bookingRef, reason) => cancel(`/lab-bookings/${encodeURIComponent(bookingRef)}/cancel`, reason),
    cancelMedicineOrder: (orderRef, reason) => cancel(`/medicine-orders/${encodeURIComponent(orderRef)}/cancel`, reason),
    applyForCarePackage: (application) =>
      place('/care-package-applications', application, HmisCareApplicationSchema, (a) => a.application_ref),
    withdrawCareApplication: (ref, reason) => cancel(`/care-package-applications/${encodeURIComponent(ref)}/withdraw`, reason),
    requestAmbulance: (request) => place('/ambulance-requests', request, HmisAmbulanceBookingSchema, (r) => r.request_ref),
    cancelAmbulanceRequest: (ref, reason) => cancel(`/ambulance-requests/${encodeURIComponent(ref)}/cancel`, reason),
    async revokeShare(patientRef, revocation) {
      const response = await call('POST', `/patients/${encodeURIComponent(patientRef)}/share/revoke`, revocation)
      if (response.status === 404) return void (await response.body?.cancel())
      if (!response.ok) await rejectUpstream(SERVICE, response)
      await response.body?.cancel()
    },
  }
}
