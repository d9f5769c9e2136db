import type { Services } from '../../core/types'
import { enforceRateLimits } from '../../core/rate-limit'

/** Each Gemini-backed request costs money: at most GEMINI_REQUESTS_PER_PATIENT_PER_HOUR per patient (429 beyond). */
export function spendGeminiBudget(services: Services, patientId: string) {
  return enforceRateLimits(
    services.db,
    [{ key: `gemini:${patientId}`, max: services.config.GEMINI_REQUESTS_PER_PATIENT_PER_HOUR, windowSeconds: 3600 }],
    'Too many voice or summary requests this hour; please try again later.',
  )
}
