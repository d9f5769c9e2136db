import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { VitalSchema } from '../src/features/care/vitals'
import { loginByPhone } from './fixtures/auth'
import { expectError, expectOk } from './harness/client'
import { expectHiddenFromOthers } from './harness/ownership'
import { runSql } from './harness/sql'
import { ApplicationSchema, PackageSchema } from '../src/features/care/schema'
import { hospitalId, shareWith } from './fixtures/hospitals'
import { hmisFault, hmisOrders } from './harness/fakes'
import { hmisCall } from './harness/hmis'
import { deliverOutbox, deliverUntil, dueNow } from './harness/outbox'

const Trends = z.object({
  unit: z.string(),
  timezone: z.string(),
  series: z.array(
    z.object({
      name: z.string(),
      buckets: z.array(
        z.object({ start: z.string(), min: z.number(), max: z.number(), avg: z.number(), count: z.number(), latest: z.number() }),
      ),
    }),
  ),
})

describe('vitals', () => {
  it('converts units, refuses impossible values, and flags a critical reading with exactly one notification', async () => {
    const { client, access_token: token } = await loginByPhone()
    const at = new Date(Date.now() - 3600_000).toISOString()
    const post = (body: Record<string, unknown>) => client.post('/v1/vitals', { measured_at: at, ...body }, { token })
    const fever = await expectOk(await post({ type: 'temperature', value: 103.1, unit: '°F' }), 201, VitalSchema)
    expect(fever).toMatchObject({ value: 39.5, unit: '°C', critical: true, alerts: ['Fever of 39.5 °C or more'] })
    const sugar = await expectOk(await post({ type: 'blood_sugar_fasting', value: 5.5, unit: 'mmol/L' }), 201, VitalSchema)
    expect(sugar).toMatchObject({ value: 99.09, unit: 'mg/dL', critical: false })
    const crisis = await expectOk(await post({ type: 'blood_pressure', value: 182, diastolic: 124, unit: 'mmHg' }), 201, VitalSchema)
    expect(crisis.alerts).toHaveLength(2)
    await expectOk(await post({ type: 'height', value: 165, unit: 'cm' }), 201, VitalSchema)
    const weight = await expectOk(await post({ type: 'weight', value: 143.3, unit: 'lb' }), 201, VitalSchema)
    expect(weight).toMatchObject({ value: 65, bmi: 23.9 })
    // Listed with the words of their alerts; one type's page in the order of the whole list.
    const listed = await expectOk(
      await client.get('/v1/vitals?type=blood_pressure', { token }),
      200,
      z.object({ items: z.array(VitalSchema) }),
    )
    expect(listed.items.map((v) => v.id)).toEqual([crisis.id])
    expect(listed.items[0]!.alerts).toEqual(crisis.alerts)
    const all = await expectOk(await client.get('/v1/vitals?limit=2', { token }), 200, z.object({ items: z.array(VitalSchema) }))
    expect(all.items.map((v) => v.id)).toEqual([weight.id, expect.any(String)])
    expect(
      (await expectOk(await client.get('/v1/vitals?type=temperature', { token }), 200, z.object({ items: z.array(VitalSchema) }))).items[0]!
        .alerts,
    ).toEqual(['Fever of 39.5 °C or more'])

    await expectError(await post({ type: 'spo2', value: 140, unit: '%' }), 422, 'unprocessable')
    await expectError(await post({ type: 'pulse', value: 0, unit: 'bpm' }), 422, 'unprocessable')
    await expectError(await post({ type: 'blood_pressure', value: 80, diastolic: 120, unit: 'mmHg' }), 422, 'unprocessable')
    await expectError(await post({ type: 'weight', value: 60, unit: 'stone' }), 422, 'unprocessable')
    await expectError(
      await post({ type: 'pulse', value: 70, unit: 'bpm', measured_at: new Date(Date.now() + 86_400_000).toISOString() }),
      422,
      'unprocessable',
    )

    const me = (await (await client.get('/v1/me', { token })).json()) as { id: string }
    const alerts = await runSql<{ body: string }>(
      sql`select body from notifications where patient_id = ${me.id} and type = 'vital_critical'`,
    )
    expect(alerts).toHaveLength(2)
    expect(alerts.map((a) => a.body).join(' ')).toMatch(/Fever of 39.5 °C or more/)
    const list = await expectOk(await client.get('/v1/vitals?type=temperature', { token }), 200, z.object({ items: z.array(VitalSchema) }))
    expect(list.items.map((v) => v.id)).toEqual([fever.id])
  })

  it('gives trends per day and per week in the patient’s time zone; blood pressure as two series', async () => {
    const { client, access_token: token } = await loginByPhone()
    await client.put('/v1/me/routine', { timezone: 'Asia/Kolkata' }, { token })
    const reading = async (iso: string, value: number, diastolic: number) =>
      expectOk(
        await client.post('/v1/vitals', { type: 'blood_pressure', value, diastolic, unit: 'mmHg', measured_at: iso }, { token }),
        201,
        VitalSchema,
      )
    // 20 Nov 23:00 IST is still 20 Nov locally, though 17:30 UTC; 21 Nov 00:30 IST is 20 Nov 19:00 UTC.
    await reading('2026-11-20T17:30:00Z', 130, 85)
    await reading('2026-11-20T19:00:00Z', 150, 95)
    await reading('2026-11-22T03:00:00Z', 120, 80)
    const days = await expectOk(
      await client.get('/v1/vitals/trends?type=blood_pressure&bucket=day&from=2026-11-01&to=2026-11-30', { token }),
      200,
      Trends,
    )
    expect(days.timezone).toBe('Asia/Kolkata')
    const systolic = days.series.find((s) => s.name === 'systolic')!
    expect(systolic.buckets).toEqual([
      { start: '2026-11-20', min: 130, max: 130, avg: 130, count: 1, latest: 130 },
      { start: '2026-11-21', min: 150, max: 150, avg: 150, count: 1, latest: 150 },
      { start: '2026-11-22', min: 120, max: 120, avg: 120, count: 1, latest: 120 },
    ])
    const weeks = await expectOk(await client.get('/v1/vitals/trends?type=blood_pressure&bucket=week', { token }), 200, Trends)
    // Weeks start on Monday: 16 November holds all three (20, 21 and 22 November).
    expect(weeks.series.find((s) => s.name === 'diastolic')!.buckets).toEqual([
      { start: '2026-11-16', min: 80, max: 95, avg: 86.67, count: 3, latest: 80 },
    ])
  })
})

describe('ambulance and care packages', () => {
  it('lists providers with 108 and 102, pre-books with bad inputs refused, cancels once, keeps bookings to their owner', async () => {
    const { client, access_token: token } = await loginByPhone()
    const other = await loginByPhone()
    const providers = (await (await client.get('/v1/ambulances', { token })).json()) as {
      call_now: { ambulance: string }
      items: { phone: string }[]
    }
    expect(providers.call_now.ambulance).toBe('108')
    expect(providers.items.map((p) => p.phone)).toEqual(expect.arrayContaining(['108', '102']))
    const pickup = new Date(Date.now() + 86_400_000).toISOString()
    const body = {
      pickup_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038',
      pickup_time: pickup,
      ambulance_type: 'patient_transport',
      provider_id: 'redhealth',
    }
    const booked = (await (await client.post('/v1/ambulance-bookings', body, { token })).json()) as {
      id: string
      status: string
      call_now: { emergency: string }
    }
    expect(booked).toMatchObject({ status: 'requested', call_now: { emergency: '112' } })
    await expectError(
      await client.post('/v1/ambulance-bookings', { ...body, pickup_time: '2020-01-01T00:00:00Z' }, { token }),
      422,
      'unprocessable',
    )
    await expectError(
      await client.post('/v1/ambulance-bookings', { ...body, provider_id: 'dial-102', ambulance_type: 'als' }, { token }),
      422,
      'unprocessable',
    )
    await expectError(await client.post('/v1/ambulance-bookings', { ...body, pickup_address: '' }, { token }), 400, 'validation_failed')
    await expectHiddenFromOthers((t) => other.client.post(`/v1/ambulance-bookings/${booked.id}/cancel`, {}, { token: t }), other)
    expect(
      ((await (await client.post(`/v1/ambulance-bookings/${booked.id}/cancel`, {}, { token })).json()) as { status: string }).status,
    ).toBe('cancelled')
    await expectError(await client.post(`/v1/ambulance-bookings/${booked.id}/cancel`, {}, { token }), 409, 'invalid_transition')
    const mine = (await (await client.get('/v1/ambulance-bookings', { token })).json()) as { items: { id: string }[] }
    expect(mine.items.map((b) => b.id)).toEqual([booked.id])
  })
})

const Packages = z.object({ items: z.array(PackageSchema) })
const atHmis = async (id: string, hospital = 'sahyadri', server: 'shared' | 'faulty' = 'shared') =>
  (await hmisOrders('care-package-applications', hospital, server)).find((a) => a.phr_application_id === id)

describe('care packages', () => {
  it('are offered by hospitals; an application reaches that HMIS, which contacts and enrols the patient, who is told', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    const packages = await expectOk(await client.get('/v1/care-packages', { token }), 200, Packages)
    expect(packages.items.map((p) => p.id)).toEqual(expect.arrayContaining(['diabetes', 'hypertension', 'heart', 'maternity', 'senior']))
    expect(packages.items.find((p) => p.id === 'diabetes')).toMatchObject({
      hospital_id: hospitalId('sahyadri'),
      hospital_name: expect.stringMatching(/Sahyadri/),
    })
    expect(packages.items.find((p) => p.id === 'senior')!.hospital_id).toBe(hospitalId('amrita'))

    const applied = await expectOk(await client.post('/v1/care-packages/diabetes/apply', {}, { token }), 201, ApplicationSchema)
    expect(applied).toMatchObject({ status: 'applied', sent_to_hospital: true, withdrawable: true, hospital_id: hospitalId('sahyadri') })
    // Not shared with the hospital: the application carries who to contact, and no hospital id.
    expect(await atHmis(applied.id)).toMatchObject({ package_code: 'DM-CARE-1Y', hmis_patient_id: null, patient: { phone: patient.phone } })
    await expectError(await client.post('/v1/care-packages/diabetes/apply', {}, { token }), 409, 'conflict')
    await expectError(await client.post('/v1/care-packages/astrology/apply', {}, { token }), 404, 'not_found')

    const ref = (await atHmis(applied.id))!.application_ref as string
    // A redelivery is signed anew (its own timestamp); its event_id makes it apply once.
    let second = Math.floor(Date.now() / 1000)
    const event = (event_id: string, event: string, hospital = 'sahyadri') =>
      hmisCall(hospital, 'POST', `/v1/hmis/care-package-applications/${ref}/events`, { event_id, event }, { timestamp: ++second })
    expect(await (await event(`c-${applied.id}`, 'contacted')).response.json()).toEqual({ applied: true, status: 'contacted' })
    expect(await (await event(`c-${applied.id}`, 'contacted')).response.json()).toMatchObject({ applied: false })
    await expectError((await event(`x-${applied.id}`, 'enrolled', 'amrita')).response, 404, 'not_found')
    await (await event(`e-${applied.id}`, 'enrolled')).response.body?.cancel()
    const seen = await expectOk(await client.get(`/v1/care-packages/applications/${applied.id}`, { token }), 200, ApplicationSchema)
    expect(seen).toMatchObject({ status: 'enrolled', withdrawable: false, package_name: 'Diabetes care' })
    const notes = (await (await client.get('/v1/notifications', { token })).json()) as { items: { type: string; link: unknown }[] }
    expect(notes.items.filter((n) => n.type.startsWith('care_package_')).map((n) => n.type)).toEqual([
      'care_package_enrolled',
      'care_package_contacted',
    ])
    expect(notes.items[0]!.link).toEqual({ kind: 'care_package_application', id: applied.id })
    await expectError(await client.post(`/v1/care-packages/applications/${applied.id}/withdraw`, {}, { token }), 409, 'invalid_transition')
    const other = await loginByPhone()
    await expectError(
      await other.client.get(`/v1/care-packages/applications/${applied.id}`, { token: other.access_token }),
      404,
      'not_found',
    )
  })

  it('a withdrawal reaches the hospital, a late event is refused, and the patient may apply again', async () => {
    const { client, access_token: token } = await loginByPhone()
    const share = await shareWith(client, token, hospitalId('sahyadri'))
    const applied = await expectOk(await client.post('/v1/care-packages/heart/apply', {}, { token }), 201, ApplicationSchema)
    expect((await atHmis(applied.id))!.hmis_patient_id).toBe(share.hmis_patient_id)
    const withdrawn = await expectOk(
      await client.post(`/v1/care-packages/applications/${applied.id}/withdraw`, { reason: 'Moving to Mumbai' }, { token }),
      200,
      ApplicationSchema,
    )
    expect(withdrawn).toMatchObject({ status: 'withdrawn', status_reason: 'Moving to Mumbai', withdrawable: false })
    expect(await atHmis(applied.id)).toMatchObject({ status: 'withdrawn', withdraw_reason: 'Moving to Mumbai' })
    await expectError(await client.post(`/v1/care-packages/applications/${applied.id}/withdraw`, {}, { token }), 409, 'invalid_transition')
    const ref = (await atHmis(applied.id))!.application_ref as string
    const late = await hmisCall('sahyadri', 'POST', `/v1/hmis/care-package-applications/${ref}/events`, {
      event_id: `l-${applied.id}`,
      event: 'enrolled',
    })
    await expectError(late.response, 409, 'invalid_transition')
    const again = await expectOk(await client.post('/v1/care-packages/heart/apply', {}, { token }), 201, ApplicationSchema)
    expect(again.id).not.toBe(applied.id)
    const mine = (await (await client.get('/v1/care-packages/applications', { token })).json()) as {
      items: { id: string; status: string }[]
    }
    expect(mine.items.map((a) => [a.id, a.status])).toEqual([
      [again.id, 'applied'],
      [applied.id, 'withdrawn'],
    ])
  })

  it('an application made while the hospital is down reaches it once, from the queue', async () => {
    const { client, access_token: token } = await loginByPhone()
    await runSql(sql`insert into care_packages (id, name, description, includes, price_inr, duration_days, hospital_id, hmis_code)
      values ('kidney-faulty', 'Kidney care', 'Dialysis planning and reviews.', array['Nephrologist reviews'], 9999, 365, ${hospitalId('faulty')}, 'CKD-1Y')
      on conflict (id) do nothing`)
    await hmisFault({ kind: 'status', status: 503, route: 'POST /care-package-applications' }, 2, 'faulty')
    const applied = await expectOk(await client.post('/v1/care-packages/kidney-faulty/apply', {}, { token }), 201, ApplicationSchema)
    expect(applied).toMatchObject({ status: 'applied', sent_to_hospital: false })
    // Two consumers get the same message at once (Queues delivers at least once): sent once.
    const due = await dueNow([applied.id])
    await Promise.all([deliverOutbox(due), deliverOutbox(due)])
    await deliverUntil([applied.id], async () => (await atHmis(applied.id, 'sahyadri', 'faulty')) !== undefined)
    expect(
      (await expectOk(await client.get(`/v1/care-packages/applications/${applied.id}`, { token }), 200, ApplicationSchema))
        .sent_to_hospital,
    ).toBe(true)
    expect(await atHmis(applied.id, 'sahyadri', 'faulty')).toMatchObject({ package_code: 'CKD-1Y', received: 1 })
  })
})
