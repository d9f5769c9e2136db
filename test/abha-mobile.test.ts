// ABHA login by mobile: ABDM lists every ABHA account on the number; the person signs in as one
// and may add the others as profiles (a family sharing one phone, as ABDM allows).
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { LoginSchema } from '../src/features/auth/schema'
import { ManagementListSchema, ProfileListSchema } from '../src/features/profiles/schema'
import { requestOtp } from './fixtures/auth'
import { expectError, expectOk, newClient, rand, type Client } from './harness/client'
import { abdmOtps, addAbhaAccount, expireAbhaTransferTokens, fakeCalls } from './harness/fakes'
import { runSql } from './harness/sql'

const digits = (n: number) => Array.from({ length: n }, () => rand(10)).join('')

const ChoiceSchema = z.object({
  choice_token: z.string().min(32),
  expires_in: z.number().int().positive(),
  accounts: z.array(
    z.object({ abha_address: z.string(), name: z.string().nullable(), abha_number: z.string().nullable(), kyc_verified: z.boolean() }),
  ),
})
const AbhaLoginSchema = LoginSchema.extend({
  profiles_added: z.array(
    z.object({ profile_id: z.string(), management_id: z.string(), abha_address: z.string(), name: z.string().nullable() }),
  ),
  profiles_not_added: z.array(z.object({ abha_address: z.string(), reason: z.string() })),
})

/** A family's ABHA accounts on one new mobile: the mother's, her father's, her son's self-declared address. */
async function familyOnOneMobile(count = 3) {
  const mobile = `9${digits(9)}`
  const tag = digits(6)
  const person = (first: string, year: string, gender: string, abhaNumber: string | null) => ({
    abhaNumber,
    abhaAddress: `${first.toLowerCase()}.${tag}@sbx`,
    firstName: first,
    middleName: '',
    lastName: 'Iyer',
    gender,
    yearOfBirth: year,
    monthOfBirth: '6',
    dayOfBirth: '15',
    mobile,
    email: null,
    address: '7 Lake View Road',
    pincode: '600001',
    stateName: 'TAMIL NADU',
    districtName: 'CHENNAI',
  })
  const number = () => {
    const d = `91${digits(12)}`
    return `${d.slice(0, 2)}-${d.slice(2, 6)}-${d.slice(6, 10)}-${d.slice(10)}`
  }
  const family = [
    person('Lakshmi', '1988', 'F', number()),
    person('Venkat', '1955', 'M', number()),
    person('Arjun', '2016', 'M', null),
  ].slice(0, count)
  for (const account of family) await addAbhaAccount(account)
  return { mobile, mother: family[0]!, father: family[1], son: family[2] }
}

/** Asks for the code by mobile and enters it: the raw answer of POST /v1/auth/abha/verify. */
async function verifyByMobile(client: Client, mobile: string) {
  const challenge = await requestOtp(client, 'abha', `+91 ${mobile.slice(0, 5)} ${mobile.slice(5)}`)
  expect(challenge).toMatchObject({ channel: 'abha', masked_destination: `+91 ******${mobile.slice(-4)}` })
  const otp = (await abdmOtps(mobile))[0]!.otp
  return client.post('/v1/auth/abha/verify', { challenge_id: challenge.challenge_id, otp })
}

describe('ABHA login by mobile', () => {
  it('lists every ABHA account on the number, signs in as the one chosen and adds the others as profiles', async () => {
    const { mobile, mother, father, son } = await familyOnOneMobile()
    const client = newClient()
    const choice = await expectOk(await verifyByMobile(client, mobile), 200, ChoiceSchema)
    expect(choice.accounts).toEqual([
      {
        abha_address: mother.abhaAddress,
        name: 'Lakshmi Iyer',
        abha_number: `XX-XXXX-XXXX-${mother.abhaNumber!.slice(-4)}`,
        kyc_verified: true,
      },
      {
        abha_address: father!.abhaAddress,
        name: 'Venkat Iyer',
        abha_number: `XX-XXXX-XXXX-${father!.abhaNumber!.slice(-4)}`,
        kyc_verified: true,
      },
      { abha_address: son!.abhaAddress, name: 'Arjun Iyer', abha_number: null, kyc_verified: false },
    ])
    // ABDM's transfer token never leaves us, and is kept sealed.
    const [kept] = await runSql<{ abha_transfer_token: string }>(
      sql`select abha_transfer_token from otp_challenges where choice_hash is not null and abha_accounts::text like ${`%${mother.abhaAddress}%`}`,
    )
    expect(kept!.abha_transfer_token).toMatch(/^v1\./)
    expect(JSON.stringify(choice)).not.toMatch(/t-[0-9a-f]{8}-/)

    const response = await client.post('/v1/auth/abha/choose', {
      choice_token: choice.choice_token,
      abha_address: mother.abhaAddress.toUpperCase(),
      add_profiles: [father!.abhaAddress, son!.abhaAddress],
    })
    const login = await expectOk(response, 200, AbhaLoginSchema)
    expect(login.is_new_user).toBe(true)
    expect(login.patient).toMatchObject({ name: 'Lakshmi Iyer', abha_address: mother.abhaAddress, date_of_birth: '1988-06-15' })
    expect(login.profiles_added.map((p) => [p.abha_address, p.name])).toEqual([
      [father!.abhaAddress, 'Venkat Iyer'],
      [son!.abhaAddress, 'Arjun Iyer'],
    ])
    expect(login.profiles_not_added).toEqual([])

    // Her profiles: her own and the two added, with ABDM's details (date of birth, gender).
    const profiles = await expectOk(await client.get('/v1/profiles', { token: login.access_token }), 200, ProfileListSchema)
    expect(profiles.items.map((p) => [p.name, p.kind, p.date_of_birth, p.is_minor])).toEqual([
      ['Lakshmi Iyer', 'self', '1988-06-15', false],
      ['Venkat Iyer', 'abha', '1955-06-15', false],
      ['Arjun Iyer', 'abha', '2016-06-15', true],
    ])
    // She switches to her father and acts for him.
    const fatherId = login.profiles_added[0]!.profile_id
    const switched = await client.post(`/v1/profiles/${fatherId}/switch`, undefined, { token: login.access_token })
    const { access_token: forFather } = (await switched.json()) as { access_token: string }
    expect(switched.status).toBe(200)
    const me = await client.get('/v1/me', { token: forFather })
    expect(((await me.json()) as { id: string; abha_address: string }).abha_address).toBe(father!.abhaAddress)

    // The choice works once.
    await expectError(
      await client.post('/v1/auth/abha/choose', { choice_token: choice.choice_token, abha_address: mother.abhaAddress }),
      409,
      'otp_already_used',
    )
    const [cleared] = await runSql<{ token: string | null; accounts: unknown }>(
      sql`select abha_transfer_token as token, abha_accounts as accounts from otp_challenges where id = (
            select id from otp_challenges where channel = 'abha_mobile' and identifier = ${`+91${mobile}`})`,
    )
    expect(cleared).toEqual({ token: null, accounts: null })

    // Her father, logging in with his own ABHA on his own, is the same patient: he is told who
    // manages him, sees it, and can end it.
    const own = newClient()
    const byAddress = await requestOtp(own, 'abha', father!.abhaAddress)
    const fatherLogin = LoginSchema.parse(
      await (
        await own.post('/v1/auth/otp/verify', { challenge_id: byAddress.challenge_id, otp: (await abdmOtps(father!.abhaAddress))[0]!.otp })
      ).json(),
    )
    expect(fatherLogin.patient.id).toBe(fatherId)
    expect(fatherLogin.is_new_user).toBe(false)
    const managers = await expectOk(await own.get('/v1/me/managers', { token: fatherLogin.access_token }), 200, ManagementListSchema)
    expect(managers.items.map((m) => [m.kind, m.manager.name, m.scopes.length])).toEqual([['abha', 'Lakshmi Iyer', 5]])
    const told = await runSql<{ patient_id: string; title: string }>(
      sql`select patient_id, title from notifications where type = 'profile_management_changed'
          and patient_id in (${login.patient.id}, ${fatherId}, ${login.profiles_added[1]!.profile_id})`,
    )
    // Word of the new management goes to the one managed only (never copied to its manager).
    expect(told.map((n) => n.patient_id).sort()).toEqual([fatherId, login.profiles_added[1]!.profile_id].sort())
    expect(told[0]!.title).toContain('Lakshmi Iyer now manages your profile')
    expect((await own.delete(`/v1/me/managers/${managers.items[0]!.id}`, { token: fatherLogin.access_token })).status).toBe(204)
    await expectError(await client.get('/v1/me', { token: forFather }), 401, 'management_ended')
  })

  it('is checked by its own route: the other one refuses its code without using it up, and the reverse', async () => {
    const { mobile, mother } = await familyOnOneMobile(1)
    const client = newClient()
    const challenge = await requestOtp(client, 'abha', mobile)
    const otp = (await abdmOtps(mobile))[0]!.otp
    const wrongRoute = await expectError(
      await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp }),
      409,
      'conflict',
    )
    expect(wrongRoute.message).toContain('/v1/auth/abha/verify')
    // One account on the number: the list has one, and choosing it signs in.
    const choice = await expectOk(
      await client.post('/v1/auth/abha/verify', { challenge_id: challenge.challenge_id, otp }),
      200,
      ChoiceSchema,
    )
    expect(choice.accounts.map((a) => a.abha_address)).toEqual([mother.abhaAddress])
    const login = await expectOk(
      await client.post('/v1/auth/abha/choose', { choice_token: choice.choice_token, abha_address: mother.abhaAddress }),
      200,
      AbhaLoginSchema,
    )
    expect(login.patient).toMatchObject({ abha_address: mother.abhaAddress, name: 'Lakshmi Iyer' })
    expect(login.profiles_added).toEqual([])

    const byAddress = await requestOtp(client, 'abha', mother.abhaAddress)
    await expectError(
      await client.post('/v1/auth/abha/verify', {
        challenge_id: byAddress.challenge_id,
        otp: (await abdmOtps(mother.abhaAddress))[0]!.otp,
      }),
      409,
      'conflict',
    )
  })

  it('refuses an address not listed, an unknown token, and a choice ABDM no longer accepts', async () => {
    const { mobile, mother, father } = await familyOnOneMobile(2)
    const client = newClient()
    const choice = await expectOk(await verifyByMobile(client, mobile), 200, ChoiceSchema)
    const verifyUser = 'POST /abha/api/v3/phr/app/login/verify/user'
    const before = (await fakeCalls('abdm'))[verifyUser] ?? 0

    // Another family's address (a real one, listed for another mobile) cannot be chosen or added.
    const stranger = await familyOnOneMobile(1)
    for (const body of [
      { choice_token: choice.choice_token, abha_address: stranger.mother.abhaAddress },
      { choice_token: choice.choice_token, abha_address: mother.abhaAddress, add_profiles: [stranger.mother.abhaAddress] },
    ]) {
      await expectError(await client.post('/v1/auth/abha/choose', body), 400, 'validation_failed')
    }
    expect((await fakeCalls('abdm'))[verifyUser] ?? 0).toBe(before)
    await expectError(
      await client.post('/v1/auth/abha/choose', { choice_token: 'A'.repeat(43), abha_address: mother.abhaAddress }),
      404,
      'challenge_not_found',
    )
    await expectError(
      await client.post('/v1/auth/abha/choose', { choice_token: choice.choice_token, abha_address: mother.abhaAddress, extra: 1 }),
      400,
      'validation_failed',
    )

    // The person took too long: ABDM refuses its transfer token; nobody is signed in.
    await expireAbhaTransferTokens()
    await expectError(
      await client.post('/v1/auth/abha/choose', { choice_token: choice.choice_token, abha_address: father!.abhaAddress }),
      409,
      'otp_expired',
    )
    const [made] = await runSql<{ n: number }>(
      sql`select count(*)::int as n from patient_identities where identifier in (${mother.abhaAddress}, ${father!.abhaAddress})`,
    )
    expect(made!.n).toBe(0)

    // And past our own deadline, we refuse without asking ABDM.
    const again = await expectOk(await verifyByMobile(newClient(), mobile), 200, ChoiceSchema)
    await runSql(sql`update otp_challenges set choice_expires_at = now() - interval '1 second' where choice_hash is not null and chosen_at is null
                     and identifier = ${`+91${mobile}`}`)
    await expectError(
      await client.post('/v1/auth/abha/choose', { choice_token: again.choice_token, abha_address: mother.abhaAddress }),
      409,
      'otp_expired',
    )
  })

  it('answers a mobile without ABHA accounts as any other, and no code passes', async () => {
    const client = newClient()
    const mobile = `9${digits(9)}`
    const challenge = await requestOtp(client, 'abha', mobile)
    expect(challenge.masked_destination).toBe(`+91 ******${mobile.slice(-4)}`)
    await expectError(
      await client.post('/v1/auth/abha/verify', { challenge_id: challenge.challenge_id, otp: '123456' }),
      400,
      'otp_invalid',
    )
  })

  it('adds at most PROFILES_MAX profiles, and never the account itself', async () => {
    const { mobile, mother, father } = await familyOnOneMobile(2)
    // A second ABHA address of hers, on the same ABHA number: her, not another profile.
    const hersToo = { ...mother, abhaAddress: `lakshmi.${digits(6)}@sbx` }
    await addAbhaAccount(hersToo)
    const client = newClient()
    // She is at her limit already (PROFILES_MAX is 20 in the tests' wrangler vars).
    const first = await expectOk(await verifyByMobile(client, mobile), 200, ChoiceSchema)
    const login = await expectOk(
      await client.post('/v1/auth/abha/choose', { choice_token: first.choice_token, abha_address: mother.abhaAddress }),
      200,
      AbhaLoginSchema,
    )
    await runSql(sql`insert into profile_managers (id, manager_id, patient_id, relationship, kind, status, permissions)
                     select gen_random_uuid(), ${login.patient.id}, gen_random_uuid(), 'other', 'invited', 'active', array['vitals']
                     from generate_series(1, 20)`)
    const second = await expectOk(await verifyByMobile(newClient(), mobile), 200, ChoiceSchema)
    const full = await expectOk(
      await client.post('/v1/auth/abha/choose', {
        choice_token: second.choice_token,
        abha_address: mother.abhaAddress,
        add_profiles: [father!.abhaAddress, hersToo.abhaAddress],
      }),
      200,
      AbhaLoginSchema,
    )
    expect(full.is_new_user).toBe(false)
    expect(full.patient.id).toBe(login.patient.id)
    expect(full.profiles_not_added).toEqual([
      { abha_address: father!.abhaAddress, reason: 'profile_limit' },
      { abha_address: hersToo.abhaAddress, reason: 'same_person' },
    ])
  })
})
