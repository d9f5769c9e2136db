import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DoctorSchema, ShareSchema, SpecialtySchema } from '../src/features/hospitals/schema'
import { loginByPhone } from './fixtures/auth'
import { book, openSlot } from './fixtures/appointments'
import { hospitalId, shareWith } from './fixtures/hospitals'
import { expectOk } from './harness/client'
import { fhirSearch } from './harness/fakes'
import { deliverOutbox, deliverUntil } from './harness/outbox'
import { runSql } from './harness/sql'

const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) })

// The journey of hospitals.test.ts, through the fhir-r4 adapter against Medplum's FHIR server.
describe('a hospital whose HMIS is any FHIR R4 server', () => {
  it('gives specialties, doctors by specialty and name regex, and a doctor with slots', async () => {
    const { access_token: token, client } = await loginByPhone()
    const hospital = hospitalId('sahyadri-fhir')
    const tabs = await expectOk(await client.get(`/v1/hospitals/${hospital}/specialties`, { token }), 200, list(SpecialtySchema))
    expect(tabs.items.map((s) => s.name)).toEqual(
      expect.arrayContaining(['General Medicine', 'Cardiology', 'Paediatrics', 'Critical Care']),
    )
    const cardiology = await expectOk(
      await client.get(`/v1/hospitals/${hospital}/doctors?specialty=cardio`, { token }),
      200,
      list(DoctorSchema),
    )
    expect(cardiology.items.map((d) => d.name)).toEqual(['Dr. Rohan Deshpande'])
    const byName = await expectOk(
      await client.get(`/v1/hospitals/${hospital}/doctors?name=MEERA%7CKavita`, { token }),
      200,
      list(DoctorSchema),
    )
    expect(byName.items.map((d) => d.name).sort()).toEqual(['Dr. Kavita Bhosale', 'Dr. Meera Kulkarni'])

    const doctor = await expectOk(await client.get(`/v1/hospitals/${hospital}/doctors/d-sah-01`, { token }), 200, DoctorSchema)
    expect(doctor).toMatchObject({ name: 'Dr. Meera Kulkarni', fee_inr: 600, experience_years: 14, modes: ['in_person', 'online'] })
    expect(doctor.languages).toEqual(['English', 'Hindi', 'Marathi'])
    const slots = doctor.availability.flatMap((d) => d.slots)
    expect(slots.length).toBeGreaterThan(10)
    for (const slot of slots) expect(slot.start).toMatch(/^\d{4}-\d{2}-\d{2}T(09|1[0-2]):(00|15|30|45):00\+05:30$/)
    for (const day of doctor.availability) for (const slot of day.slots) expect(slot.start.slice(0, 10)).toBe(day.date)
  })

  it('books a free Slot as a FHIR Appointment (once, marking the slot busy) and cancels it', async () => {
    const { access_token: token, client } = await loginByPhone()
    const hospital = hospitalId('sahyadri-fhir')
    await shareWith(client, token, hospital)
    const slot = await openSlot(client, token, hospital, 'd-sah-02')
    const booked = await book(client, token, { hospital_id: hospital, doctor_id: 'd-sah-02', mode: 'online', slot_start: slot.start })
    expect(booked).toMatchObject({ status: 'booked', hmis_appointment_ref: expect.any(String) })
    const found = await fhirSearch(
      `Appointment?identifier=${encodeURIComponent(`https://phr-edge.in/fhir/sid/appointment-id|${booked.id}`)}`,
    )
    expect(found.entry?.map((e) => e.resource.id)).toEqual([booked.hmis_appointment_ref])
    const slotId = (found.entry![0]!.resource.slot[0].reference as string).replace('Slot/', '')
    expect((await fhirSearch(`Slot?_id=${slotId}`)).entry?.[0]?.resource.status).toBe('busy')
    await (await client.post(`/v1/appointments/${booked.id}/cancel`, {}, { token })).body?.cancel()
    expect((await fhirSearch(`Appointment?_id=${booked.hmis_appointment_ref}`)).entry?.[0]?.resource.status).toBe('cancelled')
  })

  it('registers the shared patient as a FHIR Patient (once) with an OPD token as a planned Encounter', async () => {
    const { access_token: token, client, patient } = await loginByPhone()
    await (await client.patch('/v1/me', { name: 'Ira Nair', date_of_birth: '1994-03-08', gender: 'female' }, { token })).body?.cancel()
    const share = await shareWith(client, token, hospitalId('sahyadri-fhir'))
    expect(share.token_number).toMatch(/^OPD-\d{3}$/)
    const again = await expectOk(await client.post(`/v1/hospitals/${hospitalId('sahyadri-fhir')}/share`, {}, { token }), 200, ShareSchema)
    expect(again.token_number).toBe(share.token_number)
    const found = await fhirSearch(`Patient?identifier=${encodeURIComponent(`https://phr-edge.in/fhir/sid/patient-id|${patient.id}`)}`)
    expect(found.entry).toHaveLength(1)
    expect(found.entry![0]!.resource).toMatchObject({
      id: share.hmis_patient_id,
      birthDate: '1994-03-08',
      gender: 'female',
      name: [{ text: 'Ira Nair' }],
    })
    const encounters = await fhirSearch(`Encounter?subject=Patient/${share.hmis_patient_id}`)
    expect(encounters.entry?.map((e) => e.resource.identifier[0].value)).toEqual([share.token_number])
  })

  it('records a revoked share as the patient’s opt-out Consent (once, valid FHIR)', async () => {
    const { access_token: token, client } = await loginByPhone()
    const share = await shareWith(client, token, hospitalId('sahyadri-fhir'))
    expect((await client.delete(`/v1/shares/${share.share_id}`, { token })).status).toBe(204)
    const [revocation] = await runSql<{ id: string }>(sql`select id from share_revocations where share_id = ${share.share_id}`)
    const consents = async () =>
      (await fhirSearch(`Consent?identifier=${encodeURIComponent(`https://phr-edge.in/fhir/sid/share-revocation-id|${revocation!.id}`)}`))
        .entry ?? []
    await deliverUntil([revocation!.id], async () => (await consents()).length > 0)
    const [consent] = await consents()
    expect(consent!.resource).toMatchObject({
      status: 'active',
      patient: { reference: `Patient/${share.hmis_patient_id}` },
      provision: { type: 'deny' },
      extension: [{ valueCode: 'revoked_by_patient' }],
    })
    // A retry of the job finds it rather than making a second one.
    await runSql(sql`update share_revocations set told_at = null where id = ${revocation!.id}`)
    const [job] = await runSql<{ id: string }>(
      sql`update outbox set status = 'pending', next_attempt_at = now() where subject_id = ${revocation!.id} returning id`,
    )
    await deliverOutbox([job!.id])
    expect(await consents()).toHaveLength(1)
  })
})
