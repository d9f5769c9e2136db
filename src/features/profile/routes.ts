import { and, eq, sql } from 'drizzle-orm'
import { changedSince, ifMatch, ifMatchHeader, rowVersion, sameVersion } from '../../core/conditional'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { inZone, localDate } from '../../core/time'
import { jsonBody, jsonResponse, errorResponses } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { patients, type PatientRow } from '../../db/schema'
import { HomeSchema, PatientSchema, ProfileUpdateSchema, toPatient } from './schema'
import { ianaTimeZone } from '../../core/timezones'
import { findPatient, homeOf } from './store'

export const getMe = patientRoute({
  method: 'get',
  path: '/v1/me',
  operationId: 'getMe',
  tags: ['Profile'],
  summary: 'My profile',
  responses: { 200: jsonResponse(PatientSchema, 'The patient who holds the token.'), ...errorResponses(404) },
})

export const getMeHandler: PatientHandler<typeof getMe> = async (c) =>
  c.json(toPatient(await ownPatient(c.var.services.db, c.var.patientId)), 200)

export const updateMe = patientRoute({
  method: 'patch',
  path: '/v1/me',
  operationId: 'updateMe',
  tags: ['Profile'],
  summary: 'Update my profile (only the fields sent; null clears a field)',
  description:
    'Phone, email and ABHA here are contact details. The identities you log in with are the ones proved by OTP; changing these fields does not change how you log in.',
  request: { headers: ifMatchHeader, body: jsonBody(ProfileUpdateSchema) },
  responses: { 200: jsonResponse(PatientSchema, 'The updated profile.'), ...errorResponses(404, 412) },
})

export const updateMeHandler: PatientHandler<typeof updateMe> = async (c) => {
  const body = c.req.valid('json')
  const changes: Partial<PatientRow> = {}
  if (body.name !== undefined) changes.name = body.name
  if (body.gender !== undefined) changes.gender = body.gender
  if (body.date_of_birth !== undefined) changes.dateOfBirth = body.date_of_birth
  if (body.blood_group !== undefined) changes.bloodGroup = body.blood_group
  if (body.phone !== undefined) changes.phone = body.phone
  if (body.email !== undefined) changes.email = body.email
  if (body.abha_number !== undefined) changes.abhaNumber = body.abha_number
  if (body.abha_address !== undefined) changes.abhaAddress = body.abha_address
  if (body.address !== undefined) changes.address = body.address && { country: 'IN', ...body.address }
  if (body.emergency_contact !== undefined) changes.emergencyContact = body.emergency_contact
  if (body.photo !== undefined) changes.photoUrl = body.photo
  if (body.language !== undefined) changes.language = body.language
  if (body.allergies !== undefined) changes.allergies = body.allergies
  if (body.conditions !== undefined) changes.conditions = body.conditions
  if (body.family_history !== undefined) changes.familyHistory = body.family_history
  if (body.timezone !== undefined) changes.timezone = await ianaTimeZone(c.var.services.db, body.timezone)
  const { db } = c.var.services
  // With If-Match: the profile as the app last read it, or 412; the write then guarded by that version.
  let version: string | undefined
  const precondition = c.req.valid('header')['if-match']
  if (precondition !== undefined) {
    const [current] = await db
      .select({ row: patients, version: rowVersion(patients) })
      .from(patients)
      .where(eq(patients.id, c.var.patientId))
    if (!current) throw patientGone()
    await ifMatch(precondition, toPatient(current.row))
    version = current.version
  }
  const [row] = await db
    .update(patients)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(patients.id, c.var.patientId), version === undefined ? undefined : sameVersion(patients, version)))
    .returning()
  if (!row) throw version === undefined ? patientGone() : changedSince()
  return c.json(toPatient(row), 200)
}

export const getHome = patientRoute({
  method: 'get',
  path: '/v1/home',
  operationId: 'getHome',
  tags: ['Profile'],
  summary: 'Home screen: name, patient details card, unread notifications, next appointment',
  responses: { 200: jsonResponse(HomeSchema, 'What the home screen shows.'), ...errorResponses(404) },
})

export const getHomeHandler: PatientHandler<typeof getHome> = async (c) => {
  const { patient: row, unread, next } = await homeOf(c.var.services.db, c.var.patientId)
  const patient = toPatient(row)
  return c.json(
    {
      patient: {
        id: patient.id,
        name: patient.name,
        gender: patient.gender,
        age: ageOn(patient.date_of_birth, patient.timezone),
        date_of_birth: patient.date_of_birth,
        blood_group: patient.blood_group,
        phone: patient.phone,
        abha_number: patient.abha_number,
        abha_address: patient.abha_address,
        photo: patient.photo,
        timezone: patient.timezone,
      },
      unread_notifications: unread,
      next_appointment: next && {
        id: next.id,
        hospital_name: next.hospital_name,
        doctor_name: next.doctor_name ?? 'Your doctor',
        mode: next.mode,
        slot_start: inZone(new Date(next.slot_start), next.timezone),
        status: next.status,
      },
    },
    200,
  )
}

function patientGone(): ApiError {
  return new ApiError('not_found', 'This account no longer exists.')
}

/** The patient who holds the token (one round trip). */
async function ownPatient(db: Db, patientId: string) {
  const row = await findPatient(db, patientId)
  if (!row) throw patientGone()
  return row
}

/** Whole years between a date of birth and today in the patient's time zone. */
export function ageOn(dateOfBirth: string | null, timezone: string, now = new Date()): number | null {
  if (!dateOfBirth) return null
  const today = localDate(now, timezone)
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}
