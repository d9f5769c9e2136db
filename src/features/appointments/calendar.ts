import { errorResponses } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { AppointmentParams } from './schema'
import { appointmentOf } from './store'

// An appointment as a calendar event (RFC 5545), for "Add to calendar": the phone's calendar app
// opens the file. Its UID is the appointment's, so opening it again after a change (a new time, a
// video link, a cancellation) updates the same event instead of adding one; SEQUENCE grows with it.

export const getAppointmentCalendar = patientRoute({
  method: 'get',
  path: '/v1/appointments/{id}/calendar.ics',
  operationId: 'getAppointmentCalendar',
  tags: ['Appointments'],
  summary: 'The appointment as a calendar event (.ics), with the video link once there is one',
  request: { params: AppointmentParams },
  responses: {
    200: {
      description: 'An iCalendar file (RFC 5545) with one event; cancelled appointments come as STATUS:CANCELLED.',
      content: { 'text/calendar': { schema: { type: 'string', example: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…END:VCALENDAR\r\n' } } },
    },
    ...errorResponses(404),
  },
})

/** A text value escaped as RFC 5545 §3.3.11 asks (backslash, semicolon, comma, newline). */
const text = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n')

/** UTC date-time, basic format (20261201T043000Z). */
const stamp = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

/** A content line folded at 75 octets (§3.1): continuation lines start with a space; a character is never split. */
function fold(line: string): string {
  const bytes = new TextEncoder()
  const out: string[] = []
  let current = ''
  let size = 0
  for (const char of line) {
    const length = bytes.encode(char).length
    if (size + length > (out.length === 0 ? 75 : 74)) {
      out.push(current)
      current = ''
      size = 0
    }
    current += char
    size += length
  }
  out.push(current)
  return out.join('\r\n ')
}

export const getAppointmentCalendarHandler: PatientHandler<typeof getAppointmentCalendar> = async (c) => {
  const { appointment, hospital } = await appointmentOf(c.var.services.db, c.var.patientId, c.req.valid('param').id)
  const online = appointment.mode === 'online'
  const who = appointment.doctorName ?? 'your doctor'
  const status =
    appointment.status === 'pending_sync' ? 'TENTATIVE' : ['cancelled', 'rejected'].includes(appointment.status) ? 'CANCELLED' : 'CONFIRMED'
  const description = [
    online ? `Online consultation with ${who} at ${hospital.name}.` : `Appointment with ${who} at ${hospital.name}.`,
    appointment.joinUrl
      ? `Join: ${appointment.joinUrl}`
      : online
        ? 'The video link appears in the app once the doctor has reviewed your symptoms.'
        : null,
    'Open the PHR Edge app for details.',
  ]
    .filter(Boolean)
    .join('\n')
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//PHR Edge//Appointments//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${appointment.id}@phr-edge`,
    `DTSTAMP:${stamp(appointment.updatedAt)}`,
    `SEQUENCE:${Math.floor(appointment.updatedAt.getTime() / 1000) - Math.floor(appointment.createdAt.getTime() / 1000)}`,
    `DTSTART:${stamp(appointment.slotStart)}`,
    `DTEND:${stamp(appointment.slotEnd)}`,
    `SUMMARY:${text(`${online ? 'Online consultation' : 'Appointment'} with ${who}`)}`,
    `LOCATION:${text(appointment.joinUrl ?? hospital.name)}`,
    ...(appointment.joinUrl ? [`URL:${appointment.joinUrl}`] : []),
    `DESCRIPTION:${text(description)}`,
    `STATUS:${status}`,
    ...(status === 'CONFIRMED'
      ? ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${text(`Appointment with ${who} in 1 hour`)}`, 'TRIGGER:-PT1H', 'END:VALARM']
      : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return c.body(`${lines.map(fold).join('\r\n')}\r\n`, 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': `attachment; filename="appointment-${appointment.id}.ics"`,
  }) as never
}
