import type { Db } from '../../core/db'
import { and, eq } from 'drizzle-orm'
import { rowVersion } from '../../core/conditional'
import { ApiError } from '../../core/errors'
import { medications, patientRoutines, patients } from '../../db/schema'

// The medicine tracker's reads that several operations share.

const hhmm = (time: string) => time.slice(0, 5)
export const medicationNotFound = () => new ApiError('not_found', 'No such medication.')

/** The patient's meal and bed times (defaults until set) and time zone; 404 once the account is gone. */
export async function routineOf(db: Db, patientId: string) {
  const [row] = await db
    .select({ timezone: patients.timezone, routine: patientRoutines })
    .from(patients)
    .leftJoin(patientRoutines, eq(patientRoutines.patientId, patients.id))
    .where(eq(patients.id, patientId))
  if (!row) throw new ApiError('not_found', 'This account no longer exists.')
  return {
    breakfast_at: hhmm(row.routine?.breakfastAt ?? '08:00'),
    lunch_at: hhmm(row.routine?.lunchAt ?? '13:00'),
    dinner_at: hhmm(row.routine?.dinnerAt ?? '20:00'),
    bed_at: hhmm(row.routine?.bedAt ?? '22:30'),
    timezone: row.timezone,
  }
}

/** One of the patient's medicines and its row version (for If-Match), or a 404. */
export async function ownMedication(db: Db, patientId: string, id: string) {
  const [found] = await db
    .select({ row: medications, version: rowVersion(medications) })
    .from(medications)
    .where(and(eq(medications.id, id), eq(medications.patientId, patientId)))
  if (!found) throw medicationNotFound()
  return found
}
