import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { VitalSchema } from '../src/features/care/vitals'
import { loginByPhone } from './fixtures/auth'
import { expectError, expectOk } from './harness/client'
import { expectHiddenFromOthers } from './harness/ownership'
import { runSql } from './harness/sql'

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

  it('applies once per care package (409 again) and lists applications', async () => {
    const { client, access_token: token } = await loginByPhone()
    const packages = (await (await client.get('/v1/care-packages', { token })).json()) as { items: { id: string; includes: string[] }[] }
    expect(packages.items.map((p) => p.id)).toEqual(expect.arrayContaining(['diabetes', 'hypertension', 'heart', 'maternity', 'senior']))
    expect((await client.post('/v1/care-packages/diabetes/apply', {}, { token })).status).toBe(201)
    await expectError(await client.post('/v1/care-packages/diabetes/apply', {}, { token }), 409, 'conflict')
    await expectError(await client.post('/v1/care-packages/astrology/apply', {}, { token }), 404, 'not_found')
    const applied = (await (await client.get('/v1/care-packages/applications', { token })).json()) as { items: { package_id: string }[] }
    expect(applied.items.map((a) => a.package_id)).toEqual(['diabetes'])
  })
})
