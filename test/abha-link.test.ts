// An account that logged in by phone links its ABHA through ABDM's OTP: the ABHA then signs in the
// same patient. The code can do nothing else, and nobody else can use it.
import { describe, expect, it } from 'vitest'
import { LoginSchema, OtpChallengeSchema } from '../src/features/auth/schema'
import { PatientSchema } from '../src/features/profile/schema'
import { loginByPhone, randomPhone, requestOtp } from './fixtures/auth'
import { expectError, expectOk, newClient, rand } from './harness/client'
import { abdmOtps, addAbhaAccount } from './harness/fakes'

const digits = (n: number) => Array.from({ length: n }, () => rand(10)).join('')

async function newAbha() {
  const number = `91${digits(12)}`
  const account = {
    abhaNumber: `${number.slice(0, 2)}-${number.slice(2, 6)}-${number.slice(6, 10)}-${number.slice(10)}`,
    abhaAddress: `meera.${digits(6)}@sbx`,
    firstName: 'Meera',
    middleName: '',
    lastName: 'Nair',
    gender: 'F',
    yearOfBirth: '1979',
    monthOfBirth: '11',
    dayOfBirth: '2',
    mobile: `9${digits(9)}`,
    email: null,
    address: '3 Temple Street',
    pincode: '695001',
    stateName: 'KERALA',
    districtName: 'THIRUVANANTHAPURAM',
  }
  await addAbhaAccount(account)
  return account
}

describe('linking an ABHA to an account that logged in by phone', () => {
  it('makes the ABHA sign in the same patient, fills only what was empty, and refuses another account’s ABHA', async () => {
    const client = newClient()
    const login = await loginByPhone(client, randomPhone())
    const token = login.access_token
    await expectOk(await client.patch('/v1/me', { name: 'Meera N.' }, { token }), 200, PatientSchema)
    const abha = await newAbha()

    const challenge = await expectOk(await client.post('/v1/abdm/abha/link', { abha: abha.abhaNumber }, { token }), 202, OtpChallengeSchema)
    expect(challenge.masked_destination).toBe(`XX-XXXX-XXXX-${abha.abhaNumber.slice(-4)}`)
    const otp = (await abdmOtps(abha.abhaNumber))[0]!.otp
    // The code is not a login…
    await expectError(await newClient().post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp }), 409, 'conflict')
    // …nor anyone else's to confirm.
    const other = await loginByPhone(newClient(), randomPhone())
    await expectError(
      await client.post('/v1/abdm/abha/link/confirm', { challenge_id: challenge.challenge_id, otp }, { token: other.access_token }),
      404,
      'challenge_not_found',
    )
    const linked = await expectOk(
      await client.post('/v1/abdm/abha/link/confirm', { challenge_id: challenge.challenge_id, otp }, { token }),
      200,
      PatientSchema,
    )
    expect(linked).toMatchObject({
      id: login.patient.id,
      name: 'Meera N.', // hers, kept
      gender: 'female', // empty before: from ABDM
      date_of_birth: '1979-11-02',
      abha_number: abha.abhaNumber,
      abha_address: abha.abhaAddress,
    })

    // Her ABHA address now signs her in: the same patient, not a new one.
    const byAbha = newClient()
    const abhaChallenge = await requestOtp(byAbha, 'abha', abha.abhaAddress)
    const abhaLogin = await expectOk(
      await byAbha.post('/v1/auth/otp/verify', {
        challenge_id: abhaChallenge.challenge_id,
        otp: (await abdmOtps(abha.abhaAddress))[0]!.otp,
      }),
      200,
      LoginSchema,
    )
    expect(abhaLogin).toMatchObject({ is_new_user: false, patient: { id: login.patient.id } })

    // Another account cannot take her ABHA.
    const second = await expectOk(
      await client.post('/v1/abdm/abha/link', { abha: abha.abhaAddress }, { token: other.access_token }),
      202,
      OtpChallengeSchema,
    )
    await expectError(
      await client.post(
        '/v1/abdm/abha/link/confirm',
        { challenge_id: second.challenge_id, otp: (await abdmOtps(abha.abhaAddress))[0]!.otp },
        { token: other.access_token },
      ),
      409,
      'conflict',
    )
  })

  it('refuses what is not an ABHA, and a wrong code as a login would', async () => {
    const client = newClient()
    const { access_token: token } = await loginByPhone(client, randomPhone())
    for (const abha of ['9876500001', 'not an abha', '12345']) {
      await expectError(await client.post('/v1/abdm/abha/link', { abha }, { token }), 400, 'validation_failed')
    }
    await expectError(await client.post('/v1/abdm/abha/link', { abha: 'x@sbx' }), 401, 'unauthorized')
    const abha = await newAbha()
    const challenge = await expectOk(
      await client.post('/v1/abdm/abha/link', { abha: abha.abhaAddress }, { token }),
      202,
      OtpChallengeSchema,
    )
    const wrong = (await abdmOtps(abha.abhaAddress))[0]!.otp === '000000' ? '111111' : '000000'
    await expectError(
      await client.post('/v1/abdm/abha/link/confirm', { challenge_id: challenge.challenge_id, otp: wrong }, { token }),
      400,
      'otp_invalid',
    )
  })
})
