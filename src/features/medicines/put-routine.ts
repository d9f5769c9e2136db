import { eq, sql } from 'drizzle-orm'
import { ifMatch, ifMatchHeader } from '../../core/conditional'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { type PatientHandler, patientRoute } from '../../core/routes'
import { ianaTimeZone } from '../../core/timezones'
import { patientRoutines, patients } from '../../db/schema'
import { RoutineSchema, RoutineUpdateSchema } from './schema'
import { routineOf } from './store'

export const putRoutine = patientRoute({
  method: 'put',
  path: '/v1/me/routine',
  operationId: 'putRoutine',
  tags: ['Medicine tracker'],
  summary: 'Set my meal and bed times and time zone (omitted fields are kept)',
  request: { headers: ifMatchHeader, body: jsonBody(RoutineUpdateSchema) },
  responses: { 200: jsonResponse(RoutineSchema, 'The routine.'), ...errorResponses(404, 412) },
})

export const putRoutineHandler: PatientHandler<typeof putRoutine> = async (c) => {
  const { db } = c.var.services
  const body = c.req.valid('json')
  const precondition = c.req.valid('header')['if-match']
  // One transaction: with If-Match, the patient's row is locked first, so that the routine checked
  // against the caller's tag is the one this write replaces.
  const next = await db.transaction(async (tx) => {
    if (precondition !== undefined) await tx.execute(sql`select 1 from patients where id = ${c.var.patientId} for update`)
    const current = await routineOf(tx, c.var.patientId)
    await ifMatch(precondition, current)
    const next = { ...current, ...body }
    if (body.timezone) next.timezone = await ianaTimeZone(tx, body.timezone)
    await tx
      .insert(patientRoutines)
      .values({
        patientId: c.var.patientId,
        breakfastAt: next.breakfast_at,
        lunchAt: next.lunch_at,
        dinnerAt: next.dinner_at,
        bedAt: next.bed_at,
      })
      .onConflictDoUpdate({
        target: patientRoutines.patientId,
        set: {
          breakfastAt: next.breakfast_at,
          lunchAt: next.lunch_at,
          dinnerAt: next.dinner_at,
          bedAt: next.bed_at,
          updatedAt: sql`now()`,
        },
      })
    if (body.timezone)
      await tx
        .update(patients)
        .set({ timezone: next.timezone, updatedAt: sql`now()` })
        .where(eq(patients.id, c.var.patientId))
    return next
  })
  return c.json(next, 200)
}
