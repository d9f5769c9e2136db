import { eq, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { patients } from '../../db/schema'
import { toPatient } from './schema'

/** The patient row of an id (a token's subject), or undefined once the account is gone. */
export async function findPatient(db: Db, patientId: string) {
  const [row] = await db.select().from(patients).where(eq(patients.id, patientId))
  return row
}

/** The patient's profile as the API shows it; 404 once the account is gone. */
export async function profileOf(db: Db, patientId: string) {
  const row = await findPatient(db, patientId)
  if (!row) throw new ApiError('not_found', 'This account no longer exists.')
  return toPatient(row)
}

type NextAppointment = {
  id: string
  hospital_name: string
  doctor_name: string | null
  mode: 'in_person' | 'online'
  slot_start: string
  timezone: string
  status: string
}

/** What the home screen shows, in one round trip: the patient, unread notifications, the next appointment. */
export async function homeOf(db: Db, patientId: string) {
  const [row] = await db
    .select({
      patient: patients,
      unread: sql<number>`(select count(*)::int from notifications n where n.patient_id = ${patientId} and n.read_at is null)`,
      next: sql<NextAppointment | null>`(select json_build_object('id', a.id, 'hospital_name', h.name, 'doctor_name', a.doctor_name, 'mode', a.mode,
          'slot_start', a.slot_start, 'timezone', h.timezone, 'status', a.status)
        from appointments a join hospitals h on h.id = a.hospital_id
        where a.patient_id = ${patientId} and a.status in ('pending_sync', 'booked', 'symptoms_shared', 'reviewed') and a.slot_end > now()
        order by a.slot_start limit 1)`,
    })
    .from(patients)
    .where(eq(patients.id, patientId))
  if (!row) throw new ApiError('not_found', 'This account no longer exists.')
  return { patient: row.patient, unread: Number(row.unread), next: row.next }
}
