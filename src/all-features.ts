import type { JobHandlers } from './core/outbox'
import type { ErasureStep, Feature } from './core/types'
import { abdmFeature } from './features/abdm'
import { appointmentsFeature } from './features/appointments'
import { authFeature } from './features/auth'
import { devFeature } from './features/dev'
import { healthFeature } from './features/health'
import { hospitalsFeature } from './features/hospitals'
import { mindscapeFeature } from './features/mindscape'
import { notificationsFeature } from './features/notifications'
import { recordsFeature } from './features/records'
import { profileFeature } from './features/profile'
import { profilesFeature } from './features/profiles'
import { symptomsFeature } from './features/symptoms'
import { medicinesFeature } from './features/medicines'
import { careFeature } from './features/care'
import { shopFeature } from './features/shop'
import { syncFeature } from './features/sync'

/** Every feature of the API. Each brings its routes (whole public paths), tags and cron jobs. */
export const features: Feature[] = [
  healthFeature,
  authFeature,
  profileFeature,
  profilesFeature,
  abdmFeature,
  hospitalsFeature,
  appointmentsFeature,
  symptomsFeature,
  recordsFeature,
  medicinesFeature,
  careFeature,
  shopFeature,
  notificationsFeature,
  syncFeature,
  mindscapeFeature,
  devFeature,
]

/** The outbox job handlers every feature declares, by kind (a kind declared twice is a mistake: it throws at start). */
export const outboxHandlers: JobHandlers = features.reduce<JobHandlers>((all, feature) => {
  for (const [kind, handler] of Object.entries(feature.outbox ?? {})) {
    if (all[kind]) throw new Error(`two features handle the outbox kind ${kind}`)
    all[kind] = handler
  }
  return all
}, {})

/** What every feature does for an account being erased, in the erasing transaction (Feature.erase). */
export const erasureSteps: ErasureStep[] = features.flatMap((feature) => (feature.erase ? [feature.erase] : []))
