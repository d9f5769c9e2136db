import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { getDoctor, getDoctorHandler } from './get-doctor'
import { replaceApiKey, replaceApiKeyHandler, rotateInboundSecret, rotateInboundSecretHandler } from './hmis-credentials'
import { getHospital, getHospitalHandler } from './get-hospital'
import { listHospitalsHandler, listHospitalsRoute } from './list-hospitals'
import { listSharesHandler, listSharesRoute } from './list-shares'
import { listSpecialties, listSpecialtiesHandler } from './list-specialties'
import { revokeShareHandler, revokeShareRoute } from './revoke-share'
import { scanQr, scanQrHandler } from './scan'
import { ScanImageSchema, ScanRequestSchema } from './schema'
import { revokeShareJob, tellHospitalsOfErasure } from './share-revocations'
import { searchAllDoctors, searchAllDoctorsHandler } from './search-all-doctors'
import { searchDoctors, searchDoctorsHandler } from './search-doctors'
import { shareProfile, shareProfileHandler } from './share-profile'

// What the hospitals feature offers the others: the registry and the patient's shares.
export { hospitalRecord, hospitalSharedWith } from './store'

export const hospitalsFeature: Feature = {
  tags: [
    {
      name: 'Hospitals',
      description: 'Hospitals, Scan and Share (QR → profile shared with the hospital’s HMIS → OPD token), and my shares.',
    },
    { name: 'Doctors', description: 'Specialties, doctors and their slots, read from each hospital’s HMIS.' },
  ],
  routes: () => {
    const router = createRouter()
    // The scan body's two forms, referenced by scanQr (which checks them itself).
    router.openAPIRegistry.register('ScanRequest', ScanRequestSchema)
    router.openAPIRegistry.register('ScanImage', ScanImageSchema)
    return router
      .openapi(listHospitalsRoute, listHospitalsHandler)
      .openapi(getHospital, getHospitalHandler)
      .openapi(scanQr, scanQrHandler)
      .openapi(shareProfile, shareProfileHandler)
      .openapi(listSharesRoute, listSharesHandler)
      .openapi(revokeShareRoute, revokeShareHandler)
      .openapi(listSpecialties, listSpecialtiesHandler)
      .openapi(searchDoctors, searchDoctorsHandler)
      .openapi(searchAllDoctors, searchAllDoctorsHandler)
      .openapi(getDoctor, getDoctorHandler)
      .openapi(rotateInboundSecret, rotateInboundSecretHandler)
      .openapi(replaceApiKey, replaceApiKeyHandler)
  },
  uploads: [{ path: '/v1/scan', maxBytes: (config) => config.QR_IMAGE_MAX_BYTES }],
  outbox: { revoke_share: revokeShareJob },
  // An erased account's hospitals are told, and what is open there cancelled.
  erase: tellHospitalsOfErasure,
}
