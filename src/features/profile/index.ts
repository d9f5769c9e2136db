import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import * as routes from './routes'

// What the profile offers the others: the patient as the API shows them.
export { PatientSchema, toPatient } from './schema'
export { profileOf } from './store'

export const profileFeature: Feature = {
  tags: [{ name: 'Profile', description: 'The patient: profile, and the home screen (name, details card, counters).' }],
  routes: () =>
    createRouter()
      .openapi(routes.getMe, routes.getMeHandler)
      .openapi(routes.updateMe, routes.updateMeHandler)
      .openapi(routes.getHome, routes.getHomeHandler),
}
