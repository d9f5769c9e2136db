import { olderThan } from '../../core/pagination'
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { appointments, hmisOutbox, hospitals, type AppointmentRow, type AppointmentStatus, type HmisJobRow } from '../../db/schema'

/** Statuses in which an appointment holds the patient's time. */
export const ACTIVE: AppointmentStatus[] = ['pending_sync', 'booked', 'symptoms_shared', 'reviewed']

export const appointmentNotFound = () => new ApiError('not_found', 'No such appointment.')

/**
 * Records a booking and its HMIS job in one transaction, so neither exists without the other. The
 * patient's lock makes the overlap check and the insert one step for that patient.
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
  /** The job is made already claimed, for this long (HMIS_OUTBOX_LEASE_SECONDS). */
  leaseSeconds: number,
  /** A symptom check done first: tied to the booking, and submitted with it when complete (`submit`). */
  symptomCheck?: { version: number; submit: boolean },
): Promise<{ appointment: AppointmentRow; job: HmisJobRow; shareJobId?: string }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`appointments:${booking.patientId}`}))`)
    const [clash] = await tx
      .select({ id: appointments.id })
      .from(appointments)
      .where(
        and(
          eq(appointments.patientId, booking.patientId),
          inArray(appointments.status, ACTIVE),
          lt(appointments.slotStart, booking.slotEnd),
          sql`${appointments.slotEnd} > ${booking.slotStart.toISOString()}`,
        ),
      )
      .limit(1)
    if (clash)
      throw new ApiError('appointment_conflict', 'You already have an appointment at that time.', { details: { appointment_id: clash.id } })
    const [appointment] = await tx
      .insert(appointments)
      .values({ ...booking, status: 'pending_sync' })
      .returning()
    // Made already claimed (lease, first attempt): the request sends it at once, the cron only if
    // the lease runs out.
    const [job] = await tx
      .insert(hmisOutbox)
      .values({
        id: crypto.randomUUID(),
        kind: 'book_appointment',
        hospitalId: booking.hospitalId,
        appointmentId: booking.id,
        attempts: 1,
        lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
      })
      .returning()
    let shareJobId: string | undefined
    if (booking.symptomCheckId && symptomCheck) {
      const [attached] = await queryRows<{ id: string }>(
        tx,
        sql`update symptom_checks set appointment_id = ${booking.id}, version = version + 1, updated_at = now()
              ${symptomCheck.submit ? sql`, status = 'submitted', submitted_at = now(), share_status = 'pending'` : sql``}
            where id = ${booking.symptomCheckId} and patient_id = ${booking.patientId} and version = ${symptomCheck.version}
              and appointment_id is null and status = 'draft'
            returning id`,
      )
      if (!attached) throw new ApiError('conflict', 'The symptom check changed while booking; please try again.')
      if (symptomCheck.submit) {
        shareJobId = crypto.randomUUID()
        await tx.insert(hmisOutbox).values({
          id: shareJobId,
          kind: 'share_symptom_check',
          hospitalId: booking.hospitalId,
          appointmentId: booking.id,
          symptomCheckId: booking.symptomCheckId,
        })
      }
    }
    return { appointment: appointment!, job: job!, shareJobId }
  })
}

/** One of the patient's appointments with its hospital's name and zone (one round trip). */
export async function appointmentOf(db: Db, patientId: string, id: string) {
  const [row] = await db
    .select({ appointment: appointments, hospital: { name: hospitals.name, timezone: hospitals.timezone } })
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
    .select({ appointment: appointments, hospital: { name: hospitals.name, timezone: hospitals.timezone } })
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
export async function cancelBooking(db: Db, patientId: string, id: string, reason: string | null) {
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
      .update(hmisOutbox)
      .set({ status: 'done', lastError: 'cancelled before it was sent', updatedAt: sql`now()` })
      .where(
        and(
          eq(hmisOutbox.appointmentId, id),
          eq(hmisOutbox.kind, 'book_appointment'),
          eq(hmisOutbox.status, 'pending'),
          sql`(${hmisOutbox.lockedUntil} is null or ${hmisOutbox.lockedUntil} < now())`,
        ),
      )
      .returning({ id: hmisOutbox.id })
    let jobId: string | undefined
    if (!unsent) {
      jobId = crypto.randomUUID()
      await tx.insert(hmisOutbox).values({ id: jobId, kind: 'cancel_appointment', hospitalId: row.hospitalId, appointmentId: id })
    }
    return { appointment: row, jobId }
  })
}
