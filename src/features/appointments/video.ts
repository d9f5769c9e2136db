import { and, eq, sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
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
  // One room per appointment: the row lock makes a second caller wait for the first one's room.
  const joinUrl = await db.transaction(async (tx) => {
    const [locked] = await queryRows<{ join_url: string | null }>(tx, sql`select join_url from appointments where id = ${id} for update`)
    if (locked?.join_url) return locked.join_url
    const url = await integrations.video.createRoom()
    await tx
      .update(appointments)
      .set({ joinUrl: url, updatedAt: sql`now()` })
      .where(and(eq(appointments.id, id), eq(appointments.patientId, c.var.patientId)))
    return url
  })
  return c.json({ join_url: joinUrl, provider: providerOf(joinUrl) }, 200)
}
