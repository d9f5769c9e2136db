import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppointmentSchema } from '../src/features/appointments/schema'
import {
  CheckQuestionsSchema,
  DetectResultSchema,
  AudioResultSchema,
  QuestionnaireSchema,
  SectionsSchema,
  SymptomCheckSchema,
} from '../src/features/symptoms/schema'
import { book, openSlot } from './fixtures/appointments'
import { loginByPhone } from './fixtures/auth'
import { hospitalId, shareWith } from './fixtures/hospitals'
import { runSql } from './harness/sql'
import { answer, audioForm, calmScreen, createCheck, postAudio, recording, routineFever } from './fixtures/symptoms'
import { fetchWithSettings } from './harness/worker'
import { expectError, expectOk, failingPaths, type Client } from './harness/client'
import { failNext, fhirSearch, geminiFiles, geminiRequests, hmisFault, hmisSymptomChecks, slowNext } from './harness/fakes'
import { expectHiddenFromOthers, expectPatientOnly } from './harness/ownership'
import { deliverOutbox, dueNow } from './harness/outbox'

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next_cursor: z.string().nullable() })
const DEVANAGARI = /[\u0900-\u097f]/

async function patientWithShare(hospital = 'sahyadri') {
  const login = await loginByPhone()
  const share = await shareWith(login.client, login.access_token, hospitalId(hospital))
  return { ...login, token: login.access_token, share }
}

async function bookedPatient(hospital = 'sahyadri', doctor = 'd-sah-01') {
  const patient = await patientWithShare(hospital)
  const slot = await openSlot(patient.client, patient.token, hospitalId(hospital), doctor)
  const appointment = await book(patient.client, patient.token, {
    hospital_id: hospitalId(hospital),
    doctor_id: doctor,
    mode: 'online',
    slot_start: slot.start,
  })
  return { ...patient, appointment, slot }
}

describe('the catalog', () => {
  it('has at least 8 sections and 40 symptoms, in English and Hindi (lang or Accept-Language)', async () => {
    const { client, access_token: token } = await loginByPhone()
    const en = await expectOk(await client.get('/v1/symptoms', { token }), 200, SectionsSchema)
    expect(en.lang).toBe('en')
    expect(en.sections.length).toBeGreaterThanOrEqual(8)
    expect(en.sections.map((s) => s.name)).toEqual(
      expect.arrayContaining(['General', 'Head and Nervous', 'Chest and Breathing', "Women's Health"]),
    )
    expect(en.sections.flatMap((s) => s.symptoms).length).toBeGreaterThanOrEqual(40)

    const hi = await expectOk(
      await client.get('/v1/symptoms', { token, headers: { 'accept-language': 'hi-IN,hi;q=0.9,en;q=0.8' } }),
      200,
      SectionsSchema,
    )
    expect(hi.lang).toBe('hi')
    expect(hi.sections.every((s) => DEVANAGARI.test(s.name) && s.symptoms.every((x) => DEVANAGARI.test(x.name)))).toBe(true)
    const forced = await expectOk(
      await client.get('/v1/symptoms?lang=en', { token, headers: { 'accept-language': 'hi' } }),
      200,
      SectionsSchema,
    )
    expect(forced.lang).toBe('en')
  })

  it('gives every seeded symptom a valid questionnaire: duration and severity first, typed questions, options, show-if on earlier questions, Hindi text', async () => {
    const { client, access_token: token } = await loginByPhone()
    const catalog = await expectOk(await client.get('/v1/symptoms', { token }), 200, SectionsSchema)
    const codes = catalog.sections.flatMap((s) => s.symptoms.map((x) => x.code))
    const problems: string[] = []
    for (const code of codes) {
      const [en, hi] = await Promise.all(
        ['en', 'hi'].map(async (lang) =>
          expectOk(await client.get(`/v1/symptoms/${code}/questions?lang=${lang}`, { token }), 200, QuestionnaireSchema),
        ),
      )
      const q = en!.questions
      if (q[0]?.type !== 'duration' || q[1]?.id !== `${code}.severity`) problems.push(`${code}: does not start with duration and severity`)
      if (q.length < 4) problems.push(`${code}: only ${q.length} questions`)
      q.forEach((question, index) => {
        if (!question.id.startsWith(`${code}.`)) problems.push(`${question.id}: not named after ${code}`)
        const choice = question.type === 'single_choice' || question.type === 'multi_choice'
        if (choice !== question.options.length > 0) problems.push(`${question.id}: options do not fit ${question.type}`)
        if (new Set(question.options.map((o) => o.value)).size !== question.options.length) problems.push(`${question.id}: repeated option`)
        if (question.type === 'number' && (question.min === null || question.max === null))
          problems.push(`${question.id}: number without a range`)
        for (const condition of question.show_if) {
          // An earlier question, or one of the screen (asked before every complaint).
          const earlier = q.slice(0, index).find((e) => e.id === condition.question_id) ?? condition.question_id.startsWith('screen.')
          if (!earlier) problems.push(`${question.id}: show_if on ${condition.question_id}, not an earlier question`)
        }
        const hindi = hi!.questions[index]!
        if (hindi.id !== question.id || !DEVANAGARI.test(hindi.text) || hindi.options.some((o) => !DEVANAGARI.test(o.label)))
          problems.push(`${question.id}: no Hindi text`)
      })
    }
    expect(problems).toEqual([])
  })

  it('asks fever how long, rash, stiff neck, dengue and malaria signs; cough about breathing, blood, chest pain, TB; headache worst ever, sudden, weakness, light', async () => {
    const { client, access_token: token } = await loginByPhone()
    const ids = async (code: string) =>
      (await expectOk(await client.get(`/v1/symptoms/${code}/questions`, { token }), 200, QuestionnaireSchema)).questions.map((q) => q.id)
    expect(await ids('fever')).toEqual(expect.arrayContaining(['fever.duration', 'fever.chills']))
    expect(await ids('cough')).toEqual(
      expect.arrayContaining(['cough.breathing_difficulty', 'cough.blood', 'cough.chest_pain', 'cough.weight_loss', 'cough.night_sweats']),
    )
    expect(await ids('headache')).toEqual(
      expect.arrayContaining(['headache.worst_ever', 'headache.sudden_onset', 'headache.weakness', 'headache.light_hurts']),
    )
    // The screen is no complaint: it cannot be chosen, listed or asked for on its own.
    await expectError(await client.get('/v1/symptoms/screen/questions', { token }), 404, 'not_found')
    await expectError(await client.get('/v1/symptoms/not_a_symptom/questions', { token }), 404, 'not_found')
    await expectError(await client.get('/v1/symptoms/Fever%20!/questions', { token }), 400, 'validation_failed')
  })
})

describe('the danger-sign screen', () => {
  const questionsOf = async (client: Client, token: string, id: string) =>
    (await expectOk(await client.get(`/v1/symptom-checks/${id}/questions`, { token }), 200, CheckQuestionsSchema)).questions

  it('comes first in every check, whatever the complaint, with age and sex prefilled from the profile', async () => {
    const { client, access_token: token } = await loginByPhone()
    await (await client.patch('/v1/me', { date_of_birth: '1990-04-12', gender: 'female' }, { token })).body?.cancel()
    for (const complaint of ['cough', 'injury', 'heartburn']) {
      const check = await createCheck(client, token, { symptom_codes: [complaint] })
      const questions = await questionsOf(client, token, check.id)
      const screen = questions.filter((q) => q.part === 'screen')
      expect(questions.slice(0, screen.length).every((q) => q.part === 'screen')).toBe(true)
      expect(questions.at(-1)).toMatchObject({ part: 'complaint', symptom_code: complaint })
      const byId = Object.fromEntries(questions.map((q) => [q.id, q]))
      expect(byId['screen.age_years']!.answer).toBeGreaterThanOrEqual(36)
      expect(byId['screen.sex']).toMatchObject({ answer: 'female', asked: true })
      // A woman of child-bearing age is asked about pregnancy; a baby's questions are not shown.
      expect(byId['screen.pregnant']).toMatchObject({ asked: true, answer: null })
      expect(byId['screen.child']!.asked).toBe(false)
      expect(byId['screen.age_months']!.asked).toBe(false)
    }
  })

  it('asks a baby’s age in months and the child’s danger signs, from the date of birth', async () => {
    const { client, access_token: token } = await loginByPhone()
    const born = new Date(Date.now() - 75 * 86_400_000).toISOString().slice(0, 10)
    await (await client.patch('/v1/me', { date_of_birth: born, gender: 'male' }, { token })).body?.cancel()
    const check = await createCheck(client, token, { symptom_codes: ['fever'] })
    const byId = Object.fromEntries((await questionsOf(client, token, check.id)).map((q) => [q.id, q]))
    expect(byId['screen.age_years']!.answer).toBe(0)
    expect(byId['screen.age_months']).toMatchObject({ asked: true, answer: 2 })
    expect(byId['screen.child']).toMatchObject({ asked: true, answer: null })
    expect(byId['screen.pregnant']!.asked).toBe(false)
    // A baby under three months who feels hot: to the emergency department.
    const hot = await answer(client, token, check.id, { 'screen.fever': true })
    expect(hot.triage).toMatchObject({ level: 'emergency', rule_ids: ['screen.fever_young_infant'] })
  })

  it('is not a complaint: never listed, never chosen, and answers in Hindi too', async () => {
    const { client, access_token: token } = await loginByPhone()
    const sections = await expectOk(await client.get('/v1/symptoms', { token }), 200, SectionsSchema)
    expect(sections.sections.flatMap((s) => s.symptoms.map((x) => x.code))).not.toContain('screen')
    await expectError(await client.post('/v1/symptom-checks', { symptom_codes: ['screen'] }, { token }), 400, 'validation_failed')
    const check = await createCheck(client, token, { symptom_codes: ['cough'] })
    const hindi = await expectOk(await client.get(`/v1/symptom-checks/${check.id}/questions?lang=hi`, { token }), 200, CheckQuestionsSchema)
    expect(hindi.questions.every((q) => DEVANAGARI.test(q.text))).toBe(true)
    const other = await loginByPhone()
    await expectError(await other.client.get(`/v1/symptom-checks/${check.id}/questions`, { token: other.access_token }), 404, 'not_found')
  })
})

describe('answers and triage', () => {
  it('validates each answer against its question (type, option, range, show-if) and lists every failing question id', async () => {
    const { client, access_token: token } = await loginByPhone()
    const check = await createCheck(client, token, { symptom_codes: ['fever'] })
    expect(check).toMatchObject({ status: 'draft', symptoms: [{ code: 'fever', name: 'Fever' }], triage: { level: 'consultation' } })
    const response = await client.put(
      `/v1/symptom-checks/${check.id}/answers`,
      {
        answers: [
          { question_id: 'fever.duration', value: { amount: 2, unit: 'fortnights' } },
          { question_id: 'fever.severity', value: 'unbearable' },
          { question_id: 'fever.chills', value: 'yes' },
          { question_id: 'screen.temperature', value: 39 },
          { question_id: 'cough.blood', value: true },
        ],
      },
      { token },
    )
    const error = await expectError(response, 400, 'validation_failed')
    expect(failingPaths(error).sort()).toEqual(
      [
        'answers.cough.blood',
        'answers.fever.duration',
        'answers.fever.severity',
        'answers.fever.chills',
        'answers.screen.temperature',
      ].sort(),
    )
    const reasons = Object.fromEntries((error.details as { path: string; code: string }[]).map((d) => [d.path, d.code]))
    expect(reasons).toMatchObject({
      'answers.screen.temperature': 'not_asked',
      'answers.cough.blood': 'unknown_question',
      'answers.fever.severity': 'invalid_option',
    })

    // Nothing was saved by the refused request; a partial save is fine.
    const partial = await answer(client, token, check.id, { 'screen.fever': true, 'screen.measured': true, 'screen.temperature': 38.4 })
    expect(partial.answers).toEqual([
      { question_id: 'screen.fever', value: true },
      { question_id: 'screen.measured', value: true },
      { question_id: 'screen.temperature', value: 38.4 },
    ])
    await expectError(
      await client.put(
        `/v1/symptom-checks/${check.id}/answers`,
        { answers: [{ question_id: 'screen.temperature', value: 47 }] },
        { token },
      ),
      400,
      'validation_failed',
    )
    // Changing the earlier answer hides the question: its answer goes.
    const unmeasured = await answer(client, token, check.id, { 'screen.measured': false })
    expect(unmeasured.answers).toEqual([
      { question_id: 'screen.fever', value: true },
      { question_id: 'screen.measured', value: false },
    ])
    // Submitting names every required question still unanswered.
    const missing = await expectError(await client.post(`/v1/symptom-checks/${check.id}/submit`, {}, { token }), 400, 'validation_failed')
    expect(failingPaths(missing)).toEqual(['appointment_id'])
  })

  it('raises the triage on a single red flag, on a pair of findings, and on a pair of complaints; emergencies say 112', async () => {
    const { client, access_token: token } = await loginByPhone()
    const fever = await createCheck(client, token, { symptom_codes: ['fever'] })
    const routine = await answer(client, token, fever.id, routineFever)
    expect(routine.triage).toMatchObject({ level: 'consultation', reasons: [], emergency: null })

    const stiff = await answer(client, token, fever.id, { 'screen.fever_signs': ['stiff_neck'] })
    expect(stiff.triage.level).toBe('emergency')
    expect(stiff.triage.rule_ids).toEqual(['fever.stiff_neck'])
    expect(stiff.triage.emergency).toMatchObject({ call: '112', ambulance: '108', providers_path: '/v1/ambulances' })

    const pair = await answer(client, token, fever.id, { 'screen.temperature': 39.8 })
    expect(pair.triage.level).toBe('emergency_ambulance')
    expect(pair.triage.rule_ids[0]).toBe('fever.high_stiff_neck')
    expect(pair.triage.reasons).toContain('Fever of 39.5 °C or more with a stiff neck')

    const hindi = expectOk(await client.get(`/v1/symptom-checks/${fever.id}?lang=hi`, { token }), 200, SymptomCheckSchema)
    expect((await hindi).triage.reasons.every((r) => DEVANAGARI.test(r))).toBe(true)

    // Answers are undone: the triage comes back down (it is computed, not sticky).
    const calm = await answer(client, token, fever.id, { 'screen.fever_signs': [], 'screen.temperature': 37.9 })
    expect(calm.triage.level).toBe('consultation')

    const chest = await createCheck(client, token, { symptom_codes: ['chest_pain', 'breathlessness'] })
    expect(chest.triage).toMatchObject({ level: 'emergency_ambulance', rule_ids: ['pair.chest_pain_breathless'] })

    const cough = await createCheck(client, token, { symptom_codes: ['cough'] })
    expect(cough.triage.level).toBe('self_care')
    const severe = await answer(client, token, cough.id, { 'cough.duration': { amount: 2, unit: 'days' }, 'cough.severity': 'severe' })
    expect(severe.triage).toMatchObject({ level: 'consultation_24h', rule_ids: ['cough.severe'] })
    const long = await answer(client, token, cough.id, { 'cough.duration': { amount: 4, unit: 'weeks' } })
    expect(long.triage.rule_ids).toEqual(expect.arrayContaining(['cough.tb', 'cough.two_weeks']))

    await expectError(
      await client.post('/v1/symptom-checks', { symptom_codes: ['fever', 'gout_of_mars'] }, { token }),
      400,
      'validation_failed',
    )
  })

  it('meets a change to the catalog at once, though the Worker keeps the catalog between requests', async () => {
    const { client, access_token: token } = await loginByPhone()
    const check = await createCheck(client, token, { symptom_codes: ['ear_pain'] })
    // The Worker now holds the catalog. A rule added since (about an age no other test gives, so
    // that checks running meanwhile are not moved) must count on the next save, with its reason.
    const rule = `test.ear_${Math.random().toString(36).slice(2, 8)}`
    const conditions = [
      { question_id: 'ear_pain.discharge', op: 'eq', value: true },
      { question_id: 'screen.age_years', op: 'eq', value: 107 },
    ]
    await runSql(sql`insert into triage_rules (id, level, reason_en, reason_hi, conditions, source)
      values (${rule}, 'consultation_24h', 'Ear discharge at 107', 'कान से पानी, 107 की उम्र में', ${JSON.stringify(conditions)}::jsonb, 'test')`)
    try {
      const raised = await answer(client, token, check.id, { 'screen.age_years': 107, 'ear_pain.discharge': true })
      expect(raised.triage).toMatchObject({ level: 'consultation_24h', rule_ids: [rule], reasons: ['Ear discharge at 107'] })
    } finally {
      await runSql(sql`delete from triage_rules where id = ${rule}`)
    }
    // And one taken away no longer counts.
    const again = await answer(client, token, check.id, { 'ear_pain.discharge': false })
    const back = await answer(client, token, check.id, { 'ear_pain.discharge': true })
    expect(again.triage.rule_ids).toEqual([])
    expect(back.triage.rule_ids).not.toContain(rule)
  })

  it('keeps checks to their patient: 401 without a token, 404 for another patient, listed newest first', async () => {
    const owner = await loginByPhone()
    const other = await loginByPhone()
    const check = await createCheck(owner.client, owner.access_token, { symptom_codes: ['headache'] })
    await expectPatientOnly((token) => owner.client.get(`/v1/symptom-checks/${check.id}`, { token }), owner)
    await expectHiddenFromOthers((token) => other.client.get(`/v1/symptom-checks/${check.id}`, { token }), other)
    await expectHiddenFromOthers(
      (token) =>
        other.client.put(
          `/v1/symptom-checks/${check.id}/answers`,
          { answers: [{ question_id: 'headache.worst_ever', value: true }] },
          { token },
        ),
      other,
    )
    await expectHiddenFromOthers(
      (token) => other.client.put(`/v1/symptom-checks/${check.id}/history`, { allergies: 'x' }, { token }),
      other,
    )
    await expectHiddenFromOthers((token) => other.client.post(`/v1/symptom-checks/${check.id}/submit`, {}, { token }), other)
    const second = await createCheck(owner.client, owner.access_token, { symptom_codes: ['cough'] })
    const first = await expectOk(
      await owner.client.get('/v1/symptom-checks?limit=1', { token: owner.access_token }),
      200,
      page(SymptomCheckSchema),
    )
    expect(first.items.map((c) => c.id)).toEqual([second.id])
    const next = await expectOk(
      await owner.client.get(`/v1/symptom-checks?limit=1&cursor=${first.next_cursor}`, { token: owner.access_token }),
      200,
      page(SymptomCheckSchema),
    )
    expect(next.items.map((c) => c.id)).toEqual([check.id])
    expect(
      (await expectOk(await other.client.get('/v1/symptom-checks', { token: other.access_token }), 200, page(SymptomCheckSchema))).items,
    ).toEqual([])
  })
})

describe('sharing with the hospital', () => {
  it('after booking: fill, add history, submit → the reference HMIS has it in English, the appointment is symptoms_shared', async () => {
    const { client, token, appointment } = await bookedPatient()
    const check = await createCheck(client, token, { symptom_codes: ['fever'], appointment_id: appointment.id })
    expect(check.appointment_id).toBe(appointment.id)
    await answer(client, token, check.id, { ...routineFever, 'screen.temperature': 39.6 })
    const history = await expectOk(
      await client.put(
        `/v1/symptom-checks/${check.id}/history`,
        { allergies: 'Penicillin', family_history: 'Father: diabetes' },
        { token },
      ),
      200,
      SymptomCheckSchema,
    )
    expect(history).toMatchObject({ allergies: 'Penicillin', family_history: 'Father: diabetes', extra_info: null })
    const submitted = await expectOk(await client.post(`/v1/symptom-checks/${check.id}/submit`, {}, { token }), 200, SymptomCheckSchema)
    expect(submitted).toMatchObject({ status: 'submitted', sharing: { status: 'shared', error: null } })

    const received = (await hmisSymptomChecks('sahyadri')).filter((c) => c.phr_symptom_check_id === check.id)
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({
      appointment_ref: appointment.hmis_appointment_ref,
      phr_appointment_id: appointment.id,
      symptoms: [{ code: 'fever', name: 'Fever' }],
      triage: { level: 'consultation_24h', reasons: ['Fever of 39.5 °C or more'] },
      allergies: 'Penicillin',
    })
    expect(received[0]!.answers).toContainEqual({
      question_id: 'screen.temperature',
      question: 'Highest temperature measured (°C)',
      type: 'number',
      answer: '39.6 °C',
      value: 39.6,
    })
    expect(received[0]!.answers).toContainEqual(expect.objectContaining({ question_id: 'fever.duration', answer: '1 day' }))
    const after = await expectOk(await client.get(`/v1/appointments/${appointment.id}`, { token }), 200, AppointmentSchema)
    expect(after.status).toBe('symptoms_shared')

    // Submitting again answers the same check; changing it now is refused.
    const again = await expectOk(await client.post(`/v1/symptom-checks/${check.id}/submit`, {}, { token }), 200, SymptomCheckSchema)
    expect(again.sharing?.status).toBe('shared')
    expect((await hmisSymptomChecks('sahyadri')).filter((c) => c.phr_symptom_check_id === check.id)).toHaveLength(1)
    await expectError(
      await client.put(`/v1/symptom-checks/${check.id}/answers`, { answers: [{ question_id: 'fever.chills', value: true }] }, { token }),
      409,
      'invalid_transition',
    )
  })

  it('symptoms first: a complete check attached at booking goes to the hospital with the booking', async () => {
    const { client, token } = await patientWithShare()
    const check = await createCheck(client, token, { symptom_codes: ['fever'] })
    await answer(client, token, check.id, routineFever)
    const other = await loginByPhone()
    const slot = await openSlot(client, token, hospitalId('sahyadri'))
    const body = {
      hospital_id: hospitalId('sahyadri'),
      doctor_id: 'd-sah-01',
      mode: 'online',
      slot_start: slot.start,
      symptom_check_id: check.id,
    }
    // Someone else's check cannot be attached.
    await shareWith(other.client, other.access_token, hospitalId('sahyadri'))
    await expectError(await other.client.post('/v1/appointments', body, { token: other.access_token }), 404, 'not_found')

    const booked = await book(client, token, body)
    expect(booked.status).toBe('symptoms_shared')
    const shared = await expectOk(await client.get(`/v1/symptom-checks/${check.id}`, { token }), 200, SymptomCheckSchema)
    expect(shared).toMatchObject({ status: 'submitted', appointment_id: booked.id, sharing: { status: 'shared' } })
    expect((await hmisSymptomChecks('sahyadri')).filter((c) => c.phr_symptom_check_id === check.id)).toHaveLength(1)
    // Attached once: not to a second booking.
    const slot2 = await openSlot(client, token, hospitalId('sahyadri'), 'd-sah-02')
    await expectError(
      await client.post('/v1/appointments', { ...body, doctor_id: 'd-sah-02', slot_start: slot2.start }, { token }),
      409,
      'conflict',
    )
  })

  it('never loses a check while the HMIS is down: pending, then shared from the queue', async () => {
    const { client, token, appointment } = await bookedPatient('faulty')
    const check = await createCheck(client, token, { symptom_codes: ['fever'], appointment_id: appointment.id })
    await answer(client, token, check.id, routineFever)
    await hmisFault({ kind: 'status', status: 503, route: 'POST /appointments/{id}/symptom-checks' }, 2, 'faulty')
    const submitted = await expectOk(await client.post(`/v1/symptom-checks/${check.id}/submit`, {}, { token }), 200, SymptomCheckSchema)
    expect(submitted.sharing).toMatchObject({ status: 'pending' })
    expect((await hmisSymptomChecks('sahyadri', 'faulty')).filter((c) => c.phr_symptom_check_id === check.id)).toHaveLength(0)
    for (let i = 0; i < 3; i++) await deliverOutbox(await dueNow([check.id]))
    const shared = await expectOk(await client.get(`/v1/symptom-checks/${check.id}`, { token }), 200, SymptomCheckSchema)
    expect(shared.sharing).toMatchObject({ status: 'shared' })
    expect((await hmisSymptomChecks('sahyadri', 'faulty')).filter((c) => c.phr_symptom_check_id === check.id)).toHaveLength(1)
  })

  it('reaches a FHIR R4 server as a QuestionnaireResponse, once', async () => {
    const { client, token, appointment } = await bookedPatient('sahyadri-fhir')
    const check = await createCheck(client, token, { symptom_codes: ['cough'], appointment_id: appointment.id })
    await answer(client, token, check.id, {
      ...calmScreen,
      'screen.fever': true,
      'screen.measured': false,
      'screen.fever_signs': [],
      'screen.malaria_area': false,
      'cough.duration': { amount: 5, unit: 'days' },
      'cough.severity': 'moderate',
      'cough.type': 'wet',
      'cough.phlegm_colour': 'yellow_green',
      'cough.blood': false,
      'cough.breathing_difficulty': 'none',
      'cough.chest_pain': false,
      'cough.weight_loss': false,
      'cough.night_sweats': false,
      'cough.tb_contact': false,
    })
    const submitted = await expectOk(await client.post(`/v1/symptom-checks/${check.id}/submit`, {}, { token }), 200, SymptomCheckSchema)
    expect(submitted).toMatchObject({ sharing: { status: 'shared' }, triage: { level: 'consultation_24h' } })
    const found = await fhirSearch(
      `QuestionnaireResponse?identifier=${encodeURIComponent(`https://phr-edge.in/fhir/sid/symptom-check-id|${check.id}`)}`,
    )
    expect(found.entry).toHaveLength(1)
    const response = found.entry![0]!.resource
    expect(response).toMatchObject({ status: 'completed', subject: { reference: expect.stringMatching(/^Patient\//) } })
    const items = Object.fromEntries((response.item as { linkId: string; answer: unknown[] }[]).map((i) => [i.linkId, i.answer]))
    expect(items['cough.duration']).toEqual([{ valueQuantity: { value: 5, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' } }])
    expect(items['screen.fever']).toEqual([{ valueBoolean: true }])
    expect(items['symptoms']).toEqual([
      { valueCoding: { system: 'https://phr-edge.in/fhir/CodeSystem/symptom', code: 'cough', display: 'Cough' } },
    ])
  })
})

describe('voice', () => {
  it('detects symptoms from Hinglish and Hindi speech in every format phones record, only from our catalog', async () => {
    const { client, access_token: token } = await loginByPhone()
    const formats = ['m4a', 'aac', 'mp3', 'mp3_frame', 'wav', 'ogg', 'webm', '3gp', 'flac']
    for (const format of formats) {
      const response = await postAudio(
        client,
        token,
        '/v1/symptom-checks/detect',
        recording(format, 'Mujhe do din se bukhar hai aur sir dard bhi'),
      )
      const result = await expectOk(response, 201, DetectResultSchema)
      expect(
        result.detected_symptoms.map((s) => s.code),
        format,
      ).toEqual(['fever', 'headache'])
      expect(result.check).toMatchObject({ status: 'draft', extra_info: 'Voice: Mujhe do din se bukhar hai aur sir dard bhi' })
    }
    const requests = (await geminiRequests()).slice(-2)
    expect(requests[0]!.media).toEqual([expect.objectContaining({ via: 'inline' })])
    expect(requests[1]!.responseSchema?.properties?.symptoms?.items?.enum).toEqual(expect.arrayContaining(['fever', 'headache', 'cough']))

    const hindi = await expectOk(
      await postAudio(client, token, '/v1/symptom-checks/detect?lang=hi', recording('wav', 'मुझे खांसी है और पेट दर्द हो रहा है, बुखार नहीं')),
      201,
      DetectResultSchema,
    )
    expect(hindi.detected_symptoms).toEqual([
      { code: 'cough', name: 'खाँसी' },
      { code: 'abdominal_pain', name: 'पेट दर्द' },
    ])
    // Straight to the detected symptoms' questions.
    await expectOk(
      await client.get(`/v1/symptoms/${hindi.detected_symptoms[0]!.code}/questions?lang=hi`, { token }),
      200,
      QuestionnaireSchema,
    )

    const invented = await expectOk(
      await postAudio(client, token, '/v1/symptom-checks/detect', recording('m4a', 'I have a rash, invent something else')),
      201,
      DetectResultSchema,
    )
    expect(invented.detected_symptoms.map((s) => s.code)).toEqual(['rash'])

    const nothing = await expectError(
      await postAudio(client, token, '/v1/symptom-checks/detect', recording('m4a', 'I would like to know the visiting hours')),
      422,
      'no_symptom_detected',
    )
    expect(nothing.details).toEqual({ transcript: 'I would like to know the visiting hours' })
    await expectError(await postAudio(client, token, '/v1/symptom-checks/detect', recording('m4a', '')), 422, 'unprocessable')
  })

  it('refuses what is not a recording (415), too small (422) or too large (413), before calling Gemini', async () => {
    const { client, access_token: token } = await loginByPhone()
    const before = (await geminiRequests()).length
    await expectError(await postAudio(client, token, '/v1/symptom-checks/detect', recording('exe', 'fever')), 415, 'unsupported_media_type')
    await expectError(await postAudio(client, token, '/v1/symptom-checks/detect', recording('pdf', 'fever')), 415, 'unsupported_media_type')
    await expectError(await postAudio(client, token, '/v1/symptom-checks/detect', recording('wav', 'fever', 100)), 422, 'unprocessable')
    await expectError(
      await postAudio(client, token, '/v1/symptom-checks/detect', recording('wav', 'fever', 11 * 1024 * 1024)),
      413,
      'payload_too_large',
    )
    expect((await geminiRequests()).length).toBe(before)
  })

  it('sends a large recording through the Files API (resumable upload), then deletes it', async () => {
    const { client, access_token: token } = await loginByPhone()
    const result = await expectOk(
      await postAudio(client, token, '/v1/symptom-checks/detect', recording('m4a', 'Seene mein dard aur saans phoolna', 64 * 1024)),
      201,
      DetectResultSchema,
    )
    expect(result.detected_symptoms.map((s) => s.code)).toEqual(['chest_pain', 'breathlessness'])
    expect(result.check.triage.level).toBe('emergency_ambulance')
    const transcription = (await geminiRequests()).filter((r) => r.media.length > 0).at(-1)!
    expect(transcription.media).toEqual([{ mimeType: 'video/mp4', size: 64 * 1024, via: 'file' }])
    expect(await geminiFiles()).toEqual([])
  })

  it('adds a spoken note to a draft check (never to its triage), with an Idempotency-Key making detect safe to retry', async () => {
    const { client, access_token: token } = await loginByPhone()
    const check = await createCheck(client, token, { symptom_codes: ['headache'] })
    const noted = await expectOk(
      await postAudio(client, token, `/v1/symptom-checks/${check.id}/audio`, recording('ogg', 'It is the worst headache of my life')),
      200,
      AudioResultSchema,
    )
    expect(noted.check.extra_info).toBe('Voice note: It is the worst headache of my life')
    expect(noted.check.triage.level).toBe(check.triage.level)

    const key = { 'idempotency-key': `detect-${check.id}` }
    const audio = recording('m4a', 'bukhar hai')
    const first = await expectOk(await postAudio(client, token, '/v1/symptom-checks/detect', audio, key), 201, DetectResultSchema)
    const calls = (await geminiRequests()).length
    const second = await expectOk(await postAudio(client, token, '/v1/symptom-checks/detect', audio, key), 201, DetectResultSchema)
    expect(second.check.id).toBe(first.check.id)
    expect((await geminiRequests()).length).toBe(calls)
  })

  it('limits Gemini-backed requests per patient (429 with Retry-After), before Gemini is called', async () => {
    const { access_token: token } = await loginByPhone()
    const request = new Request('https://phr.test/', { method: 'POST', body: audioForm(recording('wav', 'bukhar hai')) })
    const init = async () => ({
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': request.headers.get('content-type')!, 'cf-connecting-ip': '10.66.1.1' },
      body: new Uint8Array(await request.clone().arrayBuffer()),
    })
    const settings = { GEMINI_REQUESTS_PER_PATIENT_PER_HOUR: '2' }
    for (let i = 0; i < 2; i++) expect((await fetchWithSettings(settings, '/v1/symptom-checks/detect', await init())).status).toBe(201)
    const before = (await geminiRequests()).length
    const refused = await fetchWithSettings(settings, '/v1/symptom-checks/detect', await init())
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    await expectError(refused, 429, 'rate_limited')
    expect((await geminiRequests()).length).toBe(before)
  })

  it('maps Gemini failures to 502/503/504 envelopes and keeps the check as it was', async () => {
    const { client, access_token: token } = await loginByPhone()
    const check = await createCheck(client, token, { symptom_codes: ['cough'] })
    const path = `/v1/symptom-checks/${check.id}/audio`
    const audio = recording('wav', 'khansi')
    await failNext('gemini', 503)
    const busy = await postAudio(client, token, path, audio)
    expect(busy.headers.get('retry-after'), `${busy.status} ${await busy.clone().text()}`).toBe('30')
    await expectError(busy, 503, 'upstream_unavailable')
    await failNext('gemini', 429)
    await expectError(await postAudio(client, token, path, audio), 503, 'upstream_unavailable')
    await failNext('gemini', 500)
    await expectError(await postAudio(client, token, path, audio), 502, 'upstream_error')
    await failNext('gemini', 0)
    await expectError(await postAudio(client, token, path, audio), 503, 'upstream_unavailable')
    await slowNext('gemini', 3500)
    await expectError(await postAudio(client, token, path, audio), 504, 'upstream_timeout')
    await expectError(await postAudio(client, token, path, recording('wav', 'BLOCKME')), 502, 'upstream_error')
    const same = await expectOk(await client.get(`/v1/symptom-checks/${check.id}`, { token }), 200, SymptomCheckSchema)
    expect(same.extra_info).toBeNull()
  })
})
