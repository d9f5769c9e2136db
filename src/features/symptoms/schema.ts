import { z } from '@hono/zod-openapi'
import { fileField } from '../../core/openapi'
import { questionTypes, triageLevels, type QuestionRow, type SymptomCheckRow, type TriageLevel, type TriageRuleRow } from '../../db/schema'
import type { SymptomInfo } from './store'

const CHECK_ID = '0b7c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4'
const APPOINTMENT_ID = '6c1f2e3d-4b5a-4978-8a6b-5c4d3e2f1a0b'

export type Lang = 'en' | 'hi'

export const LangQuerySchema = z.object({
  lang: z
    .enum(['en', 'hi'])
    .optional()
    .openapi({
      param: { name: 'lang', in: 'query' },
      description: 'English or Hindi; without it, the first of them in `Accept-Language`, else English.',
      example: 'hi',
    }),
})

/** `?lang=` first, then the most preferred of en/hi in Accept-Language, then English. */
export function languageOf(lang: Lang | undefined, acceptLanguage: string | undefined): Lang {
  if (lang) return lang
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1, index }
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  const first = ranked.find((t) => /^(hi|en)(-|$)/.test(t.tag))
  return first?.tag.startsWith('hi') ? 'hi' : 'en'
}

export const nameIn = (lang: Lang, row: { nameEn: string; nameHi: string }) => (lang === 'hi' ? row.nameHi : row.nameEn)

const SymptomNameSchema = z
  .object({ code: z.string().openapi({ example: 'fever' }), name: z.string().openapi({ example: 'Fever' }) })
  .openapi('SymptomName')

export const SectionsSchema = z
  .object({
    lang: z.enum(['en', 'hi']).openapi({ example: 'en' }),
    sections: z.array(
      z.object({
        code: z.string().openapi({ example: 'general' }),
        name: z.string().openapi({ example: 'General' }),
        symptoms: z.array(SymptomNameSchema),
      }),
    ),
  })
  .openapi('SymptomSections')

const ConditionSchema = z
  .object({
    question_id: z.string().openapi({ example: 'screen.measured' }),
    op: z.enum(['eq', 'in', 'includes', 'gte', 'lte', 'gte_days', 'lte_days']).openapi({ example: 'eq' }),
    value: z.unknown().openapi({ example: true }),
  })
  .openapi('ShowIfCondition')

export const QuestionSchema = z
  .object({
    id: z.string().openapi({ example: 'screen.temperature' }),
    text: z.string().openapi({ example: 'Highest temperature measured (°C)' }),
    type: z.enum(questionTypes).openapi({ example: 'number' }),
    required: z.boolean().openapi({ example: true }),
    options: z
      .array(
        z.object({
          value: z.string().openapi({ example: 'severe' }),
          label: z.string().openapi({ example: 'Severe: I cannot do my usual work' }),
        }),
      )
      .openapi({ description: 'For single_choice and multi_choice; empty otherwise.' }),
    min: z.number().nullable().openapi({ example: 34 }),
    max: z.number().nullable().openapi({ example: 43 }),
    unit: z.string().nullable().openapi({ example: '°C' }),
    show_if: z.array(ConditionSchema).openapi({
      description:
        'Ask this question only when every condition holds for the earlier answers (empty: always). `eq`: equal; `in`: one of; `includes`: a multi_choice answer includes it; `gte`/`lte`: numbers; `gte_days`/`lte_days`: a duration in days.',
    }),
  })
  .openapi('SymptomQuestion')

export const QuestionnaireSchema = z
  .object({
    lang: z.enum(['en', 'hi']).openapi({ example: 'en' }),
    symptom: SymptomNameSchema,
    section: z.string().openapi({ example: 'general' }),
    questions: z.array(QuestionSchema),
  })
  .openapi('Questionnaire')

export const CheckQuestionsSchema = z
  .object({
    lang: z.enum(['en', 'hi']).openapi({ example: 'en' }),
    questions: z.array(
      QuestionSchema.extend({
        part: z.enum(['screen', 'complaint']).openapi({
          description: 'screen: the danger signs asked in every check, first; complaint: the questions of one of its complaints.',
          example: 'screen',
        }),
        symptom_code: z.string().nullable().openapi({ description: 'The complaint it belongs to; null for the screen.', example: null }),
        asked: z.boolean().openapi({ description: 'Whether its show_if conditions hold for the answers so far.', example: true }),
        answer: z.unknown().openapi({ description: 'The saved answer; null when there is none.', example: 34 }),
      }),
    ),
  })
  .openapi('SymptomCheckQuestions')

export const questionView = (q: QuestionRow, lang: Lang) => ({
  id: q.id,
  text: lang === 'hi' ? q.textHi : q.textEn,
  type: q.type,
  required: q.required,
  options: (q.options ?? []).map((o) => ({ value: o.value, label: lang === 'hi' ? o.hi : o.en })),
  min: q.minValue,
  max: q.maxValue,
  unit: q.unit,
  show_if: q.showIf ?? [],
})

const SymptomCode = z
  .string()
  .regex(/^[a-z0-9_]{1,40}$/)
  .openapi({ example: 'fever' })

export const CodeParams = z.object({ code: SymptomCode.openapi({ param: { name: 'code', in: 'path' } }) })
export const CheckParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: CHECK_ID }),
})

export const CreateCheckSchema = z
  .object({
    symptom_codes: z
      .array(SymptomCode)
      .min(1)
      .max(5)
      .openapi({ description: 'One to five complaints; the first is the main one.', example: ['fever', 'headache'] }),
    appointment_id: z.guid().nullable().optional().openapi({ example: null }),
  })
  .strict()
  .openapi('SymptomCheckCreate')

const AnswerValueSchema = z
  .union([
    z.boolean(),
    z.number(),
    z.string().max(1000),
    z.array(z.string().max(64)).max(20),
    z.object({ amount: z.number(), unit: z.string().max(10) }).strict(),
    z.null(),
  ])
  .openapi('SymptomAnswerValue', {
    description:
      'yes_no: true/false; single_choice: an option value; multi_choice: a list of option values; number: a number; duration: {"amount": 3, "unit": "days"} (hours, days, weeks, months, years); text: text; null removes the answer.',
  })

export const AnswersRequestSchema = z
  .object({
    answers: z
      .array(z.object({ question_id: z.string().max(100).openapi({ example: 'screen.temperature' }), value: AnswerValueSchema }).strict())
      .min(1)
      .max(100)
      .openapi({
        example: [
          { question_id: 'fever.duration', value: { amount: 2, unit: 'days' } },
          { question_id: 'fever.severity', value: 'moderate' },
          { question_id: 'screen.fever', value: true },
          { question_id: 'screen.measured', value: true },
          { question_id: 'screen.temperature', value: 39.8 },
        ],
      }),
  })
  .strict()
  .openapi('SymptomAnswers')

const historyText = (example: string) => z.string().trim().max(2000).nullable().optional().openapi({ example })
export const HistoryRequestSchema = z
  .object({
    allergies: historyText('Penicillin'),
    family_history: historyText('Father: type 2 diabetes'),
    extra_info: historyText('Fever started after a trip to Nagpur.'),
  })
  .strict()
  .openapi('SymptomHistory')

export const SubmitRequestSchema = z
  .object({
    appointment_id: z.guid().optional().openapi({
      description: 'The appointment to share it with; may be omitted when the check is already tied to one.',
      example: APPOINTMENT_ID,
    }),
  })
  .strict()
  .openapi('SymptomCheckSubmit')

const TriageSchema = z
  .object({
    level: z.enum(triageLevels).openapi({
      description:
        'emergency_ambulance: call 112 now; emergency: go to an emergency department now; consultation_24h: see a doctor within a day; consultation: book a consultation; self_care: care at home, see a doctor if it gets worse. From red-flag rules kept in data; nothing else can lower it.',
      example: 'consultation_24h',
    }),
    reasons: z.array(z.string()).openapi({ example: ['Fever of 39.5 °C or more'] }),
    rule_ids: z.array(z.string()).openapi({ example: ['fever.high'] }),
    advice: z.string().openapi({ example: 'See a doctor within 24 hours.' }),
    emergency: z
      .object({
        call: z.string().openapi({ description: 'Call this first, now.', example: '112' }),
        ambulance: z.string().openapi({ description: 'The state ambulance, free.', example: '108' }),
        helplines: z.array(z.object({ name: z.string(), number: z.string() })),
        providers_path: z.string().openapi({
          description:
            'Where the app lists ambulance providers with their numbers to call (never a pre-booking: that is for planned transport).',
          example: '/v1/ambulances',
        }),
      })
      .nullable()
      .openapi({ description: 'For the two emergency levels: what to do now.' }),
    suggested_specialties: z
      .array(
        z.object({
          code: z.string().openapi({ example: 'general_medicine' }),
          name: z.string().openapi({ example: 'General Medicine' }),
          doctors_path: z.string().openapi({
            description: 'Doctors of this specialty at every hospital I can book with, in one call.',
            example: '/v1/doctors?specialty=general%7Cinternal%7Cfamily',
          }),
        }),
      )
      .openapi({
        description:
          'Whom to see, likeliest first, from the complaints chosen (the catalog’s data); empty for the two emergency levels (go now, not to a booking).',
      }),
  })
  .openapi('Triage')

export const SymptomCheckSchema = z
  .object({
    id: z.guid().openapi({ example: CHECK_ID }),
    status: z.enum(['draft', 'submitted']).openapi({ example: 'draft' }),
    appointment_id: z.guid().nullable().openapi({ example: APPOINTMENT_ID }),
    symptoms: z.array(SymptomNameSchema),
    answers: z.array(z.object({ question_id: z.string(), value: z.unknown() })).openapi({
      example: [{ question_id: 'screen.temperature', value: 39.8 }],
    }),
    triage: TriageSchema,
    allergies: z.string().nullable().openapi({ example: null }),
    family_history: z.string().nullable().openapi({ example: null }),
    extra_info: z.string().nullable().openapi({ example: null }),
    sharing: z
      .object({
        status: z.enum(['pending', 'shared', 'failed']).openapi({ example: 'shared' }),
        error: z.string().nullable().openapi({ example: null }),
        shared_at: z.string().datetime({ offset: true }).nullable().openapi({ example: '2026-12-01T03:40:00.000Z' }),
      })
      .nullable()
      .openapi({
        description: 'Sharing with the appointment’s hospital, once submitted (never lost: retried while the hospital is down).',
      }),
    submitted_at: z.string().datetime({ offset: true }).nullable().openapi({ example: null }),
    created_at: z.string().datetime({ offset: true }).openapi({ example: '2026-11-27T10:15:30.000Z' }),
    updated_at: z.string().datetime({ offset: true }).openapi({ example: '2026-11-27T10:16:02.000Z' }),
  })
  .openapi('SymptomCheck')
export type SymptomCheck = z.infer<typeof SymptomCheckSchema>

export const AudioResultSchema = z
  .object({
    check: SymptomCheckSchema,
    transcript: z.string().openapi({ example: 'Do din se bukhar hai aur sir mein dard hai' }),
  })
  .openapi('SymptomAudioResult')

export const DetectResultSchema = z
  .object({
    check: SymptomCheckSchema,
    transcript: z.string().openapi({ example: 'Do din se bukhar hai aur sir mein dard hai' }),
    detected_symptoms: z.array(SymptomNameSchema),
    model: z.string().openapi({ example: 'gemini-2.5-flash' }),
  })
  .openapi('SymptomDetectResult')

export const AudioFormSchema = z
  .object({
    audio: fileField('m4a/AAC, mp3, wav, ogg/opus, webm, 3gp, flac or aiff (checked by its bytes), at most SYMPTOM_AUDIO_MAX_BYTES.'),
  })
  .openapi('SymptomAudioForm')

/** What to do at each level, in English and Hindi (the check's `advice`; the emergency alert's body). */
export const ADVICE: Record<TriageLevel, { en: string; hi: string }> = {
  emergency_ambulance: {
    en: 'Call 112 for an ambulance now. Do not wait for an appointment.',
    hi: 'अभी 112 पर एम्बुलेंस बुलाएँ। अपॉइंटमेंट का इंतज़ार न करें।',
  },
  emergency: {
    en: 'Go to the nearest emergency department now, or call 112.',
    hi: 'अभी नज़दीकी इमरजेंसी विभाग जाएँ, या 112 पर कॉल करें।',
  },
  consultation_24h: { en: 'See a doctor within 24 hours.', hi: '24 घंटे के अंदर डॉक्टर को दिखाएँ।' },
  consultation: { en: 'Book a consultation with a doctor.', hi: 'डॉक्टर से परामर्श बुक करें।' },
  self_care: {
    en: 'You can care for this at home. See a doctor if it gets worse or does not improve.',
    hi: 'इसकी देखभाल घर पर की जा सकती है। तकलीफ़ बढ़े या ठीक न हो तो डॉक्टर को दिखाएँ।',
  },
}

const HELPLINES = [
  { name: 'Emergency', number: '112' },
  { name: 'Ambulance (state service, free)', number: '108' },
  { name: 'Tele-MANAS (mental health)', number: '14416' },
  { name: 'Tele-MANAS (toll-free)', number: '1-800-891-4416' },
]

/** The specialties of the chosen complaints, in the order chosen, each once. */
function suggestedSpecialties(codes: string[], symptoms: SymptomInfo[], lang: Lang) {
  const seen = new Map<string, { code: string; name: string; doctors_path: string }>()
  for (const code of codes)
    for (const sp of symptoms.find((s) => s.code === code)?.specialties ?? [])
      if (!seen.has(sp.code))
        seen.set(sp.code, {
          code: sp.code,
          name: lang === 'hi' ? sp.name_hi : sp.name_en,
          doctors_path: `/v1/doctors?${new URLSearchParams({ specialty: sp.pattern })}`,
        })
  return [...seen.values()]
}

export function toSymptomCheck(
  row: SymptomCheckRow,
  symptoms: SymptomInfo[],
  rules: TriageRuleRow[],
  questionOrder: string[] | undefined,
  lang: Lang,
): SymptomCheck {
  const reasons = new Map(rules.map((r) => [r.id, lang === 'hi' ? r.reasonHi : r.reasonEn]))
  const emergency = row.triageLevel === 'emergency_ambulance' || row.triageLevel === 'emergency'
  const order = questionOrder ?? Object.keys(row.answers)
  return {
    id: row.id,
    status: row.status,
    appointment_id: row.appointmentId,
    symptoms: row.symptomCodes.map((code) => {
      const found = symptoms.find((s) => s.code === code)
      return { code, name: found ? nameIn(lang, found) : code }
    }),
    answers: order.filter((id) => id in row.answers).map((id) => ({ question_id: id, value: row.answers[id] })),
    triage: {
      level: row.triageLevel,
      reasons: [...new Set(row.triageRules.map((id) => reasons.get(id)).filter((r): r is string => !!r))],
      rule_ids: row.triageRules,
      advice: ADVICE[row.triageLevel][lang],
      emergency: emergency ? { call: '112', ambulance: '108', helplines: HELPLINES, providers_path: '/v1/ambulances' } : null,
      suggested_specialties: emergency ? [] : suggestedSpecialties(row.symptomCodes, symptoms, lang),
    },
    allergies: row.allergies,
    family_history: row.familyHistory,
    extra_info: row.extraInfo,
    sharing: row.shareStatus ? { status: row.shareStatus, error: row.shareError, shared_at: row.sharedAt?.toISOString() ?? null } : null,
    submitted_at: row.submittedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}
