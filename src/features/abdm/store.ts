import { and, eq, or, sql } from 'drizzle-orm'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { patientIdentities, patients, type PatientRow } from '../../db/schema'
import type { AbhaProfile } from '../../integrations/abdm/port'

type Identity = { channel: 'abha_number' | 'abha_address'; identifier: string }

/**
 * Links an ABHA that ABDM proved (by its OTP) to a patient: its number and address become login
 * identities of that patient, and its profile fills what the patient had left empty. 409 when they
 * sign in another patient already.
 */
export async function linkAbha(db: Db, patientId: string, proved: Identity, profile: AbhaProfile): Promise<PatientRow> {
  const identities: Identity[] = [proved]
  if (profile.abhaNumber && proved.channel !== 'abha_number') identities.push({ channel: 'abha_number', identifier: profile.abhaNumber })
  if (profile.abhaAddress && proved.channel !== 'abha_address')
    identities.push({ channel: 'abha_address', identifier: profile.abhaAddress })
  return db.transaction(async (tx) => {
    // A first ABHA login of the same person at the same moment takes the same lock (auth/store.ts).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`abha:${profile.abhaNumber ?? proved.identifier}`}))`)
    const known = await tx
      .select({ patientId: patientIdentities.patientId })
      .from(patientIdentities)
      .where(or(...identities.map((i) => and(eq(patientIdentities.channel, i.channel), eq(patientIdentities.identifier, i.identifier)))))
    if (known.some((k) => k.patientId !== patientId))
      throw new ApiError(
        'conflict',
        'This ABHA signs in another account already: log in with it, or ask that account to let you manage it.',
      )
    await tx
      .insert(patientIdentities)
      .values(identities.map((i) => ({ id: crypto.randomUUID(), patientId, channel: i.channel, identifier: i.identifier })))
      .onConflictDoNothing()
    const [row] = await tx
      .update(patients)
      .set({
        abhaNumber: profile.abhaNumber ?? sql`${patients.abhaNumber}`,
        abhaAddress: profile.abhaAddress ?? sql`${patients.abhaAddress}`,
        name: sql`coalesce(${patients.name}, ${profile.name ?? null})`,
        gender: sql`coalesce(${patients.gender}, ${profile.gender ?? null})`,
        dateOfBirth: sql`coalesce(${patients.dateOfBirth}, ${profile.dateOfBirth ?? null}::date)`,
        updatedAt: sql`now()`,
      })
      .where(eq(patients.id, patientId))
      .returning()
    if (!row) throw new ApiError('not_found', 'This account no longer exists.')
    return row
  })
}
