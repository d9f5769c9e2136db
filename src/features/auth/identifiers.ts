import { formatAbhaNumber } from '../../integrations/abdm/client'
import type { AbhaLoginId } from '../../integrations/abdm/port'
import type { IdentityChannel } from '../../db/schema'

/** What a login request names, normalised: the identity it proves once the OTP is right. */
export type LoginIdentity = { channel: IdentityChannel; identifier: string }

/** An Indian mobile (+91, 0091, 91 or 0 prefix, spaces and dashes allowed) as E.164, or undefined. */
export function normaliseIndianMobile(raw: string): string | undefined {
  const compact = raw.replace(/[\s\-().]/g, '')
  const match = compact.match(/^(?:\+91|0091|91|0)?([6-9]\d{9})$/)
  return match ? `+91${match[1]}` : undefined
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/

export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase()
  return email.length <= 254 && EMAIL.test(email) ? email : undefined
}

/**
 * ABHA number: 14 digits, with or without dashes or spaces. ABHA address: `name@abdm` (production),
 * `name@sbx` (sandbox) or an older suffix. ABDM decides what is valid: we only refuse what cannot
 * be an ABHA at all, never more strictly than ABDM.
 */
export function normaliseAbha(raw: string): AbhaLoginId | undefined {
  const value = raw.trim()
  if (value.includes('@')) {
    const address = value.toLowerCase()
    return /^[a-z0-9._-]{1,64}@[a-z]{2,20}$/.test(address) ? { kind: 'abha_address', value: address } : undefined
  }
  const digits = value.replace(/[\s-]/g, '')
  return /^\d{14}$/.test(digits) ? { kind: 'abha_number', value: digits } : undefined
}

export function maskDestination(identity: LoginIdentity): string {
  const { channel, identifier } = identity
  const stars = (n: number) => '*'.repeat(Math.max(n, 3))
  switch (channel) {
    case 'phone':
      return `+91 ${stars(6)}${identifier.slice(-4)}`
    case 'email': {
      const [local = '', domain = ''] = identifier.split('@')
      return `${local.slice(0, Math.min(2, local.length - 1))}${stars(local.length - 2)}@${domain}`
    }
    case 'abha_number':
      return `XX-XXXX-XXXX-${formatAbhaNumber(identifier).slice(-4)}`
    case 'abha_address': {
      const [local = '', suffix = ''] = identifier.split('@')
      return `${local.slice(0, Math.min(2, local.length - 1))}${stars(local.length - 2)}@${suffix}`
    }
  }
}
