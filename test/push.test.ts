import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { VitalSchema } from '../src/features/care/vitals'
import { MedicationSchema, RoutineSchema } from '../src/features/medicines/schema'
import { DeviceSchema, NotificationSchema } from '../src/features/notifications/schema'
import { PatientSchema } from '../src/features/profile/schema'
import worker from '../src/index'
import { loginByPhone } from './fixtures/auth'
import { answer } from './fixtures/symptoms'
import { expectError, expectOk, type Client } from './harness/client'
import { fcmFault, pushesTo, revokeFcmAccessTokens, unregisterToken, waitForPushes } from './harness/fakes'
import { deliverPush, pushDueNow, pushStates } from './harness/push'
import { runSql } from './harness/sql'

// Pushes as the phone sees them: the fake FCM's inbox per registration token, filled by the
// Worker's own push queue (miniflare's local queue), or by a consumer run the test drives itself.

const Devices = z.object({ items: z.array(DeviceSchema) })
const Notifications = z.object({ items: z.array(NotificationSchema) })

/** A registration token as Firebase makes them (long, with a colon). */
const fcmToken = () =>
  `${crypto.randomUUID().replaceAll('-', '')}:APA91b${crypto.randomUUID().replaceAll('-', '')}${crypto.randomUUID().replaceAll('-', '')}`

async function patient(timezone = 'Asia/Kolkata') {
  const login = await loginByPhone()
  const token = login.access_token
  const me = await expectOk(await login.client.patch('/v1/me', { timezone }, { token }), 200, PatientSchema)
  return { ...login, token, id: me.id }
}

async function register(client: Client, token: string, pushToken = fcmToken(), platform: 'android' | 'ios' = 'android') {
  const response = await client.post('/v1/devices', { platform, push_token: pushToken, app_version: '1.4.2', locale: 'hi-IN' }, { token })
  return { status: response.status, device: await expectOk(response, response.status, DeviceSchema), pushToken }
}

/** A reading that crosses a critical threshold (SpO2 85 %): a critical notification. */
async function lowOxygen(client: Client, token: string) {
  const vital = await expectOk(
    await client.post(
      '/v1/vitals',
      { type: 'spo2', value: 85, unit: '%', measured_at: new Date(Date.now() - 60_000).toISOString() },
      { token },
    ),
    201,
    VitalSchema,
  )
  expect(vital.critical).toBe(true)
  return vital
}

/** HH:MM in Asia/Kolkata, `minutes` from now. */
const istClock = (minutes: number) => new Date(Date.now() + (330 + minutes) * 60_000).toISOString().slice(11, 16)

/** A dose reminder, made by the minute cron at a routine time (the reminder itself is made now). */
async function doseReminder(p: Awaited<ReturnType<typeof patient>>) {
  await expectOk(
    await p.client.put('/v1/me/routine', { timezone: 'Asia/Kolkata', breakfast_at: '08:00' }, { token: p.token }),
    200,
    RoutineSchema,
  )
  await expectOk(
    await p.client.post(
      '/v1/medications',
      { name: 'Metformin 500 mg', dosage: '1 tablet', timings: ['after_breakfast'], start_date: '2031-03-01', end_date: '2031-03-01' },
      { token: p.token },
    ),
    201,
    MedicationSchema,
  )
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.parse('2031-03-01T03:00:00Z') }), env, ctx)
  await waitOnExecutionContext(ctx)
}

describe('push notifications', () => {
  it('a critical vital rings every phone of the patient once, in Hindi, with its id, deep link, urgency and TTL', async () => {
    const p = await patient()
    await expectOk(await p.client.patch('/v1/me', { language: 'hi' }, { token: p.token }), 200, PatientSchema)
    const android = await register(p.client, p.token)
    const ios = await register(p.client, p.token, fcmToken(), 'ios')
    const vital = await lowOxygen(p.client, p.token)

    const [onAndroid] = await waitForPushes(android.pushToken)
    const [onIos] = await waitForPushes(ios.pushToken)
    const [inbox] = (await expectOk(await p.client.get('/v1/notifications', { token: p.token }), 200, Notifications)).items
    expect(inbox).toMatchObject({ type: 'vital_critical', title: 'एक रीडिंग पर ध्यान दें', link: { kind: 'vital', id: vital.id } })
    expect(inbox!.body).toMatch(/ऑक्सीजन 90 % से कम/)
    for (const push of [onAndroid!, onIos!]) {
      expect(push.message.notification).toEqual({ title: inbox!.title, body: inbox!.body })
      expect(push.message.data).toEqual({
        notification_id: inbox!.id,
        type: 'vital_critical',
        priority: 'critical',
        link_kind: 'vital',
        link_id: vital.id,
      })
    }
    expect(onAndroid!.message.android).toMatchObject({ priority: 'HIGH', notification: { channel_id: 'critical' } })
    const ttl = Number(onAndroid!.message.android.ttl.replace(/s$/, ''))
    expect(ttl).toBeGreaterThan(6 * 3600 - 120)
    expect(ttl).toBeLessThanOrEqual(6 * 3600)
    expect(onIos!.message.apns.headers).toMatchObject({ 'apns-priority': '10', 'apns-push-type': 'alert' })
    expect(onIos!.message.apns.payload.aps).toMatchObject({ 'interruption-level': 'time-sensitive' })
    // What a developer sees at /dev/push: the same message.
    const listed = (await (await p.client.get(`/dev/push?token=${encodeURIComponent(android.pushToken)}`)).json()) as { items: unknown[] }
    expect(listed.items).toEqual([onAndroid])

    // A consumer that died after calling FCM, before writing down what came of it: the next one
    // finds each (notification, phone) claimed, and nothing more reaches the phones.
    await runSql(sql`update notifications set push_state = 'pending', push_after = now(), push_locked_until = null where id = ${inbox!.id}`)
    await deliverPush([p.id])
    expect(await pushStates(p.id)).toMatchObject([{ push_state: 'done', push_note: 'pushed before' }])
    expect(await pushesTo(android.pushToken)).toHaveLength(1)
    expect(await pushesTo(ios.pushToken)).toHaveLength(1)
  })

  it('quiet hours hold a dose reminder and let a critical alert through; ending them sends what they held', async () => {
    const p = await patient()
    const phone = await register(p.client, p.token)
    await expectOk(
      await p.client.put(
        '/v1/me/notification-preferences',
        { quiet_hours: { start: istClock(-60), end: istClock(30) } },
        { token: p.token },
      ),
      200,
      z.object({ quiet_hours: z.object({ start: z.string(), end: z.string() }) }),
    )
    await doseReminder(p)
    const [held] = await pushStates(p.id)
    expect(held).toMatchObject({ type: 'medication_due', push_state: 'held', push_note: 'held by quiet hours' })
    // Held until the quiet hours end, 30 minutes from now (to the minute).
    expect(Math.abs(Date.parse(held!.push_after) - (Date.now() + 30 * 60_000))).toBeLessThan(61_000)

    await lowOxygen(p.client, p.token)
    const [critical] = await waitForPushes(phone.pushToken)
    expect(critical!.message.data.type).toBe('vital_critical')

    await expectOk(
      await p.client.put('/v1/me/notification-preferences', { quiet_hours: null }, { token: p.token }),
      200,
      z.object({ quiet_hours: z.null() }),
    )
    const pushes = await waitForPushes(phone.pushToken, 2)
    expect(pushes.map((m) => m.message.data.type)).toEqual(['medication_due', 'vital_critical'])
    expect(pushes[0]!.message.notification.title).toBe('Time for Metformin 500 mg')
    expect(pushes[0]!.message.android).toMatchObject({ priority: 'HIGH', notification: { channel_id: 'default' } })
  })

  it('an emergency symptom check pushes its advice once, through quiet hours, whatever is answered after', async () => {
    const p = await patient()
    const phone = await register(p.client, p.token)
    await p.client.put('/v1/me/notification-preferences', { quiet_hours: { start: istClock(-60), end: istClock(60) } }, { token: p.token })
    const created = await p.client.post('/v1/symptom-checks', { symptom_codes: ['chest_pain', 'breathlessness'] }, { token: p.token })
    const check = (await created.json()) as { id: string; triage: { level: string } }
    expect(check.triage.level).toBe('emergency_ambulance')
    const [push] = await waitForPushes(phone.pushToken)
    expect(push!.message.notification).toEqual({
      title: 'Get emergency care now',
      body: 'Call 112 for an ambulance now. Do not wait for an appointment.',
    })
    expect(push!.message.data).toMatchObject({
      type: 'triage_emergency',
      priority: 'critical',
      link_kind: 'symptom_check',
      link_id: check.id,
    })
    // Answering more keeps the level: no second alert for the same check.
    expect((await answer(p.client, p.token, check.id, { 'screen.fever': false })).triage.level).toBe('emergency_ambulance')
    expect(await pushStates(p.id)).toHaveLength(1)
    expect(await pushesTo(phone.pushToken)).toHaveLength(1)
  })

  it('quiet hours that outlast a dose reminder’s hour drop its push (the inbox keeps it)', async () => {
    const p = await patient()
    const phone = await register(p.client, p.token)
    await p.client.put('/v1/me/notification-preferences', { quiet_hours: { start: istClock(-10), end: istClock(120) } }, { token: p.token })
    await doseReminder(p)
    expect(await pushStates(p.id)).toMatchObject([{ push_state: 'skipped', push_note: 'quiet hours outlasted it' }])
    expect(await pushesTo(phone.pushToken)).toEqual([])
    expect((await expectOk(await p.client.get('/v1/notifications', { token: p.token }), 200, Notifications)).items).toHaveLength(1)
  })

  it('a type switched off is not pushed; a critical type cannot be switched off', async () => {
    const p = await patient()
    const phone = await register(p.client, p.token)
    const Prefs = z.object({ push: z.record(z.string(), z.boolean()), critical_types: z.array(z.string()) })
    const before = await expectOk(await p.client.get('/v1/me/notification-preferences', { token: p.token }), 200, Prefs)
    expect(before.push).toMatchObject({ medication_due: true, vital_critical: true })
    expect(before.critical_types).toEqual(expect.arrayContaining(['vital_critical', 'triage_emergency']))
    expect(before.critical_types).not.toContain('medication_due')
    await expectError(
      await p.client.put('/v1/me/notification-preferences', { push: { vital_critical: false } }, { token: p.token }),
      400,
      'validation_failed',
    )
    await expectError(
      await p.client.put('/v1/me/notification-preferences', { quiet_hours: { start: '22:00', end: '22:00' } }, { token: p.token }),
      400,
      'validation_failed',
    )
    await expectError(
      await p.client.put('/v1/me/notification-preferences', { quiet_hours: { start: '25:00', end: '07:00' } }, { token: p.token }),
      400,
      'validation_failed',
    )
    await expectError(
      await p.client.put('/v1/me/notification-preferences', { push: { no_such_type: false } }, { token: p.token }),
      400,
      'validation_failed',
    )
    // Two screens saving different switches at once: both land.
    await Promise.all([
      p.client.put('/v1/me/notification-preferences', { push: { medication_due: false } }, { token: p.token }),
      p.client.put('/v1/me/notification-preferences', { push: { document_received: false } }, { token: p.token }),
    ])
    const after = await expectOk(await p.client.get('/v1/me/notification-preferences', { token: p.token }), 200, Prefs)
    expect(after.push).toMatchObject({ medication_due: false, document_received: false, lab_results_ready: true })

    await doseReminder(p)
    expect(await pushStates(p.id)).toMatchObject([
      { type: 'medication_due', push_state: 'skipped', push_note: 'turned off by the patient' },
    ])
    await lowOxygen(p.client, p.token)
    expect((await waitForPushes(phone.pushToken)).map((m) => m.message.data.type)).toEqual(['vital_critical'])
  })

  it('an uninstalled app’s device is removed at FCM’s UNREGISTERED; the others still get theirs', async () => {
    const p = await patient()
    const gone = await register(p.client, p.token)
    const kept = await register(p.client, p.token)
    await unregisterToken(gone.pushToken)
    await lowOxygen(p.client, p.token)
    await waitForPushes(kept.pushToken)
    expect(await pushStates(p.id)).toMatchObject([{ push_state: 'done', push_note: 'pushed to 1 of 2 devices' }])
    const devices = await expectOk(await p.client.get('/v1/devices', { token: p.token }), 200, Devices)
    expect(devices.items.map((d) => d.id)).toEqual([kept.device.id])
  })

  it('FCM 429 and 503 are retried after their Retry-After, and a phone already served is never pushed again', async () => {
    const p = await patient()
    const served = await register(p.client, p.token)
    const busy = await register(p.client, p.token)
    await fcmFault(busy.pushToken, 429, 120)
    await lowOxygen(p.client, p.token)
    await waitForPushes(served.pushToken)
    const [waiting] = await pushStates(p.id)
    expect(waiting).toMatchObject({ push_state: 'pending', push_attempts: 1, push_note: 'retry: QUOTA_EXCEEDED' })
    // Not before Retry-After (120 s): the sweeper and a redelivery leave it alone.
    expect(Date.parse(waiting!.push_after) - Date.now()).toBeGreaterThan(100_000)
    await deliverPush([p.id])
    expect(await pushesTo(busy.pushToken)).toEqual([])

    await fcmFault(busy.pushToken, 503, 30)
    await pushDueNow(p.id)
    await deliverPush([p.id])
    const [again] = await pushStates(p.id)
    expect(again).toMatchObject({ push_state: 'pending', push_attempts: 2, push_note: 'retry: UNAVAILABLE' })
    expect(Date.parse(again!.push_after) - Date.now()).toBeGreaterThan(20_000)
    // Its time come, it goes to the busy phone only.
    await pushDueNow(p.id)
    await deliverPush([p.id])
    expect(await pushesTo(busy.pushToken)).toHaveLength(1)
    expect(await pushesTo(served.pushToken)).toHaveLength(1)
    expect(await pushStates(p.id)).toMatchObject([{ push_state: 'done' }])
  })

  it('gives up after PUSH_MAX_ATTEMPTS, and concurrent deliveries push a phone once', async () => {
    const p = await patient()
    const phone = await register(p.client, p.token)
    await fcmFault(phone.pushToken, 500, undefined, 3)
    await lowOxygen(p.client, p.token)
    await pushStates(p.id)
    for (let i = 0; i < 2; i++) {
      await pushDueNow(p.id)
      await deliverPush([p.id], { PUSH_MAX_ATTEMPTS: '3' })
    }
    expect(await pushStates(p.id)).toMatchObject([{ push_state: 'failed', push_note: 'FCM kept refusing: INTERNAL' }])

    const q = await patient()
    const other = await register(q.client, q.token)
    await lowOxygen(q.client, q.token)
    await Promise.all([deliverPush([q.id]), deliverPush([q.id]), deliverPush([q.id])])
    await pushStates(q.id)
    expect(await pushesTo(other.pushToken)).toHaveLength(1)
  })

  it('a refused OAuth token is renewed once and the push goes through', async () => {
    const p = await patient()
    const phone = await register(p.client, p.token)
    await lowOxygen(p.client, p.token)
    await waitForPushes(phone.pushToken)
    await revokeFcmAccessTokens()
    await lowOxygen(p.client, p.token)
    expect(await waitForPushes(phone.pushToken, 2)).toHaveLength(2)
  })

  it('devices: 201 then 200 for the same token, the token never answered, a cap, delete, logout with device_id', async () => {
    const p = await patient()
    const first = await register(p.client, p.token)
    expect(first.status).toBe(201)
    const again = await register(p.client, p.token, first.pushToken)
    expect(again.status).toBe(200)
    expect(again.device.id).toBe(first.device.id)
    expect(again.device.push_token_hint).toBe(`…${first.pushToken.slice(-6)}`)
    const listed = await (await p.client.get('/v1/devices', { token: p.token })).text()
    expect(listed).not.toContain(first.pushToken.slice(0, 20))

    await expectError(
      await p.client.post('/v1/devices', { platform: 'web', push_token: fcmToken() }, { token: p.token }),
      400,
      'validation_failed',
    )
    await expectError(
      await p.client.post('/v1/devices', { platform: 'android', push_token: 'x y' }, { token: p.token }),
      400,
      'validation_failed',
    )
    await expectError(
      await p.client.post('/v1/devices', { platform: 'android', push_token: 'a'.repeat(5000) }, { token: p.token }),
      400,
      'validation_failed',
    )
    await expectError(await p.client.post('/v1/devices', { platform: 'android', push_token: fcmToken() }), 401, 'unauthorized')

    // Ten more phones: the least recently registered (the first) is dropped.
    const more = []
    for (let i = 0; i < 10; i++) more.push(await register(p.client, p.token))
    const capped = await expectOk(await p.client.get('/v1/devices', { token: p.token }), 200, Devices)
    expect(capped.items).toHaveLength(10)
    expect(capped.items.map((d) => d.id)).not.toContain(first.device.id)

    const other = await patient()
    await expectError(await other.client.delete(`/v1/devices/${more[0]!.device.id}`, { token: other.token }), 404, 'not_found')
    expect(await p.client.delete(`/v1/devices/${more[0]!.device.id}`, { token: p.token }).then((r) => r.status)).toBe(204)
    await expectError(await p.client.delete(`/v1/devices/${more[0]!.device.id}`, { token: p.token }), 404, 'not_found')

    // Logging out from a phone with its device id: that phone is forgotten; another patient's id is ignored.
    const otherPhone = await register(other.client, other.token)
    expect((await p.client.post('/v1/auth/logout', { device_id: otherPhone.device.id }, { token: p.token })).status).toBe(204)
    expect((await expectOk(await other.client.get('/v1/devices', { token: other.token }), 200, Devices)).items).toHaveLength(1)
    expect((await other.client.post('/v1/auth/logout', { device_id: otherPhone.device.id }, { token: other.token })).status).toBe(204)
    const rows = await runSql(sql`select id from devices where patient_id = ${other.id}`)
    expect(rows).toEqual([])
  })

  it('a shared phone: the token moves to the patient who registered it last, and the first one’s alerts stop reaching it', async () => {
    const a = await patient()
    const b = await patient()
    const shared = await register(a.client, a.token)
    const moved = await register(b.client, b.token, shared.pushToken)
    expect(moved.status).toBe(201)
    expect(moved.device.id).not.toBe(shared.device.id)
    expect((await expectOk(await a.client.get('/v1/devices', { token: a.token }), 200, Devices)).items).toEqual([])

    await lowOxygen(a.client, a.token)
    expect(await pushStates(a.id)).toMatchObject([{ push_state: 'done', push_note: 'no device registered' }])
    await lowOxygen(b.client, b.token)
    const pushes = await waitForPushes(shared.pushToken)
    const [bs] = (await expectOk(await b.client.get('/v1/notifications', { token: b.token }), 200, Notifications)).items
    expect(pushes.map((m) => m.message.data.notification_id)).toEqual([bs!.id])
  })

  it('a child’s critical reading rings the phone of the parent who manages the profile at once, named with the child’s name', async () => {
    const parent = await patient()
    const phone = await register(parent.client, parent.token)
    const child = await expectOk(
      await parent.client.post(
        '/v1/profiles',
        { name: 'Aarav Verma', date_of_birth: '2018-05-01', gender: 'male', relationship: 'child', guardian_declaration: true },
        { token: parent.token },
      ),
      201,
      z.object({ id: z.string() }),
    )
    const asChild = await expectOk(
      await parent.client.post(`/v1/profiles/${child.id}/switch`, undefined, { token: parent.token }),
      200,
      z.object({ access_token: z.string() }),
    )
    const vital = await lowOxygen(parent.client, asChild.access_token)
    // No cron runs here: the push comes from the kick of the parent's shard by the request itself.
    const [push] = await waitForPushes(phone.pushToken)
    expect(push!.message.notification).toMatchObject({ title: 'Aarav Verma: A reading needs attention' })
    expect(push!.message.data).toMatchObject({ type: 'vital_critical' })
    const [copy] = (await expectOk(await parent.client.get('/v1/notifications', { token: parent.token }), 200, Notifications)).items
    expect(copy).toMatchObject({ profile_id: child.id, link: { kind: 'vital', id: vital.id } })
  })
})
