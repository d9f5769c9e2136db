import { sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { notify } from '../../core/notify'
import type { Services } from '../../core/types'
import type { AppointmentRow, HmisJobRow } from '../../db/schema'
import type { Hmis, HmisSymptomCheck } from '../../integrations/hmis/port'
import { answerText } from './answer-text'
import { checkContext } from './store'

// Sharing a submitted check with the appointment's hospital: a `share_symptom_check` job of the HMIS
// outbox (appointments/outbox.ts claims, retries and caps it; this is what one attempt does).

export type ShareOutcome = 'done' | 'later' | 'refused'

/** One attempt. Throws the HMIS's 5xx ApiError for the outbox to retry. */
export async function shareSymptomCheck(
  services: Services,
  job: HmisJobRow,
  context: { appointment: AppointmentRow; hmisPatientId: string | null; hmis: Hmis },
): Promise<ShareOutcome> {
  const { db } = services
  const { appointment } = context
  if (!job.symptomCheckId) return 'refused'
  // Not at the hospital yet: wait for the booking (the outbox sends bookings first).
  if (appointment.status === 'pending_sync' || !appointment.hmisAppointmentRef) {
    if (['pending_sync', 'booked'].includes(appointment.status)) return 'later'
  }
  if (!['booked', 'symptoms_shared', 'reviewed'].includes(appointment.status)) {
    await shareFailed(db, job, appointment.patientId, `The appointment is ${appointment.status}; the check was not sent.`)
    return 'refused'
  }
  if (!context.hmisPatientId) {
    await shareFailed(db, job, appointment.patientId, 'Your profile is no longer shared with this hospital.')
    return 'refused'
  }
  const { check, symptoms, questions, rules } = await checkContext(db, appointment.patientId, job.symptomCheckId)
  const payload: HmisSymptomCheck = {
    phr_symptom_check_id: check.id,
    phr_appointment_id: appointment.id,
    hmis_patient_id: context.hmisPatientId,
    submitted_at: (check.submittedAt ?? check.updatedAt).toISOString(),
    symptoms: check.symptomCodes.map((code) => ({ code, name: symptoms.find((s) => s.code === code)?.nameEn ?? code })),
    // English for the doctor, in questionnaire order.
    answers: questions
      .filter((q) => q.id in check.answers)
      .map((q) => ({
        question_id: q.id,
        question: q.textEn,
        type: q.type,
        answer: answerText(q, check.answers[q.id]),
        value: check.answers[q.id],
      })),
    triage: {
      level: check.triageLevel,
      reasons: check.triageRules.map((id) => rules.find((r) => r.id === id)?.reasonEn).filter((r): r is string => !!r),
    },
    allergies: check.allergies,
    family_history: check.familyHistory,
    extra_info: check.extraInfo,
  }
  const outcome = await context.hmis.shareSymptomCheck(appointment.hmisAppointmentRef!, payload)
  if (outcome !== 'received') {
    await shareFailed(db, job, appointment.patientId, `${outcome.refused.code}: ${outcome.refused.message}`)
    return 'refused'
  }
  // One statement: the check shared, the appointment on to symptoms_shared, the job done.
  await db.execute(sql`
    with shared as (
      update symptom_checks set share_status = 'shared', share_error = null, shared_at = now(), updated_at = now()
      where id = ${check.id}
    ), moved as (
      update appointments set status = 'symptoms_shared', updated_at = now() where id = ${appointment.id} and status = 'booked'
    )
    update hmis_outbox set status = 'done', locked_until = null, last_error = null, updated_at = now() where id = ${job.id}`)
  return 'done'
}

/** The check could not be shared and will not be: say so on the check, close the job, tell the patient. */
export async function shareFailed(db: Db, job: HmisJobRow, patientId: string, reason: string) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update symptom_checks set share_status = 'failed', share_error = ${reason}, updated_at = now() where id = ${job.symptomCheckId}`)
    await tx.execute(sql`
      update hmis_outbox set status = 'failed', locked_until = null, last_error = ${reason}, updated_at = now() where id = ${job.id}`)
    await notify(tx, {
      patientId,
      type: 'symptom_check_not_shared',
      title: 'Your symptom check could not be sent to the hospital',
      body: `${reason} Please show it to the doctor at your visit.`,
      link: { kind: 'symptom_check', id: job.symptomCheckId! },
      dedupeKey: `check-failed:${job.symptomCheckId}`,
    })
  })
}
