// The fakes of external services, driven through functions (never a raw fetch to /_fake in a test).
import { inject } from 'vitest'

type FakeName = 'msg91' | 'resend' | 'abdm' | 'gemini' | 'google' | 'fcm'
const urls = { msg91: 'msg91Url', resend: 'resendUrl', abdm: 'abdmUrl', gemini: 'geminiUrl', google: 'googleUrl', fcm: 'fcmUrl' } as const

async function fake<T>(name: FakeName, path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${inject(urls[name])}/_fake/${path}`, init)
  if (!response.ok) throw new Error(`fake ${name} ${path}: ${response.status}`)
  return (await response.json()) as T
}

/** The next `count` calls to that fake answer `status` (0: the connection drops). */
export function failNext(name: FakeName, status: number, count = 1) {
  return fake(name, 'fail', { method: 'POST', body: JSON.stringify({ count, status }) })
}

/** The next `count` calls to that fake answer normally, `ms` late. */
export function slowNext(name: FakeName, ms: number, count = 1) {
  return fake(name, 'fail', { method: 'POST', body: JSON.stringify({ count, delay_ms: ms }) })
}

export type GeminiRequest = {
  model: string
  system: string | null
  prompt: string
  media: { mimeType: string; size: number; via: 'inline' | 'file' }[]
  responseSchema: Record<string, any> | null
}

/** generateContent requests the fake Gemini received, oldest first. */
export function geminiRequests() {
  return fake<GeminiRequest[]>('gemini', 'requests')
}

/** Files the fake Gemini holds (uploaded through the Files API and not deleted). */
export function geminiFiles() {
  return fake<{ name: string; mimeType: string }[]>('gemini', 'files')
}

/** SMS the fake MSG91 sent to a number, newest first, with their template variables. */
export function sentSms(to: string) {
  return fake<{ variables?: Record<string, string> }[]>('msg91', `messages?to=${encodeURIComponent(to)}`)
}

/** Emails the fake Resend sent to an address, newest first. */
export function sentEmails(to: string) {
  return fake<{ text?: string }[]>('resend', `emails?to=${encodeURIComponent(to)}`)
}

/** Adds an ABHA account to the fake ABDM (its wire shape). */
export function addAbhaAccount(account: Record<string, string | null>) {
  return fake('abdm', 'accounts', { method: 'POST', body: JSON.stringify(account) })
}

/** The OTPs the fake ABDM sent for a login id, newest first. */
export function abdmOtps(loginId: string) {
  return fake<{ otp: string }[]>('abdm', `otps?login_id=${encodeURIComponent(loginId)}`)
}

/** How many requests each `METHOD /path` of a fake has received so far. */
export function fakeCalls(name: FakeName) {
  return fake<Record<string, number>>(name, 'calls')
}

/** ABDM's transfer tokens of logins by mobile expire now (as if the person took too long to choose). */
export function expireAbhaTransferTokens() {
  return fake('abdm', 'expire-transfer-tokens', { method: 'POST' })
}

/** The fake ABDM's demo clinic asks this ABHA address for consent (hips: [] asks of any hospital). */
export function raiseAbdmConsentRequest(request: { abhaAddress: string; hiTypes?: string[]; hips?: { id: string; name: string }[] }) {
  return fake<{ id: string; hips: { id: string }[]; permission: { dateRange: { from: string; to: string }; dataEraseAt: string } }>(
    'abdm',
    'consent-requests',
    { method: 'POST', body: JSON.stringify(request) },
  )
}

/** The fake ABDM's demo clinic asks to subscribe to this ABHA address's new visits and records. */
export function raiseAbdmSubscriptionRequest(request: { abhaAddress: string; categories?: string[]; hiTypes?: string[] }) {
  return fake<{ id: string }>('abdm', 'subscription-requests', { method: 'POST', body: JSON.stringify(request) })
}

/** The auto-approval policies the fake ABDM holds for an ABHA address. */
export function abdmAutoApprovals(abhaAddress: string) {
  return fake<{ id: string; hiu: string; enabled: boolean }[]>('abdm', `auto-approvals?patient=${encodeURIComponent(abhaAddress)}`)
}

/** ABDM fails (503) to make the next auto-approval policy this ABHA address asks for. */
export function refuseNextAbdmAutoApproval(abhaAddress: string) {
  return fake('abdm', 'auto-approvals/refuse-next', { method: 'POST', body: JSON.stringify({ patient: abhaAddress }) })
}

/** ABDM ends every user token now (as after 30 minutes); `refresh` ends the refresh tokens too. */
export function expireAbdmUserTokens(refresh = false) {
  return fake('abdm', 'expire-user-tokens', { method: 'POST', body: JSON.stringify({ refresh }) })
}

export type GatewayCallback = { path: string; headers: Record<string, string>; body: Record<string, any> }

/** The gateway's callbacks about one ABHA address that nobody delivered yet, oldest first (taken: they leave the queue). */
export function abdmCallbacks(abhaAddress: string) {
  return fake<GatewayCallback[]>('abdm', `callbacks?patient=${encodeURIComponent(abhaAddress)}`)
}

/** The fake's next linking call for this ABHA address answers only after its callback was taken (the callback overtakes the answer). */
export function holdNextAbdmAnswer(abhaAddress: string) {
  return fake('abdm', 'hold-next-answer', { method: 'POST', body: JSON.stringify({ patient: abhaAddress }) })
}

/** Lets the held linking answer for this ABHA address go (after the test delivered its callback). */
export function releaseAbdmAnswer(abhaAddress: string) {
  return fake('abdm', 'release-answer', { method: 'POST', body: JSON.stringify({ patient: abhaAddress }) })
}

/** A token as the fake gateway signs callbacks; expired (`expiresIn` < 0) or signed by another key (`foreign`). */
export async function abdmGatewayToken(options: { expiresIn?: number; foreign?: boolean } = {}) {
  return (await fake<{ token: string }>('abdm', 'gateway-token', { method: 'POST', body: JSON.stringify(options) })).token
}

/** ABDM restarts: new key pair (cached certificates go stale) and every gateway session forgotten. */
export function restartAbdm() {
  return fake('abdm', 'restart', { method: 'POST' })
}

type HmisFault = (
  | { kind: 'status'; status: number }
  | { kind: 'drop' | 'timeout' | 'malformed' }
  | { kind: 'slow'; ms: number }
  | { kind: 'huge'; bytes: number }
) & {
  /** Only calls to this route take the fault, e.g. `POST /appointments`. */
  route?: string
  /** Only calls for this hospital (its key, e.g. `amrita`): the end-to-end tests share this HMIS. */
  hospital?: string
}

/** The reference HMIS every test shares, or the one kept for fault drills (hospital `faulty`). */
type HmisServer = 'shared' | 'faulty'
const hmisBase = (server: HmisServer) => inject(server === 'faulty' ? 'hmisFaultyUrl' : 'hmisUrl')

/** The next `count` calls to that reference HMIS (any of its hospitals) fail that way. */
export async function hmisFault(fault: HmisFault, count = 1, server: HmisServer = 'shared') {
  await fetch(`${hmisBase(server)}/_hmis/faults`, { method: 'POST', body: JSON.stringify({ ...fault, count }) })
}

export async function clearHmisFaults(server: HmisServer = 'shared') {
  await fetch(`${hmisBase(server)}/_hmis/faults`, { method: 'DELETE' })
}

/** Requests the reference HMIS received, by "<hospital> <METHOD> <route>". */
export async function hmisCalls(server: HmisServer = 'shared'): Promise<Record<string, number>> {
  return (await fetch(`${hmisBase(server)}/_hmis/calls`)).json()
}

/** The bookings a hospital of the reference HMIS holds. */
export async function hmisBookings(
  hospitalKey: string,
  server: HmisServer = 'shared',
): Promise<{ phr_appointment_id: string; status: string; appointment_ref: string; received: number }[]> {
  return (await fetch(`${hmisBase(server)}/_hmis/bookings?hospital=${hospitalKey}`)).json()
}

/** The rooms the fake Google Meet made. */
export function meetSpaces() {
  return fake<{ meetingUri: string }[]>('google', 'spaces')
}

/** An FCM HTTP v1 message as the fake FCM received it. */
export type FcmMessage = {
  name: string
  received_at: string
  message: {
    token: string
    notification: { title: string; body: string }
    data: Record<string, string>
    android: { priority: 'HIGH' | 'NORMAL'; ttl: string; collapse_key?: string; notification?: { channel_id?: string; tag?: string } }
    apns: { headers: Record<string, string>; payload: { aps: Record<string, unknown> } }
  }
}

/** The pushes the fake FCM delivered to a registration token, newest first. */
export function pushesTo(token: string) {
  return fake<FcmMessage[]>('fcm', `messages?token=${encodeURIComponent(token)}`)
}

/** Waits (up to `ms`) until the phone with that token has at least `count` pushes; them, newest first. */
export async function waitForPushes(token: string, count = 1, ms = 10_000) {
  const deadline = Date.now() + ms
  for (;;) {
    const pushes = await pushesTo(token)
    if (pushes.length >= count || Date.now() > deadline) return pushes
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** FCM forgets that token: sends to it answer 404 UNREGISTERED (the app was uninstalled). */
export function unregisterToken(token: string) {
  return fake('fcm', 'fcm/unregister', { method: 'POST', body: JSON.stringify({ token }) })
}

/** The next `count` sends to that token answer `status` (429, 503, 500) with that Retry-After. */
export function fcmFault(token: string, status: 429 | 503 | 500, retryAfterSeconds?: number, count = 1) {
  return fake('fcm', 'fcm/fault', { method: 'POST', body: JSON.stringify({ token, status, retry_after: retryAfterSeconds, count }) })
}

/** Google revokes the access tokens it gave for FCM: the next push with one answers 401. */
export function revokeFcmAccessTokens() {
  return fake('google', 'revoke', { method: 'POST', body: JSON.stringify({ scope: 'https://www.googleapis.com/auth/firebase.messaging' }) })
}

/** The patients a hospital of the reference HMIS has registered. */
export async function hmisPatients(
  hospitalKey: string,
  server: HmisServer = 'shared',
): Promise<
  {
    phr_patient_id: string | null
    hmis_patient_id: string
    name: string | null
    phone?: string | null
    share?: 'revoked' | 'erased'
    revocations?: string[]
  }[]
> {
  return (await fetch(`${hmisBase(server)}/_hmis/patients?hospital=${hospitalKey}`)).json()
}

/** A FHIR search on the test FHIR server (Medplum), as the hospital would see its own data. */
export async function fhirSearch(query: string): Promise<{ entry?: { resource: Record<string, any> }[] }> {
  return (await fetch(`${inject('fhirUrl')}/${query}`, { headers: { authorization: `Bearer ${inject('fhirApiKey')}` } })).json()
}

/** Symptom checks a hospital of the reference HMIS received. */
export async function hmisSymptomChecks(hospitalKey: string, server: HmisServer = 'shared'): Promise<Record<string, any>[]> {
  return (await fetch(`${hmisBase(server)}/_hmis/symptom-checks?hospital=${hospitalKey}`)).json()
}

/** Medplum's validator (in the test FHIR server) on a resource: 'valid', or its complaint. */
export async function fhirValidate(resource: unknown): Promise<string> {
  const response = await fetch(`${inject('fhirUrl')}/$validate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${inject('fhirApiKey')}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify(resource),
  })
  const outcome = (await response.json()) as { issue: { diagnostics?: string }[] }
  return response.ok ? 'valid' : (outcome.issue[0]?.diagnostics ?? `status ${response.status}`)
}

/** Lab bookings or medicine orders a hospital of the reference HMIS holds. */
export async function hmisOrders(
  kind: 'lab-bookings' | 'medicine-orders' | 'care-package-applications' | 'ambulance-requests',
  hospitalKey: string,
  server: HmisServer = 'shared',
): Promise<Record<string, any>[]> {
  return (await fetch(`${hmisBase(server)}/_hmis/${kind}?hospital=${hospitalKey}`)).json()
}

/** Moves an order or lab booking on at the reference HMIS only (the pharmacy dispatched it), before any event reaches us. */
export async function hmisSetStatus(
  kind: 'lab-booking' | 'medicine-order',
  hospitalKey: string,
  ref: string,
  status: string,
  server: HmisServer = 'shared',
) {
  const response = await fetch(`${hmisBase(server)}/_hmis/status?hospital=${hospitalKey}`, {
    method: 'POST',
    body: JSON.stringify({ kind, ref, status }),
  })
  if (!response.ok) throw new Error(`the reference HMIS has no ${kind} ${ref}: ${response.status}`)
}

export type HospitalPage = { url: string; body: Record<string, any> }

/** The demo hospital's pages for this ABHA address that nobody delivered yet (taken: they leave the queue). */
export function abdmPushes(abhaAddress: string) {
  return fake<HospitalPage[]>('abdm', `pushes?patient=${encodeURIComponent(abhaAddress)}`)
}

/** What our HIU told ABDM about this ABHA address's transfers: grant acknowledgements and transfer notifications. */
export function abdmDataflowReports(abhaAddress: string) {
  return fake<{ path: 'on-notify' | 'notify'; body: Record<string, any> }[]>(
    'abdm',
    `dataflow-reports?patient=${encodeURIComponent(abhaAddress)}`,
  )
}

/** This ABHA address's next transfer goes wrong: a page that does not decrypt, an artefact ABDM says expired, titles with a NUL. */
export function abdmDataflowFault(abhaAddress: string, fault: 'corrupt-page' | 'expired-artefact' | 'nul-title') {
  return fake('abdm', 'dataflow-faults', { method: 'POST', body: JSON.stringify({ patient: abhaAddress, fault }) })
}
