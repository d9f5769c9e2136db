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

// A local part of RFC 5322 atoms and dots (no quoted strings, no display names, no comments).
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const ASCII_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/

/**
 * One spelling per mailbox: lower case, the domain's trailing dot dropped and an internationalised
 * domain in its ASCII (punycode) form, so `u@example.com.` and `u@EXAMPLE.com` are one patient, and
 * so are `a@bücher.in` and `a@xn--bcher-kva.in`. Display names (`x<u@example.com>`) are refused.
 */
export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim()
  const at = email.lastIndexOf('@')
  if (at < 1 || email.length > 254) return undefined
  const local = email.slice(0, at).toLowerCase()
  const rawDomain = email.slice(at + 1).replace(/\.$/, '')
  // Only a host name: the URL parser would otherwise drop a path, port or credentials silently.
  if (!/^[^\s/\\?#:@[\]<>%]+$/.test(rawDomain)) return undefined
  let domain: string
  try {
    domain = new URL(`http://${rawDomain}`).hostname
  } catch {
    return undefined
  }
  if (local.length > 64 || !LOCAL_PART.test(local) || !ASCII_DOMAIN.test(domain)) return undefined
  return `${local}@${domain}`
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
