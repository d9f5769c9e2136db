import { env } from 'cloudflare:test'
import { sign } from 'hono/jwt'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { TokenPairSchema } from '../src/features/auth/schema'
import { loginByPhone } from './fixtures/auth'
import { expectError, newClient } from './harness/client'
import { runSql } from './harness/sql'

const now = () => Math.floor(Date.now() / 1000)
const jti = (token: string) => JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).jti as string

describe('refresh tokens', () => {
  it('rotate: the new pair works, and reusing the old refresh token ends the whole session', async () => {
    const { refresh_token, client } = await loginByPhone()
    const rotated = TokenPairSchema.parse(await (await client.post('/v1/auth/refresh', { refresh_token })).json())
    expect(rotated.refresh_token).not.toBe(refresh_token)
    const me = await client.get('/v1/me', { token: rotated.access_token })
    expect(me.status).toBe(200)
    await me.body?.cancel()

    // Replayed after the grace window: the thief's replay revokes the whole family.
    await runSql(sql`update refresh_tokens set used_at = now() - interval '31 seconds' where replaced_by is not null and session_id = (
      select session_id from refresh_tokens where id = ${jti(rotated.refresh_token)})`)
    await expectError(await client.post('/v1/auth/refresh', { refresh_token }), 401, 'unauthorized')
    await expectError(await client.post('/v1/auth/refresh', { refresh_token: rotated.refresh_token }), 401, 'unauthorized')
  })

  it('survive ten parallel refreshes of one token: each gets the same new pair, which then works', async () => {
    const { refresh_token, client } = await loginByPhone()
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.post('/v1/auth/refresh', { refresh_token })))
    const pairs = await Promise.all(answers.map(async (a) => ({ status: a.status, body: await a.json() })))
    expect(pairs.map((p) => p.status)).toEqual(Array(10).fill(200))
    const tokens = new Set(pairs.map((p) => TokenPairSchema.parse(p.body).refresh_token))
    expect(tokens.size).toBe(1)
    const next = await client.post('/v1/auth/refresh', { refresh_token: [...tokens][0] })
    expect(next.status).toBe(200)
    await next.body?.cancel()
  })

  it('stop working after logout', async () => {
    const { access_token, refresh_token, client } = await loginByPhone()
    const logout = await client.post('/v1/auth/logout', undefined, { token: access_token })
    expect(logout.status).toBe(204)
    await expectError(await client.post('/v1/auth/refresh', { refresh_token }), 401, 'unauthorized')
  })

  it('cannot be used as an access token, nor an access token as a refresh token', async () => {
    const { access_token, refresh_token, client } = await loginByPhone()
    await expectError(await client.get('/v1/me', { token: refresh_token }), 401, 'unauthorized')
    await expectError(await client.post('/v1/auth/refresh', { refresh_token: access_token }), 401, 'unauthorized')
  })
})

describe('access tokens', () => {
  it('are required', async () => {
    const response = await newClient().get('/v1/me')
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
    await expectError(response, 401, 'unauthorized')
  })

  it('are refused when forged, signed with another secret, or expired', async () => {
    const { access_token, patient, client } = await loginByPhone()
    const [header, payload] = access_token.split('.')
    const claims = JSON.parse(atob(payload!.replace(/-/g, '+').replace(/_/g, '/')))

    const tampered = `${header}.${btoa(JSON.stringify({ ...claims, sub: crypto.randomUUID() })).replace(/=+$/, '')}.${access_token.split('.')[2]}`
    await expectError(await client.get('/v1/me', { token: tampered }), 401, 'unauthorized')

    const otherSecret = await sign({ ...claims }, 'another-secret-that-is-long-enough-0123456789', 'HS256')
    await expectError(await client.get('/v1/me', { token: otherSecret }), 401, 'unauthorized')

    const expired = await sign(
      { ...claims, sub: patient.id, iat: now() - 1200, nbf: now() - 1200, exp: now() - 600 },
      env.JWT_SECRET!,
      'HS256',
    )
    await expectError(await client.get('/v1/me', { token: expired }), 401, 'token_expired')

    await expectError(await client.get('/v1/me', { token: 'not.a.jwt' }), 401, 'unauthorized')

    // Correctly signed, but not as we issue them: no expiry, or a subject that is not a patient id.
    const { exp: _exp, ...noExpiry } = claims
    await expectError(await client.get('/v1/me', { token: await sign(noExpiry, env.JWT_SECRET!, 'HS256') }), 401, 'unauthorized')
    const notUuid = await sign({ ...claims, sub: 'admin', exp: now() + 600 }, env.JWT_SECRET!, 'HS256')
    await expectError(await client.get('/v1/me', { token: notUuid }), 401, 'unauthorized')
  })

  it('signed with JWT_SECRET_PREVIOUS stay valid during a key rotation', async () => {
    const { access_token } = await loginByPhone()
    const { createExecutionContext, waitOnExecutionContext } = await import('cloudflare:test')
    const worker = (await import('../src/index')).default
    const ctx = createExecutionContext()
    const rotatedEnv = { ...env, JWT_SECRET: 'the-new-secret-after-rotation-0123456789abc', JWT_SECRET_PREVIOUS: env.JWT_SECRET }
    const response = await worker.fetch(
      new Request('https://phr.test/v1/me', { headers: { authorization: `Bearer ${access_token}` } }),
      rotatedEnv,
      ctx,
    )
    await waitOnExecutionContext(ctx)
    expect(response.status).toBe(200)
    await response.body?.cancel()
  })
})
