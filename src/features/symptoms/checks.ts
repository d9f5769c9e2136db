import { z } from '@hono/zod-openapi'
import { and, eq, sql, type SQL } from 'drizzle-orm'
import { queryRows, textArray, type Db } from '../../core/db'
import { ApiError, invalidRequest } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { decodeCursor, pageSchema, PaginationQuerySchema, toPage } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { activeAppointmentStatuses, appointments, type SymptomCheckRow, type TriageLevel } from '../../db/schema'
import { inLanguage, notePush, pushShardSql } from '../../core/notify'
import { localDate } from '../../core/time'
import { isAsked, mergeAnswers, missingAnswers, prefilledAnswers, triage, type Answers } from './rules'
import {
  ADVICE,
  AnswersRequestSchema,
  CheckParams,
  CheckQuestionsSchema,
  CreateCheckSchema,
  HistoryRequestSchema,
  languageOf,
  LangQuerySchema,
  questionView,
  SymptomCheckSchema,
  toSymptomCheck,
  type Lang,
} from './schema'
import { checkContext, checkNotFound, checkOf, checksForDisplay, checkStart, type CheckContext } from './store'

const EXTRA_INFO_MAX = 8000

/** The check as the app shows it, in the patient's language. */
export const viewOf = (context: CheckContext, lang: Lang) =>
  toSymptomCheck(
    context.check,
    context.symptoms,
    context.rules,
    context.questions.map((q) => q.id),
    lang,
  )

/**
 * A check done first, for a booking to take with it: its version (the booking ties it only if it did
 * not change meanwhile), and whether it is complete (then it is submitted with the booking).
 */
export async function checkForBooking(db: Db, patientId: string, checkId: string) {
  const context = await checkContext(db, patientId, checkId)
  if (context.check.appointmentId || context.check.status !== 'draft')
    throw new ApiError('conflict', 'This symptom check already belongs to another appointment.')
  return { version: context.check.version, submit: missingAnswers(context.questions, context.check.answers).length === 0 }
}

/** An appointment of the patient's that a check may be tied to (booked or about to be). */
export async function attachableAppointment(db: Db, patientId: string, id: string) {
  const [appointment] = await db
    .select({ id: appointments.id, status: appointments.status, hospitalId: appointments.hospitalId })
    .from(appointments)
    .where(and(eq(appointments.id, id), eq(appointments.patientId, patientId)))
  if (!appointment) throw new ApiError('not_found', 'No such appointment.')
  if (!activeAppointmentStatuses.includes(appointment.status))
    throw new ApiError('invalid_transition', `The appointment is ${appointment.status}: a symptom check can no longer be added to it.`)
  return appointment
}

/**
 * At an emergency level, a critical notification in the statement that saves the check (`saved`):
 * once per check, pushed through quiet hours, so that a patient who leaves the result screen still
 * has the advice on the phone. Nothing at other levels.
 */
const isEmergency = (level: TriageLevel) => level === 'emergency' || level === 'emergency_ambulance'

function emergencyAlert(level: TriageLevel): SQL {
  if (!isEmergency(level)) return sql``
  const advice = ADVICE[level]
  return sql`, alert as (
      insert into notifications (id, patient_id, type, title, body, link, dedupe_key, priority, push_shard)
      select gen_random_uuid(), p.id, 'triage_emergency',
             ${inLanguage(sql`${'Get emergency care now'}`, sql`${'अभी आपातकालीन देखभाल लें'}`)},
             ${inLanguage(sql`${advice.en}`, sql`${advice.hi}`)},
             jsonb_build_object('kind', 'symptom_check', 'id', s.id::text), 'triage:' || s.id::text, 'critical', ${pushShardSql(sql`p.id`)}
      from saved s join patients p on p.id = s.patient_id
      on conflict (patient_id, dedupe_key) where dedupe_key is not null do nothing
    )`
}

/** Makes a draft check for these symptoms (their base triage), optionally tied to an appointment. */
export async function createCheck(
  db: Db,
  patientId: string,
  input: { symptomCodes: string[]; appointmentId?: string | null; extraInfo?: string | null },
): Promise<CheckContext> {
  const codes = [...new Set(input.symptomCodes)]
  if (input.appointmentId) await attachableAppointment(db, patientId, input.appointmentId)
  const { complaints, profile, ...catalog } = await checkStart(db, patientId, codes)
  const unknown = codes.filter((code) => !complaints.includes(code))
  if (unknown.length)
    throw invalidRequest(
      unknown.map((code) => ({
        location: 'json',
        path: `symptom_codes.${codes.indexOf(code)}`,
        message: `no symptom ${code}`,
        code: 'unknown_symptom',
      })),
    )
  // Age and sex from the profile, so that the screen asks only what the profile does not know; the
  // allergies and family history of the health profile as the check's text (the patient may edit it).
  const answers = prefilledAnswers(catalog.questions, profile, localDate(new Date(), profile.timezone))
  const first = triage(catalog.symptoms, catalog.rules, answers)
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`with saved as (
          insert into symptom_checks (id, patient_id, appointment_id, symptom_codes, answers, triage_level, triage_rules, extra_info, allergies, family_history)
          select ${crypto.randomUUID()}, ${patientId}, ${input.appointmentId ?? null}, ${textArray(codes)}, ${JSON.stringify(answers)}::jsonb,
                 ${first.level}, ${textArray(first.ruleIds)}, ${input.extraInfo ?? null},
                 (select nullif(string_agg(concat(a ->> 'substance', ' (' || (a ->> 'reaction') || ')', ', ' || (a ->> 'severity')), '; '), '')
                  from jsonb_array_elements(p.allergies) a),
                 (select nullif(string_agg(concat(f ->> 'relation', ': ', f ->> 'condition'), '; '), '')
                  from jsonb_array_elements(p.family_history) f)
          from patients p where p.id = ${patientId}
          returning *
        )${emergencyAlert(first.level)}
        select to_jsonb(saved.*) as "check" from saved`,
  )
  if (isEmergency(first.level)) notePush([patientId])
  return { check: checkOf(row!.check as Record<string, unknown>), ...catalog }
}

/**
 * Changes a draft: reads it with its catalog, applies `change`, recomputes the triage and writes
 * only if nobody wrote in between (version); a concurrent save makes it read and apply again.
 */
export async function changeDraft(
  db: Db,
  patientId: string,
  id: string,
  change: (context: CheckContext) => Partial<Pick<SymptomCheckRow, 'answers' | 'allergies' | 'familyHistory' | 'extraInfo'>>,
): Promise<CheckContext> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const context = await checkContext(db, patientId, id)
    if (context.check.status !== 'draft')
      throw new ApiError('invalid_transition', 'This symptom check was submitted and can no longer be changed.')
    const changed = { ...context.check, ...change(context) }
    if ((changed.extraInfo?.length ?? 0) > EXTRA_INFO_MAX)
      throw new ApiError('unprocessable', `Extra information may hold at most ${EXTRA_INFO_MAX} characters.`)
    const result = triage(context.symptoms, context.rules, changed.answers as Answers)
    const [row] = await queryRows<Record<string, unknown>>(
      db,
      sql`with saved as (
            update symptom_checks set answers = ${JSON.stringify(changed.answers)}::jsonb, triage_level = ${result.level},
              triage_rules = ${textArray(result.ruleIds)}, allergies = ${changed.allergies}, family_history = ${changed.familyHistory},
              extra_info = ${changed.extraInfo}, version = version + 1, updated_at = now()
            where id = ${id} and patient_id = ${patientId} and version = ${context.check.version} and status = 'draft'
            returning *
          )${emergencyAlert(result.level)}
          select to_jsonb(saved.*) as "check" from saved`,
    )
    if (row && isEmergency(result.level)) notePush([patientId])
    if (row) return { ...context, check: checkOf(row.check as Record<string, unknown>) }
  }
  throw new ApiError('conflict', 'The symptom check changed while saving; please try again.')
}

export const createSymptomCheck = patientRoute({
  method: 'post',
  path: '/v1/symptom-checks',
  operationId: 'createSymptomCheck',
  tags: ['Symptom checker'],
  summary: 'Start a symptom check (draft) for one or more complaints',
  description:
    'Optionally tied to one of your active appointments ("Fill symptom checker" after booking); a check done first can be attached when booking (`symptom_check_id`). The triage starts at the complaints’ own level and rises with the answers.',
  request: { body: jsonBody(CreateCheckSchema), query: LangQuerySchema, headers: idempotencyHeader },
  responses: { 201: jsonResponse(SymptomCheckSchema, 'The draft.'), ...errorResponses(404, 409, 422) },
})

export const createSymptomCheckHandler: PatientHandler<typeof createSymptomCheck> = async (c) => {
  const body = c.req.valid('json')
  const lang = languageOf(c.req.valid('query').lang, c.req.header('accept-language'))
  const key = c.req.valid('header')['idempotency-key']
  const create = async (db: Db) => {
    const context = await createCheck(db, c.var.patientId, { symptomCodes: body.symptom_codes, appointmentId: body.appointment_id })
    return { status: 201, body: viewOf(context, lang) }
  }
  const result = await idempotent(c.var.services.db, c.var.patientId, key, body, create, { atomic: true })
  return c.json(result.body, 201)
}

export const getSymptomCheck = patientRoute({
  method: 'get',
  path: '/v1/symptom-checks/{id}',
  operationId: 'getSymptomCheck',
  tags: ['Symptom checker'],
  summary: 'One of my symptom checks',
  request: { params: CheckParams, query: LangQuerySchema },
  responses: { 200: jsonResponse(SymptomCheckSchema, 'The check.'), ...errorResponses(404) },
})

export const getSymptomCheckHandler: PatientHandler<typeof getSymptomCheck> = async (c) => {
  const lang = languageOf(c.req.valid('query').lang, c.req.header('accept-language'))
  const [row] = await checksForDisplay(c.var.services.db, c.var.patientId, { id: c.req.valid('param').id })
  if (!row) throw checkNotFound()
  return c.json(toSymptomCheck(row.check, row.symptoms, row.rules, undefined, lang), 200)
}

export const listSymptomChecks = patientRoute({
  method: 'get',
  path: '/v1/symptom-checks',
  operationId: 'listSymptomChecks',
  tags: ['Symptom checker'],
  summary: 'My symptom checks, newest first (`appointment_id`: the ones attached to that appointment)',
  request: {
    query: PaginationQuerySchema.merge(LangQuerySchema).extend({
      appointment_id: z.guid().optional().openapi({ example: '6c1f2e3d-4b5a-4978-8a6b-5c4d3e2f1a0b' }),
    }),
  },
  responses: { 200: jsonResponse(pageSchema(SymptomCheckSchema, 'SymptomCheckPage'), 'Checks.'), ...errorResponses(400) },
})

export const listSymptomChecksHandler: PatientHandler<typeof listSymptomChecks> = async (c) => {
  const { limit, cursor, lang, appointment_id } = c.req.valid('query')
  const language = languageOf(lang, c.req.header('accept-language'))
  const rows = await checksForDisplay(c.var.services.db, c.var.patientId, {
    limit: limit + 1,
    after: decodeCursor(cursor),
    appointmentId: appointment_id,
  })
  return c.json(
    toPage(
      rows,
      limit,
      (row) => ({ at: row.check.createdAt.toISOString(), id: row.check.id }),
      (row) => toSymptomCheck(row.check, row.symptoms, row.rules, undefined, language),
    ),
    200,
  )
}

export const getSymptomCheckQuestions = patientRoute({
  method: 'get',
  path: '/v1/symptom-checks/{id}/questions',
  operationId: 'getSymptomCheckQuestions',
  tags: ['Symptom checker'],
  summary: 'Every question of this check, in order: the danger-sign screen, then each complaint’s, with what is asked and answered',
  description:
    'The screen (breathing, colour, consciousness, chest pain, bleeding, fits, swelling, fever and temperature, heat, bites and stings, a child’s danger signs, age, sex, pregnancy) is asked whatever the complaint, so that the triage never depends on which complaint was chosen; age and sex come prefilled from the profile and may be changed. Show the questions with `asked: true`; save answers with PUT …/answers and read this again, since an answer may open further questions.',
  request: { params: CheckParams, query: LangQuerySchema },
  responses: { 200: jsonResponse(CheckQuestionsSchema, 'The questions.'), ...errorResponses(404) },
})

export const getSymptomCheckQuestionsHandler: PatientHandler<typeof getSymptomCheckQuestions> = async (c) => {
  const lang = languageOf(c.req.valid('query').lang, c.req.header('accept-language'))
  const { check, symptoms, questions } = await checkContext(c.var.services.db, c.var.patientId, c.req.valid('param').id)
  const screens = new Set(symptoms.filter((s) => s.kind === 'screen').map((s) => s.code))
  return c.json(
    {
      lang,
      questions: questions.map((q) => ({
        ...questionView(q, lang),
        part: screens.has(q.symptomCode) ? ('screen' as const) : ('complaint' as const),
        symptom_code: screens.has(q.symptomCode) ? null : q.symptomCode,
        asked: isAsked(q, check.answers),
        answer: check.answers[q.id] ?? null,
      })),
    },
    200,
  )
}

export const saveSymptomAnswers = patientRoute({
  method: 'put',
  path: '/v1/symptom-checks/{id}/answers',
  operationId: 'saveSymptomAnswers',
  tags: ['Symptom checker'],
  summary: 'Save answers (partial saves allowed while a draft); the triage is recomputed',
  description:
    'Each answer is checked against its question’s type, options and range, and against the show-if conditions given the other answers: a 400 lists every failing question id (`details[].path` is `answers.<question_id>`). `null` removes an answer; answers to questions no longer asked (an earlier answer changed) are dropped. Saving the same answers again changes nothing.',
  request: { params: CheckParams, query: LangQuerySchema, body: jsonBody(AnswersRequestSchema) },
  responses: { 200: jsonResponse(SymptomCheckSchema, 'Saved, with the new triage.'), ...errorResponses(404, 409, 422) },
})

export const saveSymptomAnswersHandler: PatientHandler<typeof saveSymptomAnswers> = async (c) => {
  const lang = languageOf(c.req.valid('query').lang, c.req.header('accept-language'))
  const { answers } = c.req.valid('json')
  const context = await changeDraft(c.var.services.db, c.var.patientId, c.req.valid('param').id, ({ questions, check }) => {
    const merged = mergeAnswers(questions, check.answers, answers)
    if (merged.issues.length) throw invalidRequest(merged.issues)
    return { answers: merged.answers }
  })
  return c.json(viewOf(context, lang), 200)
}

export const saveSymptomHistory = patientRoute({
  method: 'put',
  path: '/v1/symptom-checks/{id}/history',
  operationId: 'saveSymptomHistory',
  tags: ['Symptom checker'],
  summary: 'Allergies, family history and extra information (omitted fields are kept; null clears one)',
  request: { params: CheckParams, query: LangQuerySchema, body: jsonBody(HistoryRequestSchema) },
  responses: { 200: jsonResponse(SymptomCheckSchema, 'Saved.'), ...errorResponses(404, 409, 422) },
})

export const saveSymptomHistoryHandler: PatientHandler<typeof saveSymptomHistory> = async (c) => {
  const lang = languageOf(c.req.valid('query').lang, c.req.header('accept-language'))
  const body = c.req.valid('json')
  const blankToNull = (value: string | null) => (value === '' ? null : value)
  const context = await changeDraft(c.var.services.db, c.var.patientId, c.req.valid('param').id, () => ({
    ...(body.allergies !== undefined ? { allergies: blankToNull(body.allergies) } : {}),
    ...(body.family_history !== undefined ? { familyHistory: blankToNull(body.family_history) } : {}),
    ...(body.extra_info !== undefined ? { extraInfo: blankToNull(body.extra_info) } : {}),
  }))
  return c.json(viewOf(context, lang), 200)
}
