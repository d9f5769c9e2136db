import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { jobOf, type OutboxJob } from '../../core/outbox'
import { olderThan } from '../../core/pagination'
import { activeAppointmentStatuses, appointments, hospitals, outbox, type AppointmentRow, type AppointmentStatus } from '../../db/schema'
import { hmisPartition as hospitalPartition } from '../../integrations/hmis/port'
import { cancellationJob } from './outbox'
import { appointmentFromJson } from './schema'

/** Statuses in which an appointment holds the patient's time. */
export const ACTIVE = activeAppointmentStatuses

export const appointmentNotFound = () => new ApiError('not_found', 'No such appointment.')

/**
 * Records a booking and its outbox job in one transaction, so neither exists without the other:
 * four round trips (begin, the patient's lock, one statement, commit). The lock makes the overlap
 * check and the insert one step for that patient (the statement after it sees every booking
 * committed before); the statement also checks the live share and answers the patient's id at the
 * hospital for the job.
 */
export async function createBooking(
  db: Db,
  booking: {
    id: string
    patientId: string
    hospitalId: string
    doctorId: string
    doctorName: string | null
    mode: 'in_person' | 'online'
    slotStart: Date
    slotEnd: Date
    symptomCheckId: string | null
  },
  /** The job is made already claimed, for this long (OUTBOX_LEASE_SECONDS): the request sends it at once. */
  leaseSeconds: number,
  /** A symptom check done first: tied to the booking, and submitted with it when complete (`submit`). */
  symptomCheck?: { version: number; submit: boolean },
): Promise<{ appointment: AppointmentRow; job: OutboxJob; hmisPatientId: string; shareJob?: OutboxJob }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`appointments:${booking.patientId}`}))`)
    const partition = hospitalPartition(booking.hospitalId)
    const [row] = await queryRows<{
      hmis_patient_id: string | null
      clash: string | null
      appointment: Record<string, unknown> | null
      job: Record<string, unknown> | null
      attached: boolean
      share_job: Record<string, unknown> | null
    }>(
      tx,
      sql`with share as (
            select s.hmis_patient_id from hospital_shares s join hospitals h on h.id = s.hospital_id and h.active
            where s.patient_id = ${booking.patientId} and s.hospital_id = ${booking.hospitalId} and s.revoked_at is null
            limit 1
          ), clash as (
            select id from appointments
            where patient_id = ${booking.patientId} and status in (${sql.join(
              ACTIVE.map((status) => sql`${status}`),
              sql`, `,
            )})
              and slot_start < ${booking.slotEnd.toISOString()} and slot_end > ${booking.slotStart.toISOString()}
            limit 1
          ), appointment as (
            insert into appointments (id, patient_id, hospital_id, doctor_id, doctor_name, mode, slot_start, slot_end, status, symptom_check_id)
            select ${booking.id}, ${booking.patientId}, ${booking.hospitalId}, ${booking.doctorId}, ${booking.doctorName}, ${booking.mode},
                   ${booking.slotStart.toISOString()}, ${booking.slotEnd.toISOString()}, 'pending_sync', ${booking.symptomCheckId}
            where exists (select 1 from share) and not exists (select 1 from clash)
            returning *
          ), job as (
            insert into outbox (id, kind, partition_key, subject_id, attempts, locked_until)
            select ${crypto.randomUUID()}, 'book_appointment', ${partition}, id, 1, now() + make_interval(secs => ${leaseSeconds})
            from appointment
            returning *
          ), attached as (
            update symptom_checks set appointment_id = ${booking.id}, version = version + 1, updated_at = now()
              ${symptomCheck?.submit ? sql`, status = 'submitted', submitted_at = now(), share_status = 'pending'` : sql``}
            where ${symptomCheck ? sql`true` : sql`false`} and exists (select 1 from appointment)
              and id = ${booking.symptomCheckId} and patient_id = ${booking.patientId} and version = ${symptomCheck?.version ?? 0}
              and appointment_id is null and status = 'draft'
            returning id
          ), share_job as (
            insert into outbox (id, kind, partition_key, subject_id)
            select ${crypto.randomUUID()}, 'share_symptom_check', ${partition}, id from attached where ${symptomCheck?.submit ?? false}
            returning *
          )
          select (select hmis_patient_id from share) as hmis_patient_id, (select id from clash) as clash,
            (select to_jsonb(a) from appointment a) as appointment, (select to_jsonb(j) from job j) as job,
            exists (select 1 from attached) as attached, (select to_jsonb(s) from share_job s) as share_job`,
    )
    if (!row?.hmis_patient_id) throw new ApiError('profile_not_shared', 'Share your profile with this hospital first (Scan and Share).')
    if (row.clash)
      throw new ApiError('appointment_conflict', 'You already have an appointment at that time.', {
        details: { appointment_id: row.clash },
      })
    // Thrown, the transaction rolls the booking back.
    if (symptomCheck && !row.attached) throw new ApiError('conflict', 'The symptom check changed while booking; please try again.')
    return {
      appointment: appointmentFromJson(row.appointment!),
      job: jobOf(row.job!),
      hmisPatientId: row.hmis_patient_id,
      shareJob: row.share_job ? jobOf(row.share_job) : undefined,
    }
  })
}

/** One of the patient's appointments with its hospital's name and zone (one round trip). */
/** The newest prescription a hospital posted for the appointment (records_appointment_idx). */
const prescriptionOf = sql<string | null>`(
  select r.id from records r
  where r.patient_id = ${appointments.patientId} and r.appointment_id = ${appointments.id} and r.type = 'prescription'
  order by r.created_at desc limit 1)`

/** The check sent with the booking, else the newest made for the appointment afterwards (symptom_checks_appointment_idx). */
const symptomCheckOf = sql<string | null>`coalesce(${appointments.symptomCheckId}, (
  select c.id from symptom_checks c
  where c.appointment_id = ${appointments.id} and c.patient_id = ${appointments.patientId}
  order by c.created_at desc limit 1))`

export async function appointmentOf(db: Db, patientId: string, id: string) {
  const [row] = await db
    .select({
      appointment: appointments,
      hospital: { name: hospitals.name, timezone: hospitals.timezone },
      links: { prescriptionRecordId: prescriptionOf, symptomCheckId: symptomCheckOf },
    })
    .from(appointments)
    .innerJoin(hospitals, eq(hospitals.id, appointments.hospitalId))
    .where(and(eq(appointments.id, id), eq(appointments.patientId, patientId)))
  if (!row) throw appointmentNotFound()
  return row
}

export async function listAppointments(
  db: Db,
  patientId: string,
  page: { limit: number; status?: AppointmentStatus; after?: { at: string; id: string } },
) {
  const after = page.after
  return db
    .select({
      appointment: appointments,
      hospital: { name: hospitals.name, timezone: hospitals.timezone },
      links: { prescriptionRecordId: prescriptionOf, symptomCheckId: symptomCheckOf },
    })
    .from(appointments)
    .innerJoin(hospitals, eq(hospitals.id, appointments.hospitalId))
    .where(
      and(
        eq(appointments.patientId, patientId),
        page.status ? eq(appointments.status, page.status) : undefined,
        olderThan(appointments.createdAt, appointments.id, after),
      ),
    )
    .orderBy(desc(appointments.createdAt), desc(appointments.id))
    .limit(page.limit + 1)
}

/**
 * Cancels the patient's appointment, and in the same transaction either drops its booking job (not
 * sent yet: nothing to undo at the hospital) or queues the cancellation for the HMIS.
 */
export async function cancelBooking(db: Db, patientId: string, id: string, reason: string | null, leaseSeconds: number) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(appointments)
      .set({ status: 'cancelled', statusReason: reason ?? 'cancelled by the patient', updatedAt: sql`now()` })
      .where(and(eq(appointments.id, id), eq(appointments.patientId, patientId), inArray(appointments.status, ACTIVE)))
      .returning()
    if (!row) {
      const [existing] = await tx
        .select({ status: appointments.status })
        .from(appointments)
        .where(and(eq(appointments.id, id), eq(appointments.patientId, patientId)))
      if (!existing) throw appointmentNotFound()
      throw new ApiError('invalid_transition', `An appointment that is ${existing.status} cannot be cancelled.`)
    }
    const [unsent] = await tx
      .update(outbox)
      .set({ status: 'done', lastError: 'cancelled before it was sent', updatedAt: sql`now()` })
      .where(
        and(
          eq(outbox.subjectId, id),
          eq(outbox.kind, 'book_appointment'),
          eq(outbox.status, 'pending'),
          sql`(${outbox.lockedUntil} is null or ${outbox.lockedUntil} < now())`,
        ),
      )
      .returning({ id: outbox.id })
    let job: OutboxJob | undefined
    if (!unsent) {
      const [inserted] = await tx
        .insert(outbox)
        .values(cancellationJob(row.hospitalId, id, leaseSeconds))
        .returning()
      job = jobOf(inserted!)
    }
    return { appointment: row, job }
  })
}
