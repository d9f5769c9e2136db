import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppointmentSchema, VideoSchema } from '../src/features/appointments/schema'
import { NotificationSchema } from '../src/features/notifications/schema'
import { HomeSchema } from '../src/features/profile/schema'
import { RecordSchema } from '../src/features/records/schema'
import { book, openSlot, runMinuteCron } from './fixtures/appointments'
import { createCheck } from './fixtures/symptoms'
import { loginByPhone } from './fixtures/auth'
import { pdfDocument } from './fixtures/documents'
import { hospitalId, shareWith } from './fixtures/hospitals'
import { expectError, expectOk, newClient } from './harness/client'
import { fakeCalls, hmisBookings, hmisFault, meetSpaces, slowNext } from './harness/fakes'
import { hmisCall } from './harness/hmis'
import { expectHiddenFromOthers } from './harness/ownership'
import { deliverOutbox, deliverUntil } from './harness/outbox'
import { runSql } from './harness/sql'

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next_cursor: z.string().nullable() })
const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

async function patientWithShare(hospital = 'sahyadri') {
  const login = await loginByPhone()
  const share = await shareWith(login.client, login.access_token, hospitalId(hospital))
  return { ...login, token: login.access_token, share }
}

describe('the consultation journey', () => {
  it('share → book → HMIS reviews (signed) → video link → HMIS posts the prescription → Received Documents, byte-identical', async () => {
    const { client, token, share } = await patientWithShare()
    const hospital = hospitalId('sahyadri')
    const slot = await openSlot(client, token, hospital)
    const booked = await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start })
    expect(booked).toMatchObject({ status: 'booked', doctor_name: 'Dr. Meera Kulkarni', slot_start: slot.start, video_available: false })
    expect((await hmisBookings('sahyadri')).filter((b) => b.phr_appointment_id === booked.id)).toHaveLength(1)

    await expectError(await client.get(`/v1/appointments/${booked.id}/video`, { token }), 409, 'video_not_available')
    const reviewed = await hmisCall('sahyadri', 'POST', `/v1/hmis/appointments/${booked.hmis_appointment_ref}/events`, {
      event_id: `rev-${booked.id}`,
      event: 'reviewed',
    })
    expect(reviewed.response.status).toBe(200)
    await reviewed.response.body?.cancel()

    // Google answers slowly: while the room is being made, the appointment is not locked.
    const callsBefore = Object.values(await fakeCalls('google')).reduce((a, b) => a + b, 0)
    await slowNext('google', 1_500, 2)
    const asked = Promise.all([
      client.get(`/v1/appointments/${booked.id}/video`, { token }),
      client.get(`/v1/appointments/${booked.id}/video`, { token }),
    ])
    while (Object.values(await fakeCalls('google')).reduce((a, b) => a + b, 0) === callsBefore) await new Promise((r) => setTimeout(r, 20))
    expect(await runSql(sql`select id from appointments where id = ${booked.id} for update nowait`)).toHaveLength(1)
    const [first, second] = await asked
    const [a, b] = [await expectOk(first, 200, VideoSchema), await expectOk(second, 200, VideoSchema)]
    expect(a).toEqual(b)
    expect(a).toMatchObject({ provider: 'google_meet', join_url: expect.stringMatching(/^https:\/\/meet\.google\.com\//) })
    expect((await meetSpaces()).filter((s) => s.meetingUri === a.join_url)).toHaveLength(1)

    const form = new FormData()
    form.append('file', new File([pdf], 'rx.pdf', { type: 'application/pdf' }))
    form.append('patient_ref', share.hmis_patient_id)
    form.append('type', 'prescription')
    form.append('title', 'Prescription — Dr. Meera Kulkarni')
    form.append('appointment_ref', booked.hmis_appointment_ref!)
    form.append('document_id', `doc-${booked.id}`)
    const posted = await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', form)
    const record = await expectOk(posted.response, 201, RecordSchema)
    expect(record).toMatchObject({
      source: 'received',
      type: 'prescription',
      appointment_id: booked.id,
      content_type: 'application/pdf',
      size_bytes: pdf.length,
    })

    const completed = await hmisCall('sahyadri', 'POST', `/v1/hmis/appointments/${booked.hmis_appointment_ref}/events`, {
      event_id: `done-${booked.id}`,
      event: 'completed',
    })
    expect(completed.response.status).toBe(200)
    await completed.response.body?.cancel()
    // A late 'reviewed' (out of order) does not move it back.
    const late = await hmisCall('sahyadri', 'POST', `/v1/hmis/appointments/${booked.hmis_appointment_ref}/events`, {
      event_id: `late-${booked.id}`,
      event: 'reviewed',
    })
    expect(await late.response.json()).toEqual({ applied: false, status: 'completed' })

    const received = await expectOk(await client.get('/v1/records?source=received', { token }), 200, page(RecordSchema))
    expect(received.items.map((r) => r.id)).toEqual([record.id])
    const file = await client.get(`/v1/records/${record.id}/file`, { token })
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="Prescription/)
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdf)

    const notifications = await expectOk(await client.get('/v1/notifications', { token }), 200, page(NotificationSchema))
    expect(notifications.items.map((n) => n.type)).toEqual(['appointment_completed', 'document_received', 'appointment_reviewed'])
    const home = await expectOk(await client.get('/v1/home', { token }), 200, HomeSchema)
    expect(home.unread_notifications).toBe(3)
    const after = await expectOk(await client.get(`/v1/appointments/${booked.id}`, { token }), 200, AppointmentSchema)
    expect(after).toMatchObject({ status: 'completed', video_available: true })

    const other = await loginByPhone()
    await expectHiddenFromOthers((t) => other.client.get(`/v1/appointments/${booked.id}`, { token: t }), other)
    await expectHiddenFromOthers((t) => other.client.get(`/v1/records/${record.id}/file`, { token: t }), other)
  })

  it('shows the next appointment and counts unread notifications on the home screen; read and read-all', async () => {
    const { client, token } = await patientWithShare()
    const hospital = hospitalId('sahyadri')
    const slot = await openSlot(client, token, hospital, 'd-sah-06', 'in_person')
    const booked = await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-06', mode: 'in_person', slot_start: slot.start })
    const home = await expectOk(await client.get('/v1/home', { token }), 200, HomeSchema)
    expect(home.next_appointment).toMatchObject({
      id: booked.id,
      doctor_name: 'Dr. Nikhil Gokhale',
      mode: 'in_person',
      slot_start: slot.start,
    })
    await (
      await hmisCall('sahyadri', 'POST', `/v1/hmis/appointments/${booked.hmis_appointment_ref}/events`, {
        event_id: `r-${booked.id}`,
        event: 'rescheduled',
        slot_start: slot.start,
        reason: 'Doctor is running late',
      })
    ).response.body?.cancel()
    await (
      await hmisCall('sahyadri', 'POST', `/v1/hmis/appointments/${booked.hmis_appointment_ref}/events`, {
        event_id: `m-${booked.id}`,
        event: 'missed',
      })
    ).response.body?.cancel()
    const list = await expectOk(await client.get('/v1/notifications?unread=true', { token }), 200, page(NotificationSchema))
    expect(list.items).toHaveLength(2)
    const read = await expectOk(
      await client.post(`/v1/notifications/${list.items[0]!.id}/read`, undefined, { token }),
      200,
      NotificationSchema,
    )
    expect(read.read).toBe(true)
    expect(
      await expectOk(await client.post('/v1/notifications/read-all', undefined, { token }), 200, z.object({ marked_read: z.number() })),
    ).toEqual({ marked_read: 1 })
    expect((await expectOk(await client.get('/v1/home', { token }), 200, HomeSchema)).unread_notifications).toBe(0)
  })
})

describe('objects that know each other', () => {
  it('an appointment names its symptom check and its prescription; records and checks filter by the appointment', async () => {
    const { client, access_token: token } = await loginByPhone()
    const hospital = hospitalId('sahyadri')
    const share = await shareWith(client, token, hospital)
    const slot = await openSlot(client, token, hospital)
    const appointment = await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start })
    expect(appointment).toMatchObject({ symptom_check_id: null, prescription_record_id: null, updated_at: expect.any(String) })
    const check = await createCheck(client, token, { symptom_codes: ['fever'], appointment_id: appointment.id })
    await createCheck(client, token, { symptom_codes: ['cough'] })
    const form = new FormData()
    form.append('file', new File([pdfDocument({ title: 'Rx' })], 'rx.pdf'))
    form.append('patient_ref', share.hmis_patient_id)
    form.append('appointment_ref', appointment.hmis_appointment_ref!)
    form.append('type', 'prescription')
    form.append('title', 'Prescription — Dr. Meera Kulkarni')
    form.append('medicines', JSON.stringify([{ name: 'Paracetamol 650 mg', dosage: '1 tablet', timings: ['bedtime'], duration_days: 3 }]))
    const prescription = await expectOk((await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', form)).response, 201, RecordSchema)

    const seen = await expectOk(await client.get(`/v1/appointments/${appointment.id}`, { token }), 200, AppointmentSchema)
    expect(seen).toMatchObject({ symptom_check_id: check.id, prescription_record_id: prescription.id })
    const listed = await expectOk(await client.get('/v1/appointments', { token }), 200, z.object({ items: z.array(AppointmentSchema) }))
    expect(listed.items[0]).toMatchObject({ id: appointment.id, symptom_check_id: check.id, prescription_record_id: prescription.id })

    const Records = z.object({ items: z.array(RecordSchema) })
    const own = await expectOk(await client.get(`/v1/records?appointment_id=${appointment.id}`, { token }), 200, Records)
    expect(own.items.map((r) => r.id)).toEqual([prescription.id])
    expect(own.items[0]!.medicines).toEqual([{ name: 'Paracetamol 650 mg', dosage: '1 tablet', timings: ['bedtime'], duration_days: 3 }])
    const checks = (await (await client.get(`/v1/symptom-checks?appointment_id=${appointment.id}`, { token })).json()) as {
      items: { id: string }[]
    }
    expect(checks.items.map((c) => c.id)).toEqual([check.id])
    const other = await loginByPhone()
    const theirs = await expectOk(
      await other.client.get(`/v1/records?appointment_id=${appointment.id}`, { token: other.access_token }),
      200,
      Records,
    )
    expect(theirs.items).toEqual([])
    await expectError(await client.get('/v1/records?appointment_id=not-an-id', { token }), 400, 'validation_failed')
  })
})

describe('add to calendar', () => {
  /** The .ics as its lines (folded lines joined again), after checking CRLF endings and 75-octet lines. */
  async function calendar(client: ReturnType<typeof newClient>, token: string, id: string) {
    const response = await client.get(`/v1/appointments/${id}/calendar.ics`, { token })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const body = await response.text()
    expect(body.endsWith('\r\n')).toBe(true)
    const raw = body.slice(0, -2).split('\r\n')
    for (const line of raw) expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75)
    const lines = body.replace(/\r\n /g, '').slice(0, -2).split('\r\n')
    const field = (name: string) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1)
    return { lines, field }
  }

  it('gives the appointment as an event: confirmed, then with its video link, then cancelled — always the same UID', async () => {
    const { client, token } = await patientWithShare()
    const hospital = hospitalId('sahyadri')
    const slot = await openSlot(client, token, hospital)
    const booked = await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start })
    const first = await calendar(client, token, booked.id)
    expect(first.lines.slice(0, 2)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0'])
    expect(first.field('UID')).toBe(`${booked.id}@phr-edge`)
    expect(first.field('DTSTART')).toBe(
      new Date(slot.start)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, ''),
    )
    expect(first.field('SUMMARY')).toBe('Online consultation with Dr. Meera Kulkarni')
    expect(first.field('STATUS')).toBe('CONFIRMED')
    expect(first.field('URL')).toBeUndefined()
    expect(first.field('TRIGGER')).toBe('-PT1H')

    const reviewed = await hmisCall('sahyadri', 'POST', `/v1/hmis/appointments/${booked.hmis_appointment_ref}/events`, {
      event_id: `rev-ics-${booked.id}`,
      event: 'reviewed',
    })
    await reviewed.response.body?.cancel()
    const video = await expectOk(await client.get(`/v1/appointments/${booked.id}/video`, { token }), 200, VideoSchema)
    const second = await calendar(client, token, booked.id)
    expect(second.field('URL')).toBe(video.join_url)
    expect(second.field('DESCRIPTION')).toContain(`Join: ${video.join_url}`)
    expect(Number(second.field('SEQUENCE'))).toBeGreaterThanOrEqual(Number(first.field('SEQUENCE')))

    await expectOk(await client.post(`/v1/appointments/${booked.id}/cancel`, {}, { token }), 200, AppointmentSchema)
    const third = await calendar(client, token, booked.id)
    expect(third.field('UID')).toBe(`${booked.id}@phr-edge`)
    expect(third.field('STATUS')).toBe('CANCELLED')
    expect(third.lines).not.toContain('BEGIN:VALARM')

    const other = await loginByPhone()
    await expectError(await other.client.get(`/v1/appointments/${booked.id}/calendar.ics`, { token: other.access_token }), 404, 'not_found')
  })
})

describe('moving an appointment', () => {
  const atHospital = async (id: string) =>
    ((await hmisBookings('sahyadri')) as unknown as { phr_appointment_id: string; slot_start: string; mode: string }[]).find(
      (b) => b.phr_appointment_id === id,
    )!

  it('moves to another slot once the hospital confirms; a refused move keeps the old slot; a slow hospital answers later', async () => {
    const { client, token } = await patientWithShare()
    const hospital = hospitalId('sahyadri')
    const first = await openSlot(client, token, hospital)
    const booked = await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: first.start })
    let second = await openSlot(client, token, hospital)
    while (second.start === first.start) second = await openSlot(client, token, hospital)

    const moved = await expectOk(
      await client.post(`/v1/appointments/${booked.id}/reschedule`, { slot_start: second.start }, { token }),
      200,
      AppointmentSchema,
    )
    expect(moved).toMatchObject({ slot_start: second.start, mode: 'online', reschedule_pending: null, status: 'booked' })
    expect(Date.parse((await atHospital(booked.id)).slot_start)).toBe(Date.parse(second.start))

    // A time the doctor has no slot at: refused, nothing changes.
    const nowhere = new Date(Date.parse(second.start) + 3 * 60_000).toISOString()
    await expectError(
      await client.post(`/v1/appointments/${booked.id}/reschedule`, { slot_start: nowhere }, { token }),
      409,
      'slot_unavailable',
    )
    const kept = await expectOk(await client.get(`/v1/appointments/${booked.id}`, { token }), 200, AppointmentSchema)
    expect(kept).toMatchObject({ slot_start: second.start, reschedule_pending: null })

    // The hospital down: asked (202, the old slot holds), then moved by the queue, and I am told.
    await hmisFault({ kind: 'status', status: 503, route: 'POST /appointments/{id}/reschedule', hospital: 'sahyadri' }, 2)
    const asked = await client.post(`/v1/appointments/${booked.id}/reschedule`, { slot_start: first.start }, { token })
    const pending = await expectOk(asked, 202, AppointmentSchema)
    expect(pending.slot_start).toBe(second.start)
    expect(Date.parse(pending.reschedule_pending!.slot_start)).toBe(Date.parse(first.start))
    // Another move meanwhile waits its turn.
    await expectError(
      await client.post(`/v1/appointments/${booked.id}/reschedule`, { slot_start: second.start }, { token }),
      409,
      'request_in_flight',
    )
    await deliverUntil([booked.id], async () => Date.parse((await atHospital(booked.id)).slot_start) === Date.parse(first.start))
    const after = await expectOk(await client.get(`/v1/appointments/${booked.id}`, { token }), 200, AppointmentSchema)
    expect(after).toMatchObject({ slot_start: first.start, reschedule_pending: null })
    const told = await expectOk(await client.get('/v1/notifications', { token }), 200, page(NotificationSchema))
    expect(told.items.map((n) => n.type)).toContain('appointment_rescheduled')

    // Someone else's, or a cancelled one, cannot be moved.
    const other = await loginByPhone()
    await expectError(
      await other.client.post(`/v1/appointments/${booked.id}/reschedule`, { slot_start: second.start }, { token: other.access_token }),
      404,
      'not_found',
    )
    await expectOk(await client.post(`/v1/appointments/${booked.id}/cancel`, {}, { token }), 200, AppointmentSchema)
    await expectError(
      await client.post(`/v1/appointments/${booked.id}/reschedule`, { slot_start: second.start }, { token }),
      409,
      'invalid_transition',
    )
  })
})

describe('reminders', () => {
  it('sends one reminder 24 hours and one 1 hour before, each once, even when runs overlap', async () => {
    const { client, token } = await patientWithShare()
    const hospital = hospitalId('sahyadri')
    const slot = await openSlot(client, token, hospital)
    const booked = await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start })
    const reminders = async () =>
      (await expectOk(await client.get('/v1/notifications', { token }), 200, page(NotificationSchema))).items.filter(
        (n) => n.type === 'appointment_reminder',
      )
    await runSql(
      sql`update appointments set slot_start = now() + interval '20 hours', slot_end = now() + interval '20 hours 15 minutes' where id = ${booked.id}`,
    )
    await Promise.all([runMinuteCron(), runMinuteCron()])
    expect((await reminders()).map((n) => n.title)).toEqual(['Your appointment is tomorrow'])
    await runSql(
      sql`update appointments set slot_start = now() + interval '50 minutes', slot_end = now() + interval '65 minutes' where id = ${booked.id}`,
    )
    await runMinuteCron()
    await runMinuteCron()
    expect((await reminders()).map((n) => n.title)).toEqual(['Your appointment is in less than an hour', 'Your appointment is tomorrow'])
  })
})

describe('booking rules', () => {
  it('needs a share, an offered slot, and no overlap', async () => {
    const login = await loginByPhone()
    const hospital = hospitalId('sahyadri')
    const slot = await openSlot(login.client, login.access_token, hospital)
    const request = { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start }
    await expectError(await login.client.post('/v1/appointments', request, { token: login.access_token }), 409, 'profile_not_shared')
    await shareWith(login.client, login.access_token, hospital)
    await expectError(
      await login.client.post('/v1/appointments', { ...request, slot_start: '2031-01-01T03:07:00+05:30' }, { token: login.access_token }),
      409,
      'slot_unavailable',
    )
    await expectError(
      await login.client.post('/v1/appointments', { ...request, doctor_id: 'd-sah-03', mode: 'online' }, { token: login.access_token }),
      409,
      'slot_unavailable',
    )
    await book(login.client, login.access_token, request)
    await expectError(await login.client.post('/v1/appointments', request, { token: login.access_token }), 409, 'appointment_conflict')
  })

  it('honours Idempotency-Key: the same answer again, 422 for another body', async () => {
    const { client, token } = await patientWithShare()
    const hospital = hospitalId('sahyadri')
    const slot = await openSlot(client, token, hospital)
    const request = { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start }
    const key = { 'Idempotency-Key': `key-${crypto.randomUUID()}` }
    const [first, again] = [await book(client, token, request, key), await book(client, token, request, key)]
    expect(again).toEqual(first)
    const list = await expectOk(await client.get('/v1/appointments', { token }), 200, page(AppointmentSchema))
    expect(list.items).toHaveLength(1)
    await expectError(
      await client.post('/v1/appointments', { ...request, mode: 'in_person' }, { token, headers: key }),
      422,
      'idempotency_key_reused',
    )
  })

  it('cancels, telling the hospital', async () => {
    const { client, token } = await patientWithShare()
    const hospital = hospitalId('sahyadri')
    const slot = await openSlot(client, token, hospital)
    const booked = await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start })
    const cancelled = await expectOk(
      await client.post(`/v1/appointments/${booked.id}/cancel`, { reason: 'Feeling better' }, { token }),
      200,
      AppointmentSchema,
    )
    expect(cancelled.status).toBe('cancelled')
    expect((await hmisBookings('sahyadri')).find((b) => b.phr_appointment_id === booked.id)?.status).toBe('cancelled')
    await expectError(await client.post(`/v1/appointments/${booked.id}/cancel`, {}, { token }), 409, 'invalid_transition')
  })
})

/** The pending jobs of a hospital's partition, due now (as if their backoff had passed); their ids. */
async function dueJobsOf(hospital: string) {
  const rows = await runSql<{ id: string }>(
    sql`update outbox set next_attempt_at = now() where status = 'pending' and partition_key = ${`hospital:${hospital}`} returning id`,
  )
  return rows.map((r) => r.id)
}

const jobOfSubject = async (subjectId: string) =>
  (
    await runSql<{ id: string; status: string; attempts: number; last_error: string | null; history: { outcome: string }[] }>(
      sql`select id, status, attempts, last_error, history from outbox where subject_id = ${subjectId} order by created_at limit 1`,
    )
  )[0]!

/** Cancels these appointments as a request that died after its commit would: pending cancel jobs, no message sent; their ids. */
async function cancellationsWithoutMessage(appointmentIds: string[], overdue = '0 seconds') {
  const ids = []
  for (const id of appointmentIds) {
    const [row] = await runSql<{ hospital_id: string }>(
      sql`update appointments set status = 'cancelled' where id = ${id} returning hospital_id`,
    )
    const [job] = await runSql<{ id: string }>(sql`insert into outbox (id, kind, partition_key, subject_id, next_attempt_at)
      values (${crypto.randomUUID()}, 'cancel_appointment', ${`hospital:${row!.hospital_id}`}, ${id}, now() - ${overdue}::interval) returning id`)
    ids.push(job!.id)
  }
  return ids
}

/** Polls until `check` holds (the queue delivers in the background), up to `ms`. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = await read()
    if (check(value) || Date.now() > until) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('never lost: the outbox and its queue', () => {
  it('accepts 50 bookings while the HMIS fails and times out, then books each exactly once; overlapping deliveries send nothing twice', async () => {
    const hospital = hospitalId('faulty')
    const patients = []
    for (let i = 0; i < 50; i++) patients.push(await patientWithShare('faulty'))
    const { client, token } = patients[0]!
    const slots = (await openSlot(client, token, hospital)) && (await client.get(`/v1/hospitals/${hospital}/doctors/d-sah-01`, { token }))
    const doctor = (await slots.json()) as { availability: { slots: { start: string; modes: string[] }[] }[] }
    const starts = doctor.availability
      .flatMap((d) => d.slots)
      .filter((s) => s.modes.includes('online') && Date.parse(s.start) > Date.now() + 3 * 3600_000)
      .map((s) => s.start)
    // Half the booking calls fail (dropped or 503, each retried once), some hang past the budget.
    await hmisFault({ kind: 'drop', route: 'POST /appointments' }, 30, 'faulty')
    await hmisFault({ kind: 'status', status: 503, route: 'POST /appointments' }, 30, 'faulty')
    await hmisFault({ kind: 'timeout', route: 'POST /appointments' }, 10, 'faulty')
    const booked = await Promise.all(
      patients.map(async (p, i) =>
        book(p.client, p.token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: starts[i % starts.length] }),
      ),
    )
    expect(booked.length).toBe(50)
    expect(booked.some((b) => b.status === 'pending_sync')).toBe(true)

    // Each round, two consumers get the same messages at once (Queues delivers at least once).
    for (let round = 0; round < 6; round++) {
      const due = await dueJobsOf(hospital)
      await Promise.all([deliverOutbox(due), deliverOutbox(due)])
    }
    const atHospital = await hmisBookings('sahyadri', 'faulty')
    for (const [i, appointment] of booked.entries()) {
      const final = await expectOk(
        await patients[i]!.client.get(`/v1/appointments/${appointment.id}`, { token: patients[i]!.token }),
        200,
        AppointmentSchema,
      )
      expect(final.status).toBe('booked')
      expect(atHospital.filter((b) => b.phr_appointment_id === appointment.id).map((b) => b.received)).toEqual([1])
    }
    expect(await dueJobsOf(hospital)).toEqual([])
  }, 120_000)

  it('sends each job once when the HMIS takes 5 s a booking and deliveries overlap past a 12 s lease', async () => {
    const hospital = hospitalId('faulty')
    const patients = await Promise.all([0, 1, 2].map(() => patientWithShare('faulty')))
    // Booked while the HMIS hangs: each answers pending_sync and its job waits for the queue.
    await hmisFault({ kind: 'timeout', route: 'POST /appointments' }, 3, 'faulty')
    const booked = []
    for (const p of patients) {
      const slot = await openSlot(p.client, p.token, hospital)
      booked.push(await book(p.client, p.token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start }))
    }
    expect(booked.map((b) => b.status)).toEqual(['pending_sync', 'pending_sync', 'pending_sync'])
    const ids = booked.map((b) => b.id)
    const jobs = await runSql<{ id: string }>(
      sql`update outbox set next_attempt_at = now() where subject_id in ${sql.raw(`('${ids.join("','")}')`)} returning id`,
    )
    await hmisFault({ kind: 'slow', ms: 5_000, route: 'POST /appointments' }, 3, 'faulty')
    // One lane: three jobs take 15 s one after another; the same messages come again at 6.5 s and at 13 s, past a lease taken at 0.
    const settings = { OUTBOX_LEASE_SECONDS: '12', OUTBOX_CONSUMER_LANES: '1' }
    const delivery = () =>
      deliverOutbox(
        jobs.map((j) => j.id),
        settings,
      )
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)).then(delivery)
    await Promise.all([delivery(), later(6_500), later(13_000)])
    const atHospital = await hmisBookings('sahyadri', 'faulty')
    for (const id of ids) expect(atHospital.filter((b) => b.phr_appointment_id === id).map((b) => b.received)).toEqual([1])
    for (const p of patients) {
      const list = await expectOk(await p.client.get('/v1/appointments', { token: p.token }), 200, page(AppointmentSchema))
      expect(list.items[0]?.status).toBe('booked')
    }
  }, 60_000)

  it('runs at most OUTBOX_PARTITION_CONCURRENCY jobs of one hospital at once: a slow HMIS does not hold up another', async () => {
    // Three cancellations at each hospital whose requests died before sending them: pending jobs, due now.
    const bookedAt = async (key: string) => {
      const p = await patientWithShare(key)
      const slot = await openSlot(p.client, p.token, hospitalId(key))
      return (
        await book(p.client, p.token, { hospital_id: hospitalId(key), doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start })
      ).id
    }
    const slowJobs = await cancellationsWithoutMessage([await bookedAt('faulty'), await bookedAt('faulty'), await bookedAt('faulty')])
    const quickJobs = await cancellationsWithoutMessage([
      await bookedAt('sahyadri'),
      await bookedAt('sahyadri'),
      await bookedAt('sahyadri'),
    ])
    const statuses = async (ids: string[]) =>
      (await runSql<{ status: string }>(sql`select status from outbox where id in ${sql.raw(`('${ids.join("','")}')`)}`)).map(
        (r) => r.status,
      )
    // The slow hospital's jobs first in the batch, two lanes, one job of a hospital at a time.
    await hmisFault({ kind: 'slow', ms: 3_000, route: 'POST /appointments/{id}/cancel' }, 1, 'faulty')
    const delivery = deliverOutbox([...slowJobs, ...quickJobs], { OUTBOX_CONSUMER_LANES: '2', OUTBOX_PARTITION_CONCURRENCY: '1' })
    // Sahyadri's three are sent while the first of the slow hospital's is still at its HMIS.
    expect(
      await eventually(
        () => statuses(quickJobs),
        (s) => s.every((status) => status === 'done'),
      ),
    ).toEqual(['done', 'done', 'done'])
    expect(await statuses(slowJobs)).toEqual(['pending', 'pending', 'pending'])
    expect((await delivery).explicitAcks).toHaveLength(6)
    expect(await statuses(slowJobs)).toEqual(['done', 'done', 'done'])
  }, 60_000)

  it('records a job that throws, goes on with the others in the same batch, and gives it up at the attempt cap', async () => {
    const sahyadri = await patientWithShare()
    const slot = await openSlot(sahyadri.client, sahyadri.token, hospitalId('sahyadri'))
    const booked = await book(sahyadri.client, sahyadri.token, {
      hospital_id: hospitalId('sahyadri'),
      doctor_id: 'd-sah-01',
      mode: 'online',
      slot_start: slot.start,
    })
    // A job that throws a 404 of our own (its check is tied to another patient's appointment), first in line, at its ninth attempt.
    const broken = crypto.randomUUID()
    const check = crypto.randomUUID()
    await runSql(sql`insert into symptom_checks (id, patient_id, appointment_id, symptom_codes, status, triage_level)
      values (${check}, ${crypto.randomUUID()}, ${booked.id}, '{fever}', 'submitted', 'consultation')`)
    await runSql(sql`insert into outbox (id, kind, partition_key, subject_id, attempts, next_attempt_at)
      values (${broken}, 'share_symptom_check', ${`hospital:${hospitalId('sahyadri')}`}, ${check}, 9, now() - interval '1 minute')`)
    const faulty = await patientWithShare('faulty')
    const other = await openSlot(faulty.client, faulty.token, hospitalId('faulty'))
    await hmisFault({ kind: 'timeout', route: 'POST /appointments' }, 1, 'faulty')
    const pending = await book(faulty.client, faulty.token, {
      hospital_id: hospitalId('faulty'),
      doctor_id: 'd-sah-01',
      mode: 'online',
      slot_start: other.start,
    })
    expect(pending.status).toBe('pending_sync')
    const pendingJob = await jobOfSubject(pending.id)
    await runSql(sql`update outbox set next_attempt_at = now() where id = ${pendingJob.id}`)
    await deliverOutbox([broken, pendingJob.id])
    const [job] = await runSql<{ status: string; attempts: number; last_error: string; history: { outcome: string; note: string }[] }>(
      sql`select status, attempts, last_error, history from outbox where id = ${broken}`,
    )
    expect(job).toMatchObject({
      status: 'failed',
      attempts: 10,
      last_error: expect.stringContaining('could not be reached after 10 attempts'),
      history: [{ outcome: 'given_up', note: expect.stringContaining('not_found') }],
    })
    const sent = await expectOk(await faulty.client.get(`/v1/appointments/${pending.id}`, { token: faulty.token }), 200, AppointmentSchema)
    expect(sent.status).toBe('booked')
  })

  it('answers pending_sync within the budget when the HMIS hangs, and rejects with a notification when the HMIS later refuses', async () => {
    const { client, token } = await patientWithShare('faulty')
    const hospital = hospitalId('faulty')
    const slot = await openSlot(client, token, hospital)
    await hmisFault({ kind: 'timeout', route: 'POST /appointments' }, 1, 'faulty')
    const started = Date.now()
    const pending = await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start })
    expect(pending.status).toBe('pending_sync')
    expect(Date.now() - started).toBeLessThan(8_000)
    const job = await jobOfSubject(pending.id)
    expect(job).toMatchObject({ status: 'pending', attempts: 1, history: [{ outcome: 'failed_attempt' }] })
    await hmisFault({ kind: 'status', status: 409, route: 'POST /appointments' }, 1, 'faulty')
    await runSql(sql`update outbox set next_attempt_at = now() where id = ${job.id}`)
    await deliverOutbox([job.id])
    const rejected = await expectOk(await client.get(`/v1/appointments/${pending.id}`, { token }), 200, AppointmentSchema)
    expect(rejected).toMatchObject({ status: 'rejected', status_reason: expect.stringContaining('hmis_failure') })
    const notes = await expectOk(await client.get('/v1/notifications', { token }), 200, page(NotificationSchema))
    expect(notes.items[0]).toMatchObject({ type: 'appointment_rejected', link: { kind: 'appointment', id: pending.id } })
  })

  it('gives up what the queue could not deliver (its dead-letter queue): the booking rejected, the patient told', async () => {
    const { client, token } = await patientWithShare('faulty')
    const slot = await openSlot(client, token, hospitalId('faulty'))
    await hmisFault({ kind: 'timeout', route: 'POST /appointments' }, 1, 'faulty')
    const pending = await book(client, token, {
      hospital_id: hospitalId('faulty'),
      doctor_id: 'd-sah-01',
      mode: 'online',
      slot_start: slot.start,
    })
    const job = await jobOfSubject(pending.id)
    const result = await deliverOutbox([job.id], {}, 'phr-outbox-dev-dlq')
    expect(result.explicitAcks).toHaveLength(1)
    expect(await jobOfSubject(pending.id)).toMatchObject({
      status: 'failed',
      history: [{ outcome: 'failed_attempt' }, { outcome: 'given_up' }],
    })
    const rejected = await expectOk(await client.get(`/v1/appointments/${pending.id}`, { token }), 200, AppointmentSchema)
    expect(rejected).toMatchObject({ status: 'rejected', status_reason: expect.stringContaining('could not be reached') })
    const notes = await expectOk(await client.get('/v1/notifications', { token }), 200, page(NotificationSchema))
    expect(notes.items[0]).toMatchObject({ type: 'appointment_rejected', link: { kind: 'appointment', id: pending.id } })
    // Delivered again, a closed job is only acknowledged.
    expect((await deliverOutbox([job.id], {}, 'phr-outbox-dev-dlq')).explicitAcks).toHaveLength(1)
    expect((await hmisBookings('sahyadri', 'faulty')).filter((b) => b.phr_appointment_id === pending.id)).toEqual([])
  })

  it('sends again, from the sweeper, a job whose message was lost; the real queue delivers it', async () => {
    const { client, token } = await patientWithShare()
    const slot = await openSlot(client, token, hospitalId('sahyadri'))
    const booked = await book(client, token, {
      hospital_id: hospitalId('sahyadri'),
      doctor_id: 'd-sah-01',
      mode: 'online',
      slot_start: slot.start,
    })
    // A cancellation whose request died after its commit: a pending job, overdue, no message anywhere.
    await cancellationsWithoutMessage([booked.id], '5 minutes')
    await runMinuteCron()
    const atHospital = await eventually(
      async () => (await hmisBookings('sahyadri')).find((b) => b.phr_appointment_id === booked.id),
      (b) => b?.status === 'cancelled',
    )
    expect(atHospital?.status).toBe('cancelled')
    const cancellation = await runSql<{ status: string }>(
      sql`select status from outbox where subject_id = ${booked.id} and kind = 'cancel_appointment'`,
    )
    expect(cancellation).toEqual([{ status: 'done' }])
  })
})

describe('booking round trips', () => {
  it('a booking costs at most 5 database round trips (the overlap check and its outbox job in one transaction)', async () => {
    const { client, token } = await patientWithShare()
    const hospital = hospitalId('sahyadri')
    // The first booking warms the isolate's copy of the hospital's registry row.
    const first = await openSlot(client, token, hospital)
    await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: first.start })
    let slot = await openSlot(client, token, hospital)
    while (slot.start === first.start) slot = await openSlot(client, token, hospital)
    const response = await client.post(
      '/v1/appointments',
      { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start },
      { token },
    )
    expect(response.status).toBe(201)
    const trips = Number(response.headers.get('server-timing')?.match(/(\d+) round trips/)?.[1])
    expect(trips).toBeGreaterThan(0)
    expect(trips).toBeLessThanOrEqual(5)
  })
})

describe('hospital calls are signed', () => {
  it('refuses unsigned, wrongly signed, stale and replayed calls; applies a redelivered event once', async () => {
    const { client, token } = await patientWithShare()
    const hospital = hospitalId('sahyadri')
    const slot = await openSlot(client, token, hospital)
    const booked = await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start })
    const path = `/v1/hmis/appointments/${booked.hmis_appointment_ref}/events`
    const event = { event_id: `evt-${booked.id}`, event: 'reviewed' }
    await expectError((await hmisCall('sahyadri', 'POST', path, event, { unsigned: true })).response, 401, 'signature_invalid')
    await expectError((await hmisCall('sahyadri', 'POST', path, event, { secret: 'not-the-secret' })).response, 401, 'signature_invalid')
    await expectError(
      (await hmisCall('sahyadri', 'POST', path, event, { timestamp: Math.floor(Date.now() / 1000) - 600 })).response,
      401,
      'timestamp_out_of_range',
    )
    await expectError((await hmisCall('amrita', 'POST', path, event)).response, 404, 'not_found')
    const first = await hmisCall('sahyadri', 'POST', path, event)
    expect(await first.response.json()).toEqual({ applied: true, status: 'reviewed' })
    await expectError(await first.replay(), 401, 'signature_replayed')
    // A redelivery is signed again, with its own timestamp.
    const redelivered = await hmisCall('sahyadri', 'POST', path, event, { timestamp: Math.floor(Date.now() / 1000) + 1 })
    expect(await redelivered.response.json()).toEqual({ applied: false, status: 'reviewed' })
    const notes = await expectOk(await client.get('/v1/notifications', { token }), 200, page(NotificationSchema))
    expect(notes.items.filter((n) => n.type === 'appointment_reviewed')).toHaveLength(1)
  })

  it('checks the signature of a 9.5 MB document over its raw bytes: accepted when signed, refused with another secret', async () => {
    const { share } = await patientWithShare()
    const scan = pdfDocument({ padding: 9.5 * 1024 * 1024, title: 'MRI report' })
    const form = () => {
      const form = new FormData()
      form.append('file', new File([scan], 'scan.pdf'))
      form.append('patient_ref', share.hmis_patient_id)
      form.append('type', 'test_result')
      form.append('title', 'MRI report')
      return form
    }
    await expectError(
      (await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', form(), { secret: 'not-the-secret' })).response,
      401,
      'signature_invalid',
    )
    const stored = await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', form())
    expect(stored.response.status).toBe(201)
    expect(((await stored.response.json()) as { size_bytes: number }).size_bytes).toBe(scan.length)
  })

  it('keeps the same document_id for two patients apart: each gets their own document, each stored once', async () => {
    const [asha, ravi] = [await patientWithShare(), await patientWithShare()]
    const post = (patientRef: string, title: string) => {
      const form = new FormData()
      form.append('file', new File([pdfDocument({ title })], 'rx.pdf'))
      form.append('patient_ref', patientRef)
      form.append('type', 'prescription')
      form.append('title', title)
      form.append('document_id', 'rx-0001')
      return hmisCall('sahyadri', 'POST', '/v1/hmis/documents', form)
    }
    const first = await post(asha.share.hmis_patient_id, 'Asha’s prescription')
    expect(first.response.status).toBe(201)
    await first.response.body?.cancel()
    const second = await post(ravi.share.hmis_patient_id, 'Ravi’s prescription')
    expect(second.response.status).toBe(201)
    await second.response.body?.cancel()
    const again = await post(ravi.share.hmis_patient_id, 'Ravi’s prescription')
    expect(again.response.status).toBe(200)
    await again.response.body?.cancel()
    for (const [patient, title] of [
      [asha, 'Asha’s prescription'],
      [ravi, 'Ravi’s prescription'],
    ] as const) {
      const records = await expectOk(
        await patient.client.get('/v1/records?source=received', { token: patient.token }),
        200,
        page(RecordSchema),
      )
      expect(records.items.map((r) => r.title)).toEqual([title])
    }
  })

  it('lets a hospital post documents only for patients who share with it, and not after they revoke', async () => {
    const { client, token, share } = await patientWithShare()
    const post = (hospital: string, patientRef: string, bytes: Uint8Array = pdf) => {
      const form = new FormData()
      form.append('file', new File([bytes], 'doc.pdf'))
      form.append('patient_ref', patientRef)
      form.append('type', 'handout')
      form.append('title', 'Diet after a fever')
      return hmisCall(hospital, 'POST', '/v1/hmis/documents', form)
    }
    await expectError((await post('amrita', share.hmis_patient_id)).response, 403, 'forbidden')
    // Over HMIS_DOCUMENT_MAX_BYTES (10 MB): refused before the body is read.
    await expectError((await post('sahyadri', share.hmis_patient_id, new Uint8Array(11 * 1024 * 1024))).response, 413, 'payload_too_large')
    await expectError(
      (await post('sahyadri', share.hmis_patient_id, new TextEncoder().encode('MZ\u0090\u0000 not a pdf'))).response,
      415,
      'unsupported_media_type',
    )
    const ok = await post('sahyadri', share.hmis_patient_id)
    expect(ok.response.status).toBe(201)
    await ok.response.body?.cancel()
    await (await client.delete(`/v1/shares/${share.share_id}`, { token })).body?.cancel()
    await expectError((await post('sahyadri', share.hmis_patient_id)).response, 403, 'forbidden')
    const unknown = newClient()
    await expectError(await unknown.get('/v1/records'), 401, 'unauthorized')
  })
})
