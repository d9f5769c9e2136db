/**
 * The identifier rules every feature shares: an Indian mobile, an email address, an ABHA number or
 * address. Each returns the normalised value, or undefined when the input cannot be one.
 */

/** An ABHA identifier, normalised: 14 digits, or a lower-case ABHA address. */
export type AbhaId = { kind: 'abha_number'; value: string } | { kind: 'abha_address'; value: string }

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
export function normaliseAbha(raw: string): AbhaId | undefined {
  const value = raw.trim()
  if (value.includes('@')) {
    const address = value.toLowerCase()
    return /^[a-z0-9._-]{1,64}@[a-z]{2,20}$/.test(address) ? { kind: 'abha_address', value: address } : undefined
  }
  const digits = value.replace(/[\s-]/g, '')
  return /^\d{14}$/.test(digits) ? { kind: 'abha_number', value: digits } : undefined
}

/** 14 digits as ABDM writes them: 91-1234-5678-9015. */
export function formatAbhaNumber(digits: string): string {
  return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6, 10)}-${digits.slice(10, 14)}`
}
