import { z } from 'zod'
import { base64ToBytes, bytesToBase64 } from '../../core/crypto'
import { ApiError } from '../../core/errors'
import { formatAbhaNumber } from '../../core/identifiers'
import type { Logger } from '../../core/logger'
import { callUpstream, readUpstreamJson, rejectUpstream } from '../../core/upstream'
import type { AbhaLogin, AbhaProfile } from './port'

export type AbdmOptions = {
  abhaBaseUrl: string
  gatewayBaseUrl: string
  clientId: string
  clientSecret: string
  cmId: string
  timeoutMs: number
  log: Logger
}

const SERVICE = 'ABDM'
const CACHE_PREFIX = 'https://phr-edge.internal/abdm'

const SessionAnswer = z.object({ accessToken: z.string().min(1), expiresIn: z.coerce.number().positive().default(600) })
const CertificateAnswer = z.object({ publicKey: z.string().min(1), encryptionAlgorithm: z.string().optional() })
const OtpAnswer = z.object({ txnId: z.string().min(1), message: z.string().optional() })
const ProfileVerifyAnswer = z.object({
  authResult: z.string().optional(),
  token: z.string().optional(),
})
const PhrVerifyAnswer = z.object({
  authResult: z.string().optional(),
  tokens: z.object({ token: z.string() }).partial().optional(),
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

/** The two ABDM login routes: PHR-app login for ABHA addresses, profile login for ABHA numbers. */
const flows = {
  abha_address: {
    certificate: '/abha/api/v3/phr/app/login/public/certificate',
    requestOtp: '/abha/api/v3/phr/app/login/request/otp',
    verify: '/abha/api/v3/phr/app/login/verify',
    profile: '/abha/api/v3/phr/app/login/profile',
    scope: ['abha-address-login', 'mobile-verify'],
    loginHint: 'abha-address',
  },
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

/** The edge cache (per data centre) keeps the gateway session and the certificates between requests. */
async function cached<T>(key: string, load: () => Promise<{ value: T; ttlSeconds: number }>): Promise<T> {
  const cache = typeof caches === 'undefined' ? undefined : caches.default
  const request = new Request(`${CACHE_PREFIX}/${key}`)
  const hit = await cache?.match(request)
  if (hit) return (await hit.json()) as T
  const { value, ttlSeconds } = await load()
  await cache?.put(
    request,
    new Response(JSON.stringify(value), { headers: { 'cache-control': `max-age=${Math.max(1, Math.floor(ttlSeconds))}` } }),
  )
  return value
}

export function abdmLogin(options: AbdmOptions): AbhaLogin {
  const headers = (extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    accept: 'application/json',
    'REQUEST-ID': crypto.randomUUID(),
    TIMESTAMP: new Date().toISOString(),
    'X-CM-ID': options.cmId,
    ...extra,
  })

  const sessionToken = () =>
    cached(`session/${encodeURIComponent(options.clientId)}`, async () => {
      const response = await callUpstream(
        SERVICE,
        `${options.gatewayBaseUrl}/api/hiecm/gateway/v3/sessions`,
        {
          method: 'POST',
          headers: headers(),
          body: JSON.stringify({ clientId: options.clientId, clientSecret: options.clientSecret, grantType: 'client_credentials' }),
        },
        options.timeoutMs,
      )
      if (!response.ok) {
        options.log.log('error', 'ABDM refused our client credentials', { status: response.status })
        await rejectUpstream(SERVICE, response, 'ABDM refused our credentials.')
      }
      const session = await readUpstreamJson(SERVICE, response, SessionAnswer)
      return { value: session.accessToken, ttlSeconds: session.expiresIn - 60 }
    })

  const certificate = (path: string) =>
    cached(`certificate${path}`, async () => {
      const response = await callUpstream(SERVICE, `${options.abhaBaseUrl}${path}`, { headers: headers() }, options.timeoutMs)
      if (!response.ok) await rejectUpstream(SERVICE, response, 'ABDM did not give its public certificate.')
      const answer = await readUpstreamJson(SERVICE, response, CertificateAnswer)
      return { value: answer.publicKey, ttlSeconds: 6 * 3600 }
    })

  async function post(path: string, body: unknown) {
    const token = await sessionToken()
    return callUpstream(
      SERVICE,
      `${options.abhaBaseUrl}${path}`,
      { method: 'POST', headers: headers({ Authorization: `Bearer ${token}` }), body: JSON.stringify(body) },
      options.timeoutMs,
    )
  }

  return {
    async requestOtp(loginId) {
      const flow = flows[loginId.kind]
      const publicKey = await certificate(flow.certificate)
      const plainId = loginId.kind === 'abha_number' ? formatAbhaNumber(loginId.value) : loginId.value
      const response = await post(flow.requestOtp, {
        scope: flow.scope,
        loginHint: flow.loginHint,
        loginId: await encryptFor(publicKey, plainId),
        otpSystem: 'abdm',
      })
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
      const publicKey = await certificate(flow.certificate)
      const response = await post(flow.verify, {
        scope: flow.scope,
        authData: { authMethods: ['otp'], otp: { txnId, otpValue: await encryptFor(publicKey, otp) } },
      })
      if (response.status === 400 || response.status === 401) {
        await response.body?.cancel()
        return { verified: false }
      }
      if (!response.ok) await rejectUpstream(SERVICE, response)
      const xToken =
        loginId.kind === 'abha_number'
          ? await readUpstreamJson(SERVICE, response, ProfileVerifyAnswer).then((a) => (a.authResult === 'success' ? a.token : undefined))
          : await readUpstreamJson(SERVICE, response, PhrVerifyAnswer).then((a) =>
              a.authResult === 'success' ? a.tokens?.token : undefined,
            )
      if (!xToken) return { verified: false }

      const profileResponse = await callUpstream(
        SERVICE,
        `${options.abhaBaseUrl}${flow.profile}`,
        { headers: headers({ Authorization: `Bearer ${await sessionToken()}`, 'X-token': `Bearer ${xToken}` }) },
        options.timeoutMs,
      )
      if (!profileResponse.ok) await rejectUpstream(SERVICE, profileResponse, 'ABDM did not give the ABHA profile.')
      const profile = toAbhaProfile(await readUpstreamJson(SERVICE, profileResponse, AbdmProfile))
      // The profile must be the one that logged in: never trust a mismatch.
      const matches = loginId.kind === 'abha_number' ? profile.abhaNumber === loginId.value : profile.abhaAddress === loginId.value
      if (!matches) {
        options.log.log('error', 'ABDM profile does not match the login id', { kind: loginId.kind })
        throw new ApiError('upstream_error', 'ABDM answered with a different ABHA profile.', { details: { service: SERVICE } })
      }
      return { verified: true, profile }
    },
  }
}
