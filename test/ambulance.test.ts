import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Config } from '../src/core/config'
import { BookingSchema } from '../src/features/care/schema'
import { dispatchLink } from '../src/features/care/dispatch'
import worker from '../src/index'
import { loginByPhone } from './fixtures/auth'
import { expectError, expectOk, type Client } from './harness/client'
import { hmisCalls, hmisFault, hmisOrders, sentSms } from './harness/fakes'
import { hmisCall } from './harness/hmis'
import { expectHiddenFromOthers } from './harness/ownership'
import { deliverOutbox, deliverUntil, dueNow } from './harness/outbox'
import { runSql } from './harness/sql'
import { testSecrets } from './secrets'

// An ambulance pre-booking as the operator's dispatch desk meets it: an SMS (the fake MSG91) with
// a link to the dispatcher's page, served by the Worker; what the dispatcher does there is what the
// patient then sees.

const REDHEALTH_DESK = '+919999947111'
const Notifications = z.object({ items: z.array(z.object({ type: z.string(), title: z.string(), link: z.unknown() })) })

/** The booking id as the link carries it (base64url of its 16 bytes). */
const idInLink = (id: string) =>
  btoa(
    String.fromCharCode(
      ...id
        .replaceAll('-', '')
        .match(/../g)!
        .map((h) => parseInt(h, 16)),
    ),
  )
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')

/** Waits for the dispatch desk's SMS about this booking (`event` new or cancelled); its link. */
async function dispatchSms(desk: string, bookingId: string, event: 'new' | 'cancelled' = 'new', ms = 10_000) {
  const deadline = Date.now() + ms
  for (;;) {
    const messages = (await sentSms(desk)) as { variables?: { event?: string; link?: string; pickup?: string } }[]
    const mine = messages.find((m) => m.variables?.event === event && m.variables.link?.includes(`/dispatch/${idInLink(bookingId)}.`))
    if (mine) return mine.variables as { event: string; link: string; pickup: string }
    if (Date.now() > deadline) throw new Error(`no ${event} SMS for ${bookingId} at ${desk}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const pathOf = (link: string) => new URL(link).pathname
const page = (link: string) => SELF.fetch(`https://phr.test${pathOf(link)}`)
const act = (link: string, action: string, reason?: string) =>
  SELF.fetch(`https://phr.test${pathOf(link)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action, ...(reason ? { reason } : {}) }).toString(),
    redirect: 'manual',
  })

async function book(client: Client, token: string, extra: Record<string, unknown> = {}) {
  return expectOk(
    await client.post(
      '/v1/ambulance-bookings',
      {
        pickup_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038',
        pickup_location: { lat: 18.5074, lng: 73.8077 },
        pickup_time: new Date(Date.now() + 86_400_000).toISOString(),
        ambulance_type: 'patient_transport',
        provider_id: 'redhealth',
        notes: 'Wheelchair needed <b>no lift</b>',
        ...extra,
      },
      { token },
    ),
    201,
    BookingSchema,
  )
}

async function cronNow() {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), env, ctx)
  await waitOnExecutionContext(ctx)
}

describe('ambulance dispatch', () => {
  it('reaches the operator’s desk by SMS; the page accepts, then arrived and completed, and the patient sees each', async () => {
    const { client, access_token: token, phone } = await loginByPhone()
    await client.patch('/v1/me', { name: 'Asha Verma' }, { token })
    const booked = await book(client, token)
    expect(booked).toMatchObject({ status: 'requested', history: [{ status: 'requested', by: 'patient' }] })
    const sms = await dispatchSms(REDHEALTH_DESK, booked.id)
    expect(sms.pickup).toMatch(/IST/)
    // The whole link stays within one SMS.
    expect(sms.link.length).toBeLessThan(100)

    const opened = await page(sms.link)
    expect(opened.status).toBe(200)
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer')
    expect(opened.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await opened.text()
    expect(html).toContain('Flat 12, Sai Residency, Kothrud, Pune 411038')
    expect(html).toContain('Asha')
    expect(html).not.toContain('Verma')
    // The number is masked until the booking is accepted; the notes are escaped.
    expect(html).not.toContain(phone)
    expect(html).toContain(phone.slice(-3))
    expect(html).toContain('Wheelchair needed &lt;b&gt;no lift&lt;/b&gt;')
    expect(html).toContain('data-status="requested"')

    const accepted = await act(sms.link, 'accept')
    expect(accepted.status).toBe(303)
    expect(accepted.headers.get('location')).toBe(pathOf(sms.link))
    const mine = await expectOk(await client.get(`/v1/ambulance-bookings/${booked.id}`, { token }), 200, BookingSchema)
    expect(mine.status).toBe('accepted')
    expect(mine.history.map((h) => `${h.status}/${h.by}`)).toEqual(['requested/patient', 'accepted/dispatcher'])
    expect(await (await page(sms.link)).text()).toContain(`href="tel:${phone}"`)
    // Accepting again (a second dispatcher, a double tap) changes nothing and says so.
    const again = await act(sms.link, 'accept')
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('already changed')

    expect((await act(sms.link, 'arrived')).status).toBe(303)
    expect((await act(sms.link, 'completed')).status).toBe(303)
    await expectError(await client.post(`/v1/ambulance-bookings/${booked.id}/cancel`, {}, { token }), 409, 'invalid_transition')
    const told = await expectOk(await client.get('/v1/notifications', { token }), 200, Notifications)
    expect(told.items.map((n) => n.type)).toEqual(['ambulance_completed', 'ambulance_arrived', 'ambulance_accepted'])
    expect(told.items[0]!.link).toEqual({ kind: 'ambulance_booking', id: booked.id })
    const [arrived] = await runSql<{ priority: string }>(
      sql`select priority from notifications where type = 'ambulance_arrived' and link->>'id' = ${booked.id}`,
    )
    expect(arrived!.priority).toBe('critical')

    const other = await loginByPhone()
    await expectHiddenFromOthers((t) => other.client.get(`/v1/ambulance-bookings/${booked.id}`, { token: t }), other)
  })

  it('refuses a forged, altered or expired link, and a declined booking tells the patient why', async () => {
    const { client, access_token: token } = await loginByPhone()
    const booked = await book(client, token)
    const { link } = await dispatchSms(REDHEALTH_DESK, booked.id)
    const [head, expiry, mac] = pathOf(link).split('/').pop()!.split('.')
    const flipped = `${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`
    expect((await page(`https://x/dispatch/${head}.${expiry}.${flipped}`)).status).toBe(404)
    expect((await act(`https://x/dispatch/${head}.${(parseInt(expiry!, 36) + 86_400).toString(36)}.${mac}`, 'accept')).status).toBe(404)
    expect((await page('https://x/dispatch/not-a-token')).status).toBe(404)
    // Another booking's id under this MAC.
    const second = await book(client, token)
    expect((await act(`https://x/dispatch/${idInLink(second.id)}.${expiry}.${mac}`, 'accept')).status).toBe(404)
    // A link signed with our key whose time is over.
    const config = { JWT_SECRET: testSecrets.JWT_SECRET, PUBLIC_BASE_URL: 'https://x' } as Config
    const stale = await dispatchLink(config, { id: booked.id, providerId: 'redhealth', pickupTime: new Date(Date.now() - 13 * 3_600_000) })
    expect((await act(stale, 'accept')).status).toBe(410)
    expect((await expectOk(await client.get(`/v1/ambulance-bookings/${booked.id}`, { token }), 200, BookingSchema)).status).toBe(
      'requested',
    )

    expect((await act(link, 'decline', 'No vehicle free then')).status).toBe(303)
    const declined = await expectOk(await client.get(`/v1/ambulance-bookings/${booked.id}`, { token }), 200, BookingSchema)
    expect(declined).toMatchObject({ status: 'declined', status_reason: 'The operator said: No vehicle free then' })
    expect((await act(link, 'arrived')).status).toBe(409)
  })

  it('a cancellation reaches the desk that has the booking; the page then says not to send a vehicle', async () => {
    const { client, access_token: token } = await loginByPhone()
    const booked = await book(client, token)
    const { link } = await dispatchSms(REDHEALTH_DESK, booked.id)
    await expectOk(await client.post(`/v1/ambulance-bookings/${booked.id}/cancel`, {}, { token }), 200, BookingSchema)
    const cancelled = await dispatchSms(REDHEALTH_DESK, booked.id, 'cancelled')
    expect(cancelled.link).toBe(link)
    const html = await (await page(link)).text()
    expect(html).toContain('Do not send a vehicle')
    expect(html).not.toContain('name="action"')
    expect((await act(link, 'accept')).status).toBe(409)
  })

  it('an unreachable dispatch desk: retried, then declined with the number to call, and the patient told', async () => {
    const provider = `test-broken-${crypto.randomUUID().slice(0, 8)}`
    // MSG91 refuses the number (not an Indian mobile): every attempt fails.
    await runSql(sql`insert into ambulance_providers (id, name, phone, types, coverage, position, kind, dispatcher_phone)
      values (${provider}, 'Broken Ambulances', '+912012345678', array['bls'], 'Nowhere', 99, 'operator', '+915555500000')`)
    try {
      const { client, access_token: token } = await loginByPhone()
      const booked = await book(client, token, { provider_id: provider, ambulance_type: 'bls' })
      for (let i = 0; i < 6; i++) {
        const status = (await expectOk(await client.get(`/v1/ambulance-bookings/${booked.id}`, { token }), 200, BookingSchema)).status
        if (status !== 'requested') break
        await deliverOutbox(await dueNow([booked.id]), { OUTBOX_MAX_ATTEMPTS: '2' })
      }
      const declined = await expectOk(await client.get(`/v1/ambulance-bookings/${booked.id}`, { token }), 200, BookingSchema)
      expect(declined.status).toBe('declined')
      expect(declined.status_reason).toBe('We could not reach Broken Ambulances by SMS. Please call them on +912012345678.')
      const told = await expectOk(await client.get('/v1/notifications', { token }), 200, Notifications)
      expect(told.items.map((n) => n.type)).toEqual(['ambulance_declined'])
    } finally {
      await runSql(sql`delete from ambulance_providers where id = ${provider}`)
    }
  })

  it('a request nobody accepted expires at its pickup time, the patient told; helplines are never pre-booked', async () => {
    const { client, access_token: token } = await loginByPhone()
    const booked = await book(client, token)
    await runSql(sql`update ambulance_bookings set pickup_time = now() - interval '1 minute' where id = ${booked.id}`)
    await cronNow()
    const expired = await expectOk(await client.get(`/v1/ambulance-bookings/${booked.id}`, { token }), 200, BookingSchema)
    expect(expired.status).toBe('expired')
    expect(expired.history.at(-1)).toMatchObject({ status: 'expired', by: 'system' })
    const told = await expectOk(await client.get('/v1/notifications', { token }), 200, Notifications)
    expect(told.items.map((n) => n.type)).toEqual(['ambulance_expired'])

    await expectError(
      await client.post(
        '/v1/ambulance-bookings',
        {
          ...{ pickup_address: 'Flat 12, Kothrud, Pune', pickup_time: new Date(Date.now() + 3_600_000).toISOString() },
          provider_id: 'dial-108',
        },
        { token },
      ),
      422,
      'unprocessable',
    )
    // Without a provider, the first that takes pre-bookings of the type.
    const chosen = await book(client, token, { provider_id: undefined, ambulance_type: 'als' })
    expect(chosen.provider).toMatchObject({ pre_booking: true })
  })

  it('a hospital’s own ambulance: the pre-booking reaches its HMIS, whose desk accepts, arrives and completes by signed events', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    const providers = (await (await client.get('/v1/ambulances', { token })).json()) as {
      items: { id: string; hospital_id: string | null }[]
    }
    expect(providers.items.find((p) => p.id === 'sahyadri-ambulance')).toMatchObject({ hospital_id: expect.any(String), pre_booking: true })
    const booked = await book(client, token, { provider_id: 'sahyadri-ambulance', notes: 'Discharge, stretcher' })
    await deliverOutbox(await dueNow([booked.id]))
    const request = (await hmisOrders('ambulance-requests', 'sahyadri')).find((r) => r.phr_booking_id === booked.id)!
    expect(request).toMatchObject({
      pickup_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038',
      pickup_location: { lat: 18.5074, lng: 73.8077 },
      ambulance_type: 'patient_transport',
      notes: 'Discharge, stretcher',
      hmis_patient_id: null,
      patient: { phone: patient.phone },
    })
    let second = Math.floor(Date.now() / 1000)
    const event = (event_id: string, event: string, hospital = 'sahyadri') =>
      hmisCall(hospital, 'POST', `/v1/hmis/ambulance-requests/${request.request_ref}/events`, { event_id, event }, { timestamp: ++second })
    await expectError((await event(`x-${booked.id}`, 'accepted', 'amrita')).response, 404, 'not_found')
    await expectError((await event(`a0-${booked.id}`, 'arrived')).response, 409, 'invalid_transition')
    expect(await (await event(`a-${booked.id}`, 'accepted')).response.json()).toEqual({ applied: true, status: 'accepted' })
    expect(await (await event(`a-${booked.id}`, 'accepted')).response.json()).toMatchObject({ applied: false })
    await (await event(`r-${booked.id}`, 'arrived')).response.body?.cancel()
    await (await event(`c-${booked.id}`, 'completed')).response.body?.cancel()
    const seen = await expectOk(await client.get(`/v1/ambulance-bookings/${booked.id}`, { token }), 200, BookingSchema)
    expect(seen.status).toBe('completed')
    const told = await expectOk(await client.get('/v1/notifications', { token }), 200, Notifications)
    expect(told.items.map((n) => n.type)).toEqual(['ambulance_completed', 'ambulance_arrived', 'ambulance_accepted'])

    // Cancelled after the hospital got it: the hospital is told through the outbox.
    const other = await book(client, token, {
      provider_id: 'sahyadri-ambulance',
      pickup_time: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    })
    await deliverOutbox(await dueNow([other.id]))
    await expectOk(await client.post(`/v1/ambulance-bookings/${other.id}/cancel`, {}, { token }), 200, BookingSchema)
    await deliverOutbox(await dueNow([other.id]))
    expect((await hmisOrders('ambulance-requests', 'sahyadri')).find((r) => r.phr_booking_id === other.id)).toMatchObject({
      status: 'cancelled',
    })
  })

  it('cancelled while the hospital is still taking the request: the hospital gets the cancellation too', async () => {
    const { client, access_token: token } = await loginByPhone()
    const route = { route: 'POST /ambulance-requests', hospital: 'sahyadri' }
    // Not reached while the patient waited (both tries refused): the queue sends it later.
    await hmisFault({ kind: 'status', status: 503, ...route }, 2)
    const booked = await book(client, token, {
      provider_id: 'sahyadri-ambulance',
      pickup_time: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    })
    expect(booked.status).toBe('requested')
    const job = sql`select attempts, locked_until from outbox where subject_id = ${booked.id}`
    await expect
      .poll(async () => (await runSql<{ attempts: number }>(job))[0], { timeout: 5_000 })
      .toMatchObject({ attempts: 1, locked_until: null })
    // The queue's attempt: the hospital takes 3 s to answer, and the patient cancels meanwhile.
    await hmisFault({ kind: 'slow', ms: 3_000, ...route }, 1)
    const calls = async () => (await hmisCalls())['sahyadri POST /ambulance-requests'] ?? 0
    const before = await calls()
    const delivering = deliverOutbox(await dueNow([booked.id]))
    await expect.poll(calls, { timeout: 2_500, interval: 50 }).toBeGreaterThan(before)
    await expectOk(await client.post(`/v1/ambulance-bookings/${booked.id}/cancel`, {}, { token }), 200, BookingSchema)
    await delivering
    const atHospital = async () => (await hmisOrders('ambulance-requests', 'sahyadri')).find((r) => r.phr_booking_id === booked.id)
    await deliverUntil([booked.id], async () => (await atHospital())?.status === 'cancelled')
    expect(await atHospital()).toMatchObject({ status: 'cancelled' })
  }, 40_000)
})
