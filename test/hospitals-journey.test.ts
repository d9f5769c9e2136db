import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DoctorSchema, ScanResultSchema, ShareSchema, SpecialtySchema } from '../src/features/hospitals/schema'
import { loginByPhone } from './fixtures/auth'
import { hospitalId, photo, scanPhoto } from './fixtures/hospitals'
import { expectOk } from './harness/client'

const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) })

// The patient's way through a hospital, over HTTP, once per adapter: the reference HMIS (our REST
// contract) and Medplum's FHIR R4 server, with the same doctors.
describe.each([
  ['the REST contract (reference HMIS)', 'sahyadri', 'IN2710000011'],
  ['FHIR R4 (Medplum)', 'sahyadri-fhir', 'IN2710000099'],
])('journey through %s', (_name, key, hfrId) => {
  it('login → scan (payload, then photo) → share (same token again) → specialties → doctors by tab and name → doctor with slots', async () => {
    const { access_token: token, client, patient } = await loginByPhone()
    const byText = await expectOk(
      await client.post('/v1/scan', { qr_payload: `https://phr-edge.in/share-profile?hip-id=${hfrId}&counter-id=7` }, { token }),
      200,
      ScanResultSchema,
    )
    const byPhoto = await expectOk(await scanPhoto(client, token, photo('jpeg', hfrId)), 200, ScanResultSchema)
    expect(byPhoto).toEqual(byText)
    expect(byText).toMatchObject({ hospital: { id: hospitalId(key), hfr_id: hfrId }, counter_id: '7', profile: { id: patient.id } })

    const hospital = byText.hospital.id
    const share = await expectOk(await client.post(`/v1/hospitals/${hospital}/share`, { counter_id: '7' }, { token }), 201, ShareSchema)
    const again = await expectOk(await client.post(`/v1/hospitals/${hospital}/share`, { counter_id: '7' }, { token }), 200, ShareSchema)
    expect(again.token_number).toBe(share.token_number)

    const tabs = await expectOk(await client.get(`/v1/hospitals/${hospital}/specialties`, { token }), 200, list(SpecialtySchema))
    const general = tabs.items.find((s) => s.name === 'General Medicine')!
    const tab = await expectOk(
      await client.get(`/v1/hospitals/${hospital}/doctors?specialty=${general.code}`, { token }),
      200,
      list(DoctorSchema),
    )
    expect(tab.items.map((d) => d.name).sort()).toEqual(['Dr. Kavita Bhosale', 'Dr. Meera Kulkarni'])
    const named = await expectOk(
      await client.get(`/v1/hospitals/${hospital}/doctors?name=${encodeURIComponent('kulkarni$')}`, { token }),
      200,
      list(DoctorSchema),
    )
    expect(named.items.map((d) => d.id)).toEqual(['d-sah-01'])

    const doctor = await expectOk(await client.get(`/v1/hospitals/${hospital}/doctors/d-sah-01`, { token }), 200, DoctorSchema)
    expect(doctor).toMatchObject({ name: 'Dr. Meera Kulkarni', fee_inr: 600, modes: ['in_person', 'online'] })
    expect(doctor.education.length).toBeGreaterThan(0)
    expect(doctor.availability.flatMap((d) => d.slots).length).toBeGreaterThan(10)
  })
})
