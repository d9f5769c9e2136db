import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DoctorSchema, HospitalSchema, ScanResultSchema, ShareSchema, SpecialtySchema } from '../src/features/hospitals/schema'
import { loginByPhone } from './fixtures/auth'
import { hospitalId, photo, scanPhoto, shareWith } from './fixtures/hospitals'
import { expectError, expectOk, failingPaths } from './harness/client'
import { hmisCalls, hmisFault, hmisPatients } from './harness/fakes'
import { expectHiddenFromOthers, expectPatientOnly } from './harness/ownership'
import { deliverUntil } from './harness/outbox'
import { runSql } from './harness/sql'
import { fetchWithSettings } from './harness/worker'
import { createCheck } from './fixtures/symptoms'

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next_cursor: z.string().nullable() })
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) })
const SAHYADRI = 'IN2710000011'

describe('hospitals', () => {
  it('lists the hospitals by name, page by page, and shows one', async () => {
    const { access_token: token, client } = await loginByPhone()
    const first = await expectOk(await client.get('/v1/hospitals?limit=2', { token }), 200, page(HospitalSchema))
    expect(first.items).toHaveLength(2)
    const second = await expectOk(
      await client.get(`/v1/hospitals?limit=2&cursor=${first.next_cursor}`, { token }),
      200,
      page(HospitalSchema),
    )
    const names = [...first.items, ...second.items].map((h) => h.name)
    expect(names).toEqual([...names].sort())
    expect(names).toContain('Sahyadri Hospital, Pune')
    const one = await expectOk(await client.get(`/v1/hospitals/${hospitalId('sahyadri')}`, { token }), 200, HospitalSchema)
    expect(one).toMatchObject({ hfr_id: SAHYADRI, timezone: 'Asia/Kolkata' })
    await expectError(await client.get(`/v1/hospitals/${crypto.randomUUID()}`, { token }), 404, 'not_found')
  })
})

describe('scan', () => {
  it.each([
    [`https://phr-edge.in/share-profile?hip-id=${SAHYADRI}&counter-id=12345`, '12345'],
    [`https://phrsbx.abdm.gov.in/shareprofile?hipid=${SAHYADRI.toLowerCase()}&counterid=C-7`, 'C-7'],
    [`https://phr-edge.in/share-profile?hip-id=${SAHYADRI}`, null],
  ])('reads the facility QR %s', async (qr_payload, counter) => {
    const { access_token: token, client, patient } = await loginByPhone()
    const result = await expectOk(await client.post('/v1/scan', { qr_payload }, { token }), 200, ScanResultSchema)
    expect(result.hospital.id).toBe(hospitalId('sahyadri'))
    expect(result.counter_id).toBe(counter)
    expect(result.profile.id).toBe(patient.id)
  })

  it.each([
    ['not a url', 'invalid_qr'],
    ['https://evil.example/phish?hip-id=IN2710000011', 'invalid_qr'],
    ['https://phr-edge.in/share-profile?hip-id=<script>', 'invalid_qr'],
    ['https://phr-edge.in/share-profile?hip-id=IN9999999999', 'unknown_hospital'],
  ])('refuses %s with 422 %s', async (qr_payload, code) => {
    const { access_token: token, client } = await loginByPhone()
    await expectError(await client.post('/v1/scan', { qr_payload }, { token }), 422, code)
  })

  it('reads the QR in a PNG and in a photo-like JPEG from the gallery', async () => {
    const { access_token: token, client } = await loginByPhone()
    for (const kind of ['png', 'jpeg'] as const) {
      const result = await expectOk(await scanPhoto(client, token, photo(kind)), 200, ScanResultSchema)
      expect(result).toMatchObject({ hospital: { hfr_id: SAHYADRI }, counter_id: '7' })
    }
  })

  it('refuses a photo without a QR, a PDF named .png, too many pixels and too many bytes', async () => {
    const { access_token: token, client } = await loginByPhone()
    await expectError(await scanPhoto(client, token, photo('blank')), 422, 'qr_not_found')
    const pdf = new FormData()
    pdf.append(
      'image',
      new File([new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n')], 'qr.png', { type: 'image/png' }),
    )
    await expectError(await scanPhoto(client, token, pdf), 415, 'unsupported_media_type')
    const huge = await expectError(await scanPhoto(client, token, photo('huge')), 422, 'image_too_large')
    expect(huge.details).toMatchObject({ width: 10000, height: 10000 })
    const big = new FormData()
    big.append('image', new File([new Uint8Array(10 * 1024 * 1024)], 'big.jpg', { type: 'image/jpeg' }))
    await expectError(await scanPhoto(client, token, big), 413, 'payload_too_large')
  })
})

describe('share', () => {
  it('pushes the profile to the HMIS, gives the same token again while it is valid, and revokes', async () => {
    const { access_token: token, client, patient } = await loginByPhone()
    await (await client.patch('/v1/me', { name: 'Asha Verma' }, { token })).body?.cancel()
    const hospital = hospitalId('sahyadri')
    const before = (await hmisCalls())['sahyadri POST /patients'] ?? 0
    const first = await shareWith(client, token, hospital)
    expect(first).toMatchObject({ hospital_id: hospital, status: 'active', token_number: expect.stringMatching(/^OPD-\d+$/) })
    expect(first.token_expires_at).toMatch(/\+05:30$/)
    const again = await expectOk(await client.post(`/v1/hospitals/${hospital}/share`, {}, { token }), 200, ShareSchema)
    expect(again).toEqual(first)
    expect((await hmisCalls())['sahyadri POST /patients']).toBe(before + 1)
    expect((await hmisPatients('sahyadri')).find((p) => p.phr_patient_id === patient.id)).toMatchObject({
      name: 'Asha Verma',
      hmis_patient_id: first.hmis_patient_id,
    })

    const shares = await expectOk(await client.get('/v1/shares', { token }), 200, page(ShareSchema))
    expect(shares.items.map((s) => s.share_id)).toEqual([first.share_id])

    const other = await loginByPhone()
    await expectHiddenFromOthers((t) => other.client.delete(`/v1/shares/${first.share_id}`, { token: t }), other)
    const revoked = await client.delete(`/v1/shares/${first.share_id}`, { token })
    expect(revoked.status).toBe(204)
    const after = await expectOk(await client.get('/v1/shares', { token }), 200, page(ShareSchema))
    expect(after.items[0]).toMatchObject({ share_id: first.share_id, status: 'revoked' })
    const renewed = await shareWith(client, token, hospital)
    expect(renewed.share_id).not.toBe(first.share_id)
  })

  it('tells the hospital that I revoked, through the queue while it is down, once', async () => {
    const { access_token: token, client, patient } = await loginByPhone()
    const share = await shareWith(client, token, hospitalId('faulty'))
    // The faulty hospital is the reference HMIS's Sahyadri on a server kept for fault drills.
    const route = 'sahyadri POST /patients/{id}/share/revoke'
    const before = (await hmisCalls('faulty'))[route] ?? 0
    await hmisFault({ kind: 'status', status: 503, route: 'POST /patients/{id}/share/revoke', hospital: 'sahyadri' }, 1, 'faulty')
    // Revoked here at once, whatever the hospital's state.
    expect((await client.delete(`/v1/shares/${share.share_id}`, { token })).status).toBe(204)
    const after = await expectOk(await client.get('/v1/shares', { token }), 200, page(ShareSchema))
    expect(after.items[0]).toMatchObject({ share_id: share.share_id, status: 'revoked' })
    const revocations = await runSql<{ id: string }>(sql`select id from share_revocations where share_id = ${share.share_id}`)
    expect(revocations).toHaveLength(1)
    const told = async () => (await hmisPatients('sahyadri', 'faulty')).find((p) => p.phr_patient_id === patient.id)?.share === 'revoked'
    await deliverUntil([revocations[0]!.id], told)
    expect(await told()).toBe(true)
    // The first call met the outage; the queue's retry told it.
    expect((await hmisCalls('faulty'))[route]).toBeGreaterThanOrEqual(before + 2)
    const [row] = await runSql<{ told_at: string | null; hmis_patient_id: string | null }>(
      sql`select told_at, hmis_patient_id from share_revocations where id = ${revocations[0]!.id}`,
    )
    expect(row).toMatchObject({ told_at: expect.anything(), hmis_patient_id: null })
    // Revoking again changes nothing and tells nobody again.
    expect((await client.delete(`/v1/shares/${share.share_id}`, { token })).status).toBe(204)
    expect(await runSql(sql`select id from share_revocations where share_id = ${share.share_id}`)).toHaveLength(1)
    expect((await hmisPatients('sahyadri', 'faulty')).find((p) => p.phr_patient_id === patient.id)?.revocations).toEqual([
      revocations[0]!.id,
    ])
  })

  it('is for the token holder only', async () => {
    const owner = await loginByPhone()
    await expectPatientOnly((t) => owner.client.get('/v1/shares', { token: t }), owner)
  })

  it('answers 504 when the HMIS is too slow, 503 when it is down, and records nothing', async () => {
    const { access_token: token, client } = await loginByPhone()
    const hospital = hospitalId('amrita')
    await hmisFault({ kind: 'slow', ms: 1500, hospital: 'amrita' })
    const slow = await fetchWithSettings({ HMIS_WRITE_TIMEOUT_MS: '300' }, `/v1/hospitals/${hospital}/share`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    })
    await expectError(slow, 504, 'upstream_timeout')
    await hmisFault({ kind: 'drop', hospital: 'amrita' }, 2)
    await expectError(await client.post(`/v1/hospitals/${hospital}/share`, {}, { token }), 503, 'upstream_unavailable')
    const shares = await expectOk(await client.get('/v1/shares', { token }), 200, page(ShareSchema))
    expect(shares.items).toEqual([])
  })
})

describe('doctors', () => {
  it('lists specialties as tabs, and doctors by specialty and by name, case-insensitively', async () => {
    const { access_token: token, client } = await loginByPhone()
    const hospital = hospitalId('sahyadri')
    const tabs = await expectOk(await client.get(`/v1/hospitals/${hospital}/specialties`, { token }), 200, list(SpecialtySchema))
    expect(tabs.items.map((s) => s.name)).toEqual(
      expect.arrayContaining(['General Medicine', 'Critical Care', 'Cardiology', 'Paediatrics']),
    )
    const cardiology = await expectOk(
      await client.get(`/v1/hospitals/${hospital}/doctors?specialty=CARDIO`, { token }),
      200,
      list(DoctorSchema),
    )
    expect(cardiology.items.map((d) => d.name)).toEqual(['Dr. Rohan Deshpande'])
    const byName = await expectOk(
      await client.get(`/v1/hospitals/${hospital}/doctors?name=${encodeURIComponent('^dr\\. (MEERA|kavita)')}`, { token }),
      200,
      list(DoctorSchema),
    )
    expect(byName.items.map((d) => d.name).sort()).toEqual(['Dr. Kavita Bhosale', 'Dr. Meera Kulkarni'])
    expect(byName.items[0]).toMatchObject({
      hospital_id: hospital,
      timezone: 'Asia/Kolkata',
      education: expect.any(Array),
      languages: expect.any(Array),
    })
  })

  it('refuses an evil or broken pattern with 400 before the HMIS sees it', async () => {
    const { access_token: token, client } = await loginByPhone()
    const before = await hmisCalls()
    for (const [query, field] of [
      ['name=(a%2B)%2B%24', 'name'],
      ['specialty=(a%7Caa)%2B', 'specialty'],
      ['name=(%3F%3Dx)', 'name'],
      [`name=${'a'.repeat(81)}`, 'name'],
      ['name=(', 'name'],
    ]) {
      const error = await expectError(
        await client.get(`/v1/hospitals/${hospitalId('sahyadri')}/doctors?${query}`, { token }),
        400,
        'validation_failed',
      )
      expect(failingPaths(error)).toEqual([field])
    }
    expect(await hmisCalls()).toEqual(before)
  })

  it("shows a doctor's education, fee, modes and open slots in the hospital's zone", async () => {
    const { access_token: token, client } = await loginByPhone()
    const doctor = await expectOk(
      await client.get(`/v1/hospitals/${hospitalId('sahyadri')}/doctors/d-sah-01`, { token }),
      200,
      DoctorSchema,
    )
    expect(doctor).toMatchObject({ name: 'Dr. Meera Kulkarni', fee_inr: 600, modes: ['in_person', 'online'], experience_years: 14 })
    expect(doctor.education.map((e) => e.degree)).toContain('MD (General Medicine)')
    const slots = doctor.availability.flatMap((d) => d.slots)
    expect(slots.length).toBeGreaterThan(10)
    for (const slot of slots) expect(slot.start).toMatch(/T\d{2}:\d{2}:00\+05:30$/)
    expect(slots.every((s) => Date.parse(s.start) > Date.now())).toBe(true)

    const dubai = await expectOk(
      await client.get(`/v1/hospitals/${hospitalId('apollo-dubai')}/doctors/d-apo-01`, { token }),
      200,
      DoctorSchema,
    )
    // Its schedule is 07:30–11:30 in Dubai: slots come out in the hospital's own zone.
    for (const slot of dubai.availability.flatMap((d) => d.slots)) expect(slot.start).toMatch(/T(0[7-9]|1[01]):\d{2}:00\+04:00$/)

    // Twice: the first answer ("no such doctor") must not be kept in the edge cache as an empty body (that was a 500).
    for (let i = 0; i < 2; i++) {
      await expectError(await client.get(`/v1/hospitals/${hospitalId('sahyadri')}/doctors/d-nobody`, { token }), 404, 'not_found')
    }
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)
    const doctorAt = (query: string) => client.get(`/v1/hospitals/${hospitalId('sahyadri')}/doctors/d-sah-01?${query}`, { token })
    await expectError(await doctorAt(`from=${day(10)}&to=${day(2)}`), 400, 'validation_failed')
    // Dates the calendar cannot step past, and the distant past or future, are refused, on either adapter.
    for (const hospital of ['sahyadri', 'sahyadri-fhir']) {
      for (const query of ['from=9999-12-25&to=9999-12-31', `from=${day(-30)}`, `to=${day(400)}`]) {
        const refused = await expectError(
          await client.get(`/v1/hospitals/${hospitalId(hospital)}/doctors/d-sah-01?${query}`, { token }),
          400,
          'validation_failed',
        )
        expect(failingPaths(refused)).toEqual([query.startsWith('to') ? 'to' : 'from'])
      }
      await expectError(
        await client.get(`/v1/hospitals/${hospitalId(hospital)}/doctors?date=9999-12-31`, { token }),
        400,
        'validation_failed',
      )
    }
  })

  it('answers 502 for a malformed or oversized HMIS answer and 503 when the HMIS is down; serves repeated reads from the edge cache', async () => {
    const { access_token: token, client } = await loginByPhone()
    const url = (name: string) => `/v1/hospitals/${hospitalId('amrita')}/doctors?name=${name}`
    await hmisFault({ kind: 'malformed', hospital: 'amrita' })
    await expectError(await client.get(url(`malformed${Date.now()}`), { token }), 502, 'upstream_error')
    await hmisFault({ kind: 'drop', hospital: 'amrita' }, 2)
    await expectError(await client.get(url(`down${Date.now()}`), { token }), 503, 'upstream_unavailable')
    // An answer of 64 MB (valid JSON) is cut off at UPSTREAM_MAX_BYTES, not read into the isolate.
    await hmisFault({ kind: 'huge', bytes: 64 * 1024 * 1024, hospital: 'amrita' })
    const huge = await expectError(await client.get(url(`huge${Date.now()}`), { token }), 502, 'upstream_error')
    expect(huge.message).toMatch(/more than 8192 KB/)

    // The copy is written to the cache after the first answer (waitUntil): the next reads come
    // from it once it landed, and then never reach the HMIS again.
    const name = `arun|x${Date.now()}`
    const before = (await hmisCalls())['amrita GET /doctors'] ?? 0
    await expectOk(await client.get(url(name), { token }), 200, list(DoctorSchema))
    let calls = (await hmisCalls())['amrita GET /doctors']!
    for (let tries = 0; tries < 20; tries++) {
      const cached = await expectOk(await client.get(url(name), { token }), 200, list(DoctorSchema))
      expect(cached.items.map((d) => d.name)).toEqual(['Dr. Arun Menon'])
      const now = (await hmisCalls())['amrita GET /doctors']!
      if (now === calls) break
      calls = now
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(calls - before).toBeLessThanOrEqual(3)
    for (let i = 0; i < 3; i++) await expectOk(await client.get(url(name), { token }), 200, list(DoctorSchema))
    expect((await hmisCalls())['amrita GET /doctors']).toBe(calls)
  })

  it("answers from the hospital's row as it is now, though this isolate read it before: moved, the new HMIS is asked; deactivated, 404", async () => {
    const { access_token: token, client } = await loginByPhone()
    // A hospital of its own (Sahyadri's row again), so that moving it touches no other test.
    const moving = crypto.randomUUID()
    await runSql(sql`insert into hospitals (id, hfr_id, name, address, timezone, adapter, hmis_base_url, hmis_timeout_ms, credentials_sealed)
      select ${moving}, ${`IN27${String(Date.now()).slice(-8)}`}, name || ' (moving)', address, timezone, adapter, hmis_base_url,
             hmis_timeout_ms, credentials_sealed from hospitals where id = ${hospitalId('sahyadri')}`)
    const search = (tag: string) =>
      client.get(`/v1/hospitals/${moving}/doctors?name=${encodeURIComponent(`deshpande|${tag}${Date.now()}`)}`, { token })
    const first = await expectOk(await search('before'), 200, list(DoctorSchema))
    expect(first.items.map((d) => [d.name, d.hospital_id])).toEqual([['Dr. Rohan Deshpande', moving]])
    const doctor = `/v1/hospitals/${moving}/doctors/${first.items[0]!.id}`
    await expectOk(await client.get(doctor, { token }), 200, DoctorSchema)

    // Its HMIS moves to an address where nothing answers: the next search (not in any cache) goes
    // there and says so, though the last row this isolate read pointed at an HMIS that answers.
    await runSql(sql`update hospitals set hmis_base_url = 'http://127.0.0.1:9/hmis' where id = ${moving}`)
    await expectError(await search('moved'), 503, 'upstream_unavailable')
    await runSql(
      sql`update hospitals set hmis_base_url = (select hmis_base_url from hospitals where id = ${hospitalId('sahyadri')}) where id = ${moving}`,
    )
    expect((await expectOk(await search('back'), 200, list(DoctorSchema))).items.map((d) => d.name)).toEqual(['Dr. Rohan Deshpande'])

    // Deactivated: gone at once, from every read of its HMIS, cached or not.
    await runSql(sql`update hospitals set active = false where id = ${moving}`)
    await expectError(await search('gone'), 404, 'not_found')
    await expectError(await client.get(doctor, { token }), 404, 'not_found')
    await expectError(await client.get(`/v1/hospitals/${moving}/specialties`, { token }), 404, 'not_found')
  })
})

describe('doctors across my hospitals', () => {
  const Across = z.object({
    items: z.array(DoctorSchema.extend({ hospital_name: z.string() })),
    hospitals: z.array(z.object({ hospital_id: z.string(), name: z.string(), status: z.string(), doctors: z.number() })),
    partial: z.boolean(),
  })

  it('symptoms first: the triage suggests a specialty whose link lists its doctors at every hospital I share with; a slow one is named, not waited for', async () => {
    const { client, access_token: token } = await loginByPhone()
    for (const key of ['sahyadri', 'amrita', 'faulty']) await shareWith(client, token, hospitalId(key))
    const check = await createCheck(client, token, { symptom_codes: ['palpitations'] })
    expect(check.triage.suggested_specialties.map((s) => s.code)).toEqual(['cardiology', 'general_medicine'])
    const inHindi = (await (await client.get(`/v1/symptom-checks/${check.id}?lang=hi`, { token })).json()) as {
      triage: { suggested_specialties: { name: string }[] }
    }
    expect(inHindi.triage.suggested_specialties[0]!.name).toBe('हृदय रोग')

    // The fault-drill hospital takes longer than the budget: the answer does not wait for it.
    await hmisFault({ kind: 'slow', ms: 4_000, route: 'GET /doctors' }, 1, 'faulty')
    const across = await expectOk(await client.get(check.triage.suggested_specialties[0]!.doctors_path, { token }), 200, Across)
    expect(across.partial).toBe(true)
    const byKey = Object.fromEntries(across.hospitals.map((h) => [h.hospital_id, h.status]))
    expect(byKey).toEqual({ [hospitalId('faulty')]: 'timed_out', [hospitalId('sahyadri')]: 'answered', [hospitalId('amrita')]: 'answered' })
    expect(across.items.length).toBeGreaterThan(0)
    for (const doctor of across.items) expect(doctor.specialties.map((s) => `${s.code} ${s.name}`).join(' ')).toMatch(/cardio/i)
    expect(new Set(across.items.map((d) => d.hospital_id))).not.toContain(hospitalId('faulty'))
    expect(across.items.find((d) => d.hospital_id === hospitalId('sahyadri'))?.hospital_name).toMatch(/Sahyadri/)

    expect(failingPaths(await expectError(await client.get('/v1/doctors?name=(a%2B)%2B', { token }), 400, 'validation_failed'))).toEqual([
      'name',
    ])
    // A share revoked since this isolate last listed the patient's hospitals: its doctors are gone
    // from the next answer, and it is not named among the hospitals asked.
    const shares = await expectOk(await client.get('/v1/shares', { token }), 200, page(ShareSchema))
    const amrita = shares.items.find((s) => s.hospital_id === hospitalId('amrita'))!
    expect((await client.delete(`/v1/shares/${amrita.share_id}`, { token })).status).toBe(204)
    const after = await expectOk(await client.get(`/v1/doctors?name=${encodeURIComponent(`.|x${Date.now()}`)}`, { token }), 200, Across)
    expect(after.hospitals.map((h) => h.hospital_id).sort()).toEqual([hospitalId('faulty'), hospitalId('sahyadri')].sort())
    expect(after.items.length).toBeGreaterThan(0)
    expect(new Set(after.items.map((d) => d.hospital_id))).not.toContain(hospitalId('amrita'))

    const alone = await loginByPhone()
    expect(await expectOk(await alone.client.get('/v1/doctors?specialty=cardio', { token: alone.access_token }), 200, Across)).toEqual({
      items: [],
      hospitals: [],
      partial: false,
    })
  })
})
