import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { finishJob, rejectWork, type JobHandlers, type JobOutcome, type OutboxJob } from '../../core/outbox'
import type { Services } from '../../core/types'
import { appointments, hospitals, hospitalShares, symptomChecks, liveShareOf } from '../../db/schema'
import { hmisLinkOf, type HmisSymptomCheck } from '../../integrations/hmis/port'
import { answerText } from './answer-text'
import { checkContext } from './store'

// Sharing a submitted check with its appointment's hospital: the `share_symptom_check` job of the
// outbox (core/outbox claims, retries and caps it; this is what one attempt does). Its subject is
// the check; the appointment's id at the hospital is where it goes.

/** The check's appointment, its hospital and the patient's live share there. */
async function shareContext(db: Db, checkId: string) {
  const [found] = await db
    .select({ appointment: appointments, hospital: hospitals, hmisPatientId: hospitalShares.hmisPatientId })
    .from(symptomChecks)
    .innerJoin(appointments, eq(appointments.id, symptomChecks.appointmentId))
    .innerJoin(hospitals, eq(hospitals.id, appointments.hospitalId))
    .leftJoin(hospitalShares, liveShareOf(appointments))
    .where(eq(symptomChecks.id, checkId))
  return found
}

/** One attempt. Throws the HMIS's 5xx ApiError for the outbox to retry. */
async function shareCheck(
  services: Services,
  job: OutboxJob,
  context: { deadline: number; waiting?: { timeoutMs: number } },
): Promise<JobOutcome> {
  const { db } = services
  const found = await shareContext(db, job.subjectId)
  if (!found) {
    await finishJob(db, job.id, 'done', 'the check or its appointment no longer exists')
    return 'done'
  }
  const { appointment } = found
  // Not at the hospital yet: wait for the booking (not an attempt).
  if (appointment.status === 'pending_sync' || (appointment.status === 'booked' && !appointment.hmisAppointmentRef)) return { later: 30 }
  if (!['booked', 'symptoms_shared', 'reviewed'].includes(appointment.status)) {
    await shareFailed(db, job, appointment.patientId, `The appointment is ${appointment.status}; the check was not sent.`)
    return 'refused'
  }
  if (!found.hmisPatientId) {
    await shareFailed(db, job, appointment.patientId, 'Your profile is no longer shared with this hospital.')
    return 'refused'
  }
  const hmis = services.integrations.hmisFor(
    hmisLinkOf(found.hospital, { timeoutMs: context.waiting?.timeoutMs, deadline: context.deadline }),
  )
  const { check, symptoms, questions, rules } = await checkContext(db, appointment.patientId, job.subjectId)
  const payload: HmisSymptomCheck = {
    phr_symptom_check_id: check.id,
    phr_appointment_id: appointment.id,
    hmis_patient_id: found.hmisPatientId,
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
  const outcome = await hmis.shareSymptomCheck(appointment.hmisAppointmentRef!, payload)
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
    update outbox set status = 'done', locked_until = null, last_error = null, updated_at = now() where id = ${job.id}`)
  return 'done'
}

/** The check could not be shared and will not be: say so on the check, close the job, tell the patient. */
function shareFailed(db: Db, job: OutboxJob, patientId: string, reason: string) {
  return rejectWork(db, job, {
    reason,
    jobStatus: 'failed',
    mark: (tx) =>
      tx.execute(sql`
        update symptom_checks set share_status = 'failed', share_error = ${reason}, updated_at = now() where id = ${job.subjectId}`),
    tell: {
      patientId,
      type: 'symptom_check_not_shared',
      title: { en: 'Your symptom check could not be sent to the hospital', hi: 'आपकी लक्षण जाँच अस्पताल को नहीं भेजी जा सकी' },
      body: { en: `${reason} Please show it to the doctor at your visit.`, hi: `${reason} कृपया मिलने पर इसे डॉक्टर को दिखाएँ।` },
      link: { kind: 'symptom_check', id: job.subjectId },
      dedupeKey: `check-failed:${job.subjectId}`,
    },
  })
}

export const symptomJobs: JobHandlers = {
  share_symptom_check: {
    run: shareCheck,
    async giveUp(services, job, reason) {
      const [check] = await services.db
        .select({ patientId: symptomChecks.patientId })
        .from(symptomChecks)
        .where(eq(symptomChecks.id, job.subjectId))
      if (!check) return finishJob(services.db, job.id, 'failed', reason)
      await shareFailed(services.db, job, check.patientId, `The hospital could not be reached after ${job.attempts} attempts.`)
    },
  },
}
