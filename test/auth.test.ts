import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { LoginSchema } from '../src/features/auth/schema'
import { runSql } from './harness/sql'
import { loginByPhone, randomEmail, randomPhone, readOtp, requestOtp } from './fixtures/auth'
import { expectError, failingPaths, newClient, rand } from './harness/client'
import { abdmOtps, addAbhaAccount, failNext, fakeCalls, restartAbdm } from './harness/fakes'

const digits = (n: number) => Array.from({ length: n }, () => rand(10)).join('')

async function newAbhaAccount() {
  const number = `91${digits(12)}`
  const account = {
    abhaNumber: `${number.slice(0, 2)}-${number.slice(2, 6)}-${number.slice(6, 10)}-${number.slice(10)}`,
    abhaAddress: `kavya.${digits(6)}@sbx`,
    firstName: 'Kavya',
    middleName: '',
    lastName: 'Menon',
    gender: 'F',
    yearOfBirth: '1988',
    monthOfBirth: '2',
    dayOfBirth: '29',
    mobile: `98${digits(8)}`,
    email: 'kavya@example.in',
    address: '4 Beach Road',
    pincode: '682001',
    stateName: 'KERALA',
    districtName: 'ERNAKULAM',
  }
  await addAbhaAccount(account)
  return { ...account, number }
}

async function abhaOtp(loginId: string) {
  return (await abdmOtps(loginId))[0]!.otp
}

describe('login by phone', () => {
  it('normalises the number, sends the code by SMS and creates the patient once', async () => {
    const client = newClient()
    const phone = randomPhone()
    const local = `0${phone.slice(3, 8)} ${phone.slice(8)}`
    const challenge = await requestOtp(client, 'phone', local)
    expect(challenge).toMatchObject({ channel: 'phone', expires_in: 300, resend_after: 30 })
    expect(challenge.masked_destination).toBe(`+91 ******${phone.slice(-4)}`)
    const otp = await readOtp('phone', phone)
    const first = LoginSchema.parse(await (await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp })).json())
    expect(first.is_new_user).toBe(true)
    expect(first.patient.phone).toBe(phone)

    const again = await loginByPhone(newClient(), phone)
    expect(again.is_new_user).toBe(false)
    expect(again.patient.id).toBe(first.patient.id)
  })
})

describe('login by email', () => {
  it('is case-insensitive and sends the code by email', async () => {
    const client = newClient()
    const email = randomEmail()
    const challenge = await requestOtp(client, 'email', email)
    expect(challenge.masked_destination).toMatch(/^pa\*+@example\.in$/)
    const otp = await readOtp('email', email.toLowerCase())
    const login = LoginSchema.parse(await (await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp })).json())
    expect(login.patient.email).toBe(email.toLowerCase())
    expect(login.is_new_user).toBe(true)
  })
})

describe('login by email, spelled differently', () => {
  it('signs an internationalised domain and its punycode form, or a trailing dot, in as one patient', async () => {
    const local = `idn.${crypto.randomUUID().slice(0, 8)}`
    const logins = []
    for (const spelling of [`${local}@bücher.in`, `${local}@xn--bcher-kva.in`, `${local.toUpperCase()}@XN--BCHER-KVA.IN.`]) {
      const client = newClient()
      const challenge = await requestOtp(client, 'email', spelling)
      const otp = await readOtp('email', `${local}@xn--bcher-kva.in`)
      logins.push(LoginSchema.parse(await (await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp })).json()))
    }
    expect(new Set(logins.map((l) => l.patient.id)).size).toBe(1)
    expect(logins[0]!.patient.email).toBe(`${local}@xn--bcher-kva.in`)
  })

  it.each(['Asha <asha@example.in>', 'asha@example.in\u0000', '"asha"@example.in', 'asha@localhost'])('refuses %j', async (identifier) => {
    const error = await expectError(await newClient().post('/v1/auth/otp', { channel: 'email', identifier }), 400, 'validation_failed')
    expect(failingPaths(error)).toContain('identifier')
  })
})

describe('login by ABHA (through ABDM)', () => {
  it('keeps working when ABDM restarts: the stale cached session and certificate are renewed', async () => {
    const account = await newAbhaAccount()
    const first = await requestOtp(newClient(), 'abha', account.abhaNumber)
    expect(first.channel).toBe('abha')
    await restartAbdm()
    const client = newClient()
    const challenge = await requestOtp(client, 'abha', account.abhaNumber)
    const otps = await abdmOtps(account.number)
    expect(otps.length).toBe(2)
    const login = LoginSchema.parse(
      await (await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp: otps[0]!.otp })).json(),
    )
    expect(login.patient.abha_number).toBe(account.abhaNumber)
  })

  it('costs one ABDM round trip to verify a code whether or not ABDM knows the ABHA', async () => {
    const verifyPath = 'POST /abha/api/v3/profile/login/verify'
    const client = newClient()
    const unknown = await requestOtp(client, 'abha', `91${digits(12)}`)
    const before = (await fakeCalls('abdm'))[verifyPath] ?? 0
    await expectError(await client.post('/v1/auth/otp/verify', { challenge_id: unknown.challenge_id, otp: '123456' }), 400, 'otp_invalid')
    expect((await fakeCalls('abdm'))[verifyPath]).toBeGreaterThanOrEqual(before + 1)
  })

  it('by ABHA number fills the new patient from the ABDM profile; the ABHA address then finds the same patient', async () => {
    const account = await newAbhaAccount()
    const client = newClient()
    const challenge = await requestOtp(client, 'abha', account.abhaNumber)
    expect(challenge).toMatchObject({ channel: 'abha', masked_destination: `XX-XXXX-XXXX-${account.number.slice(-4)}` })
    const response = await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp: await abhaOtp(account.number) })
    const login = LoginSchema.parse(await response.json())
    expect(login.is_new_user).toBe(true)
    expect(login.patient).toMatchObject({
      name: 'Kavya Menon',
      gender: 'female',
      date_of_birth: '1988-02-29',
      abha_number: account.abhaNumber,
      abha_address: account.abhaAddress,
      phone: `+91${account.mobile}`,
    })

    const byAddress = await requestOtp(client, 'abha', account.abhaAddress.toUpperCase())
    const second = LoginSchema.parse(
      await (
        await client.post('/v1/auth/otp/verify', { challenge_id: byAddress.challenge_id, otp: await abhaOtp(account.abhaAddress) })
      ).json(),
    )
    expect(second.is_new_user).toBe(false)
    expect(second.patient.id).toBe(login.patient.id)
  })

  it('an ABHA that ABDM does not know gets the same answer, and no code passes', async () => {
    const client = newClient()
    const known = await newAbhaAccount()
    const a = await client.post('/v1/auth/otp', { channel: 'abha', identifier: known.number })
    const b = await client.post('/v1/auth/otp', { channel: 'abha', identifier: `91${digits(12)}` })
    expect(a.status).toBe(202)
    expect(b.status).toBe(202)
    const [bodyA, bodyB] = [await a.json(), await b.json()] as Record<string, unknown>[]
    expect(Object.keys(bodyB!).sort()).toEqual(Object.keys(bodyA!).sort())
    const error = await expectError(
      await client.post('/v1/auth/otp/verify', { challenge_id: bodyB!.challenge_id, otp: '123456' }),
      400,
      'otp_invalid',
    )
    expect(error.details).toEqual({ attempts_remaining: 4 })
  })
})

describe('no account enumeration', () => {
  it('answers a known and an unknown phone identically', async () => {
    const { phone } = await loginByPhone()
    const known = await newClient().post('/v1/auth/otp', { channel: 'phone', identifier: phone })
    const unknown = await newClient().post('/v1/auth/otp', { channel: 'phone', identifier: randomPhone() })
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    const [k, u] = [await known.json(), await unknown.json()] as Record<string, unknown>[]
    expect(Object.keys(k!).sort()).toEqual(Object.keys(u!).sort())
    expect({ ...k, challenge_id: 0, masked_destination: 0 }).toEqual({ ...u, challenge_id: 0, masked_destination: 0 })
  })
})

/** A new patient's phone login, stopped where they hold the code from the SMS. */
async function phoneChallenge() {
  const client = newClient()
  const phone = randomPhone()
  const challenge = await requestOtp(client, 'phone', phone)
  return { client, challenge, otp: await readOtp('phone', phone) }
}

describe('OTP rules', () => {
  it('locks a challenge after 5 wrong codes, even for the right code', async () => {
    const { client, challenge, otp } = await phoneChallenge()
    const wrong = otp === '000000' ? '111111' : '000000'
    for (let remaining = 4; remaining >= 0; remaining--) {
      const error = await expectError(
        await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp: wrong }),
        400,
        'otp_invalid',
      )
      expect(error.details).toEqual({ attempts_remaining: remaining })
    }
    await expectError(await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp }), 409, 'otp_attempts_exceeded')
  })

  it('refuses an expired code', async () => {
    const { client, challenge, otp } = await phoneChallenge()
    await runSql(sql`update otp_challenges set expires_at = now() - interval '1 second' where id = ${challenge.challenge_id}`)
    await expectError(await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp }), 409, 'otp_expired')
  })

  it('accepts a code once', async () => {
    const { client, challenge, otp } = await phoneChallenge()
    const first = await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp })
    expect(first.status).toBe(200)
    await first.body?.cancel()
    await expectError(await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp }), 409, 'otp_already_used')
  })

  it('keeps only a keyed hash of the code', async () => {
    const { challenge, otp } = await phoneChallenge()
    const [row] = await runSql<{ otp_hash: string }>(sql`select otp_hash from otp_challenges where id = ${challenge.challenge_id}`)
    expect(row!.otp_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(row!.otp_hash).not.toContain(otp)
  })

  it('answers an unknown challenge with 404', async () => {
    await expectError(
      await newClient().post('/v1/auth/otp/verify', { challenge_id: crypto.randomUUID(), otp: '123456' }),
      404,
      'challenge_not_found',
    )
  })
})

describe('malformed requests', () => {
  it.each([
    [{ identifier: '9876543210' }, 'channel'],
    [{ channel: 'fax', identifier: '9876543210' }, 'channel'],
    [{ channel: 'phone', identifier: '12345' }, 'identifier'],
    [{ channel: 'phone', identifier: '+1 415 555 0100' }, 'identifier'],
    [{ channel: 'email', identifier: 'not-an-email' }, 'identifier'],
    [{ channel: 'abha', identifier: '1234' }, 'identifier'],
  ])('%j → 400 naming %s', async (body, field) => {
    const error = await expectError(await newClient().post('/v1/auth/otp', body), 400, 'validation_failed')
    expect(failingPaths(error)).toContain(field)
  })

  it('a code that is not 6 digits → 400 naming otp', async () => {
    const error = await expectError(
      await newClient().post('/v1/auth/otp/verify', { challenge_id: crypto.randomUUID(), otp: '12ab' }),
      400,
      'validation_failed',
    )
    expect(error.details).toEqual([expect.objectContaining({ location: 'json', path: 'otp' })])
  })
})

describe('when the SMS gateway fails', () => {
  it('answers 502 for an error and 503 when it cannot be reached, with the envelope', async () => {
    await failNext('msg91', 500)
    await expectError(await newClient().post('/v1/auth/otp', { channel: 'phone', identifier: randomPhone() }), 502, 'upstream_error')
    await failNext('msg91', 0)
    await expectError(await newClient().post('/v1/auth/otp', { channel: 'phone', identifier: randomPhone() }), 503, 'upstream_unavailable')
  })

  it('does not count a code that was never sent: the patient may ask again at once', async () => {
    const client = newClient()
    const phone = randomPhone()
    await failNext('msg91', 500)
    await expectError(await client.post('/v1/auth/otp', { channel: 'phone', identifier: phone }), 502, 'upstream_error')
    await requestOtp(client, 'phone', phone)
  })
})
