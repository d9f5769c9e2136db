import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { deleteMe, deleteMeHandler } from './delete-account'
import { deletePhoto, deletePhotoHandler, getPhoto, getPhotoHandler, putPhoto, putPhotoHandler } from './photo'
import { getMedicalId, getMedicalIdHandler } from './medical-id'
import * as routes from './routes'

// What the profile offers the others: the patient as the API shows them.
export { genders, pastDate, PatientSchema, PersonNameSchema, toPatient } from './schema'
export { ageOn } from './routes'
export { profileOf } from './store'
// Account erasure, run by the root's jobs with every feature's erasure step (features cannot all be imported here).
export { eraseDueAccounts } from './delete-account'

export const profileFeature: Feature = {
  tags: [
    { name: 'Profile', description: 'The patient: profile, the home screen (name, details card, counters), and deleting the account.' },
  ],
  routes: () =>
    createRouter()
      .openapi(routes.getMe, routes.getMeHandler)
      .openapi(routes.updateMe, routes.updateMeHandler)
      .openapi(routes.getHome, routes.getHomeHandler)
      .openapi(deleteMe, deleteMeHandler)
      .openapi(getMedicalId, getMedicalIdHandler)
      .openapi(putPhoto, putPhotoHandler)
      .openapi(getPhoto, getPhotoHandler)
      .openapi(deletePhoto, deletePhotoHandler),
  uploads: [{ path: '/v1/me/photo', maxBytes: (config) => config.PROFILE_PHOTO_MAX_BYTES }],
}
