import { sha256HexOfBytes } from '../../core/crypto'
import { ApiError } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { spendGeminiBudget } from '../../integrations/gemini/budget'
import { readAudio } from './audio'
import { changeDraft, createCheck, viewOf } from './checks'
import { AudioResultSchema, CheckParams, DetectResultSchema, languageOf, LangQuerySchema, nameIn } from './schema'
import { allSymptoms, checkContext } from './store'
import { detectSymptoms, transcribe } from './voice'

const audioBody = {
  required: true,
  content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/SymptomAudioForm' } } },
} as const

export const addSymptomAudio = patientRoute({
  method: 'post',
  path: '/v1/symptom-checks/{id}/audio',
  operationId: 'addSymptomAudio',
  tags: ['Symptom checker'],
  summary: 'Speak extra information: Gemini transcribes it and the transcript is added to the check',
  description:
    'Multipart `audio` (m4a/AAC, mp3, wav, ogg/opus, webm, 3gp, flac, aiff; recognised by its bytes), at most SYMPTOM_AUDIO_MAX_BYTES (413 before it is read). English, Hindi and Hinglish speech. The transcript is only ever added to `extra_info`: it never changes the answers or the triage.',
  // Documented here, checked in the handler (multipart with a file).
  request: { params: CheckParams, query: LangQuerySchema, body: audioBody },
  responses: {
    200: jsonResponse(AudioResultSchema, 'Transcribed and added.'),
    ...errorResponses(404, 409, 413, 415, 422, 429, 502, 503, 504),
  },
})

export const addSymptomAudioHandler: PatientHandler<typeof addSymptomAudio> = async (c) => {
  const lang = languageOf(c.req.valid('query').lang, c.req.header('accept-language'))
  const { db, integrations } = c.var.services
  const id = c.req.valid('param').id
  const audio = await readAudio(c.req)
  await spendGeminiBudget(c.var.services, c.var.patientId)
  // The check must exist and be a draft before Gemini is paid for.
  const { check } = await checkContext(db, c.var.patientId, id)
  if (check.status !== 'draft') throw new ApiError('invalid_transition', 'This symptom check was submitted and can no longer be changed.')
  const transcript = await transcribe(integrations.gemini, audio)
  const context = await changeDraft(db, c.var.patientId, id, ({ check }) => ({
    extraInfo: [check.extraInfo, `Voice note: ${transcript}`].filter(Boolean).join('\n\n'),
  }))
  return c.json({ check: viewOf(context, lang), transcript }, 200)
}

export const detectSymptomsFromVoice = patientRoute({
  method: 'post',
  path: '/v1/symptom-checks/detect',
  operationId: 'detectSymptomsFromVoice',
  tags: ['Symptom checker'],
  summary: 'The voice flow: speak your symptoms; Gemini transcribes them and picks them from our catalog; a draft check opens',
  description:
    'Multipart `audio` as for /audio. The symptoms are chosen only from our catalog (anything else the model says is dropped); the transcript is kept as the check’s extra information; go straight to the detected symptoms’ questions. 422 `no_symptom_detected` (with the transcript in `details`) when nothing in the catalog matches: let the patient choose from the list. Send an `Idempotency-Key` to make retries safe (the same recording answers the first result).',
  request: { query: LangQuerySchema, headers: idempotencyHeader, body: audioBody },
  responses: { 201: jsonResponse(DetectResultSchema, 'Detected; the draft check.'), ...errorResponses(413, 415, 422, 429, 502, 503, 504) },
})

export const detectSymptomsFromVoiceHandler: PatientHandler<typeof detectSymptomsFromVoice> = async (c) => {
  const lang = languageOf(c.req.valid('query').lang, c.req.header('accept-language'))
  const { db, integrations } = c.var.services
  const audio = await readAudio(c.req)
  await spendGeminiBudget(c.var.services, c.var.patientId)
  const request = { audio_sha256: await sha256HexOfBytes(audio.bytes) }
  const result = await idempotent(db, c.var.patientId, c.req.valid('header')['idempotency-key'], request, async () => {
    // One after the other: a query still running when Gemini fails would outlive the request.
    const transcript = await transcribe(integrations.gemini, audio)
    const catalog = await allSymptoms(db)
    const codes = await detectSymptoms(integrations.gemini, transcript, catalog)
    if (codes.length === 0)
      throw new ApiError('no_symptom_detected', 'We could not match what you said to a symptom. Please choose from the list.', {
        details: { transcript },
      })
    const context = await createCheck(db, c.var.patientId, { symptomCodes: codes, extraInfo: `Voice: ${transcript}` })
    return {
      status: 201,
      body: {
        check: viewOf(context, lang),
        transcript,
        detected_symptoms: context.symptoms.filter((s) => s.kind === 'complaint').map((s) => ({ code: s.code, name: nameIn(lang, s) })),
        model: integrations.gemini.model,
      },
    }
  })
  return c.json(result.body, 201)
}
