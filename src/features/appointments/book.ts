import { z } from '@hono/zod-openapi'
import { eq } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { idempotencyHeader, idempotent } from '../../core/idempotency'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { localDate } from '../../core/time'
import type { Services } from '../../core/types'
import { appointments } from '../../db/schema'
import { hmisLinkOf } from '../../integrations/hmis/port'
import { claimJobs, runJob } from './outbox'
import { missingAnswers } from '../symptoms/rules'
import { checkContext } from '../symptoms/store'
import { hospitalSharedWith } from '../hospitals/store'
import { AppointmentSchema, BookingRequestSchema, toAppointment } from './schema'
import { createBooking } from './store'

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
  const hospital = await hospitalSharedWith(db, patientId, body.hospital_id)
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
    const context = await checkContext(db, patientId, body.symptom_check_id)
    if (context.check.appointmentId || context.check.status !== 'draft')
      throw new ApiError('conflict', 'This symptom check already belongs to another appointment.')
    symptomCheck = { version: context.check.version, submit: missingAnswers(context.questions, context.check.answers).length === 0 }
  }
  const { appointment, job, shareJobId } = await createBooking(
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
    config.HMIS_OUTBOX_LEASE_SECONDS,
    symptomCheck,
  )
  // Send it now if the hospital answers within the budget; otherwise the cron takes over.
  const budget = { timeoutMs: Math.min(config.HMIS_BOOKING_BUDGET_MS, config.HMIS_WRITE_TIMEOUT_MS) }
  if ((await runJob(services, job, budget)) === 'done' && shareJobId) {
    const [share] = await claimJobs(db, services.config, { jobId: shareJobId, limit: 1 })
    if (share) await runJob(services, share, budget)
  }
  const [row] = await db.select().from(appointments).where(eq(appointments.id, appointment.id))
  return toAppointment(row ?? appointment, hospital)
}
