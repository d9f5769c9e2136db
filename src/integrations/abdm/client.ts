import { z } from 'zod'
import { base64ToBytes, bytesToBase64 } from '../../core/crypto'
import { ApiError } from '../../core/errors'
import { formatAbhaNumber, type AbhaId } from '../../core/identifiers'
import { callUpstream, readUpstreamJson, rejectUpstream } from '../../core/upstream'
import { abdmErrorCode, abdmGateway, edgeCache, SERVICE, type AbdmOptions } from './gateway'
import type { AbdmUserToken, AbhaAccount, AbhaLogin, AbhaProfile } from './port'

export type { AbdmOptions } from './gateway'

const CertificateAnswer = z.object({ publicKey: z.string().min(1), encryptionAlgorithm: z.string().optional() })
const OtpAnswer = z.object({ txnId: z.string().min(1), message: z.string().optional() })
/** ABDM's user token (X-token) with its lifetime and refresh token (a login by mobile's list gives none). */
const TokenAnswer = z.object({
  token: z.string().min(1),
  expiresIn: z.coerce.number().positive().default(1800),
  refreshToken: z.string().min(1).nullish(),
  refreshExpiresIn: z.coerce.number().positive().nullish(),
})
const toUserToken = (answer: z.infer<typeof TokenAnswer>): AbdmUserToken => ({
  token: answer.token,
  expiresInSeconds: answer.expiresIn,
  refreshToken: answer.refreshToken ?? undefined,
  refreshExpiresInSeconds: answer.refreshExpiresIn ?? undefined,
})
const ProfileVerifyAnswer = TokenAnswer.partial({ token: true }).extend({ authResult: z.string().optional() })
const PhrVerifyAnswer = z.object({
  authResult: z.string().optional(),
  tokens: TokenAnswer.partial({ token: true }).optional(),
})
const MobileVerifyAnswer = z.object({
  authResult: z.string().optional(),
  users: z
    .array(
      z.object({
        abhaAddress: z.string().min(1).max(128),
        fullName: z.string().max(256).nullish(),
        abhaNumber: z.string().max(32).nullish(),
        kycStatus: z.string().max(32).nullish(),
      }),
    )
    .max(100)
    .default([]),
  tokens: z
    .object({ token: z.string().min(1), expiresIn: z.coerce.number().positive().default(300) })
    .partial()
    .optional(),
})
const nullableText = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined)
const AbdmProfile = z
  .object({
    ABHANumber: nullableText,
    abhaNumber: nullableText,
    preferredAbhaAddress: nullableText,
    abhaAddress: nullableText,
    name: nullableText,
    fullName: nullableText,
    firstName: nullableText,
    middleName: nullableText,
    lastName: nullableText,
    gender: nullableText,
    dayOfBirth: z.union([z.string(), z.number()]).nullish(),
    monthOfBirth: z.union([z.string(), z.number()]).nullish(),
    yearOfBirth: z.union([z.string(), z.number()]).nullish(),
    mobile: nullableText,
    email: nullableText,
    address: nullableText,
    pincode: nullableText,
    pinCode: nullableText,
    stateName: nullableText,
    districtName: nullableText,
  })
  .passthrough()

/**
 * ABDM's login routes: the PHR-app login for ABHA addresses and for a mobile (which lists every
 * address on the number), the profile login for ABHA numbers.
 */
const phrLogin = {
  certificate: '/abha/api/v3/phr/app/login/public/certificate',
  requestOtp: '/abha/api/v3/phr/app/login/request/otp',
  verify: '/abha/api/v3/phr/app/login/verify',
  verifyUser: '/abha/api/v3/phr/app/login/verify/user',
  profile: '/abha/api/v3/phr/app/login/profile',
  refresh: '/abha/api/v3/phr/app/login/profile/request/token',
  scope: ['abha-address-login', 'mobile-verify'],
} as const
const flows = {
  abha_address: { ...phrLogin, loginHint: 'abha-address' },
  abha_mobile: { ...phrLogin, loginHint: 'mobile-number' },
  abha_number: {
    certificate: '/abha/api/v3/profile/public/certificate',
    requestOtp: '/abha/api/v3/profile/login/request/otp',
    verify: '/abha/api/v3/profile/login/verify',
    profile: '/abha/api/v3/profile/account',
    scope: ['abha-login', 'mobile-verify'],
    loginHint: 'abha-number',
  },
} as const

function genderFrom(code: string | undefined): AbhaProfile['gender'] {
  switch (code?.toUpperCase()) {
    case 'M':
      return 'male'
    case 'F':
      return 'female'
    case 'O':
    case 'T':
      return 'other'
    default:
      return undefined
  }
}

function dateOfBirth(profile: z.infer<typeof AbdmProfile>): string | undefined {
  const [year, month, day] = [profile.yearOfBirth, profile.monthOfBirth, profile.dayOfBirth].map((part) =>
    part === null || part === undefined || part === '' ? undefined : Number(part),
  )
  if (!year || !month || !day) return undefined
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return Number.isNaN(Date.parse(iso)) ? undefined : iso
}

export function toAbhaProfile(raw: z.infer<typeof AbdmProfile>): AbhaProfile {
  const number = (raw.ABHANumber ?? raw.abhaNumber)?.replace(/-/g, '')
  const composed = [raw.firstName, raw.middleName, raw.lastName].filter(Boolean).join(' ')
  const mobile = raw.mobile?.replace(/\D/g, '')
  const pincode = raw.pincode ?? raw.pinCode
  return {
    abhaNumber: number && /^\d{14}$/.test(number) ? number : undefined,
    abhaAddress: (raw.preferredAbhaAddress ?? raw.abhaAddress)?.toLowerCase(),
    name: raw.name || raw.fullName || composed || undefined,
    gender: genderFrom(raw.gender),
    dateOfBirth: dateOfBirth(raw),
    mobile: mobile && /^[6-9]\d{9}$/.test(mobile) ? `+91${mobile}` : undefined,
    email: raw.email?.toLowerCase(),
    address:
      raw.address || pincode || raw.stateName || raw.districtName
        ? { line1: raw.address, district: raw.districtName, state: raw.stateName, pincode }
        : undefined,
  }
}

/** ABDM's documented cipher: RSA/ECB/OAEPWithSHA-1AndMGF1Padding with its public key. */
async function encryptFor(publicKeyBase64: string, plaintext: string): Promise<string> {
  const der = base64ToBytes(publicKeyBase64.replace(/-----[^-]+-----|\s+/g, ''))
  const key = await crypto.subtle.importKey('spki', der, { name: 'RSA-OAEP', hash: 'SHA-1' }, false, ['encrypt'])
  const cipher = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, new TextEncoder().encode(plaintext))
  return bytesToBase64(new Uint8Array(cipher))
}

/** ABDM could not decrypt what we encrypted: our cached copy of its certificate is out of date. */
const DECRYPTION_FAILED = 'ABDM-1204'

export function abdmLogin(options: AbdmOptions): AbhaLogin {
  const { headers, withSession } = abdmGateway(options)

  const certificateCache = (path: string) => edgeCache(`certificate${path}`)
  const certificate = (path: string) =>
    certificateCache(path).get(async () => {
      const response = await callUpstream(SERVICE, `${options.abhaBaseUrl}${path}`, { headers: headers() }, options.timeoutMs)
      if (!response.ok) await rejectUpstream(SERVICE, response, 'ABDM did not give its public certificate.')
      const answer = await readUpstreamJson(SERVICE, response, CertificateAnswer)
      return { value: answer.publicKey, ttlSeconds: 6 * 3600 }
    })

  /**
   * A call that sends something encrypted with ABDM's certificate. When ABDM cannot decrypt it, the
   * cached certificate is stale: evict it, encrypt again with the current one, try once more.
   */
  async function withCertificate(path: string, call: (publicKey: string) => Promise<Response>): Promise<Response> {
    const response = await call(await certificate(path))
    if (response.status !== 400 || (await abdmErrorCode(response)) !== DECRYPTION_FAILED) return response
    await response.body?.cancel()
    options.log.log('error', 'ABDM could not decrypt with our cached certificate; fetching it again', { path })
    await certificateCache(path).evict()
    return call(await certificate(path))
  }

  const post = (path: string, body: unknown) =>
    withSession((token) =>
      callUpstream(
        SERVICE,
        `${options.abhaBaseUrl}${path}`,
        { method: 'POST', headers: headers({ Authorization: `Bearer ${token}` }), body: JSON.stringify(body) },
        options.timeoutMs,
      ),
    )

  /** A refusal we cannot explain by the user's input: ours to fix, so it is logged as an error. */
  async function failIfOurFault(response: Response, what: string) {
    const code = await abdmErrorCode(response)
    if (response.status === 401 || code === DECRYPTION_FAILED) {
      options.log.log('error', `ABDM refused ${what} after a retry`, { status: response.status, code })
      await rejectUpstream(SERVICE, response, 'ABDM refused our request.')
    }
  }

  return {
    async requestOtp(loginId) {
      const flow = flows[loginId.kind]
      const plainId =
        loginId.kind === 'abha_number'
          ? formatAbhaNumber(loginId.value)
          : loginId.kind === 'abha_mobile'
            ? loginId.value.slice(-10) // ABDM takes the ten digits, without +91
            : loginId.value
      const response = await withCertificate(flow.certificate, async (publicKey) =>
        post(flow.requestOtp, {
          scope: flow.scope,
          loginHint: flow.loginHint,
          loginId: await encryptFor(publicKey, plainId),
          otpSystem: 'abdm',
        }),
      )
      await failIfOurFault(response, 'an OTP request')
      if (response.status === 400 || response.status === 404 || response.status === 422) {
        // ABDM does not know this ABHA (or refuses it): the caller answers exactly as if it did.
        options.log.log('info', 'ABDM refused an ABHA login id', { status: response.status, kind: loginId.kind })
        await response.body?.cancel()
        return { sent: false }
      }
      if (!response.ok) await rejectUpstream(SERVICE, response)
      const answer = await readUpstreamJson(SERVICE, response, OtpAnswer)
      return { sent: true, txnId: answer.txnId }
    },

    async verifyOtp(loginId, txnId, otp) {
      const flow = flows[loginId.kind]
      const response = await checkOtp(flow, txnId, otp)
      if (!response) return { verified: false }
      const tokens =
        loginId.kind === 'abha_number'
          ? await readUpstreamJson(SERVICE, response, ProfileVerifyAnswer).then((a) => (a.authResult === 'success' ? a : undefined))
          : await readUpstreamJson(SERVICE, response, PhrVerifyAnswer).then((a) => (a.authResult === 'success' ? a.tokens : undefined))
      if (!tokens?.token) return { verified: false }
      const userToken = toUserToken({ ...tokens, token: tokens.token })
      return { verified: true, profile: await profileOf(flow.profile, userToken.token, loginId), userToken }
    },

    async verifyMobileOtp(txnId, otp) {
      const response = await checkOtp(flows.abha_mobile, txnId, otp)
      if (!response) return { verified: false }
      const answer = await readUpstreamJson(SERVICE, response, MobileVerifyAnswer)
      if (answer.authResult !== 'success' || !answer.tokens?.token) return { verified: false }
      const accounts: AbhaAccount[] = answer.users.map((user) => {
        const number = user.abhaNumber?.replace(/-/g, '')
        return {
          abhaAddress: user.abhaAddress.toLowerCase(),
          name: user.fullName || undefined,
          abhaNumber: number && /^\d{14}$/.test(number) ? number : undefined,
          kycVerified: user.kycStatus?.toUpperCase() === 'VERIFIED',
        }
      })
      if (accounts.length === 0) {
        options.log.log('error', 'ABDM verified a mobile but listed no ABHA address on it', {})
        throw new ApiError('upstream_error', 'ABDM listed no ABHA account for this mobile.', { details: { service: SERVICE } })
      }
      return { verified: true, accounts, transferToken: answer.tokens.token, expiresInSeconds: answer.tokens.expiresIn ?? 300 }
    },

    async chooseAccount(txnId, transferToken, abhaAddress) {
      const flow = flows.abha_mobile
      const response = await withSession((token) =>
        callUpstream(
          SERVICE,
          `${options.abhaBaseUrl}${flow.verifyUser}`,
          {
            method: 'POST',
            headers: headers({ Authorization: `Bearer ${token}`, 'T-token': `Bearer ${transferToken}` }),
            body: JSON.stringify({ abhaAddress, txnId }),
          },
          options.timeoutMs,
        ),
      )
      // 401: the transfer token expired (ABDM gives it 300 s); 400: ABDM refuses this address now.
      if (response.status === 401 || response.status === 400) {
        options.log.log('info', 'ABDM refused the choice of an ABHA address', {
          status: response.status,
          code: await abdmErrorCode(response),
        })
        await response.body?.cancel()
        return undefined
      }
      if (!response.ok) await rejectUpstream(SERVICE, response)
      const userToken = toUserToken(await readUpstreamJson(SERVICE, response, TokenAnswer))
      return { profile: await profileOf(flow.profile, userToken.token, { kind: 'abha_address', value: abhaAddress }), userToken }
    },

    async refreshUserToken(refreshToken) {
      // ABDM's PHR refresh: the refresh token as `R-token`; a refused one (401/400) means a new sign-in.
      const response = await withSession((token) =>
        callUpstream(
          SERVICE,
          `${options.abhaBaseUrl}${phrLogin.refresh}`,
          { headers: headers({ Authorization: `Bearer ${token}`, 'R-token': `Bearer ${refreshToken}` }) },
          options.timeoutMs,
        ),
      )
      if (response.status === 401 || response.status === 400) {
        options.log.log('info', 'ABDM refused a refresh token', { status: response.status, code: await abdmErrorCode(response) })
        await response.body?.cancel()
        return undefined
      }
      if (!response.ok) await rejectUpstream(SERVICE, response)
      return toUserToken(await readUpstreamJson(SERVICE, response, TokenAnswer))
    },
  }

  /** ABDM checks the OTP of a login transaction: its answer, or undefined for a code it refuses (400). */
  async function checkOtp(flow: (typeof flows)[keyof typeof flows], txnId: string, otp: string): Promise<Response | undefined> {
    const response = await withCertificate(flow.certificate, async (publicKey) =>
      post(flow.verify, {
        scope: flow.scope,
        authData: { authMethods: ['otp'], otp: { txnId, otpValue: await encryptFor(publicKey, otp) } },
      }),
    )
    await failIfOurFault(response, 'an OTP verification')
    if (response.status === 400) {
      await response.body?.cancel()
      return undefined
    }
    if (!response.ok) await rejectUpstream(SERVICE, response)
    return response
  }

  /** The profile a user token (X-token) signs in; it must be the one asked for: never trust a mismatch. */
  async function profileOf(path: string, xToken: string, loginId: AbhaId): Promise<AbhaProfile> {
    const profileResponse = await withSession((token) =>
      callUpstream(
        SERVICE,
        `${options.abhaBaseUrl}${path}`,
        { headers: headers({ Authorization: `Bearer ${token}`, 'X-token': `Bearer ${xToken}` }) },
        options.timeoutMs,
      ),
    )
    if (!profileResponse.ok) await rejectUpstream(SERVICE, profileResponse, 'ABDM did not give the ABHA profile.')
    const profile = toAbhaProfile(await readUpstreamJson(SERVICE, profileResponse, AbdmProfile))
    const matches = loginId.kind === 'abha_number' ? profile.abhaNumber === loginId.value : profile.abhaAddress === loginId.value
    if (!matches) {
      options.log.log('error', 'ABDM profile does not match the login id', { kind: loginId.kind })
      throw new ApiError('upstream_error', 'ABDM answered with a different ABHA profile.', { details: { service: SERVICE } })
    }
    return profile
  }
}
