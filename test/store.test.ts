import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { MedicationSchema } from '../src/features/medicines/schema'
import { RecordSchema } from '../src/features/records/schema'
import { loginByPhone } from './fixtures/auth'
import { pdfDocument, pngImage } from './fixtures/documents'
import { hospitalId, shareWith } from './fixtures/hospitals'
import { expectError, expectOk, type Client } from './harness/client'
import { fhirSearch, hmisFault, hmisOrders, hmisSetStatus } from './harness/fakes'
import { hmisCall } from './harness/hmis'
import { deliverOutbox, deliverUntil, dueNow } from './harness/outbox'
import { runSql } from './harness/sql'

const LabBooking = z.object({
  id: z.string(),
  status: z.string(),
  status_reason: z.string().nullable(),
  result_record_id: z.string().nullable(),
  confirmed_slot: z.string().nullable(),
})
const Order = z.object({ id: z.string(), status: z.string(), status_reason: z.string().nullable() })

async function sharedPatient(hospital: string) {
  const login = await loginByPhone()
  const share = await shareWith(login.client, login.access_token, hospitalId(hospital))
  return { ...login, token: login.access_token, share }
}

async function order(client: Client, token: string, file: Uint8Array, fields: Record<string, string>) {
  const form = new FormData()
  form.append('prescription', new File([file], 'rx'))
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  const request = new Request('https://phr.test/', { method: 'POST', body: form })
  return client.call('POST', '/v1/store/medicine-orders', {
    token,
    headers: { 'content-type': request.headers.get('content-type')! },
    body: new Uint8Array(await request.arrayBuffer()),
  })
}

const soon = () => new Date(Date.now() + 2 * 86_400_000).toISOString()

describe('lab tests', () => {
  it('catalog → request a slot (at the HMIS) → slot confirmed → results posted → results_ready, linked to the record', async () => {
    const { client, token, share } = await sharedPatient('sahyadri')
    const catalog = (await (await client.get('/v1/lab-tests', { token })).json()) as { items: { id: string; fasting_hours: number }[] }
    expect(catalog.items.map((t) => t.id)).toEqual(
      expect.arrayContaining(['cbc', 'lipid_profile', 'hba1c', 'thyroid_profile', 'lft', 'kft', 'vitamin_d', 'vitamin_b12']),
    )
    const body = { test_ids: ['cbc', 'lipid_profile'], hospital_id: hospitalId('sahyadri'), doctor_id: 'd-sah-01', preferred_slot: soon() }
    const booked = await expectOk(await client.post('/v1/lab-tests/bookings', body, { token }), 201, LabBooking)
    expect(booked.status).toBe('requested')
    const atHmis = (await hmisOrders('lab-bookings', 'sahyadri')).find((b) => b.phr_booking_id === booked.id)!
    expect(atHmis).toMatchObject({ test_codes: ['cbc', 'lipid_profile'], hmis_patient_id: share.hmis_patient_id })

    const ref = atHmis.booking_ref as string
    const confirm = await hmisCall('sahyadri', 'POST', `/v1/hmis/lab-bookings/${ref}/events`, {
      event_id: `c-${booked.id}`,
      event: 'slot_confirmed',
      slot_start: soon(),
    })
    expect(((await confirm.response.json()) as { status: string }).status).toBe('confirmed')
    const form = new FormData()
    form.append('file', new File([pdfDocument({ title: 'Lipid profile' })], 'r.pdf'))
    form.append('patient_ref', share.hmis_patient_id)
    form.append('type', 'test_result')
    form.append('title', 'CBC and lipid profile')
    form.append('document_id', `lab-doc-${booked.id}`)
    const posted = await expectOk((await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', form)).response, 201, RecordSchema)
    await hmisCall('sahyadri', 'POST', `/v1/hmis/lab-bookings/${ref}/events`, {
      event_id: `r-${booked.id}`,
      event: 'results_ready',
      document_id: `lab-doc-${booked.id}`,
    })
    const list = await expectOk(await client.get('/v1/lab-tests/bookings', { token }), 200, z.object({ items: z.array(LabBooking) }))
    expect(list.items[0]).toMatchObject({ id: booked.id, status: 'results_ready', result_record_id: posted.id })

    await expectError(
      await client.post('/v1/lab-tests/bookings', { ...body, test_ids: ['cbc', 'tarot'] }, { token }),
      400,
      'validation_failed',
    )
    await expectError(
      await client.post('/v1/lab-tests/bookings', { ...body, preferred_slot: '2020-01-01T00:00:00Z' }, { token }),
      422,
      'unprocessable',
    )
    await expectError(await client.post('/v1/lab-tests/bookings', { ...body, doctor_id: 'd-nobody-99' }, { token }), 404, 'not_found')
    await expectError(
      await client.post('/v1/lab-tests/bookings', { ...body, hospital_id: hospitalId('amrita') }, { token }),
      409,
      'profile_not_shared',
    )
  })

  it('survives the HMIS being down: pending_sync, then requested by the cron, once', async () => {
    const { client, token } = await sharedPatient('faulty')
    await hmisFault({ kind: 'status', status: 503, route: 'POST /lab-bookings' }, 2, 'faulty')
    const booked = await expectOk(
      await client.post(
        '/v1/lab-tests/bookings',
        { test_ids: ['hba1c'], hospital_id: hospitalId('faulty'), preferred_slot: soon() },
        { token },
      ),
      201,
      LabBooking,
    )
    expect(booked.status).toBe('pending_sync')
    // Two consumers get the same message at once (Queues delivers at least once): sent once.
    const due = await dueNow([booked.id])
    await Promise.all([deliverOutbox(due), deliverOutbox(due)])
    const list = await expectOk(await client.get('/v1/lab-tests/bookings', { token }), 200, z.object({ items: z.array(LabBooking) }))
    expect(list.items[0]!.status).toBe('requested')
    expect((await hmisOrders('lab-bookings', 'sahyadri', 'faulty')).filter((b) => b.phr_booking_id === booked.id)).toHaveLength(1)
  })
})

describe('medicine orders', () => {
  it('places an order with a prescription the pharmacy fetches signed; events move it on; bad files refused', async () => {
    const { client, token } = await sharedPatient('sahyadri')
    const fields = { hospital_id: hospitalId('sahyadri'), delivery_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038' }
    const placed = await expectOk(await order(client, token, pngImage(200, 300), fields), 201, Order)
    expect(placed.status).toBe('placed')
    const atHmis = (await hmisOrders('medicine-orders', 'sahyadri')).find((o) => o.phr_order_id === placed.id)!
    expect(atHmis.prescription).toMatchObject({ content_type: 'image/png' })
    const path = new URL(atHmis.prescription.url).pathname
    const file = (await hmisCall('sahyadri', 'GET', path)).response
    expect(file.status).toBe(200)
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pngImage(200, 300))
    await expectError((await hmisCall('amrita', 'GET', path)).response, 404, 'not_found')

    // A redelivery is signed anew (its own timestamp); its event_id makes it apply once.
    let second = Math.floor(Date.now() / 1000)
    const event = (e: string, id: string) =>
      hmisCall(
        'sahyadri',
        'POST',
        `/v1/hmis/medicine-orders/${atHmis.order_ref}/events`,
        { event_id: id, event: e },
        { timestamp: ++second },
      )
    await (await event('dispatched', `d-${placed.id}`)).response.body?.cancel()
    const again = await event('dispatched', `d-${placed.id}`)
    expect(((await again.response.json()) as { applied: boolean }).applied).toBe(false)
    const orders = await expectOk(await client.get('/v1/store/medicine-orders', { token }), 200, z.object({ items: z.array(Order) }))
    expect(orders.items[0]).toMatchObject({ id: placed.id, status: 'dispatched' })

    await expectError(await order(client, token, new TextEncoder().encode('MZ not a prescription'), fields), 415, 'unsupported_media_type')
    const pdf = pdfDocument()
    await expectError(await order(client, token, pdf.slice(0, pdf.length - 20), fields), 422, 'unprocessable')
    await expectError(await order(client, token, pdf, { ...fields, delivery_address: 'x' }), 400, 'validation_failed')
  })

  it('is rejected with the reason and the patient told when the FHIR hospital takes no pharmacy orders', async () => {
    const { client, token } = await sharedPatient('sahyadri-fhir')
    const rejected = await expectOk(
      await order(client, token, pdfDocument(), {
        hospital_id: hospitalId('sahyadri-fhir'),
        delivery_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038',
      }),
      201,
      Order,
    )
    expect(rejected).toMatchObject({ status: 'rejected', status_reason: expect.stringMatching(/no pharmacy orders/) })
    const notes = (await (await client.get('/v1/notifications', { token })).json()) as { items: { type: string }[] }
    expect(notes.items.map((n) => n.type)).toContain('medicine_order_rejected')
  })
})

describe('from prescription to tracker', () => {
  it('adds the medicines a hospital sent with a prescription, once', async () => {
    const { client, token, share } = await sharedPatient('sahyadri')
    const form = new FormData()
    form.append('file', new File([pdfDocument({ title: 'Rx' })], 'rx.pdf'))
    form.append('patient_ref', share.hmis_patient_id)
    form.append('type', 'prescription')
    form.append('title', 'Prescription — Dr. Meera Kulkarni')
    form.append(
      'medicines',
      JSON.stringify([
        { name: 'Amoxicillin 500 mg', dosage: '1 capsule', timings: ['after_breakfast', 'after_dinner'], duration_days: 5 },
        { name: 'Paracetamol 650 mg', dosage: '1 tablet', timings: ['bedtime'], duration_days: null },
      ]),
    )
    const record = await expectOk((await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', form)).response, 201, RecordSchema)
    const added = await expectOk(
      await client.post(`/v1/records/${record.id}/medications`, {}, { token }),
      201,
      z.object({ items: z.array(MedicationSchema) }),
    )
    expect(added.items.map((m) => m.name).sort()).toEqual(['Amoxicillin 500 mg', 'Paracetamol 650 mg'])
    const amox = added.items.find((m) => m.name.startsWith('Amox'))!
    expect(Date.parse(amox.end_date!) - Date.parse(amox.start_date)).toBe(4 * 86_400_000)
    const again = await expectOk(
      await client.post(`/v1/records/${record.id}/medications`, {}, { token }),
      200,
      z.object({ items: z.array(MedicationSchema) }),
    )
    expect(again.items).toHaveLength(2)
    const other = await loginByPhone()
    await expectError(await other.client.post(`/v1/records/${record.id}/medications`, {}, { token: other.access_token }), 404, 'not_found')

    const bad = new FormData()
    bad.append('file', new File([pdfDocument()], 'rx.pdf'))
    bad.append('patient_ref', share.hmis_patient_id)
    bad.append('type', 'prescription')
    bad.append('title', 'Rx')
    bad.append('medicines', '[{"name":"X","dosage":"1","timings":["at_noon"],"duration_days":3}]')
    await expectError((await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', bad)).response, 400, 'validation_failed')
  })
})

const LabBookingView = LabBooking.extend({
  hospital_name: z.string(),
  tests: z.array(z.object({ id: z.string(), name: z.string() })),
  preferred_slot: z.string(),
  cancellable: z.boolean(),
})
const OrderView = Order.extend({
  hospital_name: z.string(),
  prescription: z.object({ content_type: z.string(), sha256: z.string(), record_id: z.string().nullable() }),
  medicines: z.array(z.object({ name: z.string(), dosage: z.string() })).nullable(),
  cancellable: z.boolean(),
})
const notificationTypes = async (client: Client, token: string) =>
  ((await (await client.get('/v1/notifications', { token })).json()) as { items: { type: string; data?: unknown }[] }).items.map(
    (n) => n.type,
  )

/** A prescription with its medicines, posted by the hospital into the patient's records. */
async function receivedPrescription(hospital: string, hmisPatientId: string, file = pdfDocument({ title: 'Rx' })) {
  const form = new FormData()
  form.append('file', new File([file], 'rx.pdf'))
  form.append('patient_ref', hmisPatientId)
  form.append('type', 'prescription')
  form.append('title', 'Prescription — Dr. Meera Kulkarni')
  form.append('medicines', JSON.stringify([{ name: 'Metformin 500 mg', dosage: '1 tablet', timings: ['after_dinner'], duration_days: 30 }]))
  return expectOk((await hmisCall(hospital, 'POST', '/v1/hmis/documents', form)).response, 201, RecordSchema)
}

describe('opening and cancelling what I ordered', () => {
  it('a lab booking opens with its test and hospital names in the hospital’s zone, cancels at the HMIS, and not once the sample is taken', async () => {
    const { client, token } = await sharedPatient('sahyadri')
    const body = { test_ids: ['lipid_profile', 'cbc'], hospital_id: hospitalId('sahyadri'), preferred_slot: '2026-12-20T02:30:00Z' }
    const booked = await expectOk(await client.post('/v1/lab-tests/bookings', body, { token }), 201, LabBookingView)
    const opened = await expectOk(await client.get(`/v1/lab-tests/bookings/${booked.id}`, { token }), 200, LabBookingView)
    expect(opened).toMatchObject({ status: 'requested', cancellable: true, preferred_slot: '2026-12-20T08:00:00+05:30' })
    expect(opened.tests.map((t) => t.name)).toEqual(['Lipid profile', 'Complete blood count (CBC)'])
    expect(opened.hospital_name).toMatch(/Sahyadri/)
    const other = await loginByPhone()
    await expectError(await other.client.get(`/v1/lab-tests/bookings/${booked.id}`, { token: other.access_token }), 404, 'not_found')
    await expectError(
      await other.client.post(`/v1/lab-tests/bookings/${booked.id}/cancel`, {}, { token: other.access_token }),
      404,
      'not_found',
    )

    const cancelled = await expectOk(
      await client.post(`/v1/lab-tests/bookings/${booked.id}/cancel`, { reason: 'Travelling that week' }, { token }),
      200,
      LabBookingView,
    )
    expect(cancelled).toMatchObject({ status: 'cancelled', status_reason: 'Travelling that week', cancellable: false })
    const atHmis = (await hmisOrders('lab-bookings', 'sahyadri')).find((b) => b.phr_booking_id === booked.id)!
    expect(atHmis).toMatchObject({ status: 'cancelled', cancel_reason: 'Travelling that week' })
    await expectError(await client.post(`/v1/lab-tests/bookings/${booked.id}/cancel`, {}, { token }), 409, 'invalid_transition')

    // Sampled: no longer the patient's to cancel.
    const second = await expectOk(await client.post('/v1/lab-tests/bookings', body, { token }), 201, LabBookingView)
    const ref = (await hmisOrders('lab-bookings', 'sahyadri')).find((b) => b.phr_booking_id === second.id)!.booking_ref as string
    const sampled = await hmisCall('sahyadri', 'POST', `/v1/hmis/lab-bookings/${ref}/events`, {
      event_id: `s-${second.id}`,
      event: 'sample_collected',
    })
    expect(((await sampled.response.json()) as { status: string }).status).toBe('sampled')
    await expectError(await client.post(`/v1/lab-tests/bookings/${second.id}/cancel`, {}, { token }), 409, 'invalid_transition')
    expect(await notificationTypes(client, token)).toContain('lab_sampled')
  })

  it('a lab booking at a FHIR hospital is cancelled as its ServiceRequest revoked', async () => {
    const { client, token } = await sharedPatient('sahyadri-fhir')
    const body = { test_ids: ['hba1c'], hospital_id: hospitalId('sahyadri-fhir'), preferred_slot: soon() }
    const booked = await expectOk(await client.post('/v1/lab-tests/bookings', body, { token }), 201, LabBookingView)
    expect(booked.status).toBe('requested')
    const request = async () =>
      (await fhirSearch(`ServiceRequest?identifier=${encodeURIComponent(`https://phr-edge.in/fhir/sid/lab-booking-id|${booked.id}`)}`))
        .entry?.[0]?.resource
    expect((await request())?.status).toBe('active')
    await expectOk(
      await client.post(`/v1/lab-tests/bookings/${booked.id}/cancel`, { reason: 'Done elsewhere' }, { token }),
      200,
      LabBookingView,
    )
    expect(await request()).toMatchObject({ status: 'revoked', note: [{ text: 'Cancelled by the patient: Done elsewhere' }] })
  })

  it('a hospital that says it is too late puts the order back as dispatched, and the patient is told', async () => {
    const { client, token } = await sharedPatient('sahyadri')
    const fields = { hospital_id: hospitalId('sahyadri'), delivery_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038' }
    const placed = await expectOk(await order(client, token, pngImage(120, 80), fields), 201, OrderView)
    expect(placed).toMatchObject({ status: 'placed', cancellable: true, medicines: null, prescription: { record_id: null } })
    const ref = (await hmisOrders('medicine-orders', 'sahyadri')).find((o) => o.phr_order_id === placed.id)!.order_ref as string
    // The pharmacy sent it out; its event has not reached us yet.
    await hmisSetStatus('medicine-order', 'sahyadri', ref, 'dispatched')
    const answer = await expectOk(await client.post(`/v1/store/medicine-orders/${placed.id}/cancel`, undefined, { token }), 200, OrderView)
    expect(answer).toMatchObject({ status: 'dispatched', status_reason: 'The order has left the pharmacy.', cancellable: false })
    expect(await notificationTypes(client, token)).toContain('medicine_order_not_cancelled')
    await expectError(await client.post(`/v1/store/medicine-orders/${placed.id}/cancel`, {}, { token }), 409, 'invalid_transition')
  })

  it('orders from a prescription in my records (its medicines named, its file fetched by the pharmacy), then cancels while the HMIS is down', async () => {
    const { client, token, share } = await sharedPatient('faulty')
    const file = pdfDocument({ title: 'Rx for the pharmacy' })
    const record = await receivedPrescription('faulty', share.hmis_patient_id, file)
    const body = {
      hospital_id: hospitalId('faulty'),
      delivery_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038',
      prescription_record_id: record.id,
    }
    const placed = await expectOk(await client.post('/v1/store/medicine-orders', body, { token }), 201, OrderView)
    expect(placed).toMatchObject({
      status: 'placed',
      prescription: { record_id: record.id, content_type: 'application/pdf' },
      medicines: [{ name: 'Metformin 500 mg', dosage: '1 tablet' }],
    })
    const atHmis = (await hmisOrders('medicine-orders', 'sahyadri', 'faulty')).find((o) => o.phr_order_id === placed.id)!
    const fetched = (await hmisCall('faulty', 'GET', new URL(atHmis.prescription.url).pathname)).response
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(file)

    // Someone else's record, or one that is no prescription, is refused.
    const other = await sharedPatient('faulty')
    await expectError(await other.client.post('/v1/store/medicine-orders', body, { token: other.token }), 404, 'not_found')

    // The HMIS is down: cancelled here at once, and at the hospital when it is back.
    await hmisFault({ kind: 'status', status: 503, route: `POST /medicine-orders/${atHmis.order_ref}/cancel` }, 2, 'faulty')
    const cancelled = await expectOk(await client.post(`/v1/store/medicine-orders/${placed.id}/cancel`, {}, { token }), 200, OrderView)
    expect(cancelled.status).toBe('cancelled')
    const still = (await hmisOrders('medicine-orders', 'sahyadri', 'faulty')).find((o) => o.phr_order_id === placed.id)!
    expect(still.status).toBe('placed')
    const atPharmacy = async () => (await hmisOrders('medicine-orders', 'sahyadri', 'faulty')).find((o) => o.phr_order_id === placed.id)!
    await deliverUntil([placed.id], async () => (await atPharmacy()).status === 'cancelled')
    expect((await atPharmacy()).status).toBe('cancelled')
    expect((await expectOk(await client.get(`/v1/store/medicine-orders/${placed.id}`, { token }), 200, OrderView)).status).toBe('cancelled')
  })

  it('a cancellation made before the order reached the hospital cancels what a timed-out attempt left there', async () => {
    const { client, token } = await sharedPatient('faulty')
    // The pharmacy takes the order but the answer never comes back: PHR Edge cannot know.
    // Well past the 3 s booking budget, so that a loaded machine cannot blur which attempt got there first.
    await hmisFault({ kind: 'slow', ms: 6_000, route: 'POST /medicine-orders' }, 1, 'faulty')
    const fields = { hospital_id: hospitalId('faulty'), delivery_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038' }
    const placed = await expectOk(await order(client, token, pngImage(90, 90), fields), 201, OrderView)
    expect(placed.status).toBe('pending_sync')
    await expectOk(await client.post(`/v1/store/medicine-orders/${placed.id}/cancel`, {}, { token }), 200, OrderView)
    const atHmis = () => hmisOrders('medicine-orders', 'sahyadri', 'faulty').then((all) => all.filter((o) => o.phr_order_id === placed.id))
    await expect.poll(atHmis, { timeout: 10_000 }).toHaveLength(1)
    // The placement runs again to learn the reference; the cancellation, which waited for it, cancels it there.
    await deliverUntil([placed.id], async () => (await atHmis())[0]?.status === 'cancelled')
    const jobs = await runSql(
      sql`select kind, status, attempts, last_error, history from outbox where subject_id = ${placed.id} order by created_at`,
    )
    expect(await atHmis(), JSON.stringify(jobs)).toMatchObject([{ status: 'cancelled' }])
    const seen = await expectOk(await client.get(`/v1/store/medicine-orders/${placed.id}`, { token }), 200, OrderView)
    expect(seen.status).toBe('cancelled')
  }, 40_000)
})
