import { z } from '@hono/zod-openapi'
import { and, eq, sql } from 'drizzle-orm'
import { firstHmisEvent } from '../../core/hospital-auth'
import { ApiError } from '../../core/errors'
import { notify, type Localized } from '../../core/notify'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { hmisRoute, type HospitalHandler } from '../../core/routes'
import { appointments, type AppointmentRow, type AppointmentStatus } from '../../db/schema'

export const AppointmentEventSchema = z
  .object({
    event_id: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/)
      .openapi({ description: 'The HMIS’s id of this event: a redelivery is applied once.', example: 'evt-20261201-0001' }),
    event: z.enum(['reviewed', 'completed', 'cancelled', 'rescheduled', 'missed']).openapi({ example: 'reviewed' }),
    occurred_at: z.string().datetime({ offset: true }).optional().openapi({ example: '2026-12-01T10:20:00+05:30' }),
    join_url: z
      .string()
      .url()
      .max(2048)
      .startsWith('https://')
      .optional()
      .openapi({ description: 'reviewed: the hospital’s own video link.', example: 'https://meet.google.com/abc-mnop-xyz' }),
    slot_start: z
      .string()
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'rescheduled: the new start.', example: '2026-12-02T11:00:00+05:30' }),
    slot_end: z.string().datetime({ offset: true }).optional().openapi({ example: '2026-12-02T11:15:00+05:30' }),
    reason: z.string().max(500).optional().openapi({ example: 'Doctor unavailable' }),
  })
  .strict()
  .openapi('AppointmentEvent')

const EventResultSchema = z
  .object({
    applied: z
      .boolean()
      .openapi({ description: 'false when this event_id was received before, or the event changes nothing.', example: true }),
    status: z.string().openapi({ example: 'reviewed' }),
  })
  .openapi('AppointmentEventResult')

export const receiveAppointmentEvent = hmisRoute({
  method: 'post',
  path: '/v1/hmis/appointments/{appointment_ref}/events',
  operationId: 'receiveAppointmentEvent',
  tags: ['HMIS callbacks'],
  summary: 'A hospital reports what happened to a booking: reviewed, completed, cancelled, rescheduled, missed',
  description:
    'reviewed makes the video call available and notifies the patient; completed points them to Received Documents. Events may arrive out of order (completed before reviewed): a later stage is never undone by an earlier one. Each event_id is applied once.',
  request: {
    params: z.object({
      appointment_ref: z
        .string()
        .max(128)
        .openapi({ param: { name: 'appointment_ref', in: 'path' }, example: 'apt-7f3c2a9e' }),
    }),
    body: jsonBody(AppointmentEventSchema),
  },
  responses: { 200: jsonResponse(EventResultSchema, 'Received.'), ...errorResponses(404, 409) },
})

/** How far along each status is: an event never moves an appointment back. */
const STAGE: Record<AppointmentStatus, number> = {
  pending_sync: 0,
  booked: 1,
  symptoms_shared: 2,
  reviewed: 3,
  completed: 4,
  cancelled: 9,
  rejected: 9,
  missed: 9,
}

export const receiveAppointmentEventHandler: HospitalHandler<typeof receiveAppointmentEvent> = async (c) => {
  const event = c.req.valid('json')
  const ref = c.req.valid('param').appointment_ref
  const hospitalId = c.var.hospitalId
  const result = await c.var.services.db.transaction(async (tx) => {
    const [appointment] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.hospitalId, hospitalId), eq(appointments.hmisAppointmentRef, ref)))
      .for('update')
    if (!appointment) throw new ApiError('not_found', 'No appointment with this reference at your hospital.')
    if (!(await firstHmisEvent(tx, hospitalId, event.event_id))) return { applied: false, status: appointment.status }
    return apply(tx, appointment, event)
  })
  return c.json(result, 200)
}

async function apply(tx: Parameters<typeof notify>[0], appointment: AppointmentRow, event: z.infer<typeof AppointmentEventSchema>) {
  const target: Partial<Record<typeof event.event, 'reviewed' | 'completed' | 'cancelled' | 'missed'>> = {
    reviewed: 'reviewed',
    completed: 'completed',
    cancelled: 'cancelled',
    missed: 'missed',
  }
  const link = { kind: 'appointment' as const, id: appointment.id }
  if (event.event === 'rescheduled') {
    if (STAGE[appointment.status] >= 4)
      throw new ApiError('invalid_transition', `A ${appointment.status} appointment cannot be rescheduled.`)
    if (!event.slot_start)
      throw new ApiError('validation_failed', 'A rescheduled event needs slot_start.', {
        details: [{ location: 'json', path: 'slot_start', message: 'is required for rescheduled', code: 'custom' }],
      })
    const start = new Date(event.slot_start)
    const end = event.slot_end
      ? new Date(event.slot_end)
      : new Date(start.getTime() + (appointment.slotEnd.getTime() - appointment.slotStart.getTime()))
    await tx
      .update(appointments)
      .set({ slotStart: start, slotEnd: end, updatedAt: sql`now()` })
      .where(eq(appointments.id, appointment.id))
    await notify(tx, {
      patientId: appointment.patientId,
      type: 'appointment_rescheduled',
      title: { en: 'Your appointment was moved', hi: 'आपकी अपॉइंटमेंट का समय बदल गया' },
      body: event.reason ?? { en: 'The hospital moved your appointment to a new time.', hi: 'अस्पताल ने आपकी अपॉइंटमेंट का समय बदल दिया है।' },
      link,
    })
    return { applied: true, status: appointment.status }
  }
  const next = target[event.event]!
  if (STAGE[appointment.status] >= 9) {
    if (appointment.status === next) return { applied: false, status: appointment.status }
    throw new ApiError('invalid_transition', `The appointment is ${appointment.status}; it cannot become ${next}.`)
  }
  if ((next === 'reviewed' || next === 'completed') && STAGE[appointment.status] >= STAGE[next]) {
    // Out of order (reviewed after completed): nothing to undo; a link may still arrive.
    if (event.join_url && !appointment.joinUrl)
      await tx.update(appointments).set({ joinUrl: event.join_url }).where(eq(appointments.id, appointment.id))
    return { applied: false, status: appointment.status }
  }
  await tx
    .update(appointments)
    .set({ status: next, statusReason: event.reason ?? null, joinUrl: event.join_url ?? appointment.joinUrl, updatedAt: sql`now()` })
    .where(eq(appointments.id, appointment.id))
  const messages: Record<typeof next, [Localized, Localized]> = {
    reviewed: [
      { en: 'Your doctor has reviewed your symptoms', hi: 'डॉक्टर ने आपके लक्षण देख लिए हैं' },
      appointment.mode === 'online'
        ? { en: 'You can join the video call from your appointment.', hi: 'आप अपनी अपॉइंटमेंट से वीडियो कॉल में जुड़ सकते हैं।' }
        : { en: 'Please come to the hospital at your appointment time.', hi: 'कृपया अपॉइंटमेंट के समय अस्पताल आएँ।' },
    ],
    completed: [
      { en: 'Your consultation is complete', hi: 'आपका परामर्श पूरा हुआ' },
      {
        en: 'Your prescription and documents will appear under Records › Received Documents.',
        hi: 'आपका पर्चा और दस्तावेज़ रिकॉर्ड › प्राप्त दस्तावेज़ में दिखेंगे।',
      },
    ],
    cancelled: [
      { en: 'The hospital cancelled your appointment', hi: 'अस्पताल ने आपकी अपॉइंटमेंट रद्द कर दी' },
      event.reason ?? { en: 'Please book another slot.', hi: 'कृपया कोई दूसरा समय बुक करें।' },
    ],
    missed: [
      { en: 'You missed your appointment', hi: 'आपकी अपॉइंटमेंट छूट गई' },
      { en: 'Please book another slot if you still need a consultation.', hi: 'अगर अब भी परामर्श चाहिए तो कृपया दूसरा समय बुक करें।' },
    ],
  }
  const [title, body] = messages[next]
  await notify(tx, {
    patientId: appointment.patientId,
    type: `appointment_${next}`,
    title,
    body,
    link,
    dedupeKey: `${next}:${appointment.id}`,
  })
  return { applied: true, status: next }
}
