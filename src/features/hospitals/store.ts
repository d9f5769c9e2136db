import { olderThan } from '../../core/pagination'
import { and, asc, desc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { localDate } from '../../core/time'
import { hospitals, hospitalShares, type HospitalRow } from '../../db/schema'
import { hmisLinkOf } from '../../integrations/hmis/port'

export const hospitalNotFound = () => new ApiError('not_found', 'No such hospital.')

export async function activeHospital(db: Db, hospitalId: string): Promise<HospitalRow> {
  const [row] = await db
    .select()
    .from(hospitals)
    .where(and(eq(hospitals.id, hospitalId), eq(hospitals.active, true)))
  if (!row) throw hospitalNotFound()
  return row
}

/** Registry rows by id, as this isolate last read them (at most 1000, with when). */
const records = new Map<string, { row: HospitalRow; at: number }>()
const RECORD_SECONDS = 60

/** After this isolate changed a hospital's row (its credentials): read it again next time. */
export const forgetHospitalRecord = (hospitalId: string) => records.delete(hospitalId)

/** A row just read from the database, kept as this isolate's latest copy. */
export function keepHospitalRecord(row: HospitalRow) {
  if (records.size > 1000 && !records.has(row.id)) records.clear()
  records.set(row.id, { row, at: Date.now() })
}

/** This isolate's latest copy of a hospital's row, however old: only to begin work early (`begun`). */
export const lastSeenHospital = (hospitalId: string): HospitalRow | undefined => records.get(hospitalId)?.row

/**
 * Work begun before what it depends on is read again, with this isolate's last copy of it:
 * `inputs` says everything the work took from that copy. Whoever reads the fresh copy `takes` the
 * work when the fresh inputs are the same, and does it again otherwise; its failure is theirs.
 */
export type Begun<T> = { inputs: string; result: Promise<T> }

export function begun<T>(inputs: string, work: () => Promise<T>): Begun<T> {
  // A check that throws at once fails the work, not its caller: the fresh read decides first.
  const result = new Promise<T>((resolve) => resolve(work()))
  // Dropped when the inputs changed: its failure is then nobody's.
  result.catch(() => {})
  return { inputs, result }
}

export const taken = <T>(early: Begun<T> | undefined, inputs: string, work: () => Promise<T>): Promise<T> =>
  early?.inputs === inputs ? early.result : work()

/** What an HMIS read takes from a hospital's row: how to reach its HMIS, and today's date there. */
export const hmisInputs = (row: HospitalRow) => JSON.stringify([hmisLinkOf(row), localDate(new Date(), row.timezone)])

/**
 * `work` for an active hospital (an HMIS read), begun with this isolate's last copy of its row
 * while the row is read again, so that the request costs the longer of the two, not both. The
 * answer is never older than that read: when the fresh row would not begin the same work (its
 * HMIS, credentials or zone changed, or the day turned there) it is done again from the fresh row,
 * and a hospital deactivated meanwhile is 404 as before. What the early work sends an HMIS names
 * no patient. `inputs` is everything `work` takes from the row.
 */
export async function withHospital<T>(
  db: Db,
  hospitalId: string,
  inputs: (row: HospitalRow) => string,
  work: (row: HospitalRow) => Promise<T>,
): Promise<{ hospital: HospitalRow; result: T }> {
  const seen = lastSeenHospital(hospitalId)
  const early = seen && begun(inputs(seen), () => work(seen))
  const hospital = await activeHospital(db, hospitalId)
  keepHospitalRecord(hospital)
  return { hospital, result: await taken(early, inputs(hospital), () => work(hospital)) }
}

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
  keepHospitalRecord(row)
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
