import { env } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { HomeSchema, PatientSchema } from '../src/features/profile/schema'
import { loginByPhone } from './fixtures/auth'
import { jpegImage, pdfDocument, pngImage } from './fixtures/documents'
import { expectError, failingPaths, type Client } from './harness/client'
import { runSql } from './harness/sql'

describe('GET/PATCH /v1/me', () => {
  it('updates only the fields sent, normalises them, and null clears a field', async () => {
    const { access_token: token, client, patient } = await loginByPhone()
    const response = await client.patch(
      '/v1/me',
      {
        name: 'Anjali Deshmukh',
        gender: 'female',
        date_of_birth: '1992-07-15',
        blood_group: 'B+',
        email: 'Anjali@Example.IN',
        abha_number: '91 2345 6789 0123',
        address: { line1: '7 Shivaji Nagar', city: 'Pune', state: 'Maharashtra', pincode: '411005' },
        emergency_contact: { name: 'Rahul', phone: '098220 12345', relationship: 'brother' },
        timezone: 'asia/kolkata',
      },
      { token },
    )
    const updated = PatientSchema.parse(await response.json())
    expect(response.status).toBe(200)
    expect(updated).toMatchObject({
      id: patient.id,
      email: 'anjali@example.in',
      abha_number: '91-2345-6789-0123',
      emergency_contact: { phone: '+919822012345' },
      address: { country: 'IN' },
      timezone: 'Asia/Kolkata',
      phone: patient.phone,
    })

    const cleared = PatientSchema.parse(await (await client.patch('/v1/me', { email: null }, { token })).json())
    expect(cleared.email).toBeNull()
    expect(cleared.name).toBe('Anjali Deshmukh')
    expect(PatientSchema.parse(await (await client.get('/v1/me', { token })).json())).toEqual(cleared)
  })

  it.each([
    [{ name: 'R2-D2' }, 'name'],
    [{ date_of_birth: '2999-01-01' }, 'date_of_birth'],
    [{ date_of_birth: '1992-02-30' }, 'date_of_birth'],
    [{ blood_group: 'C+' }, 'blood_group'],
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ timezone: '+05:30' }, 'timezone'],
    [{ timezone: '-23:59' }, 'timezone'],
    [{ timezone: 'posixrules' }, 'timezone'],
    [{ email: 'Asha <asha@example.in>' }, 'email'],
    [{ email: 'asha@example.in/evil' }, 'email'],
    [{ address: { line1: 'Flat 4\u0000B' } }, 'address.line1'],
    [{ emergency_contact: { name: 'Rahul \ud800', phone: '9822012345' } }, 'emergency_contact.name'],
    [{ phone: '12345' }, 'phone'],
    [{ address: { line1: 'x', pincode: '012345' } }, 'address.pincode'],
    [{ photo: 'http://insecure.example/p.png' }, 'photo'],
    [{ favourite_colour: 'blue' }, ''],
  ])('%j → 400 naming %s', async (body, path) => {
    const { access_token: token, client } = await loginByPhone()
    const error = await expectError(await client.patch('/v1/me', body, { token }), 400, 'validation_failed')
    expect(failingPaths(error)).toContain(path)
  })

  it('a patient only ever sees and changes their own profile', async () => {
    const alice = await loginByPhone()
    const bob = await loginByPhone()
    const response = await bob.client.patch('/v1/me', { name: 'Bob' }, { token: bob.access_token })
    await response.body?.cancel()
    const aliceMe = PatientSchema.parse(await (await alice.client.get('/v1/me', { token: alice.access_token })).json())
    expect(aliceMe.id).toBe(alice.patient.id)
    expect(aliceMe.name).toBeNull()
  })
})

describe('time zones and emails are stored in one spelling', () => {
  it.each([
    ['Etc/UTC', 'Etc/UTC'],
    ['etc/utc', 'Etc/UTC'],
    ['US/Pacific', 'US/Pacific'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['America/New_York', 'America/New_York'],
  ])('timezone %s is kept as %s', async (given, stored) => {
    const { access_token: token, client } = await loginByPhone()
    const body = PatientSchema.parse(await (await client.patch('/v1/me', { timezone: given }, { token })).json())
    expect(body.timezone).toBe(stored)
  })

  it.each([
    ['Asha@Example.IN.', 'asha@example.in'],
    ['asha@bücher.in', 'asha@xn--bcher-kva.in'],
    ['asha@XN--BCHER-KVA.IN', 'asha@xn--bcher-kva.in'],
  ])('email %s is kept as %s', async (given, stored) => {
    const { access_token: token, client } = await loginByPhone()
    const body = PatientSchema.parse(await (await client.patch('/v1/me', { email: given }, { token })).json())
    expect(body.email).toBe(stored)
  })
})

describe('GET /v1/home', () => {
  it('shows the name, the details card with age, and the counters', async () => {
    const { access_token: token, client } = await loginByPhone()
    const tenYearsAgo = new Date()
    tenYearsAgo.setUTCFullYear(tenYearsAgo.getUTCFullYear() - 10)
    tenYearsAgo.setUTCDate(tenYearsAgo.getUTCDate() - 2)
    const patch = await client.patch('/v1/me', { name: 'Ira Nair', date_of_birth: tenYearsAgo.toISOString().slice(0, 10) }, { token })
    await patch.body?.cancel()
    const home = HomeSchema.parse(await (await client.get('/v1/home', { token })).json())
    expect(home.patient).toMatchObject({ name: 'Ira Nair', age: 10, timezone: 'Asia/Kolkata' })
    expect(home.unread_notifications).toBe(0)
    expect(home.next_appointment).toBeNull()
  })
})

describe('profile photo', () => {
  const bucket = (env as unknown as { RECORDS: R2Bucket }).RECORDS
  const put = (client: Client, token: string, bytes: Uint8Array, type = 'image/png') =>
    client.call('PUT', '/v1/me/photo', { token, headers: { 'content-type': type }, body: bytes })

  it('takes a png or jpg by its bytes, serves it back, replaces and removes it, leaving no file behind', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    await expectError(await client.get('/v1/me/photo', { token }), 404, 'not_found')
    const png = pngImage(320, 320)
    const set = PatientSchema.parse(await (await put(client, token, png)).json())
    expect(set.photo).toMatch(/\/v1\/me\/photo\?v=[0-9a-f]{12}$/)
    const served = await client.get('/v1/me/photo', { token })
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png)
    const [first] = await runSql<{ key: string }>(sql`select photo_key as key from patients where id = ${patient.id}`)
    expect(await bucket.head(first!.key)).not.toBeNull()

    // A new one replaces it: a new URL (the profile's ETag changes with it), and the old file is gone.
    const jpeg = jpegImage(640, 480)
    const replaced = PatientSchema.parse(await (await put(client, token, jpeg, 'image/jpeg')).json())
    expect(replaced.photo).not.toBe(set.photo)
    expect((await client.get('/v1/me/photo', { token })).headers.get('content-type')).toBe('image/jpeg')
    expect(await bucket.head(first!.key)).toBeNull()

    // Not a photo, too large, too many pixels, damaged.
    await expectError(await put(client, token, pdfDocument(), 'image/png'), 415, 'unsupported_media_type')
    await expectError(await put(client, token, new Uint8Array(3 * 1024 * 1024)), 413, 'payload_too_large')
    await expectError(await put(client, token, pngImage(20_000, 20_000)), 422, 'image_too_large')
    await expectError(await put(client, token, png.slice(0, 40)), 422, 'unprocessable')
    expect((await client.get('/v1/me/photo', { token })).headers.get('content-type')).toBe('image/jpeg')

    const [second] = await runSql<{ key: string }>(sql`select photo_key as key from patients where id = ${patient.id}`)
    expect((await client.delete('/v1/me/photo', { token })).status).toBe(204)
    await expectError(await client.get('/v1/me/photo', { token }), 404, 'not_found')
    expect(await bucket.head(second!.key)).toBeNull()
    expect(PatientSchema.parse(await (await client.get('/v1/me', { token })).json()).photo).toBeNull()
  })
})

describe('health profile and medical ID', () => {
  it('keeps allergies, conditions and family history on the profile, and shows the lock-screen card with today’s medicines', async () => {
    const { client, access_token: token } = await loginByPhone()
    const health = {
      name: 'Asha Verma',
      date_of_birth: '1990-04-12',
      blood_group: 'B+',
      emergency_contact: { name: 'Rahul Verma', phone: '098220 12345', relationship: 'brother' },
      allergies: [{ substance: 'Penicillin', reaction: 'Hives', severity: 'severe' }, { substance: 'Peanuts' }],
      conditions: [{ name: 'Type 2 diabetes', since: '2019-06-01' }],
      family_history: [{ relation: 'father', condition: 'Heart attack at 52' }],
    }
    const patched = PatientSchema.parse(await (await client.patch('/v1/me', health, { token })).json())
    expect(patched).toMatchObject({ allergies: health.allergies, conditions: health.conditions, family_history: health.family_history })
    await expectError(
      await client.patch('/v1/me', { allergies: [{ substance: 'Dust', severity: 'deadly' }] }, { token }),
      400,
      'validation_failed',
    )
    await expectError(
      await client.patch('/v1/me', { conditions: Array.from({ length: 31 }, (_, i) => ({ name: `c${i}` })) }, { token }),
      400,
      'validation_failed',
    )
    await expectError(
      await client.patch('/v1/me', { family_history: [{ relation: 'neighbour', condition: 'x' }] }, { token }),
      400,
      'validation_failed',
    )

    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
    const medicine = (name: string, start: string, end: string | null) =>
      client.post('/v1/medications', { name, dosage: '1 tablet', timings: ['after_dinner'], start_date: start, end_date: end }, { token })
    expect((await medicine('Metformin 500 mg', day(-30), null)).status).toBe(201)
    expect((await medicine('Amoxicillin 500 mg', day(-20), day(-10))).status).toBe(201)
    expect((await medicine('Vitamin D3', day(10), null)).status).toBe(201)

    const card = (await (await client.get('/v1/me/medical-id', { token })).json()) as Record<string, unknown>
    expect(card).toMatchObject({
      name: 'Asha Verma',
      blood_group: 'B+',
      date_of_birth: '1990-04-12',
      allergies: health.allergies,
      conditions: health.conditions,
      medicines: [{ name: 'Metformin 500 mg', dosage: '1 tablet' }],
      emergency_contact: { name: 'Rahul Verma', phone: '+919822012345', relationship: 'brother' },
    })
    expect(card.age).toBeGreaterThanOrEqual(36)
    // A symptom check starts with them, as text the patient may still edit, and the hospital gets it with the check.
    const check = (await (await client.post('/v1/symptom-checks', { symptom_codes: ['fever'] }, { token })).json()) as Record<
      string,
      unknown
    >
    expect(check).toMatchObject({ allergies: 'Penicillin (Hives), severe; Peanuts', family_history: 'father: Heart attack at 52' })
    // Cleared lists stay lists.
    const cleared = PatientSchema.parse(await (await client.patch('/v1/me', { allergies: [] }, { token })).json())
    expect(cleared.allergies).toEqual([])
  })
})
