import { sign, verify } from 'hono/jwt'
import { JwtTokenExpired } from 'hono/utils/jwt/types'
import type { Config } from './config'
import { ApiError } from './errors'

/** access and refresh: the app's; file: a link to one record's file (jti: the record's id). */
export type TokenType = 'access' | 'refresh' | 'file'

export type TokenClaims = {
  sub: string
  sid: string
  jti: string
  typ: TokenType
  iat: number
  exp: number
  /** A session switched into a managed profile (`sub`): the account acting, and the management it acts under. */
  act?: string
  mid?: string
}

const AUDIENCE = 'phr-edge-patient-app'

/** Signs a token issued at `issuedAt`: the same claims and time always give the same token. */
export async function issueToken(config: Config, claims: Omit<TokenClaims, 'iat' | 'exp'>, ttlSeconds: number, issuedAt = new Date()) {
  const iat = Math.floor(issuedAt.getTime() / 1000)
  return sign({ ...claims, iss: config.JWT_ISSUER, aud: AUDIENCE, iat, nbf: iat, exp: iat + ttlSeconds }, config.JWT_SECRET, 'HS256')
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Verifies signature (current secret, then the previous one during a rotation), expiry, issuer,
 * audience and token type. Every failure is a 401: forged, expired, other secret or other type.
 */
export async function verifyToken(config: Config, token: string, type: TokenType): Promise<TokenClaims> {
  const secrets = [config.JWT_SECRET, config.JWT_SECRET_PREVIOUS].filter((s): s is string => Boolean(s))
  let expired = false
  for (const secret of secrets) {
    try {
      const payload = await verify(token, secret, { alg: 'HS256', iss: config.JWT_ISSUER })
      const claims = payload as Partial<TokenClaims> & { aud?: unknown }
      // A token we issued has every claim: a correctly signed one without exp, or with ids that
      // are not ours, is refused rather than trusted.
      if (
        claims.aud === AUDIENCE &&
        claims.typ === type &&
        typeof claims.exp === 'number' &&
        typeof claims.sub === 'string' &&
        UUID.test(claims.sub) &&
        typeof claims.sid === 'string' &&
        UUID.test(claims.sid) &&
        typeof claims.jti === 'string' &&
        // Both or neither: a token for a managed profile names the account and the management.
        (claims.act === undefined
          ? claims.mid === undefined
          : typeof claims.act === 'string' && UUID.test(claims.act) && typeof claims.mid === 'string' && UUID.test(claims.mid))
      ) {
        return claims as TokenClaims
      }
      break
    } catch (error) {
      if (error instanceof JwtTokenExpired) expired = true
    }
  }
  throw expired
    ? new ApiError('token_expired', `The ${type} token has expired.`)
    : new ApiError('unauthorized', `The ${type} token is not valid.`)
}
