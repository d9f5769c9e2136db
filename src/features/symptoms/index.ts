import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { getSymptomQuestions, getSymptomQuestionsHandler, listSymptoms, listSymptomsHandler } from './catalog'
import * as checks from './checks'
import { AudioFormSchema } from './schema'
import { symptomJobs } from './share'
import { submitSymptomCheck, submitSymptomCheckHandler } from './submit'
import * as voice from './voice-routes'

// What the symptom checker offers the others: a check for a booking to take with it, and how answers read.
export { checkForBooking } from './checks'
export { answerText } from './answer-text'
export { questionOf } from './store'

export const symptomsFeature: Feature = {
  tags: [
    {
      name: 'Symptom checker',
      description:
        'A clinical questionnaire per complaint (English and Hindi), deterministic red-flag triage, the voice flow through Gemini, and sharing with the hospital’s HMIS.',
    },
  ],
  routes: () => {
    const router = createRouter()
    router.openAPIRegistry.register('SymptomAudioForm', AudioFormSchema)
    return router
      .openapi(listSymptoms, listSymptomsHandler)
      .openapi(getSymptomQuestions, getSymptomQuestionsHandler)
      .openapi(voice.detectSymptomsFromVoice, voice.detectSymptomsFromVoiceHandler)
      .openapi(checks.createSymptomCheck, checks.createSymptomCheckHandler)
      .openapi(checks.listSymptomChecks, checks.listSymptomChecksHandler)
      .openapi(checks.getSymptomCheck, checks.getSymptomCheckHandler)
      .openapi(checks.getSymptomCheckQuestions, checks.getSymptomCheckQuestionsHandler)
      .openapi(checks.saveSymptomAnswers, checks.saveSymptomAnswersHandler)
      .openapi(checks.saveSymptomHistory, checks.saveSymptomHistoryHandler)
      .openapi(voice.addSymptomAudio, voice.addSymptomAudioHandler)
      .openapi(submitSymptomCheck, submitSymptomCheckHandler)
  },
  outbox: symptomJobs,
  uploads: [
    { path: '/v1/symptom-checks/detect', maxBytes: (config) => config.SYMPTOM_AUDIO_MAX_BYTES },
    { path: /^\/v1\/symptom-checks\/[^/]+\/audio$/, maxBytes: (config) => config.SYMPTOM_AUDIO_MAX_BYTES },
  ],
}
