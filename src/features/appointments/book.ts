import { z } from '@hono/zod-openapi'
import { ApiError } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { localDate } from '../../core/time'
import type { Services } from '../../core/types'
import { hmisLinkOf } from '../../integrations/hmis/port'
import { claimJobs, patientWaiting } from '../../core/outbox'
import type { BookingContext } from './outbox'
import { checkForBooking } from '../symptoms'
import { hospitalRecord } from '../hospitals'
import { AppointmentSchema, BookingRequestSchema, toAppointment } from './schema'
import { appointmentOf, createBooking } from './store'

const DEFAULT_SLOT_MINUTES = 15

export const bookAppointment = patientRoute({
  method: 'post',
  path: '/v1/appointments',
  operationId: 'bookAppointment',
  tags: ['Appointments'],
  summary: 'Book a slot (pushed to the hospital’s HMIS; never lost)',
  description:
    'Needs a live share with the hospital (409 `profile_not_shared`), a slot and mode the doctor offers (409 `slot_unavailable`), and no overlapping appointment (409 `appointment_conflict`). The booking and its HMIS job are saved together; when the HMIS confirms within HMIS_BOOKING_BUDGET_MS the answer is `booked`, when it is down or slow it is `pending_sync` and a job retries every minute (you are notified of the outcome). Send an `Idempotency-Key` header to make retries safe: the same key and body answer the first response again (422 for another body, 409 while the first is still running).',
  request: {
    body: jsonBody(BookingRequestSchema),
    headers: idempotencyHeader,
  },
  responses: {
    201: jsonResponse(AppointmentSchema, 'Booked, or accepted as pending_sync.'),
    ...errorResponses(404, 409, 422),
  },
})

export const bookAppointmentHandler: PatientHandler<typeof bookAppointment> = async (c) => {
  const body = c.req.valid('json')
  const services = c.var.services
  const result = await idempotent(services.db, c.var.patientId, c.req.valid('header')['idempotency-key'], body, async () => {
    const appointment = await book(services, c.var.patientId, body)
    return { status: 201, body: appointment }
  })
  return c.json(result.body, 201)
}

async function book(services: Services, patientId: string, body: z.infer<typeof BookingRequestSchema>) {
  const { db, integrations, config } = services
  // The registry row (HMIS address, zone) may come from the isolate's copy; the live share is checked as the booking is written.
  const hospital = await hospitalRecord(db, body.hospital_id)
  const slotStart = new Date(body.slot_start)
  if (slotStart.getTime() <= Date.now()) throw new ApiError('slot_unavailable', 'That slot has already begun.')
  // The doctor's slots of that day (from the edge cache when fresh): a slot and mode they offer.
  // When the HMIS cannot be read, the booking is still taken; the HMIS itself decides later.
  let slotEnd = new Date(slotStart.getTime() + DEFAULT_SLOT_MINUTES * 60_000)
  let doctorName: string | null = null
  const day = localDate(slotStart, hospital.timezone)
  const doctor = await integrations
    .hmisFor(hmisLinkOf(hospital))
    .doctor(body.doctor_id, { from: day, to: day })
    .catch((error: unknown) => {
      if (error instanceof ApiError && error.status >= 500) return null
      throw error
    })
  if (doctor === undefined) throw new ApiError('not_found', 'This hospital has no such doctor.')
  if (doctor) {
    doctorName = doctor.name
    const slot = doctor.availability.flatMap((d) => d.slots).find((s) => Date.parse(s.start) === slotStart.getTime())
    if (!slot || !slot.modes.includes(body.mode) || slot.available < 1) {
      throw new ApiError('slot_unavailable', 'The doctor has no free slot at that time for that mode.')
    }
    slotEnd = new Date(slot.end)
  }
  // A symptom check done first comes with the booking, and goes to the hospital with it when complete.
  let symptomCheck: { version: number; submit: boolean } | undefined
  if (body.symptom_check_id) {
    symptomCheck = await checkForBooking(db, patientId, body.symptom_check_id)
  }
  const { appointment, job, hmisPatientId, shareJob } = await createBooking(
    db,
    {
      id: crypto.randomUUID(),
      patientId,
      hospitalId: hospital.id,
      doctorId: body.doctor_id,
      doctorName,
      mode: body.mode,
      slotStart,
      slotEnd,
      symptomCheckId: body.symptom_check_id ?? null,
    },
    config.OUTBOX_LEASE_SECONDS,
    symptomCheck,
  )
  // Sent now if the hospital answers within the budget (with what this request already read);
  // otherwise the outbox's queue takes over, and the patient is told of the outcome.
  const budget = patientWaiting(config)
  const sent: BookingContext = { appointment, hospital, hmisPatientId }
  const result = await services.outbox.runNow(job, budget, sent)
  if (shareJob) {
    // The check goes after the booking: now if the booking is at the hospital, else from the queue.
    const [claimed] = result === 'done' ? await claimJobs(db, config, { ids: [shareJob.id] }) : []
    if (claimed && (await services.outbox.runNow(claimed, budget)) === 'done')
      // Shared: the appointment has moved on (symptoms_shared), as the patient sees it now.
      return toAppointment((await appointmentOf(db, patientId, appointment.id)).appointment, hospital)
    if (!claimed) services.outbox.send([shareJob])
  }
  return toAppointment(sent.booked ?? appointment, hospital)
}
