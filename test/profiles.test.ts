import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppointmentSchema } from '../src/features/appointments/schema'
import { MedicationSchema } from '../src/features/medicines/schema'
import { NotificationSchema } from '../src/features/notifications/schema'
import {
  ActivityListSchema,
  ManagementListSchema,
  ManagementSchema,
  ProfileListSchema,
  ProfileSchema,
  SwitchSchema,
} from '../src/features/profiles/schema'
import worker from '../src/index'
import { openSlot } from './fixtures/appointments'
import { loginByPhone, randomPhone } from './fixtures/auth'
import { hospitalId, shareWith } from './fixtures/hospitals'
import { createCheck } from './fixtures/symptoms'
import { expectError, expectOk, newClient, type Client } from './harness/client'
import { sentEmails, sentSms } from './harness/fakes'
import { deliverOutbox, deliverUntil } from './harness/outbox'
import { runSql } from './harness/sql'

async function cronAt(at: string, cron: string) {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ cron, scheduledTime: Date.parse(at) }), env, ctx)
  await waitOnExecutionContext(ctx)
}

async function adult(name: string, phone = randomPhone(), client: Client = newClient()) {
  const login = await loginByPhone(client, phone)
  const token = login.access_token
  await expectOk(await client.patch('/v1/me', { name }, { token }), 200, z.object({ id: z.string() }))
  return { client, token, phone, id: login.patient.id, refresh: login.refresh_token }
}

const isoDate = (yearsAgo: number, days = 0) => {
  const d = new Date()
  d.setUTCFullYear(d.getUTCFullYear() - yearsAgo)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

async function addChild(client: Client, token: string, name = 'Aarav Verma', dateOfBirth = isoDate(9)) {
  return expectOk(
    await client.post(
      '/v1/profiles',
      { name, date_of_birth: dateOfBirth, gender: 'male', relationship: 'child', guardian_declaration: true },
      { token },
    ),
    201,
    ProfileSchema,
  )
}

async function switchTo(client: Client, token: string, profileId: string) {
  return expectOk(await client.post(`/v1/profiles/${profileId}/switch`, undefined, { token }), 200, SwitchSchema)
}

describe('families on one phone', () => {
  it('a mother adds her son and her father (who accepts), acts for each, the father’s dose reaches both, and his ending of it stops her token at once', async () => {
    const mother = await adult('Asha Verma')
    const son = await addChild(mother.client, mother.token)
    expect(son).toMatchObject({ kind: 'dependant', relationship: 'child', is_minor: true, current: false })
    expect(son.scopes).toEqual(['appointments', 'medicines', 'records', 'vitals', 'profile'])
    const [declared] = await runSql<{ guardian_declared_at: Date | null; manager_id: string }>(
      sql`select guardian_declared_at, manager_id from profile_managers where patient_id = ${son.id}`,
    )
    expect(declared!.manager_id).toBe(mother.id)
    expect(declared!.guardian_declared_at).not.toBeNull()

    // The father: invited to his own phone; he logs in with it and accepts, narrowed to medicines.
    const fatherPhone = randomPhone()
    const invitation = await expectOk(
      await mother.client.post(
        '/v1/profiles/invitations',
        { phone: fatherPhone, relationship: 'parent', scopes: ['medicines', 'appointments'] },
        { token: mother.token },
      ),
      201,
      ManagementSchema,
    )
    expect(invitation).toMatchObject({ status: 'invited', profile: null, invited: `+91 ******${fatherPhone.slice(-4)}` })
    // It reaches his phone by SMS (an outbox job): who asks, for what.
    const invitationSms = async () => (await sentSms(fatherPhone)).filter((m) => m.variables?.inviter)
    await deliverUntil([invitation.id], async () => (await invitationSms()).length > 0)
    expect((await invitationSms()).map((m) => m.variables)).toEqual([
      expect.objectContaining({ inviter: 'Asha Verma', scopes: 'medicines, appointments' }),
    ])
    await expectError(
      await mother.client.post(
        '/v1/profiles/invitations',
        { phone: fatherPhone, relationship: 'parent', scopes: ['medicines'] },
        { token: mother.token },
      ),
      409,
      'conflict',
    )
    // Someone else cannot accept it.
    const stranger = await adult('Stranger')
    await expectError(
      await stranger.client.post(`/v1/profiles/invitations/${invitation.id}/accept`, undefined, { token: stranger.token }),
      404,
      'not_found',
    )
    const father = await adult('Ramesh Verma', fatherPhone)
    const incoming = await expectOk(await father.client.get('/v1/profiles/invitations', { token: father.token }), 200, ManagementListSchema)
    expect(incoming.items.map((i) => [i.id, i.manager.name])).toEqual([[invitation.id, 'Asha Verma']])
    const accepted = await expectOk(
      await father.client.post(
        `/v1/profiles/invitations/${invitation.id}/accept`,
        { scopes: ['medicines', 'records'] },
        { token: father.token },
      ),
      200,
      ManagementSchema,
    )
    // Narrowed, never widened: records was not asked.
    expect(accepted).toMatchObject({ status: 'active', scopes: ['medicines'], profile: { id: father.id, name: 'Ramesh Verma' } })

    const profiles = await expectOk(await mother.client.get('/v1/profiles', { token: mother.token }), 200, ProfileListSchema)
    expect(profiles.items.map((p) => [p.name, p.kind, p.current])).toEqual([
      ['Asha Verma', 'self', true],
      ['Aarav Verma', 'dependant', false],
      ['Ramesh Verma', 'invited', false],
    ])

    // As the son: a paediatric appointment and his symptom check, all his.
    const asSon = await switchTo(mother.client, mother.token, son.id)
    expect(asSon.profile).toMatchObject({ id: son.id, current: true })
    const me = await expectOk(
      await mother.client.get('/v1/me', { token: asSon.access_token }),
      200,
      z.object({ id: z.string(), name: z.string() }),
    )
    expect(me).toMatchObject({ id: son.id, name: 'Aarav Verma' })
    const hospital = hospitalId('sahyadri')
    await shareWith(mother.client, asSon.access_token, hospital)
    const slot = await openSlot(mother.client, asSon.access_token, hospital, 'd-sah-03', 'in_person')
    const booked = await expectOk(
      await mother.client.post(
        '/v1/appointments',
        { hospital_id: hospital, doctor_id: 'd-sah-03', mode: 'in_person', slot_start: slot.start },
        { token: asSon.access_token },
      ),
      201,
      AppointmentSchema,
    )
    expect(booked.doctor_name).toBe('Dr. Anjali Patwardhan')
    const check = await createCheck(mother.client, asSon.access_token, { symptom_codes: ['fever'] })
    const [owners] = await runSql<{ appointment: string; check: string }>(
      sql`select (select patient_id from appointments where id = ${booked.id})::text as appointment,
                 (select patient_id from symptom_checks where id = ${check.id})::text as check`,
    )
    expect(owners).toEqual({ appointment: son.id, check: son.id })
    // The mother's own lists do not show them.
    const mine = (await (await mother.client.get('/v1/appointments', { token: mother.token })).json()) as { items: unknown[] }
    expect(mine.items).toHaveLength(0)

    // As the father: his medicines, not his records.
    const asFather = await switchTo(mother.client, mother.token, father.id)
    await expectOk(
      await mother.client.put('/v1/me/routine', { timezone: 'Asia/Kolkata', breakfast_at: '08:00' }, { token: asFather.access_token }),
      200,
      z.object({}).passthrough(),
    )
    const medicine = await expectOk(
      await mother.client.post(
        '/v1/medications',
        { name: 'Amlodipine 5 mg', dosage: '1 tablet', timings: ['after_breakfast'], start_date: '2031-03-01', end_date: '2031-03-31' },
        { token: asFather.access_token },
      ),
      201,
      MedicationSchema,
    )
    const denied = await expectError(await mother.client.get('/v1/records', { token: asFather.access_token }), 403, 'profile_access_denied')
    expect(denied.details).toMatchObject({ needs: 'records', scopes: ['medicines'] })
    await expectError(await mother.client.delete('/v1/me', { token: asFather.access_token }), 403, 'profile_access_denied')
    await expectError(await mother.client.get('/v1/home', { token: asFather.access_token }), 403, 'profile_access_denied')

    // His due dose: in his inbox, and in hers named with his name.
    await cronAt('2031-03-01T03:00:00Z', '* * * * *') // 08:30 IST
    const his = await expectOk(
      await father.client.get('/v1/notifications', { token: father.token }),
      200,
      z.object({ items: z.array(NotificationSchema) }),
    )
    const hisDose = his.items.find((n) => n.type === 'medication_due')
    expect(hisDose).toMatchObject({ title: 'Time for Amlodipine 5 mg', profile_id: null })
    const hers = await expectOk(
      await mother.client.get('/v1/notifications', { token: mother.token }),
      200,
      z.object({ items: z.array(NotificationSchema) }),
    )
    const herCopy = hers.items.find((n) => n.type === 'medication_due')
    expect(herCopy).toMatchObject({ title: 'Ramesh Verma: Time for Amlodipine 5 mg', profile_id: father.id, link: hisDose!.link })

    // His history shows what she wrote for him, and who she is.
    const activity = await expectOk(await father.client.get('/v1/profiles/activity', { token: father.token }), 200, ActivityListSchema)
    expect(activity.items.map((a) => [a.operation, a.actor.name, a.status])).toEqual([
      ['createMedication', 'Asha Verma', 201],
      ['putRoutine', 'Asha Verma', 200],
    ])
    const [medicineRow] = await runSql<{ patient_id: string }>(sql`select patient_id from medications where id = ${medicine.id}`)
    expect(medicineRow!.patient_id).toBe(father.id)

    // Only he ends it (not her, switched into his profile); then her token for him stops at once.
    const managers = await expectOk(await father.client.get('/v1/me/managers', { token: father.token }), 200, ManagementListSchema)
    expect(managers.items.map((m) => [m.manager.name, m.scopes])).toEqual([['Asha Verma', ['medicines']]])
    await expectError(
      await mother.client.delete(`/v1/me/managers/${managers.items[0]!.id}`, { token: asFather.access_token }),
      403,
      'profile_access_denied',
    )
    expect((await father.client.delete(`/v1/me/managers/${managers.items[0]!.id}`, { token: father.token })).status).toBe(204)
    await expectError(await mother.client.get('/v1/medications', { token: asFather.access_token }), 401, 'management_ended')
    await expectError(await mother.client.post('/v1/auth/refresh', { refresh_token: asFather.refresh_token }), 401, 'unauthorized')
    await expectError(await mother.client.post(`/v1/profiles/${father.id}/switch`, undefined, { token: mother.token }), 404, 'not_found')
    // She hears of it; the son's profile and her own go on.
    const told = (
      await runSql<{ title: string }>(
        sql`select title from notifications where patient_id = ${mother.id} and type = 'profile_management_changed' order by created_at`,
      )
    ).map((n) => n.title)
    expect(told).toEqual([
      'Ramesh Verma accepted: you can now switch to their profile',
      'Ramesh Verma ended your management of their profile',
    ])
    expect((await mother.client.get('/v1/medications', { token: asSon.access_token })).status).toBe(200)
    // Her own token still works, and the father's account is untouched.
    expect((await father.client.get('/v1/medications', { token: father.token })).status).toBe(200)
  })

  it('another account can never list, switch into, stop or hand over a profile it does not manage (404)', async () => {
    const mother = await adult('Meena Joshi')
    const son = await addChild(mother.client, mother.token, 'Kabir Joshi')
    const other = await adult('Other Parent')
    await expectError(await other.client.post(`/v1/profiles/${son.id}/switch`, undefined, { token: other.token }), 404, 'not_found')
    await expectError(await other.client.delete(`/v1/profiles/${son.id}`, { token: other.token }), 404, 'not_found')
    await expectError(
      await other.client.post(`/v1/profiles/${son.id}/login`, { phone: randomPhone() }, { token: other.token }),
      404,
      'not_found',
    )
    const theirs = await expectOk(await other.client.get('/v1/profiles', { token: other.token }), 200, ProfileListSchema)
    expect(theirs.items.map((p) => p.id)).toEqual([other.id])
    // A forged switch: the other's own token cannot name a management that is not theirs.
    const asSon = await switchTo(mother.client, mother.token, son.id)
    const [, payload] = asSon.access_token.split('.')
    const claims = JSON.parse(atob(payload!.replace(/-/g, '+').replace(/_/g, '/')))
    expect(claims).toMatchObject({ sub: son.id, act: mother.id })
    // The mother's switched token never reaches the other account's data.
    const otherMedicine = await expectOk(
      await other.client.post(
        '/v1/medications',
        { name: 'Cetirizine', dosage: '1 tablet', timings: ['bedtime'], start_date: '2031-01-01' },
        { token: other.token },
      ),
      201,
      MedicationSchema,
    )
    await expectError(await mother.client.get(`/v1/medications/${otherMedicine.id}`, { token: asSon.access_token }), 404, 'not_found')
  })

  it('refuses an adult as a child, a missing declaration, an invitation to oneself; stopping a child nobody else manages erases it after the grace period', async () => {
    const parent = await adult('Kiran Rao')
    const adultBody = { name: 'Grown Up', date_of_birth: isoDate(30), gender: 'female', relationship: 'child', guardian_declaration: true }
    await expectError(await parent.client.post('/v1/profiles', adultBody, { token: parent.token }), 422, 'unprocessable')
    await expectError(
      await parent.client.post(
        '/v1/profiles',
        { ...adultBody, date_of_birth: isoDate(5), guardian_declaration: false },
        { token: parent.token },
      ),
      400,
      'validation_failed',
    )
    await expectError(
      await parent.client.post(
        '/v1/profiles/invitations',
        { phone: parent.phone, relationship: 'spouse', scopes: ['vitals'] },
        { token: parent.token },
      ),
      422,
      'unprocessable',
    )
    // The same Idempotency-Key makes one child, not two.
    const headers = { 'idempotency-key': `child-${crypto.randomUUID()}` }
    const body = { name: 'Ira Rao', date_of_birth: isoDate(3), gender: 'female', relationship: 'child', guardian_declaration: true }
    const [a, b] = await Promise.all([
      parent.client.post('/v1/profiles', body, { token: parent.token, headers }),
      parent.client.post('/v1/profiles', body, { token: parent.token, headers }),
    ])
    const statuses = [a.status, b.status].sort()
    expect(statuses[0]).toBe(201)
    const child = ProfileSchema.parse(await (a.status === 201 ? a : b).json())
    const list = await expectOk(await parent.client.get('/v1/profiles', { token: parent.token }), 200, ProfileListSchema)
    expect(list.items.filter((p) => p.name === 'Ira Rao')).toHaveLength(1)

    const asChild = await switchTo(parent.client, parent.token, child.id)
    expect((await parent.client.delete(`/v1/profiles/${child.id}`, { token: parent.token })).status).toBe(204)
    await expectError(await parent.client.get('/v1/me', { token: asChild.access_token }), 401, 'management_ended')
    const [erasing] = await runSql<{ erase_at: Date | null }>(sql`select erase_at from patients where id = ${child.id}`)
    expect(erasing!.erase_at).not.toBeNull()
    const [own] = await runSql<{ erase_at: Date | null }>(sql`select erase_at from patients where id = ${parent.id}`)
    expect(own!.erase_at).toBeNull()

    // Stopping an adult's management never touches their account; they are told.
    const spouse = await adult('Dev Rao')
    const invited = await expectOk(
      await parent.client.post(
        '/v1/profiles/invitations',
        { phone: spouse.phone, relationship: 'spouse', scopes: ['vitals'] },
        { token: parent.token },
      ),
      201,
      ManagementSchema,
    )
    await expectOk(
      await spouse.client.post(`/v1/profiles/invitations/${invited.id}/accept`, undefined, { token: spouse.token }),
      200,
      ManagementSchema,
    )
    expect((await parent.client.delete(`/v1/profiles/${spouse.id}`, { token: parent.token })).status).toBe(204)
    const [theirs] = await runSql<{ erase_at: Date | null }>(sql`select erase_at from patients where id = ${spouse.id}`)
    expect(theirs!.erase_at).toBeNull()
    const told = await runSql<{ title: string }>(
      sql`select title from notifications where patient_id = ${spouse.id} and type = 'profile_management_changed'`,
    )
    expect(told.map((t) => t.title)).toEqual(['Kiran Rao no longer manages your profile'])
  })

  it('sends an invitation to an email once, whatever the retries, and nothing once it is withdrawn', async () => {
    const inviter = await adult('Farah Khan')
    const email = `aunt.${crypto.randomUUID().slice(0, 8)}@example.in`
    const headers = { 'idempotency-key': `invite-${crypto.randomUUID()}` }
    const body = { email, relationship: 'other', scopes: ['vitals'] }
    const [first, again] = [
      await inviter.client.post('/v1/profiles/invitations', body, { token: inviter.token, headers }),
      await inviter.client.post('/v1/profiles/invitations', body, { token: inviter.token, headers }),
    ]
    const sent = await expectOk(first, 201, ManagementSchema)
    expect((await expectOk(again, 201, ManagementSchema)).id).toBe(sent.id)
    await deliverUntil([sent.id], async () => (await sentEmails(email)).length > 0)
    const emails = await sentEmails(email)
    expect(emails).toHaveLength(1)
    expect(emails[0]!.text).toContain('Farah Khan asks to manage your health profile on PHR Edge: vitals.')

    // Withdrawn before its message went (a job waiting on a failing email service, say): nothing is sent.
    const otherEmail = `uncle.${crypto.randomUUID().slice(0, 8)}@example.in`
    const [withdrawn] = await runSql<{ id: string }>(
      sql`insert into profile_managers (id, manager_id, relationship, kind, status, permissions, invited_channel, invited_identifier,
            invite_expires_at, ended_at, ended_reason)
          values (gen_random_uuid(), ${inviter.id}, 'other', 'invited', 'ended', array['vitals'], 'email', ${otherEmail},
            now() + interval '7 days', now(), 'stopped_by_manager')
          returning id`,
    )
    const [job] = await runSql<{ id: string }>(
      sql`insert into outbox (id, kind, partition_key, subject_id)
          values (gen_random_uuid(), 'send_profile_invitation', ${`invitation:${withdrawn!.id}`}, ${withdrawn!.id}) returning id`,
    )
    await deliverOutbox([job!.id])
    const [closed] = await runSql<{ status: string; last_error: string | null }>(
      sql`select status, last_error from outbox where id = ${job!.id}`,
    )
    expect(closed).toEqual({ status: 'done', last_error: expect.stringContaining('withdrawn') })
    expect(await sentEmails(otherEmail)).toEqual([])
  })

  it('at 18 a child’s management ends unless the new adult, logged in with the login their parent gave the profile, keeps it', async () => {
    const parent = await adult('Sunita Shah')
    const kept = await addChild(parent.client, parent.token, 'Rohan Shah', isoDate(17, 300))
    const ending = await addChild(parent.client, parent.token, 'Neha Shah', isoDate(17, 300))
    const rohanPhone = randomPhone()
    expect((await parent.client.post(`/v1/profiles/${kept.id}/login`, { phone: rohanPhone }, { token: parent.token })).status).toBe(204)
    await expectError(
      await parent.client.post(`/v1/profiles/${kept.id}/login`, { phone: randomPhone() }, { token: parent.token }),
      422,
      'unprocessable',
    )
    await expectError(
      await parent.client.post(`/v1/profiles/${ending.id}/login`, { phone: parent.phone }, { token: parent.token }),
      409,
      'conflict',
    )

    // Rohan logs in with his phone: to his own profile, managed by his mother.
    const rohan = await loginByPhone(newClient(), rohanPhone)
    expect(rohan.patient.id).toBe(kept.id)
    const his = await expectOk(await rohan.client.get('/v1/me/managers', { token: rohan.access_token }), 200, ManagementListSchema)
    expect(his.items.map((m) => m.manager.name)).toEqual(['Sunita Shah'])
    // A minor cannot end a guardian's management, nor keep it early.
    await expectError(await rohan.client.delete(`/v1/me/managers/${his.items[0]!.id}`, { token: rohan.access_token }), 404, 'not_found')
    await expectError(
      await rohan.client.post(`/v1/me/managers/${his.items[0]!.id}/keep`, undefined, { token: rohan.access_token }),
      422,
      'unprocessable',
    )

    // Both turn 18 (their birthdays moved): Rohan keeps it, Neha has no login and does not.
    await runSql(sql`update patients set date_of_birth = ${isoDate(18, -1)}::date where id in (${kept.id}, ${ending.id})`)
    await expectOk(
      await rohan.client.post(`/v1/me/managers/${his.items[0]!.id}/keep`, undefined, { token: rohan.access_token }),
      200,
      ManagementSchema,
    )
    const asNeha = await switchTo(parent.client, parent.token, ending.id)
    await cronAt(new Date().toISOString(), '17 * * * *')
    const profiles = await expectOk(await parent.client.get('/v1/profiles', { token: parent.token }), 200, ProfileListSchema)
    expect(profiles.items.map((p) => p.name)).toEqual(['Sunita Shah', 'Rohan Shah'])
    await expectError(await parent.client.get('/v1/me', { token: asNeha.access_token }), 401, 'management_ended')
    const [neha] = await runSql<{ erase_at: Date | null }>(sql`select erase_at from patients where id = ${ending.id}`)
    expect(neha!.erase_at).toBeNull()
    const told = await runSql<{ title: string }>(
      sql`select title from notifications where patient_id = ${parent.id} and dedupe_key like 'came-of-age:%'`,
    )
    expect(told.map((t) => t.title)).toEqual(['Neha Shah is 18: their profile is their own now'])
    // Now an adult, Rohan can end it himself.
    expect((await rohan.client.delete(`/v1/me/managers/${his.items[0]!.id}`, { token: rohan.access_token })).status).toBe(204)
  })
})
