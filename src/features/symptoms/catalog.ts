import { errorResponses, jsonResponse } from '../../core/openapi'
import { ApiError } from '../../core/errors'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { CodeParams, languageOf, LangQuerySchema, nameIn, QuestionnaireSchema, questionView, SectionsSchema } from './schema'
import { questionnaireOf, sectionsWithSymptoms } from './store'

export const listSymptoms = patientRoute({
  method: 'get',
  path: '/v1/symptoms',
  operationId: 'listSymptoms',
  tags: ['Symptom checker'],
  summary: 'Sections (General, Head and Nervous, Chest and Breathing, …) with their symptoms',
  request: { query: LangQuerySchema },
  responses: { 200: jsonResponse(SectionsSchema, 'The catalog, in English or Hindi.') },
})

export const listSymptomsHandler: PatientHandler<typeof listSymptoms> = async (c) => {
  const lang = languageOf(c.req.valid('query').lang, c.req.header('accept-language'))
  const sections = await sectionsWithSymptoms(c.var.services.db)
  return c.json(
    {
      lang,
      sections: sections.map((s) => ({
        code: s.code,
        name: nameIn(lang, s),
        symptoms: s.symptoms.map((x) => ({ code: x.code, name: lang === 'hi' ? x.name_hi : x.name_en })),
      })),
    },
    200,
  )
}

export const getSymptomQuestions = patientRoute({
  method: 'get',
  path: '/v1/symptoms/{code}/questions',
  operationId: 'getSymptomQuestions',
  tags: ['Symptom checker'],
  summary: 'The questionnaire for one primary complaint, from Postgres',
  description:
    'Every questionnaire asks how long and how bad, then what separates the urgent from the routine for that complaint. Show a question only when its `show_if` conditions hold for the answers so far.',
  request: { params: CodeParams, query: LangQuerySchema },
  responses: { 200: jsonResponse(QuestionnaireSchema, 'The questions, in order.'), ...errorResponses(404) },
})

export const getSymptomQuestionsHandler: PatientHandler<typeof getSymptomQuestions> = async (c) => {
  const lang = languageOf(c.req.valid('query').lang, c.req.header('accept-language'))
  const found = await questionnaireOf(c.var.services.db, c.req.valid('param').code)
  if (!found) throw new ApiError('not_found', 'No such symptom.')
  return c.json(
    {
      lang,
      symptom: { code: found.code, name: nameIn(lang, found) },
      section: found.sectionCode,
      questions: found.questions.map((q) => questionView(q, lang)),
    },
    200,
  )
}
