import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { inZone } from '../src/core/time'
import { AdherenceSchema } from '../src/features/medicines/adherence'
import { ScheduleSchema } from '../src/features/medicines/schedule'
import { DoseSchema, MedicationSchema, RoutineSchema } from '../src/features/medicines/schema'
import { NotificationSchema } from '../src/features/notifications/schema'
import worker from '../src/index'
import { loginByPhone } from './fixtures/auth'
import { expectError, expectOk } from './harness/client'

// The tracker's day and its record, as the app shows them: today's doses each with its state, a
// dose reminder whose link marks it taken in one call, and adherence over past days.

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

describe('the tracker’s day', () => {
  it('lists a day’s doses upcoming, due, taken, skipped or missed, and counts adherence and the streak', async () => {
    const { client, access_token: token } = await loginByPhone()
    // Bed time ten minutes ago (in Kolkata): the bedtime doses of that day are due now.
    const dueLocal = inZone(new Date(Date.now() - 10 * 60_000), 'Asia/Kolkata')
    const [day, bed] = [dueLocal.slice(0, 10), dueLocal.slice(11, 16)]
    await expectOk(
      await client.put('/v1/me/routine', { timezone: 'Asia/Kolkata', breakfast_at: '08:00', bed_at: bed }, { token }),
      200,
      RoutineSchema,
    )
    const add = async (body: Record<string, unknown>) =>
      expectOk(await client.post('/v1/medications', { dosage: '1 tablet', ...body }, { token }), 201, MedicationSchema)
    const metformin = await add({ name: 'Metformin 500 mg', timings: ['after_breakfast', 'bedtime'], start_date: addDays(day, -3) })
    const statin = await add({ name: 'Atorvastatin 10 mg', timings: ['bedtime'], start_date: addDays(day, -3) })
    const once = await add({ name: 'Vitamin D3 60000 IU', timings: ['bedtime'], start_date: day, end_date: day })
    const log = async (id: string, date: string, timing: string, status: string) =>
      expectOk(await client.post(`/v1/medications/${id}/doses`, { date, timing, status }, { token }), 200, DoseSchema)
    for (const d of [-3, -2]) {
      await log(metformin.id, addDays(day, d), 'after_breakfast', 'taken')
      await log(metformin.id, addDays(day, d), 'bedtime', 'taken')
    }
    await log(metformin.id, addDays(day, -1), 'after_breakfast', 'skipped')
    for (const d of [-3, -2, -1]) await log(statin.id, addDays(day, d), 'bedtime', 'taken')

    const today = await expectOk(await client.get(`/v1/medications/schedule?date=${day}`, { token }), 200, ScheduleSchema)
    expect(today.timezone).toBe('Asia/Kolkata')
    const bedtime = today.items.filter((i) => i.timing === 'bedtime')
    expect(bedtime.map((i) => [i.name, i.status, i.local_time]).sort()).toEqual(
      [
        ['Atorvastatin 10 mg', 'due', bed],
        ['Metformin 500 mg', 'due', bed],
        ['Vitamin D3 60000 IU', 'due', bed],
      ].sort(),
    )
    const breakfast = today.items.find((i) => i.timing === 'after_breakfast')!
    expect(breakfast.local_time).toBe('08:30')
    const at = Date.parse(breakfast.due_at)
    expect(breakfast.status).toBe(at > Date.now() ? 'upcoming' : at + 3_600_000 > Date.now() ? 'due' : 'missed')
    // In time order.
    expect(today.items.map((i) => i.due_at)).toEqual([...today.items.map((i) => i.due_at)].sort())

    const yesterday = await expectOk(await client.get(`/v1/medications/schedule?date=${addDays(day, -1)}`, { token }), 200, ScheduleSchema)
    expect(yesterday.items.map((i) => `${i.name}/${i.timing}/${i.status}`).sort()).toEqual([
      'Atorvastatin 10 mg/bedtime/taken',
      'Metformin 500 mg/after_breakfast/skipped',
      'Metformin 500 mg/bedtime/missed',
    ])
    const tomorrow = await expectOk(await client.get(`/v1/medications/schedule?date=${addDays(day, 1)}`, { token }), 200, ScheduleSchema)
    expect(new Set(tomorrow.items.map((i) => i.status))).toEqual(new Set(['upcoming']))
    expect(tomorrow.items.map((i) => i.medication_id)).not.toContain(once.id)

    // Marked from the schedule: it becomes taken.
    await log(once.id, day, 'bedtime', 'taken')
    const after = await expectOk(await client.get(`/v1/medications/schedule?date=${day}`, { token }), 200, ScheduleSchema)
    expect(after.items.find((i) => i.medication_id === once.id)?.status).toBe('taken')

    const record = await expectOk(
      await client.get(`/v1/medications/adherence?from=${addDays(day, -3)}&to=${addDays(day, -1)}`, { token }),
      200,
      AdherenceSchema,
    )
    const byName = Object.fromEntries(record.items.map((i) => [i.name, i]))
    expect(byName['Metformin 500 mg']).toMatchObject({ scheduled: 6, taken: 4, skipped: 1, missed: 1, adherence: 0.67, current_streak: 0 })
    expect(byName['Atorvastatin 10 mg']).toMatchObject({ scheduled: 3, taken: 3, adherence: 1, current_streak: 3 })
    expect(byName['Vitamin D3 60000 IU']).toBeUndefined()

    await expectError(await client.get(`/v1/medications/adherence?from=${day}&to=${addDays(day, -1)}`, { token }), 422, 'unprocessable')
    await expectError(await client.get(`/v1/medications/adherence?from=${addDays(day, -100)}&to=${day}`, { token }), 422, 'unprocessable')
    await expectError(await client.get(`/v1/medications/adherence?to=${addDays(day, 5)}`, { token }), 422, 'unprocessable')
    await expectError(await client.get('/v1/medications/schedule?date=2031-02-30', { token }), 400, 'validation_failed')
    await expectError(await client.get(`/v1/medications/schedule?date=${addDays(day, 400)}`, { token }), 422, 'unprocessable')
    // Another patient's day has none of these.
    const other = await loginByPhone()
    const theirs = await expectOk(await other.client.get('/v1/medications/schedule', { token: other.access_token }), 200, ScheduleSchema)
    expect(theirs.items).toEqual([])
  })

  it('a dose reminder links to the dose (medicine, date, timing): marking it taken is one call', async () => {
    const { client, access_token: token } = await loginByPhone()
    const dueLocal = inZone(new Date(Date.now() - 10 * 60_000), 'Asia/Kolkata')
    const [day, bed] = [dueLocal.slice(0, 10), dueLocal.slice(11, 16)]
    await client.put('/v1/me/routine', { timezone: 'Asia/Kolkata', bed_at: bed }, { token })
    const med = await expectOk(
      await client.post(
        '/v1/medications',
        { name: 'Metformin 500 mg', dosage: '1 tablet', timings: ['bedtime'], start_date: day, end_date: day },
        { token },
      ),
      201,
      MedicationSchema,
    )
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), env, ctx)
    await waitOnExecutionContext(ctx)
    const inbox = await expectOk(await client.get('/v1/notifications', { token }), 200, z.object({ items: z.array(NotificationSchema) }))
    const reminder = inbox.items.find((n) => n.type === 'medication_due')!
    expect(reminder.link).toEqual({ kind: 'medication', id: med.id, date: day, timing: 'bedtime' })
    const { id, date, timing } = reminder.link as { id: string; date: string; timing: string }
    const taken = await expectOk(
      await client.post(`/v1/medications/${id}/doses`, { date, timing, status: 'taken' }, { token }),
      200,
      DoseSchema,
    )
    expect(taken).toMatchObject({ medication_id: med.id, date: day, timing: 'bedtime', status: 'taken' })
    const schedule = await expectOk(await client.get(`/v1/medications/schedule?date=${day}`, { token }), 200, ScheduleSchema)
    expect(schedule.items.map((i) => i.status)).toEqual(['taken'])
  })
})
