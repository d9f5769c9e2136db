import { formatAbhaNumber } from '../../core/identifiers'
import type { ChallengeChannel, IdentityChannel } from '../../db/schema'

/** What a login request names, normalised: the identity it proves once the OTP is right. */
export type LoginIdentity = { channel: IdentityChannel; identifier: string }
/** What an OTP is sent for: a login identity, or (`abha_mobile`) a mobile whose ABHA addresses ABDM lists. */
export type ChallengeIdentity = { channel: ChallengeChannel; identifier: string }

export function maskDestination(identity: ChallengeIdentity): string {
  const { channel, identifier } = identity
  const stars = (n: number) => '*'.repeat(Math.max(n, 3))
  switch (channel) {
    case 'phone':
    case 'abha_mobile':
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
