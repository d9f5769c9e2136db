import { and, eq, isNull, sql } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { appointments } from '../../db/schema'
import { AppointmentParams, VideoSchema } from './schema'
import { appointmentOf } from './store'

export const getVideoCall = patientRoute({
  method: 'get',
  path: '/v1/appointments/{id}/video',
  operationId: 'getVideoCall',
  tags: ['Appointments'],
  summary: 'The video call of an online appointment, once the doctor has reviewed it',
  description:
    'The hospital’s own link when its HMIS sent one, otherwise a Google Meet space created once for the appointment (also when asked twice at once). 409 `video_not_available` before the review or for an in-person appointment.',
  request: { params: AppointmentParams },
  responses: { 200: jsonResponse(VideoSchema, 'Join here.'), ...errorResponses(404, 409, 502, 503, 504) },
})

const providerOf = (url: string) => (new URL(url).hostname === 'meet.google.com' ? ('google_meet' as const) : ('hospital' as const))

export const getVideoCallHandler: PatientHandler<typeof getVideoCall> = async (c) => {
  const { db, integrations } = c.var.services
  const id = c.req.valid('param').id
  const { appointment } = await appointmentOf(db, c.var.patientId, id)
  if (appointment.mode !== 'online') throw new ApiError('video_not_available', 'This is an in-person appointment.')
  if (appointment.status !== 'reviewed' && appointment.status !== 'completed') {
    throw new ApiError('video_not_available', 'The video call opens once the doctor has reviewed your symptoms.', {
      details: { status: appointment.status },
    })
  }
  if (appointment.joinUrl) return c.json({ join_url: appointment.joinUrl, provider: providerOf(appointment.joinUrl) }, 200)
  // Made with no lock or transaction held (Google may take seconds), then kept only if the
  // appointment still has none: when two requests race, both answer the first room stored (the
  // other room stays empty and costs nothing).
  const made = await integrations.video.createRoom()
  const mine = and(eq(appointments.id, id), eq(appointments.patientId, c.var.patientId))
  const [kept] = await db
    .update(appointments)
    .set({ joinUrl: made, updatedAt: sql`now()` })
    .where(and(mine, isNull(appointments.joinUrl)))
    .returning({ joinUrl: appointments.joinUrl })
  const [first] = kept ? [kept] : await db.select({ joinUrl: appointments.joinUrl }).from(appointments).where(mine)
  const joinUrl = first?.joinUrl ?? made
  return c.json({ join_url: joinUrl, provider: providerOf(joinUrl) }, 200)
}
