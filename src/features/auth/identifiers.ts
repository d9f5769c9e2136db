import { formatAbhaNumber } from '../../core/identifiers'
import type { IdentityChannel } from '../../db/schema'

/** What a login request names, normalised: the identity it proves once the OTP is right. */
export type LoginIdentity = { channel: IdentityChannel; identifier: string }

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
