import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DoseSchema, MedicationSchema, RoutineSchema } from '../src/features/medicines/schema'
import worker from '../src/index'
import { loginByPhone } from './fixtures/auth'
import { expectError, expectOk, type Client } from './harness/client'
import { expectHiddenFromOthers } from './harness/ownership'
import { runSql } from './harness/sql'

/** One run of a cron at a chosen instant (the jobs take "now" from the controller's scheduledTime). */
async function cronAt(at: string, cron = '* * * * *') {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ cron, scheduledTime: Date.parse(at) }), env, ctx)
  await waitOnExecutionContext(ctx)
}

async function reminders(patientId: string, type = 'medication_due') {
  return runSql<{ title: string; body: string; dedupe_key: string }>(
    sql`select title, body, dedupe_key from notifications where patient_id = ${patientId} and type = ${type} order by created_at`,
  )
}

async function patient(timezone: string, routine: Record<string, string> = {}) {
  const login = await loginByPhone()
  const token = login.access_token
  await expectOk(await login.client.put('/v1/me/routine', { timezone, ...routine }, { token }), 200, RoutineSchema)
  const me = (await (await login.client.get('/v1/me', { token })).json()) as { id: string }
  return { ...login, token, id: me.id }
}

async function addMedication(client: Client, token: string, body: Record<string, unknown>) {
  return expectOk(
    await client.post('/v1/medications', { name: 'Metformin 500 mg', dosage: '1 tablet', ...body }, { token }),
    201,
    MedicationSchema,
  )
}

describe('dose reminders', () => {
  it('come once, at the local time of the routine (Asia/Kolkata), not before, not twice when runs overlap', async () => {
    const p = await patient('Asia/Kolkata', { breakfast_at: '08:00' })
    await addMedication(p.client, p.token, { timings: ['after_breakfast'], start_date: '2031-03-01', end_date: '2031-03-31' })
    await cronAt('2031-03-01T02:59:00Z') // 08:29 IST
    expect(await reminders(p.id)).toEqual([])
    await Promise.all([cronAt('2031-03-01T03:00:00Z'), cronAt('2031-03-01T03:00:00Z'), cronAt('2031-03-01T03:01:00Z')]) // 08:30 IST
    const sent = await reminders(p.id)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ title: 'Time for Metformin 500 mg', body: '1 tablet, after breakfast' })
    await cronAt('2031-03-01T03:30:00Z')
    expect(await reminders(p.id)).toHaveLength(1)
  })

  it('follows America/New_York across the DST change, and catches up after a missed run within the window only', async () => {
    const p = await patient('America/New_York', { breakfast_at: '08:00' })
    await addMedication(p.client, p.token, { timings: ['after_breakfast'], start_date: '2031-03-08', end_date: '2031-03-10' })
    // 08:30 EST on 8 March is 13:30 UTC; on 9 March (EDT, DST began at 02:00) it is 12:30 UTC.
    await cronAt('2031-03-08T13:29:00Z')
    expect(await reminders(p.id)).toHaveLength(0)
    await cronAt('2031-03-08T13:30:00Z')
    expect((await reminders(p.id)).map((r) => r.dedupe_key.split(':').slice(2).join(':'))).toEqual(['2031-03-08:after_breakfast'])
    await cronAt('2031-03-09T12:29:00Z')
    expect(await reminders(p.id)).toHaveLength(1)
    // The 12:30 run was missed; the 12:50 one catches up.
    await cronAt('2031-03-09T12:50:00Z')
    expect(await reminders(p.id)).toHaveLength(2)
    // 10 March: every run missed until two hours late: too late to announce.
    await cronAt('2031-03-10T14:31:00Z')
    expect(await reminders(p.id)).toHaveLength(2)
  })

  it('never comes for a paused, ended or deleted medicine, nor for a dose already logged', async () => {
    const p = await patient('Asia/Kolkata', { bed_at: '22:00' })
    const paused = await addMedication(p.client, p.token, {
      name: 'Paused',
      timings: ['bedtime'],
      start_date: '2031-04-01',
      reminders_enabled: false,
    })
    await addMedication(p.client, p.token, { name: 'Ended', timings: ['bedtime'], start_date: '2031-03-01', end_date: '2031-03-31' })
    const gone = await addMedication(p.client, p.token, { name: 'Deleted', timings: ['bedtime'], start_date: '2031-04-01' })
    const logged = await addMedication(p.client, p.token, { name: 'Logged', timings: ['bedtime'], start_date: '2031-04-01' })
    const live = await addMedication(p.client, p.token, { name: 'Live', timings: ['bedtime'], start_date: '2031-04-01' })
    expect((await p.client.delete(`/v1/medications/${gone.id}`, { token: p.token })).status).toBe(204)
    await runSql(
      sql`insert into medication_doses (medication_id, dose_date, timing, patient_id, status) values (${logged.id}, '2031-04-01', 'bedtime', ${p.id}, 'taken')`,
    )
    await cronAt('2031-04-01T16:30:00Z') // 22:00 IST
    expect((await reminders(p.id)).map((r) => r.title)).toEqual(['Time for Live'])
    expect(paused.reminders_enabled).toBe(false)
    void live
  })

  it('follow a new routine, time zone or medicine at once, though the run had already worked out the next dose', async () => {
    const p = await patient('Asia/Kolkata', { breakfast_at: '08:00' })
    const medicine = await addMedication(p.client, p.token, { timings: ['after_breakfast'], start_date: '2031-05-01' })
    const sent = async () => (await reminders(p.id)).map((r) => r.dedupe_key.split(':').slice(2).join(':'))
    const changes = async () =>
      (
        await runSql<{ n: number }>(
          sql`select count(*)::int as n from patient_changes where kind = 'medication' and resource_id = ${medicine.id}`,
        )
      )[0]!.n
    const before = await changes()
    await cronAt('2031-05-01T01:00:00Z') // 06:30 IST: the next dose is 08:30 IST, 03:00 UTC
    expect(await sent()).toEqual([])
    // Breakfast at 07:00: after breakfast is 07:30 IST, 02:00 UTC, before the time worked out.
    await expectOk(await p.client.put('/v1/me/routine', { breakfast_at: '07:00' }, { token: p.token }), 200, RoutineSchema)
    await cronAt('2031-05-01T02:00:00Z')
    expect(await sent()).toEqual(['2031-05-01:after_breakfast'])
    await cronAt('2031-05-01T20:00:00Z') // the next: 07:30 IST on 2 May, 02:00 UTC
    // Flown to Tokyo: 07:30 JST on 2 May is 22:30 UTC on 1 May.
    await expectOk(await p.client.put('/v1/me/routine', { timezone: 'Asia/Tokyo' }, { token: p.token }), 200, RoutineSchema)
    await cronAt('2031-05-01T22:30:00Z')
    expect(await sent()).toEqual(['2031-05-01:after_breakfast', '2031-05-02:after_breakfast'])
    await cronAt('2031-05-02T12:00:00Z') // the next: 07:30 JST on 3 May
    // Neither the runs' bookkeeping nor the new routine is a change of the medicine in the apps' change feed.
    expect(await changes()).toBe(before)
    // Now taken at bedtime: 22:30 JST, 13:30 UTC.
    await expectOk(
      await p.client.patch(`/v1/medications/${medicine.id}`, { timings: ['bedtime'] }, { token: p.token }),
      200,
      MedicationSchema,
    )
    expect(await changes()).toBe(before + 1)
    await cronAt('2031-05-02T13:30:00Z')
    expect(await sent()).toEqual(['2031-05-01:after_breakfast', '2031-05-02:after_breakfast', '2031-05-02:bedtime'])
  })
})

describe('the tracker', () => {
  it('keeps a routine with defaults, refuses an unknown time zone', async () => {
    const { client, access_token: token } = await loginByPhone()
    expect(await expectOk(await client.get('/v1/me/routine', { token }), 200, RoutineSchema)).toMatchObject({
      breakfast_at: '08:00',
      bed_at: '22:30',
    })
    const set = await expectOk(await client.put('/v1/me/routine', { lunch_at: '14:15' }, { token }), 200, RoutineSchema)
    expect(set).toMatchObject({ lunch_at: '14:15', breakfast_at: '08:00' })
    const bad = await client.put('/v1/me/routine', { timezone: 'Mars/Olympus' }, { token })
    expect(bad.status).toBeGreaterThanOrEqual(400)
    expect(bad.status).toBeLessThan(500)
    await bad.body?.cancel()
    await expectError(await client.put('/v1/me/routine', { dinner_at: '25:00' }, { token }), 400, 'validation_failed')
  })

  it('logs doses (stock drawn once per taken dose), reminds to refill once until restocked, keeps medicines to their owner', async () => {
    const p = await patient('Asia/Kolkata')
    const other = await loginByPhone()
    const med = await addMedication(p.client, p.token, {
      timings: ['after_breakfast', 'after_dinner'],
      start_date: '2026-11-01',
      quantity_on_hand: 12,
    })
    expect(med.days_of_stock).toBe(6)
    const dose = { timing: 'after_breakfast', date: '2026-11-20', status: 'taken' }
    const taken = await expectOk(await p.client.post(`/v1/medications/${med.id}/doses`, dose, { token: p.token }), 200, DoseSchema)
    expect(taken.quantity_on_hand).toBe(11)
    const again = await expectOk(await p.client.post(`/v1/medications/${med.id}/doses`, dose, { token: p.token }), 200, DoseSchema)
    expect(again.quantity_on_hand).toBe(11)
    const skipped = await expectOk(
      await p.client.post(`/v1/medications/${med.id}/doses`, { ...dose, status: 'skipped' }, { token: p.token }),
      200,
      DoseSchema,
    )
    expect(skipped.quantity_on_hand).toBe(12)
    await expectError(
      await p.client.post(`/v1/medications/${med.id}/doses`, { ...dose, timing: 'bedtime' }, { token: p.token }),
      422,
      'unprocessable',
    )
    await expectError(
      await p.client.post(`/v1/medications/${med.id}/doses`, { ...dose, date: '2026-10-01' }, { token: p.token }),
      422,
      'unprocessable',
    )

    // 12 tablets at two a day: six days, above the five-day threshold; at 10 it is five.
    await cronAt(new Date().toISOString(), '17 * * * *')
    expect(await reminders(p.id, 'medication_refill')).toHaveLength(0)
    await expectOk(await p.client.patch(`/v1/medications/${med.id}`, { quantity_on_hand: 10 }, { token: p.token }), 200, MedicationSchema)
    await cronAt(new Date().toISOString(), '17 * * * *')
    await cronAt(new Date(Date.now() + 3600_000).toISOString(), '17 * * * *')
    expect(await reminders(p.id, 'medication_refill')).toHaveLength(1)
    // Restocked, then low again: one more.
    await p.client.patch(`/v1/medications/${med.id}`, { quantity_on_hand: 60 }, { token: p.token })
    await p.client.patch(`/v1/medications/${med.id}`, { quantity_on_hand: 4 }, { token: p.token })
    await cronAt(new Date(Date.now() + 7200_000).toISOString(), '17 * * * *')
    expect(await reminders(p.id, 'medication_refill')).toHaveLength(2)

    await expectHiddenFromOthers((token) => other.client.patch(`/v1/medications/${med.id}`, { dosage: '2 tablets' }, { token }), other)
    await expectHiddenFromOthers((token) => other.client.post(`/v1/medications/${med.id}/doses`, dose, { token }), other)
    await expectHiddenFromOthers((token) => other.client.delete(`/v1/medications/${med.id}`, { token }), other)
    const mine = await expectOk(
      await p.client.get('/v1/medications', { token: p.token }),
      200,
      z.object({ items: z.array(MedicationSchema) }),
    )
    expect(mine.items.map((m) => m.id)).toEqual([med.id])
    await expectError(
      await p.client.post(
        '/v1/medications',
        { name: 'X', dosage: '1', timings: ['bedtime', 'bedtime'], start_date: '2026-11-01' },
        { token: p.token },
      ),
      400,
      'validation_failed',
    )
    await expectError(
      await p.client.post(
        '/v1/medications',
        { name: 'X', dosage: '1', timings: ['bedtime'], start_date: '2026-11-10', end_date: '2026-11-01' },
        { token: p.token },
      ),
      400,
      'validation_failed',
    )
  })
})
