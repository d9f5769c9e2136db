import { describeError, type Logger } from '../../core/logger'
import type { Hmis } from './port'

const PREFIX = 'https://phr-edge.internal/hmis'

/**
 * HMIS reads kept briefly in the edge cache (per data centre): the specialty tabs for ten times
 * `seconds`, doctors and their slots for `seconds` (a slot may fill meanwhile; booking asks the
 * HMIS itself). Writes are never cached. A miss answers as soon as the HMIS did: the copy is written
 * to the cache after the response (`defer`, the request's waitUntil), and a failed write only logged.
 */
export function cachedHmis(hmis: Hmis, hospitalId: string, seconds: number, defer: (work: Promise<unknown>) => void, log: Logger): Hmis {
  const cache = typeof caches === 'undefined' || seconds === 0 ? undefined : caches.default
  async function through<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {
    if (!cache) return load()
    const request = new Request(`${PREFIX}/${encodeURIComponent(hospitalId)}/${key}`)
    const hit = await cache.match(request)
    if (hit) return (await hit.json()) as T
    const value = await load()
    // "No such doctor" is not kept: there is nothing to write (JSON.stringify(undefined) is no
    // JSON), and the doctor may be added at the HMIS any moment.
    if (value === undefined) return value
    const copy = new Response(JSON.stringify(value), { headers: { 'cache-control': `max-age=${ttl}` } })
    defer(
      cache
        .put(request, copy)
        .catch((error: unknown) =>
          log.log('warn', 'keeping an HMIS answer in the edge cache failed', { key, error: describeError(error) }),
        ),
    )
    return value
  }
  return {
    specialties: () => through('specialties', seconds * 10, () => hmis.specialties()),
    searchDoctors: (query) =>
      through(`doctors?${new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][])}`, seconds, () =>
        hmis.searchDoctors(query),
      ),
    doctor: (doctorId, range) =>
      through(`doctors/${encodeURIComponent(doctorId)}?${new URLSearchParams(range)}`, seconds, () => hmis.doctor(doctorId, range)),
    registerPatient: (patient) => hmis.registerPatient(patient),
    bookAppointment: (booking) => hmis.bookAppointment(booking),
    cancelAppointment: (ref, reason) => hmis.cancelAppointment(ref, reason),
    rescheduleAppointment: (ref, change) => hmis.rescheduleAppointment(ref, change),
    shareSymptomCheck: (ref, check) => hmis.shareSymptomCheck(ref, check),
    requestLabSlot: (booking) => hmis.requestLabSlot(booking),
    placeMedicineOrder: (order) => hmis.placeMedicineOrder(order),
    cancelLabBooking: (ref, reason) => hmis.cancelLabBooking(ref, reason),
    cancelMedicineOrder: (ref, reason) => hmis.cancelMedicineOrder(ref, reason),
    applyForCarePackage: (application) => hmis.applyForCarePackage(application),
    withdrawCareApplication: (ref, reason) => hmis.withdrawCareApplication(ref, reason),
    requestAmbulance: (request) => hmis.requestAmbulance(request),
    cancelAmbulanceRequest: (ref, reason) => hmis.cancelAmbulanceRequest(ref, reason),
    revokeShare: (ref, revocation) => hmis.revokeShare(ref, revocation),
  }
}
