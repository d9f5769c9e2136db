// The customer's journeys end to end, over real HTTP against `wrangler dev` (tcp driver), with the
// reference HMIS, Medplum's FHIR server and the fake Gemini and Meet of the test setup. Every
// response of every journey is checked against the /openapi.json the Worker serves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfDocument, pngImage } from '../fixtures/documents'
import { calmScreen, recording, routineFever } from '../fixtures/symptom-data'
import { fhirSearch, hmisBookings, hmisOrders, hmisSymptomChecks, meetSpaces } from '../harness/fakes'
import { formOf, ok, openSlot, refused, shareWith, startE2e, type E2e, type Patient } from './harness/e2e'

let e2e: E2e

beforeAll(async () => {
  e2e = await startE2e()
}, 120_000)

afterAll(async () => {
  await e2e?.stop()
})

/** A cough questionnaire answered with no red flag. */
const routineCough = {
  ...calmScreen,
  'screen.fever': true,
  'screen.measured': true,
  'screen.temperature': 38.2,
  'screen.fever_signs': [],
  'screen.malaria_area': false,
  'cough.duration': { amount: 3, unit: 'days' },
  'cough.severity': 'mild',
  'cough.type': 'dry',
  'cough.blood': false,
  'cough.breathing_difficulty': 'none',
  'cough.chest_pain': false,
  'cough.weight_loss': false,
  'cough.night_sweats': false,
  'cough.tb_contact': false,
}

const answers = (values: Record<string, unknown>) => ({
  answers: Object.entries(values).map(([question_id, value]) => ({ question_id, value })),
})

async function notificationTypes(patient: Patient) {
  return (ok(await patient.get('/v1/notifications?limit=50'), 200).items as { type: string }[]).map((n) => n.type)
}

describe.each([
  ['the REST contract (reference HMIS)', 'sahyadri', 'IN2710000011'],
  ['FHIR R4 (Medplum)', 'sahyadri-fhir', 'IN2710000099'],
])('journey 1 through %s', (_name, key, hfrId) => {
  it('scan and share → book → symptom checker → HMIS review → video link → prescription in Received Documents → medicines in the tracker', async () => {
    const asha = await e2e.patient()
    const hmis = e2e.hospital(key)
    const scanned = ok(await asha.post('/v1/scan', { qr_payload: `https://phr-edge.in/share-profile?hip-id=${hfrId}&counter-id=7` }), 200)
    expect(scanned).toMatchObject({ hospital: { hfr_id: hfrId }, counter_id: '7', profile: { id: asha.id, name: 'Asha Verma' } })
    const hospital = scanned.hospital.id as string
    const share = ok(await asha.post(`/v1/hospitals/${hospital}/share`, { counter_id: '7' }), 201)
    expect(ok(await asha.post(`/v1/hospitals/${hospital}/share`, { counter_id: '7' }), 200).token_number).toBe(share.token_number)

    // Book an online consultation; the same Idempotency-Key again is the same booking.
    const slot = await openSlot(asha, hospital)
    const body = { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start }
    const idempotency = { 'idempotency-key': `journey-${crypto.randomUUID()}` }
    const booked = ok(await asha.post('/v1/appointments', body, idempotency), 201)
    expect(booked).toMatchObject({ status: 'booked', doctor_name: 'Dr. Meera Kulkarni', slot_start: slot.start, video_available: false })
    expect(ok(await asha.post('/v1/appointments', body, idempotency), 201).id).toBe(booked.id)
    if (key === 'sahyadri') {
      expect((await hmisBookings(key)).filter((b) => b.phr_appointment_id === booked.id)).toHaveLength(1)
    } else {
      const found = await fhirSearch(
        `Appointment?identifier=${encodeURIComponent(`https://phr-edge.in/fhir/sid/appointment-id|${booked.id}`)}`,
      )
      expect(found.entry?.map((e) => e.resource.id)).toEqual([booked.hmis_appointment_ref])
    }

    // The symptom checker for this appointment, submitted to the hospital.
    const check = ok(await asha.post('/v1/symptom-checks', { symptom_codes: ['fever'], appointment_id: booked.id }), 201)
    // The danger-sign screen, then fever's own questions.
    const questions = ok(await asha.get(`/v1/symptom-checks/${check.id}/questions`), 200)
    expect(questions.questions.filter((q: { part: string }) => q.part === 'screen').length).toBeGreaterThan(10)
    expect(questions.questions.at(-1)).toMatchObject({ part: 'complaint', symptom_code: 'fever' })
    const answered = ok(await asha.put(`/v1/symptom-checks/${check.id}/answers`, answers(routineFever)), 200)
    expect(answered.triage.level).toBe('consultation')
    ok(await asha.put(`/v1/symptom-checks/${check.id}/history`, { allergies: 'Penicillin' }), 200)
    const submitted = ok(await asha.post(`/v1/symptom-checks/${check.id}/submit`, {}), 200)
    expect(submitted.sharing.status).toBe('shared')
    expect(ok(await asha.get(`/v1/appointments/${booked.id}`), 200).status).toBe('symptoms_shared')
    if (key === 'sahyadri') {
      const atHmis = (await hmisSymptomChecks(key)).filter((c) => c.phr_symptom_check_id === check.id)
      expect(atHmis).toHaveLength(1)
      expect(JSON.stringify(atHmis[0])).toContain('Penicillin')
    } else {
      const found = await fhirSearch(
        `QuestionnaireResponse?identifier=${encodeURIComponent(`https://phr-edge.in/fhir/sid/symptom-check-id|${check.id}`)}`,
      )
      expect(found.entry).toHaveLength(1)
    }

    // The doctor reviews it at the HMIS; the video call opens.
    refused(await asha.get(`/v1/appointments/${booked.id}/video`), 409, 'video_not_available')
    const reviewed = ok(
      await hmis('POST', `/v1/hmis/appointments/${booked.hmis_appointment_ref}/events`, {
        event_id: `rev-${booked.id}`,
        event: 'reviewed',
      }),
      200,
    )
    expect(reviewed).toEqual({ applied: true, status: 'reviewed' })
    const video = ok(await asha.get(`/v1/appointments/${booked.id}/video`), 200)
    expect(video).toMatchObject({ provider: 'google_meet', join_url: expect.stringMatching(/^https:\/\/meet\.google\.com\//) })
    expect(ok(await asha.get(`/v1/appointments/${booked.id}/video`), 200).join_url).toBe(video.join_url)
    expect((await meetSpaces()).filter((s) => s.meetingUri === video.join_url)).toHaveLength(1)

    // The prescription arrives in Received Documents, byte for byte; posting it again stores it once.
    const rx = pdfDocument({ title: 'Prescription' })
    const medicines = [
      { name: 'Paracetamol 650 mg', dosage: '1 tablet', timings: ['after_breakfast', 'after_dinner'], duration_days: 5 },
      { name: 'ORS', dosage: '1 sachet in 1 litre of water', timings: ['after_lunch'], duration_days: 3 },
    ]
    const document = () =>
      formOf('file', rx, 'rx.pdf', {
        patient_ref: share.hmis_patient_id,
        type: 'prescription',
        title: 'Prescription — Dr. Meera Kulkarni',
        appointment_ref: booked.hmis_appointment_ref,
        document_id: `rx-${booked.id}`,
        medicines: JSON.stringify(medicines),
      })
    const record = ok(await hmis('POST', '/v1/hmis/documents', document()), 201)
    expect(ok(await hmis('POST', '/v1/hmis/documents', document()), 200).id).toBe(record.id)
    ok(
      await hmis('POST', `/v1/hmis/appointments/${booked.hmis_appointment_ref}/events`, {
        event_id: `done-${booked.id}`,
        event: 'completed',
      }),
      200,
    )
    const received = ok(await asha.get('/v1/records?source=received'), 200)
    expect(received.items.map((r: { id: string }) => r.id)).toEqual([record.id])
    expect(received.items[0]).toMatchObject({ type: 'prescription', appointment_id: booked.id })
    const file = await asha.get(`/v1/records/${record.id}/file`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(file.bytes).equals(Buffer.from(rx))).toBe(true)

    // One tap puts the prescribed medicines into the tracker; again adds nothing.
    const added = ok(await asha.post(`/v1/records/${record.id}/medications`), 201)
    expect(added.items.map((m: { name: string }) => m.name)).toEqual(['Paracetamol 650 mg', 'ORS'])
    expect(ok(await asha.post(`/v1/records/${record.id}/medications`), 200).items).toHaveLength(2)
    const tracker = ok(await asha.get('/v1/medications'), 200)
    expect(tracker.items.map((m: { name: string }) => m.name).sort()).toEqual(['ORS', 'Paracetamol 650 mg'])

    expect(ok(await asha.get(`/v1/appointments/${booked.id}`), 200)).toMatchObject({ status: 'completed', video_available: true })
    expect(await notificationTypes(asha)).toEqual(
      expect.arrayContaining(['appointment_reviewed', 'document_received', 'appointment_completed']),
    )
    // Nobody else sees any of it.
    const ravi = await e2e.patient('Ravi Kumar')
    refused(await ravi.get(`/v1/appointments/${booked.id}`), 404, 'not_found')
    refused(await ravi.get(`/v1/records/${record.id}/file`), 404, 'not_found')
    refused(await ravi.get(`/v1/symptom-checks/${check.id}`), 404, 'not_found')
    expect(e2e.problems).toEqual([])
  })
})

describe('journey 1 through the generated typed client', () => {
  it('drives the consultation journey over HTTP (openapi-typescript + openapi-fetch), every response checked', async () => {
    // Compiled with tsc --strict against the generated types in openapi.test.ts; run here over the wire.
    const program = './client/program.ts'
    type Journey = (baseUrl: string, fetchImpl: typeof fetch, phone: string) => Promise<Record<string, unknown>>
    const { consultationJourney } = (await import(program)) as { consultationJourney: Journey }
    const phone = `+9194${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    const journey = await consultationJourney(e2e.base, e2e.checkedFetch, phone)
    expect(journey).toMatchObject({
      triage: 'consultation',
      sharing: 'shared',
      appointment: 'symptoms_shared',
      medicine: 'Paracetamol 650 mg',
    })
    expect(e2e.problems).toEqual([])
  })
})

describe('journey 2', () => {
  it('symptoms first → advised a consultation → share → book with the check, which reaches the doctor with the booking', async () => {
    const asha = await e2e.patient()
    const symptoms = ok(await asha.get('/v1/symptoms'), 200)
    expect(JSON.stringify(symptoms)).toContain('fever')
    const check = ok(await asha.post('/v1/symptom-checks', { symptom_codes: ['fever', 'cough'] }), 201)
    const partial = ok(await asha.put(`/v1/symptom-checks/${check.id}/answers`, answers(routineFever)), 200)
    expect(partial.triage.level).toBe('consultation')
    const coughQuestions = ok(await asha.get('/v1/symptoms/cough/questions'), 200).questions as {
      id: string
      type: string
      required: boolean
    }[]
    expect(coughQuestions.length).toBeGreaterThan(3)
    const cough = ok(
      await asha.put(
        `/v1/symptom-checks/${check.id}/answers`,
        answers({
          ...routineCough,
        }),
      ),
      200,
    )
    expect(cough.answers.length).toBeGreaterThan(partial.answers.length)
    expect(cough.triage.level).toBe('consultation')
    expect(cough.triage.advice).toEqual(expect.any(String))

    const { hospital } = await shareWith(asha)
    const slot = await openSlot(asha, hospital)
    const booked = ok(
      await asha.post('/v1/appointments', {
        hospital_id: hospital,
        doctor_id: 'd-sah-01',
        mode: 'online',
        slot_start: slot.start,
        symptom_check_id: check.id,
      }),
      201,
    )
    expect(booked.status).toBe('symptoms_shared')
    const shared = ok(await asha.get(`/v1/symptom-checks/${check.id}`), 200)
    expect(shared).toMatchObject({ appointment_id: booked.id, sharing: { status: 'shared' } })
    expect((await hmisSymptomChecks('sahyadri')).filter((c) => c.phr_symptom_check_id === check.id)).toHaveLength(1)
    // The same check cannot go with a second booking.
    const other = await openSlot(asha, hospital, 'd-sah-06', 'in_person')
    refused(
      await asha.post('/v1/appointments', {
        hospital_id: hospital,
        doctor_id: 'd-sah-06',
        mode: 'in_person',
        slot_start: other.start,
        symptom_check_id: check.id,
      }),
      409,
    )
    expect(e2e.problems).toEqual([])
  })
})

describe('journey 3', () => {
  it('voice first → symptoms detected from Hinglish speech → their questions → book with the check', async () => {
    const asha = await e2e.patient()
    const voice = new FormData()
    voice.append('audio', new File([recording('m4a', 'Do din se bukhar hai aur khansi bhi hai', 24 * 1024)], 'voice.m4a'))
    const detected = ok(await asha.upload('/v1/symptom-checks/detect', voice, { 'idempotency-key': `voice-${crypto.randomUUID()}` }), 201)
    expect(detected.transcript).toContain('bukhar')
    expect(detected.detected_symptoms.map((s: { code: string }) => s.code).sort()).toEqual(['cough', 'fever'])
    expect(detected.check.status).toBe('draft')
    expect(detected.check.symptoms.map((s: { code: string }) => s.code).sort()).toEqual(['cough', 'fever'])

    // Hindi questions for the detected symptom, answered; a red flag changes the advice at once.
    const hindi = ok(await asha.get('/v1/symptoms/fever/questions?lang=hi'), 200)
    expect(JSON.stringify(hindi)).toMatch(/[\u0900-\u097F]/)
    const id = detected.check.id as string
    const flagged = ok(
      await asha.put(`/v1/symptom-checks/${id}/answers`, answers({ ...routineFever, 'screen.fever_signs': ['stiff_neck'] })),
      200,
    )
    expect(flagged.triage.level).toMatch(/^emergency/)
    // The emergency advice says call 112 and 108 now, and where the providers' numbers are: never a pre-booking.
    expect(flagged.triage.emergency).toMatchObject({ call: '112', ambulance: '108' })
    const providers = ok(await asha.get(flagged.triage.emergency.providers_path), 200)
    expect(providers.items.map((p: { phone: string }) => p.phone)).toContain('108')
    const calm = ok(
      await asha.put(
        `/v1/symptom-checks/${id}/answers`,
        answers({
          ...routineFever,
          ...routineCough,
        }),
      ),
      200,
    )
    expect(calm.triage.level).toBe('consultation')

    const { hospital } = await shareWith(asha)
    const slot = await openSlot(asha, hospital, 'd-sah-01', 'in_person')
    const booked = ok(
      await asha.post('/v1/appointments', {
        hospital_id: hospital,
        doctor_id: 'd-sah-01',
        mode: 'in_person',
        slot_start: slot.start,
        symptom_check_id: id,
      }),
      201,
    )
    expect(booked).toMatchObject({ status: 'symptoms_shared', mode: 'in_person' })
    const atHmis = (await hmisSymptomChecks('sahyadri')).find((c) => c.phr_symptom_check_id === id)
    expect(atHmis).toBeTruthy()
    // What the patient said reaches the doctor in English with the answers.
    expect(JSON.stringify(atHmis)).toMatch(/fever/i)
    expect(e2e.problems).toEqual([])
  })
})

describe('journey 4', () => {
  it('store, lab test with results, medicine reminder, vitals alert, ambulance, care package, chat', async () => {
    const asha = await e2e.patient()
    const hmis = e2e.hospital('sahyadri')
    const { hospital, share } = await shareWith(asha)

    // Lab test: booked at the hospital, slot confirmed, results posted and linked.
    const tests = ok(await asha.get('/v1/lab-tests'), 200)
    expect(tests.items.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['cbc', 'lipid_profile']))
    const lab = ok(
      await asha.post('/v1/lab-tests/bookings', {
        test_ids: ['cbc', 'lipid_profile'],
        hospital_id: hospital,
        preferred_slot: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      }),
      201,
    )
    expect(lab.status).toBe('requested')
    const labAtHmis = (await hmisOrders('lab-bookings', 'sahyadri')).find((b) => b.phr_booking_id === lab.id)!
    ok(
      await hmis('POST', `/v1/hmis/lab-bookings/${labAtHmis.booking_ref}/events`, {
        event_id: `c-${lab.id}`,
        event: 'slot_confirmed',
        slot_start: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      }),
      200,
    )
    const results = ok(
      await hmis(
        'POST',
        '/v1/hmis/documents',
        formOf('file', pdfDocument({ title: 'Lipid profile' }), 'lab.pdf', {
          patient_ref: share.hmis_patient_id,
          type: 'test_result',
          title: 'CBC and lipid profile',
          document_id: `lab-${lab.id}`,
        }),
      ),
      201,
    )
    ok(
      await hmis('POST', `/v1/hmis/lab-bookings/${labAtHmis.booking_ref}/events`, {
        event_id: `r-${lab.id}`,
        event: 'results_ready',
        document_id: `lab-${lab.id}`,
      }),
      200,
    )
    expect(ok(await asha.get('/v1/lab-tests/bookings'), 200).items[0]).toMatchObject({
      id: lab.id,
      status: 'results_ready',
      result_record_id: results.id,
    })

    // Medicine order with a photographed prescription, which the pharmacy fetches signed.
    const prescription = pngImage(120, 160)
    const order = ok(
      await asha.upload(
        '/v1/store/medicine-orders',
        formOf('prescription', prescription, 'rx.png', {
          hospital_id: hospital,
          delivery_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038',
        }),
      ),
      201,
    )
    expect(order.status).toBe('placed')
    const orderAtHmis = (await hmisOrders('medicine-orders', 'sahyadri')).find((o) => o.phr_order_id === order.id)!
    const fetched = await hmis('GET', new URL(orderAtHmis.prescription.url).pathname)
    expect(fetched.status).toBe(200)
    expect(Buffer.from(fetched.bytes).equals(Buffer.from(prescription))).toBe(true)
    ok(
      await hmis('POST', `/v1/hmis/medicine-orders/${orderAtHmis.order_ref}/events`, { event_id: `d-${order.id}`, event: 'dispatched' }),
      200,
    )
    expect(ok(await asha.get('/v1/store/medicine-orders'), 200).items[0]).toMatchObject({ id: order.id, status: 'dispatched' })

    // A medicine due a minute ago (breakfast 31 minutes ago, in UTC): the next cron run reminds once.
    const now = new Date(Date.now() - 31 * 60_000)
    const breakfast = `${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`
    ok(await asha.put('/v1/me/routine', { timezone: 'UTC', breakfast_at: breakfast }), 200)
    const start = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)
    const metformin = ok(
      await asha.post('/v1/medications', { name: 'Metformin 500 mg', dosage: '1 tablet', timings: ['after_breakfast'], start_date: start }),
      201,
    )
    await e2e.cron()
    await e2e.cron()
    const reminders = (
      ok(await asha.get('/v1/notifications?limit=50'), 200).items as { type: string; title: string; link: { id: string } }[]
    ).filter((n) => n.type === 'medication_due')
    expect(reminders).toHaveLength(1)
    expect(reminders[0]).toMatchObject({ title: 'Time for Metformin 500 mg', link: { id: metformin.id } })

    // A critical blood pressure reading raises one alert.
    const bp = ok(
      await asha.post('/v1/vitals', {
        type: 'blood_pressure',
        value: 185,
        diastolic: 122,
        unit: 'mmHg',
        measured_at: new Date().toISOString(),
      }),
      201,
    )
    expect(bp).toMatchObject({ critical: true, alerts: expect.arrayContaining([expect.stringMatching(/hypertensive-crisis/)]) })
    ok(await asha.post('/v1/vitals', { type: 'temperature', value: 98.6, unit: '°F', measured_at: new Date().toISOString() }), 201)
    expect((await notificationTypes(asha)).filter((t) => t === 'vital_critical')).toHaveLength(1)

    // Ambulance and a care package.
    const providers = ok(await asha.get('/v1/ambulances'), 200)
    expect(providers.items.length).toBeGreaterThan(0)
    const ambulance = ok(
      await asha.post('/v1/ambulance-bookings', {
        pickup_address: 'Flat 12, Sai Residency, Kothrud, Pune',
        pickup_time: new Date(Date.now() + 86_400_000).toISOString(),
      }),
      201,
    )
    expect(ok(await asha.post(`/v1/ambulance-bookings/${ambulance.id}/cancel`, {}), 200).status).toBe('cancelled')
    const packages = ok(await asha.get('/v1/care-packages'), 200)
    const pkg = packages.items[0].id as string
    ok(await asha.post(`/v1/care-packages/${pkg}/apply`), 201)
    refused(await asha.post(`/v1/care-packages/${pkg}/apply`), 409)

    // Anonymous peer-support chat: two patients in a room over real WebSockets.
    const ravi = await e2e.patient('Ravi Kumar')
    const [a, b] = [
      ok(await asha.post('/v1/mindscape/rooms/general/join'), 200),
      ok(await ravi.post('/v1/mindscape/rooms/general/join'), 200),
    ]
    expect(a.handle).not.toBe(b.handle)
    const [sa, sb] = [await socket(a.ticket), await socket(b.ticket)]
    sa.send({ type: 'message', text: 'Anyone else up at night worrying about test results?' })
    const heard = await sb.next((f) => f.type === 'message' && f.handle === a.handle)
    expect(heard.text).toBe('Anyone else up at night worrying about test results?')
    expect(JSON.stringify(heard)).not.toContain(asha.id)
    expect(JSON.stringify(heard)).not.toContain(asha.phone)
    sa.close()
    sb.close()
    expect(e2e.problems).toEqual([])
  })
})

type Frame = { type: string; handle?: string; text?: string }

async function socket(ticket: string) {
  const ws = new WebSocket(`${e2e.base.replace('http', 'ws')}/v1/mindscape/rooms/general/ws?ticket=${encodeURIComponent(ticket)}`)
  const frames: Frame[] = []
  ws.addEventListener('message', (event) => frames.push(JSON.parse(String(event.data))))
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true })
    ws.addEventListener('error', reject, { once: true })
  })
  return {
    send: (frame: unknown) => ws.send(JSON.stringify(frame)),
    close: () => ws.close(1000),
    next: async (match: (frame: Frame) => boolean) => {
      const deadline = Date.now() + 5000
      for (;;) {
        const found = frames.find(match)
        if (found) return found
        if (Date.now() > deadline) throw new Error(`no matching frame; got ${JSON.stringify(frames)}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    },
  }
}

describe('journey 5', () => {
  it('a hospital asks for consent → the patient narrows and approves → the hospital reads → the patient revokes → refused; the access log shows it all', async () => {
    const asha = await e2e.patient()
    const hmis = e2e.hospital('sahyadri')
    const { share } = await shareWith(asha)
    const upload = async (title: string, type: string, date: string) =>
      ok(await asha.upload('/v1/records', formOf('file', pdfDocument({ title }), `${title}.pdf`, { title, type, record_date: date })), 201)
    const cbc = await upload('CBC', 'test_result', '2026-10-10')
    const lipid = await upload('Lipid profile', 'test_result', '2026-11-01')
    const oldRx = await upload('Old prescription', 'prescription', '2026-11-02')

    const ask = {
      request_ref: `cr-${crypto.randomUUID()}`,
      patient_ref: share.hmis_patient_id,
      purpose: 'Cardiology follow-up: review of recent tests',
      record_types: ['test_result', 'prescription'],
      expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }
    const asked = ok(await hmis('POST', '/v1/hmis/consent-requests', ask), 201)
    expect(ok(await hmis('POST', '/v1/hmis/consent-requests', ask), 200).consent_id).toBe(asked.consent_id)
    const id = asked.consent_id as string
    refused(await hmis('GET', `/v1/hmis/consents/${id}/records`), 403, 'forbidden')
    expect(await notificationTypes(asha)).toContain('consent_requested')

    const pending = ok(await asha.get('/v1/consents?status=requested'), 200)
    expect(pending.items.map((c: { id: string }) => c.id)).toEqual([id])
    refused(await asha.post(`/v1/consents/${id}/approve`, { record_types: ['report'] }), 400, 'validation_failed')
    const granted = ok(await asha.post(`/v1/consents/${id}/approve`, { record_types: ['test_result'], record_ids: [lipid.id] }), 200)
    expect(granted).toMatchObject({ status: 'granted', granted: { record_types: ['test_result'], record_ids: [lipid.id] } })

    const listed = ok(await hmis('GET', `/v1/hmis/consents/${id}/records`), 200)
    expect(listed.items.map((r: { id: string }) => r.id)).toEqual([lipid.id])
    const file = await hmis('GET', `/v1/hmis/consents/${id}/records/${lipid.id}/file`)
    expect(file.status).toBe(200)
    expect(Buffer.from(file.bytes).equals(Buffer.from(pdfDocument({ title: 'Lipid profile' })))).toBe(true)
    for (const other of [cbc.id, oldRx.id]) refused(await hmis('GET', `/v1/hmis/consents/${id}/records/${other}/file`), 403, 'forbidden')
    refused(await e2e.hospital('amrita')('GET', `/v1/hmis/consents/${id}`), 404, 'not_found')

    expect(ok(await asha.post(`/v1/consents/${id}/revoke`, {}), 200).status).toBe('revoked')
    refused(await hmis('GET', `/v1/hmis/consents/${id}/records/${lipid.id}/file`), 403, 'forbidden')
    refused(await hmis('GET', `/v1/hmis/consents/${id}/records`), 403, 'forbidden')
    expect(ok(await hmis('GET', `/v1/hmis/consents/${id}`), 200)).toMatchObject({ status: 'revoked', granted: null })

    const log = ok(await asha.get('/v1/records/access-log'), 200)
    expect(log.items.map((e: { action: string }) => e.action)).toEqual([
      'consent_read',
      'record_downloaded',
      'records_listed',
      'consent_requested',
    ])
    expect(log.items[1]).toMatchObject({ hospital_name: 'Sahyadri Hospital, Pune', record_id: lipid.id, record_title: 'Lipid profile' })
    expect(e2e.problems).toEqual([])
  })
})
