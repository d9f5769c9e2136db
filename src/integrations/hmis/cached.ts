import { describeError, type Logger } from '../../core/logger'
import type { Hmis, HmisLink } from './port'

const PREFIX = 'https://phr-edge.internal/hmis'
/** When the copy in the edge cache ends (epoch ms), so that an isolate keeping it knows too. */
const EXPIRES = 'x-phr-expires'

/**
 * The isolate's own copies of recent answers, by cache key: the edge cache is a lookup away (a
 * service call per read), this is none. Each lives no longer than its edge copy does, so nothing
 * is staler than the edge cache would serve; at most `MEMO_CHARS` of JSON are kept, the oldest
 * dropped first. Kept as text and parsed per read: no caller can change another's answer.
 */
const memo = new Map<string, { json: string; expires: number }>()
const MEMO_CHARS = 2_000_000
const MEMO_ENTRY_CHARS = 200_000
let memoChars = 0

function remembered(key: string): string | undefined {
  const entry = memo.get(key)
  if (!entry) return undefined
  if (entry.expires > Date.now()) return entry.json
  forget(key)
  return undefined
}

function forget(key: string) {
  const entry = memo.get(key)
  if (!entry) return
  memo.delete(key)
  memoChars -= entry.json.length
}

function remember(key: string, json: string, expires: number) {
  if (json.length > MEMO_ENTRY_CHARS || !(expires > Date.now())) return
  forget(key)
  memo.set(key, { json, expires })
  memoChars += json.length
  for (const oldest of memo.keys()) {
    if (memoChars <= MEMO_CHARS) break
    forget(oldest)
  }
}

/**
 * HMIS reads kept briefly (the isolate's copy, then the edge cache per data centre): the specialty
 * tabs for ten times `seconds`, doctors and their slots for `seconds` (a slot may fill meanwhile;
 * booking asks the HMIS itself). Writes are never cached. A miss answers as soon as the HMIS did:
 * the copy is written to the edge cache after the response (`defer`, the request's waitUntil), and
 * a failed write only logged.
 */
export function cachedHmis(hmis: Hmis, link: HmisLink, seconds: number, defer: (work: Promise<unknown>) => void, log: Logger): Hmis {
  const cache = typeof caches === 'undefined' || seconds === 0 ? undefined : caches.default
  // By the HMIS that answered too: a hospital moved to another HMIS is never answered with what its
  // old one said (not even by a read begun with its old row while it moved).
  const origin = [link.hospitalId, link.adapter, link.baseUrl].map(encodeURIComponent).join('/')
  async function through<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {
    if (!cache) return load()
    const url = `${PREFIX}/${origin}/${key}`
    const kept = remembered(url)
    if (kept !== undefined) return JSON.parse(kept) as T
    const request = new Request(url)
    const hit = await cache.match(request)
    if (hit) {
      const json = await hit.text()
      remember(url, json, Number(hit.headers.get(EXPIRES)))
      return JSON.parse(json) as T
    }
    const value = await load()
    // "No such doctor" is not kept: there is nothing to write (JSON.stringify(undefined) is no
    // JSON), and the doctor may be added at the HMIS any moment.
    if (value === undefined) return value
    const json = JSON.stringify(value)
    const expires = Date.now() + ttl * 1000
    remember(url, json, expires)
    const copy = new Response(json, { headers: { 'cache-control': `max-age=${ttl}`, [EXPIRES]: String(expires) } })
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
