import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { remindDoses, remindRefills } from './reminders'
import { addPrescribedMedications, addPrescribedMedicationsHandler } from './add-prescribed'
import { createMedication, createMedicationHandler } from './create-medication'
import { deleteMedication, deleteMedicationHandler } from './delete-medication'
import { getMedication, getMedicationHandler } from './get-medication'
import { getRoutine, getRoutineHandler } from './get-routine'
import { listMedications, listMedicationsHandler } from './list-medications'
import { getMedicationAdherence, getMedicationAdherenceHandler } from './adherence'
import { logDose, logDoseHandler } from './log-dose'
import { getMedicationSchedule, getMedicationScheduleHandler } from './schedule'
import { putRoutine, putRoutineHandler } from './put-routine'
import { updateMedication, updateMedicationHandler } from './update-medication'

export const medicinesFeature: Feature = {
  tags: [{ name: 'Medicine tracker', description: 'My medicines, my routine, doses taken or skipped; reminders on time in my time zone.' }],
  routes: () =>
    createRouter()
      .openapi(getRoutine, getRoutineHandler)
      .openapi(putRoutine, putRoutineHandler)
      .openapi(createMedication, createMedicationHandler)
      .openapi(listMedications, listMedicationsHandler)
      .openapi(getMedicationSchedule, getMedicationScheduleHandler)
      .openapi(getMedicationAdherence, getMedicationAdherenceHandler)
      .openapi(getMedication, getMedicationHandler)
      .openapi(updateMedication, updateMedicationHandler)
      .openapi(deleteMedication, deleteMedicationHandler)
      .openapi(logDose, logDoseHandler)
      .openapi(addPrescribedMedications, addPrescribedMedicationsHandler),
  jobs: [
    { name: 'dose reminders', cron: '* * * * *', run: remindDoses },
    { name: 'refill reminders', cron: '17 * * * *', run: remindRefills },
  ],
}
