import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { bookAppointment, bookAppointmentHandler } from './book'
import { getAppointmentCalendar, getAppointmentCalendarHandler } from './calendar'
import { rescheduleAppointment, rescheduleAppointmentHandler, rescheduleJob } from './reschedule'
import { cancelAppointment, cancelAppointmentHandler } from './cancel'
import { getAppointment, getAppointmentHandler, listAppointmentsHandler, listAppointmentsRoute } from './list'
import { appointmentJobs } from './outbox'
import { remindAppointments, removeExpiredRequestState } from './reminders'
import { receiveAppointmentEvent, receiveAppointmentEventHandler } from './hmis-events'
import { getVideoCall, getVideoCallHandler } from './video'

export const appointmentsFeature: Feature = {
  tags: [
    {
      name: 'Appointments',
      description: 'Booking (never lost: an outbox retries when the hospital is down), cancellation, status, video calls.',
    },
    {
      name: 'HMIS callbacks',
      description: 'Calls a hospital’s HMIS makes to PHR Edge, signed with the hospital’s secret (see the hmisSignature scheme).',
    },
  ],
  routes: () =>
    createRouter()
      .openapi(bookAppointment, bookAppointmentHandler)
      .openapi(listAppointmentsRoute, listAppointmentsHandler)
      .openapi(getAppointment, getAppointmentHandler)
      .openapi(getAppointmentCalendar, getAppointmentCalendarHandler)
      .openapi(cancelAppointment, cancelAppointmentHandler)
      .openapi(rescheduleAppointment, rescheduleAppointmentHandler)
      .openapi(getVideoCall, getVideoCallHandler)
      .openapi(receiveAppointmentEvent, receiveAppointmentEventHandler),
  outbox: { ...appointmentJobs, reschedule_appointment: rescheduleJob },
  jobs: [
    { name: 'appointment reminders', cron: '* * * * *', run: remindAppointments },
    { name: 'expired request state', cron: '17 * * * *', run: removeExpiredRequestState },
  ],
}
