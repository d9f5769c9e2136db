import { z } from '@hono/zod-openapi'
import { nullableRef } from '../../core/openapi'
import { inZone } from '../../core/time'
import { appointmentStatuses, type AppointmentRow, type HospitalRow } from '../../db/schema'

const APPOINTMENT_ID = '6c1f2e3d-4b5a-4978-8a6b-5c4d3e2f1a0b'

export const BookingRequestSchema = z
  .object({
    hospital_id: z.guid().openapi({ example: '5b8e2f0a-6c1d-4e3f-9a2b-7c6d5e4f3a21' }),
    doctor_id: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,128}$/)
      .openapi({ example: 'd-sah-01' }),
    mode: z.enum(['in_person', 'online']).openapi({ example: 'online' }),
    slot_start: z
      .string()
      .datetime({ offset: true })
      .openapi({ description: 'The start of one of the doctor’s slots.', example: '2026-12-01T10:30:00+05:30' }),
    symptom_check_id: z.guid().nullable().optional().openapi({ description: 'A symptom check done first, to attach.', example: null }),
  })
  .strict()
  .openapi('BookingRequest')

export const AppointmentSchema = z
  .object({
    id: z.guid().openapi({ example: APPOINTMENT_ID }),
    hospital_id: z.guid().openapi({ example: '5b8e2f0a-6c1d-4e3f-9a2b-7c6d5e4f3a21' }),
    hospital_name: z.string().openapi({ example: 'Sahyadri Hospital, Pune' }),
    doctor_id: z.string().openapi({ example: 'd-sah-01' }),
    doctor_name: z.string().nullable().openapi({ example: 'Dr. Meera Kulkarni' }),
    mode: z.enum(['in_person', 'online']).openapi({ example: 'online' }),
    slot_start: z
      .string()
      .datetime({ offset: true })
      .openapi({ description: 'In the hospital’s time zone.', example: '2026-12-01T10:30:00+05:30' }),
    slot_end: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T10:45:00+05:30' }),
    timezone: z.string().openapi({ example: 'Asia/Kolkata' }),
    status: z.enum(appointmentStatuses).openapi({
      description:
        'pending_sync (accepted, the hospital not yet reached) → booked → symptoms_shared → reviewed → completed; or cancelled, rejected (the hospital refused; see status_reason), missed.',
      example: 'booked',
    }),
    status_reason: z.string().nullable().openapi({ example: null }),
    hmis_appointment_ref: z.string().nullable().openapi({ example: 'apt-7f3c2a9e' }),
    video_available: z.boolean().openapi({ description: 'True once the doctor has reviewed an online appointment.', example: false }),
    symptom_check_id: z.guid().nullable().openapi({ description: 'The symptom check sent with it, if any.', example: null }),
    prescription_record_id: z.guid().nullable().openapi({
      description: 'The prescription the hospital posted for it, in my Received Documents (GET /v1/records?appointment_id= lists all).',
      example: null,
    }),
    reschedule_pending: nullableRef(
      z
        .object({
          slot_start: z.string().datetime({ offset: true }).openapi({ example: '2026-12-03T11:00:00+05:30' }),
          mode: z.enum(['in_person', 'online']).openapi({ example: 'online' }),
        })
        .openapi('PendingReschedule'),
    ).openapi({ description: 'A move I asked for that the hospital has not confirmed yet; the slot above holds until it does.' }),
    created_at: z.string().datetime({ offset: true }).openapi({ example: '2026-11-27T10:15:30.000Z' }),
    updated_at: z.string().datetime({ offset: true }).openapi({ example: '2026-11-27T10:15:30.000Z' }),
  })
  .openapi('Appointment')

export type Appointment = z.infer<typeof AppointmentSchema>

export function toAppointment(
  row: AppointmentRow,
  hospital: Pick<HospitalRow, 'name' | 'timezone'>,
  links: { prescriptionRecordId: string | null; symptomCheckId: string | null } = {
    prescriptionRecordId: null,
    symptomCheckId: row.symptomCheckId,
  },
): Appointment {
  return {
    id: row.id,
    hospital_id: row.hospitalId,
    hospital_name: hospital.name,
    doctor_id: row.doctorId,
    doctor_name: row.doctorName,
    mode: row.mode,
    slot_start: inZone(row.slotStart, hospital.timezone),
    slot_end: inZone(row.slotEnd, hospital.timezone),
    timezone: hospital.timezone,
    status: row.status,
    status_reason: row.statusReason,
    hmis_appointment_ref: row.hmisAppointmentRef,
    video_available: row.mode === 'online' && (row.status === 'reviewed' || row.status === 'completed'),
    symptom_check_id: links.symptomCheckId,
    prescription_record_id: links.prescriptionRecordId,
    reschedule_pending:
      row.rescheduleSlotStart && row.rescheduleMode
        ? { slot_start: inZone(row.rescheduleSlotStart, hospital.timezone), mode: row.rescheduleMode }
        : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}

export const AppointmentParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: APPOINTMENT_ID }),
})

export const VideoSchema = z
  .object({
    join_url: z.string().url().openapi({ example: 'https://meet.google.com/abc-mnop-xyz' }),
    provider: z.enum(['google_meet', 'hospital']).openapi({ example: 'google_meet' }),
  })
  .openapi('VideoCall')

/** An appointment row from JSON (a CTE's `to_jsonb`). */
export const appointmentFromJson = (r: Record<string, unknown>): AppointmentRow => ({
  id: r.id as string,
  patientId: r.patient_id as string,
  hospitalId: r.hospital_id as string,
  doctorId: r.doctor_id as string,
  doctorName: (r.doctor_name as string | null) ?? null,
  mode: r.mode as AppointmentRow['mode'],
  slotStart: new Date(r.slot_start as string),
  slotEnd: new Date(r.slot_end as string),
  status: r.status as AppointmentRow['status'],
  statusReason: (r.status_reason as string | null) ?? null,
  hmisAppointmentRef: (r.hmis_appointment_ref as string | null) ?? null,
  joinUrl: (r.join_url as string | null) ?? null,
  symptomCheckId: (r.symptom_check_id as string | null) ?? null,
  createdAt: new Date(r.created_at as string),
  updatedAt: new Date(r.updated_at as string),
  rescheduleSlotStart: r.reschedule_slot_start ? new Date(r.reschedule_slot_start as string) : null,
  rescheduleMode: (r.reschedule_mode as AppointmentRow['rescheduleMode']) ?? null,
})
