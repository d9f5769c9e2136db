import { and, eq } from 'drizzle-orm'
import type { Config } from '../../core/config'
import type { Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { seal, unseal } from '../../core/sealed'
import type { Services } from '../../core/types'
import { abdmSessions } from '../../db/schema'
import { AbdmUserTokenRefused, type AbdmUserToken } from '../../integrations/abdm/port'

type Sealed = { token: string; refreshToken?: string }

/** A token this close to its end is refreshed before use rather than sent and refused. */
const REFRESH_MARGIN_MS = 60_000

const loginRequired = (message: string) => new ApiError('abdm_login_required', message, { details: { link: 'POST /v1/abdm/abha/link' } })

/**
 * Keeps ABDM's user token of the ABHA a patient just signed in or linked (sealed; one per patient,
 * the newest wins). Without a sealing key (ABDM not configured) nothing is kept.
 */
export async function keepAbdmSession(db: Db, config: Config, patientId: string, abhaAddress: string, userToken: AbdmUserToken) {
  if (!config.ABDM_TOKENS_KEY) return
  const now = Date.now()
  const row = {
    abhaAddress,
    tokens: await seal(config.ABDM_TOKENS_KEY, { token: userToken.token, refreshToken: userToken.refreshToken } satisfies Sealed),
    expiresAt: new Date(now + userToken.expiresInSeconds * 1000),
    refreshExpiresAt: userToken.refreshExpiresInSeconds ? new Date(now + userToken.refreshExpiresInSeconds * 1000) : null,
    updatedAt: new Date(now),
  }
  await db
    .insert(abdmSessions)
    .values({ patientId, ...row })
    .onConflictDoUpdate({ target: abdmSessions.patientId, set: row })
}

/**
 * Runs a call to ABDM's consent manager with the patient's user token: refreshed first when it is
 * about to end, refreshed and tried once more when ABDM refuses it. With no token, or one ABDM
 * will not refresh, the patient confirms their ABHA again (409 `abdm_login_required`). Two
 * requests refreshing at once: the one whose refresh ABDM refuses takes the other's new token.
 * `notLinked`: what a route about one request or consent answers for a patient who never had an
 * ABDM sign-in (nothing at ABDM can be theirs: 404, as for anyone else's id).
 */
export async function withAbdmUser<T>(
  services: Services,
  patientId: string,
  call: (userToken: string, abhaAddress: string) => Promise<T>,
  notLinked?: ApiError,
): Promise<T> {
  const { db, config, integrations } = services
  const key = config.ABDM_TOKENS_KEY
  const read = async () => {
    const [row] = await db.select().from(abdmSessions).where(eq(abdmSessions.patientId, patientId))
    return row && key ? { row, tokens: await unseal<Sealed>(key, row.tokens) } : undefined
  }
  let current = await read()
  if ((!current || !key) && notLinked) throw notLinked
  if (!current || !key)
    throw loginRequired('Link your ABHA first (POST /v1/abdm/abha/link), or sign in with it: ABDM answers only to the ABHA’s owner.')

  const refresh = async (): Promise<boolean> => {
    const used = current!
    const fresh = used.tokens.refreshToken ? await integrations.abha.refreshUserToken(used.tokens.refreshToken) : undefined
    if (fresh) {
      // A refresh token ABDM did not rotate stays the one we hold.
      await keepAbdmSession(db, config, patientId, used.row.abhaAddress, {
        ...fresh,
        refreshToken: fresh.refreshToken ?? used.tokens.refreshToken,
        refreshExpiresInSeconds: fresh.refreshToken
          ? fresh.refreshExpiresInSeconds
          : used.row.refreshExpiresAt
            ? Math.max(1, (used.row.refreshExpiresAt.getTime() - Date.now()) / 1000)
            : undefined,
      })
      current = await read()
      return true
    }
    const again = await read()
    if (again && again.row.tokens !== used.row.tokens) {
      current = again // another request refreshed it meanwhile
      return true
    }
    await db.delete(abdmSessions).where(and(eq(abdmSessions.patientId, patientId), eq(abdmSessions.tokens, used.row.tokens)))
    return false
  }

  if (current.row.expiresAt.getTime() - Date.now() < REFRESH_MARGIN_MS && !(await refresh()))
    throw loginRequired('Your ABDM sign-in has ended: confirm your ABHA again with POST /v1/abdm/abha/link.')
  try {
    return await call(current!.tokens.token, current!.row.abhaAddress)
  } catch (error) {
    if (!(error instanceof AbdmUserTokenRefused)) throw error
    if (!(await refresh())) throw loginRequired('ABDM asks you to confirm your ABHA again: POST /v1/abdm/abha/link.')
    try {
      return await call(current!.tokens.token, current!.row.abhaAddress)
    } catch (retryError) {
      if (!(retryError instanceof AbdmUserTokenRefused)) throw retryError
      throw loginRequired('ABDM asks you to confirm your ABHA again: POST /v1/abdm/abha/link.')
    }
  }
}
