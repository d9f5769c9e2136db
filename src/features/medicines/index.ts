import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { remindDoses, remindRefills } from './reminders'
import * as routes from './routes'

export const medicinesFeature: Feature = {
  tags: [{ name: 'Medicine tracker', description: 'My medicines, my routine, doses taken or skipped; reminders on time in my time zone.' }],
  routes: () =>
    createRouter()
      .openapi(routes.getRoutine, routes.getRoutineHandler)
      .openapi(routes.putRoutine, routes.putRoutineHandler)
      .openapi(routes.createMedication, routes.createMedicationHandler)
      .openapi(routes.listMedications, routes.listMedicationsHandler)
      .openapi(routes.updateMedication, routes.updateMedicationHandler)
      .openapi(routes.deleteMedication, routes.deleteMedicationHandler)
      .openapi(routes.logDose, routes.logDoseHandler)
      .openapi(routes.addPrescribedMedications, routes.addPrescribedMedicationsHandler),
  jobs: [
    { name: 'dose reminders', cron: '* * * * *', run: remindDoses },
    { name: 'refill reminders', cron: '17 * * * *', run: remindRefills },
  ],
}
