import { and, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm'
import type { Config } from '../../core/config'
import { hmacSha256Hex, randomDigits, sha256Hex, timingSafeEqual } from '../../core/crypto'
import type { Db } from '../../core/db'
import { ApiError, invalidField } from '../../core/errors'
import { normaliseAbha, normaliseEmail, normaliseIndianMobile } from '../../core/identifiers'
import { addressGroup, clearRateLimits, enforceRateLimits, releaseQuota, reserveQuota } from '../../core/rate-limit'
import type { Services } from '../../core/types'
import { otpChallenges } from '../../db/schema'
import type { AbdmUserToken, AbhaMobileVerification, AbhaProfile } from '../../integrations/abdm/port'
import { maskDestination, type ChallengeIdentity, type LoginIdentity } from './identifiers'

type Channel = 'phone' | 'email' | 'abha'

export function loginIdentityFor(channel: Channel, raw: string): ChallengeIdentity {
  const invalid = (message: string) => invalidField('json', 'identifier', message)
  switch (channel) {
    case 'phone': {
      const phone = normaliseIndianMobile(raw)
      if (!phone) throw invalid('must be an Indian mobile number, e.g. +91 98765 43210')
      return { channel: 'phone', identifier: phone }
    }
    case 'email': {
      const email = normaliseEmail(raw)
      if (!email) throw invalid('must be an email address')
      return { channel: 'email', identifier: email }
    }
    case 'abha': {
      const abha = normaliseAbha(raw)
      if (abha) return { channel: abha.kind, identifier: abha.value }
      // A mobile: ABDM lists every ABHA address on it, and the person picks one.
      const mobile = normaliseIndianMobile(raw)
      if (mobile) return { channel: 'abha_mobile', identifier: mobile }
      throw invalid('must be a 14-digit ABHA number, an ABHA address such as name@abdm, or the mobile of an ABHA account')
    }
  }
}

export function apiChannelOf(identity: ChallengeIdentity): Channel {
  return identity.channel === 'phone' || identity.channel === 'email' ? identity.channel : 'abha'
}

function otpHash(config: Config, challengeId: string, otp: string) {
  return hmacSha256Hex(config.OTP_HASH_KEY, `${challengeId}:${otp}`)
}

/**
 * Rate-limit keys of one login identity; hashed, so no phone number or email sits in rate_limits.
 * The send limits are per identity *and* client address group: codes someone else asks for from
 * elsewhere never use up the owner's allowance. The failure cap is per identity.
 */
export async function otpKeys(identity: ChallengeIdentity, clientIp: string) {
  const who = await sha256Hex(`${identity.channel}:${identity.identifier}`)
  const from = addressGroup(clientIp)
  return {
    resend: `otp:resend:${who}:${from}`,
    identifier: `otp:identifier:${who}:${from}`,
    failures: `otp:failures:${who}`,
    /** Every send key of this identity, from any address: a verified login clears them. */
    sendPrefixes: [`otp:resend:${who}:`, `otp:identifier:${who}:`],
  }
}

/**
 * Sends an OTP. Whether or not an account exists, the answer is the same: for phone and email an
 * OTP always goes out (first login creates the account); for an ABHA that ABDM refuses, a
 * challenge is still made that no code will ever pass.
 */
export async function sendLoginOtp(services: Services, identity: ChallengeIdentity, clientIp: string, linkPatientId?: string) {
  const { db, config } = services
  const keys = await otpKeys(identity, clientIp)
  // Every request counts against its own address; only codes actually sent count against the
  // identity, and only from that address, so nobody can use up another person's allowance.
  await enforceRateLimits(
    db,
    [{ key: `otp:address:${addressGroup(clientIp)}`, max: config.OTP_SEND_LIMIT_PER_IP, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS }],
    'Too many OTP requests from this network. Please wait before asking for another code.',
  )
  const quota = [
    { key: keys.resend, max: 1, windowSeconds: config.OTP_RESEND_COOLDOWN_SECONDS },
    { key: keys.identifier, max: config.OTP_SEND_LIMIT_PER_IDENTIFIER, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS },
    { key: 'otp:budget', max: config.OTP_SEND_BUDGET_PER_MINUTE, windowSeconds: 60 },
  ]
  await reserveQuota(db, quota, 'Too many OTP requests. Please wait before asking for another code.')
  try {
    return await createChallenge(services, identity, clientIp, linkPatientId)
  } catch (error) {
    // Nothing was sent: the code does not count.
    await releaseQuota(
      db,
      quota.map((q) => q.key),
    ).catch(() => {})
    throw error
  }
}

async function createChallenge(services: Services, identity: ChallengeIdentity, clientIp: string, linkPatientId?: string) {
  const { db, config, integrations } = services

  const challengeId = crypto.randomUUID()
  const ttlMinutes = Math.max(1, Math.round(config.OTP_TTL_SECONDS / 60))
  const base = {
    id: challengeId,
    channel: identity.channel,
    identifier: identity.identifier,
    maxAttempts: config.OTP_MAX_ATTEMPTS,
    expiresAt: new Date(Date.now() + config.OTP_TTL_SECONDS * 1000),
    clientIp,
    linkPatientId: linkPatientId ?? null,
  }

  if (identity.channel === 'phone' || identity.channel === 'email') {
    const otp = randomDigits(6)
    await db.insert(otpChallenges).values({ ...base, otpHash: await otpHash(config, challengeId, otp) })
    if (identity.channel === 'phone') await integrations.sms.sendLoginOtp(identity.identifier, otp, ttlMinutes)
    else await integrations.email.sendLoginOtp(identity.identifier, otp, ttlMinutes)
  } else {
    const sent = await integrations.abha.requestOtp({ kind: identity.channel, value: identity.identifier })
    await db.insert(otpChallenges).values({
      ...base,
      providerTxnId: sent.sent ? sent.txnId : null,
      deliverable: sent.sent,
    })
  }

  return {
    challenge_id: challengeId,
    channel: apiChannelOf(identity),
    masked_destination: maskDestination(identity),
    expires_in: config.OTP_TTL_SECONDS,
    resend_after: config.OTP_RESEND_COOLDOWN_SECONDS,
  }
}

/** Every try to prove a login (a code, an ABHA account's choice) counts against the client's address. */
export async function enforceVerifyLimit({ db, config }: Services, clientIp: string) {
  await enforceRateLimits(
    db,
    [
      {
        key: `otp-verify:address:${addressGroup(clientIp)}`,
        max: config.OTP_VERIFY_LIMIT_PER_IP,
        windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
      },
    ],
    'Too many login attempts from this network. Please wait and try again.',
  )
}

/** A right code for a login identity: the identity, with ABDM's profile for an ABHA. */
export async function checkLoginOtp(services: Services, challengeId: string, otp: string, clientIp: string) {
  const proved = await checkOtp(services, challengeId, otp, clientIp, 'login')
  return { identity: proved.identity as LoginIdentity, abhaProfile: proved.abhaProfile, abdmToken: proved.abdmToken }
}

/** A right code for a mobile in an ABHA login: the ABHA addresses ABDM lists on it, and its transfer token. */
export async function checkAbhaMobileOtp(services: Services, challengeId: string, otp: string, clientIp: string) {
  const proved = await checkOtp(services, challengeId, otp, clientIp, 'abha_mobile')
  return { challengeId, txnId: proved.txnId, ...proved.abhaMobile! }
}

/** A right code that links an ABHA to this patient (asked with `linkPatientId`): the ABHA and ABDM's profile of it. */
export async function checkAbhaLinkOtp(services: Services, patientId: string, challengeId: string, otp: string, clientIp: string) {
  const proved = await checkOtp(services, challengeId, otp, clientIp, { link: patientId })
  return { identity: proved.identity as LoginIdentity, abhaProfile: proved.abhaProfile!, abdmToken: proved.abdmToken }
}

/** Which route checks a code: a login, an ABHA login by mobile, or linking an ABHA to a patient. */
type CheckRoute = 'login' | 'abha_mobile' | { link: string }

/**
 * Checks an OTP. The attempt is counted before the code is compared, in one atomic update, so
 * parallel guesses cannot exceed OTP_MAX_ATTEMPTS. A right code is consumed exactly once. An ABHA
 * login by mobile is checked by its own route, which answers the addresses to choose from, and a
 * code that links an ABHA to a patient by its own, for that patient only; each route leaves the
 * others' challenges untouched.
 */
async function checkOtp(
  services: Services,
  challengeId: string,
  otp: string,
  clientIp: string,
  route: CheckRoute,
): Promise<{
  identity: ChallengeIdentity
  txnId: string
  abhaProfile?: AbhaProfile
  /** ABDM's user token of the ABHA signed in, to keep for the consent manager. */
  abdmToken?: AbdmUserToken
  abhaMobile?: AbhaMobileVerification & { verified: true }
}> {
  const { db, config, integrations } = services
  await enforceVerifyLimit(services, clientIp)

  const [challenge] = await db
    .update(otpChallenges)
    .set({ attempts: sql`${otpChallenges.attempts} + 1` })
    .where(
      and(
        eq(otpChallenges.id, challengeId),
        route === 'abha_mobile' ? eq(otpChallenges.channel, 'abha_mobile') : ne(otpChallenges.channel, 'abha_mobile'),
        typeof route === 'object' ? eq(otpChallenges.linkPatientId, route.link) : isNull(otpChallenges.linkPatientId),
        isNull(otpChallenges.consumedAt),
        gt(otpChallenges.expiresAt, sql`now()`),
        lt(otpChallenges.attempts, otpChallenges.maxAttempts),
      ),
    )
    .returning()
  if (!challenge) throw await whyChallengeUnusable(db, challengeId, route)

  const identity: ChallengeIdentity = { channel: challenge.channel, identifier: challenge.identifier }
  const keys = await otpKeys(identity, clientIp)
  // Wrong codes per identity and day, across all its challenges: guessing with many challenges
  // from many addresses stops here. Counted up front, given back when the code is right.
  await reserveQuota(
    db,
    [{ key: keys.failures, max: config.OTP_VERIFY_FAILURES_PER_IDENTIFIER_PER_DAY, windowSeconds: 86_400 }],
    'Too many wrong codes for this account today. Please try again tomorrow.',
  )
  let abhaProfile: AbhaProfile | undefined
  let abdmToken: AbdmUserToken | undefined
  let abhaMobile: (AbhaMobileVerification & { verified: true }) | undefined
  let correct = false
  // An ABHA that ABDM refused still costs one ABDM round trip (with a transaction id ABDM will
  // refuse), so that the time of the answer does not tell whether ABDM knows the ABHA.
  const txnId = challenge.deliverable && challenge.providerTxnId ? challenge.providerTxnId : crypto.randomUUID()
  if (challenge.otpHash) {
    correct = timingSafeEqual(challenge.otpHash, await otpHash(config, challenge.id, otp))
  } else if (identity.channel === 'abha_number' || identity.channel === 'abha_address') {
    const result = await integrations.abha.verifyOtp({ kind: identity.channel, value: identity.identifier }, txnId, otp)
    if (result.verified && challenge.deliverable) {
      correct = true
      abhaProfile = result.profile
      abdmToken = result.userToken
    }
  } else if (identity.channel === 'abha_mobile') {
    const result = await integrations.abha.verifyMobileOtp(txnId, otp)
    if (result.verified && challenge.deliverable) {
      correct = true
      abhaMobile = result
    }
  }
  if (!correct) {
    const remaining = Math.max(0, challenge.maxAttempts - challenge.attempts)
    throw new ApiError(
      'otp_invalid',
      remaining > 0 ? 'The code is not right.' : 'The code is not right, and no tries are left: ask for a new code.',
      {
        details: { attempts_remaining: remaining },
      },
    )
  }

  const [consumed] = await db
    .update(otpChallenges)
    .set({ consumedAt: sql`now()` })
    .where(and(eq(otpChallenges.id, challenge.id), isNull(otpChallenges.consumedAt)))
    .returning({ id: otpChallenges.id })
  if (!consumed) throw new ApiError('otp_already_used', 'This code has already been used: ask for a new one.')
  await clearRateLimits(db, [keys.failures], keys.sendPrefixes)
  return { identity, txnId, abhaProfile, abdmToken, abhaMobile }
}

async function whyChallengeUnusable(db: Db, challengeId: string, route: CheckRoute): Promise<ApiError> {
  const [challenge] = await db
    .select({
      channel: otpChallenges.channel,
      linkPatientId: otpChallenges.linkPatientId,
      consumedAt: otpChallenges.consumedAt,
      expired: sql<boolean>`${otpChallenges.expiresAt} <= now()`,
      attempts: otpChallenges.attempts,
      maxAttempts: otpChallenges.maxAttempts,
    })
    .from(otpChallenges)
    .where(eq(otpChallenges.id, challengeId))
  const linking = typeof route === 'object'
  // Another patient's link is not theirs to know of.
  if (!challenge || (linking && challenge.linkPatientId !== route.link))
    return new ApiError('challenge_not_found', 'No such login challenge: ask for a new code.')
  if (!linking && challenge.linkPatientId)
    return new ApiError('conflict', 'This code links an ABHA to an account: confirm it with POST /v1/abdm/abha/link/confirm.')
  if ((challenge.channel === 'abha_mobile') !== (route === 'abha_mobile'))
    return new ApiError(
      'conflict',
      route === 'abha_mobile'
        ? 'This code is for a login by phone, email, ABHA number or ABHA address: check it with POST /v1/auth/otp/verify.'
        : 'This code is for an ABHA login by mobile: check it with POST /v1/auth/abha/verify, then choose the account.',
    )
  if (challenge.consumedAt) return new ApiError('otp_already_used', 'This code has already been used: ask for a new one.')
  if (challenge.expired) return new ApiError('otp_expired', 'The code has expired: ask for a new one.')
  return new ApiError('otp_attempts_exceeded', 'Too many wrong codes for this challenge: ask for a new code.', {
    details: { attempts_remaining: 0 },
  })
}
