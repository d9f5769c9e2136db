import { olderThan } from '../../core/pagination'
import { and, asc, desc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { hospitals, hospitalShares, type HospitalRow } from '../../db/schema'

export const hospitalNotFound = () => new ApiError('not_found', 'No such hospital.')

export async function activeHospital(db: Db, hospitalId: string): Promise<HospitalRow> {
  const [row] = await db
    .select()
    .from(hospitals)
    .where(and(eq(hospitals.id, hospitalId), eq(hospitals.active, true)))
  if (!row) throw hospitalNotFound()
  return row
}

/** Registry rows by id, for the isolate's life: how to reach a hospital changes rarely (a minute is fresh enough). */
const records = new Map<string, { row: HospitalRow; at: number }>()
const RECORD_SECONDS = 60

/** After this isolate changed a hospital's row (its credentials): read it again next time. */
export const forgetHospitalRecord = (hospitalId: string) => records.delete(hospitalId)

/**
 * An active hospital's registry row (its HMIS address and adapter, zone, sealed credentials),
 * read at most once a minute per isolate: a booking needs it before anything else, and nothing
 * patient-specific is in it. What must be fresh (the patient's live share) is checked where it is
 * used. 404 for no such hospital.
 */
export async function hospitalRecord(db: Db, hospitalId: string): Promise<HospitalRow> {
  const kept = records.get(hospitalId)
  if (kept && Date.now() - kept.at < RECORD_SECONDS * 1000) return kept.row
  const row = await activeHospital(db, hospitalId)
  if (records.size > 1000) records.clear()
  records.set(hospitalId, { row, at: Date.now() })
  return row
}

/**
 * An active hospital the patient shares their profile with, for anything sent to its HMIS
 * (bookings, lab tests, medicine orders): 404 for no such hospital, 409 profile_not_shared.
 */
export async function hospitalSharedWith(db: Db, patientId: string, hospitalId: string): Promise<HospitalRow> {
  const [found] = await db
    .select({ hospital: hospitals, shareId: hospitalShares.id })
    .from(hospitals)
    .leftJoin(
      hospitalShares,
      and(eq(hospitalShares.hospitalId, hospitals.id), eq(hospitalShares.patientId, patientId), isNull(hospitalShares.revokedAt)),
    )
    .where(and(eq(hospitals.id, hospitalId), eq(hospitals.active, true)))
  if (!found) throw hospitalNotFound()
  if (!found.shareId) throw new ApiError('profile_not_shared', 'Share your profile with this hospital first (Scan and Share).')
  return found.hospital
}

export async function hospitalByHfrId(db: Db, hfrId: string): Promise<HospitalRow | undefined> {
  const [row] = await db
    .select()
    .from(hospitals)
    .where(and(eq(hospitals.hfrId, hfrId), eq(hospitals.active, true)))
  return row
}

/** Active hospitals by name, keyset-paginated on (name, id). */
export async function listHospitals(db: Db, page: { limit: number; after?: { name: string; id: string } }) {
  const after = page.after
  return db
    .select()
    .from(hospitals)
    .where(
      and(
        eq(hospitals.active, true),
        after ? or(gt(hospitals.name, after.name), and(eq(hospitals.name, after.name), gt(hospitals.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(hospitals.name), asc(hospitals.id))
    .limit(page.limit + 1)
}

/** The patient's live share with a hospital whose token is still valid, if any. */
export async function liveShare(db: Db, patientId: string, hospitalId: string) {
  const [row] = await db
    .select()
    .from(hospitalShares)
    .where(
      and(
        eq(hospitalShares.patientId, patientId),
        eq(hospitalShares.hospitalId, hospitalId),
        isNull(hospitalShares.revokedAt),
        gt(hospitalShares.tokenExpiresAt, sql`now()`),
      ),
    )
  return row
}

/**
 * Records what the HMIS answered: the live share of this patient and hospital is updated (a new
 * token after the old one expired), or made. One statement; the partial unique index keeps it one.
 */
export async function saveShare(
  db: Db,
  share: {
    patientId: string
    hospitalId: string
    hmisPatientId: string
    tokenNumber: string
    tokenExpiresAt: Date
    counterId: string | null
  },
) {
  const [row] = await db
    .insert(hospitalShares)
    .values({ id: crypto.randomUUID(), ...share })
    .onConflictDoUpdate({
      target: [hospitalShares.patientId, hospitalShares.hospitalId],
      targetWhere: isNull(hospitalShares.revokedAt),
      set: {
        hmisPatientId: share.hmisPatientId,
        tokenNumber: share.tokenNumber,
        tokenExpiresAt: share.tokenExpiresAt,
        counterId: share.counterId,
        sharedAt: sql`now()`,
      },
    })
    .returning()
  return row!
}

/** The patient's shares, newest first, with each hospital's name and zone (one round trip). */
export async function listShares(db: Db, patientId: string, page: { limit: number; after?: { at: string; id: string } }) {
  const after = page.after
  return db
    .select({ share: hospitalShares, hospital: { name: hospitals.name, timezone: hospitals.timezone } })
    .from(hospitalShares)
    .innerJoin(hospitals, eq(hospitals.id, hospitalShares.hospitalId))
    .where(and(eq(hospitalShares.patientId, patientId), olderThan(hospitalShares.createdAt, hospitalShares.id, after)))
    .orderBy(desc(hospitalShares.createdAt), desc(hospitalShares.id))
    .limit(page.limit + 1)
}
