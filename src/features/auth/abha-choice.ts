import { sql } from 'drizzle-orm'
import { formatAbhaNumber } from '../../core/identifiers'
import { queryRows } from '../../core/db'
import { randomToken, sha256Hex } from '../../core/crypto'
import { ApiError } from '../../core/errors'
import { seal, unseal } from '../../core/sealed'
import type { Services } from '../../core/types'
import type { ListedAbhaAccount } from '../../db/schema'
import type { AbhaAccount } from '../../integrations/abdm/port'
import { enforceVerifyLimit } from './otp'

/** At most this long between the OTP and the choice, however long ABDM's transfer token would live. */
const MAX_CHOICE_SECONDS = 600

type Transfer = { txnId: string; token: string }

function sealingKey(services: Services): string {
  const key = services.config.ABDM_TOKENS_KEY
  if (!key) throw new ApiError('config_invalid', 'ABDM_TOKENS_KEY is not set: ABHA login by mobile cannot keep ABDM’s token.')
  return key
}

/** An ABHA address as the app shows it to choose from: the ABHA number masked, as on a login screen. */
function toAbhaAccountChoice(account: ListedAbhaAccount) {
  return {
    abha_address: account.abhaAddress,
    name: account.name ?? null,
    abha_number: account.abhaNumber ? `XX-XXXX-XXXX-${formatAbhaNumber(account.abhaNumber).slice(-4)}` : null,
    kyc_verified: account.kycVerified,
  }
}

/**
 * A right OTP for a mobile that carries several ABHA addresses: the challenge keeps ABDM's list and
 * its transfer token (sealed) until the person chooses, and the app gets a choice token (only its
 * hash is kept) valid as long as ABDM's token, at most ten minutes.
 */
export async function beginAbhaChoice(
  services: Services,
  proved: { challengeId: string; txnId: string; accounts: AbhaAccount[]; transferToken: string; expiresInSeconds: number },
) {
  const choiceToken = randomToken(32)
  const expiresIn = Math.max(30, Math.min(MAX_CHOICE_SECONDS, Math.floor(proved.expiresInSeconds) - 10))
  const sealed = await seal(sealingKey(services), { txnId: proved.txnId, token: proved.transferToken } satisfies Transfer)
  const accounts: ListedAbhaAccount[] = proved.accounts
  await services.db.execute(sql`
    update otp_challenges set abha_accounts = ${JSON.stringify(accounts)}::jsonb, abha_transfer_token = ${sealed},
      choice_hash = ${await sha256Hex(choiceToken)}, choice_expires_at = now() + make_interval(secs => ${expiresIn})
    where id = ${proved.challengeId}`)
  return { choice_token: choiceToken, expires_in: expiresIn, accounts: accounts.map(toAbhaAccountChoice) }
}

/**
 * The open choice a choice token names: ABDM's list and its transfer token. 404 for a token never
 * given, 409 once used or expired. Each try counts against the client's address, as OTP checks do.
 */
export async function openAbhaChoice(services: Services, choiceToken: string, clientIp: string) {
  const { db } = services
  await enforceVerifyLimit(services, clientIp)
  const [row] = await queryRows<{
    id: string
    accounts: ListedAbhaAccount[] | null
    transfer: string | null
    chosen: boolean
    expired: boolean
  }>(
    db,
    sql`select id, abha_accounts as accounts, abha_transfer_token as transfer, chosen_at is not null as chosen,
               choice_expires_at <= now() as expired
        from otp_challenges where choice_hash = ${await sha256Hex(choiceToken)}`,
  )
  if (!row) throw new ApiError('challenge_not_found', 'No such account choice: log in again.')
  if (row.chosen || !row.transfer || !row.accounts) throw new ApiError('otp_already_used', 'An account was already chosen with this login.')
  if (row.expired) throw new ApiError('otp_expired', 'The time to choose an account has passed: ask for a new code.')
  const transfer = await unseal<Transfer>(sealingKey(services), row.transfer)
  return { challengeId: row.id, accounts: row.accounts, txnId: transfer.txnId, transferToken: transfer.token }
}

/** Marks the choice made and forgets ABDM's token and list; false when another request made it first. */
export async function closeAbhaChoice(services: Services, challengeId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    services.db,
    sql`update otp_challenges set chosen_at = now(), abha_transfer_token = null, abha_accounts = null
        where id = ${challengeId} and chosen_at is null returning id`,
  )
  return rows.length > 0
}
