import { expect } from 'vitest'
import { expectError } from './client'

type Login = { access_token: string; refresh_token: string }

/**
 * What every patient route owes: no token → 401, a refresh token presented as bearer → 401, and
 * the owner's own token works. `call` makes the request with the token given (or none).
 */
export async function expectPatientOnly(call: (token?: string) => Promise<Response>, owner: Login) {
  const none = await call()
  expect(none.headers.get('www-authenticate')).toBe('Bearer')
  await expectError(none, 401, 'unauthorized')
  await expectError(await call(owner.refresh_token), 401, 'unauthorized')
  const own = await call(owner.access_token)
  expect(own.status, `the owner's own call answered ${own.status}`).toBeLessThan(400)
  await own.body?.cancel()
}

/** Another patient asking for the owner's resource gets 404, as if it did not exist. */
export async function expectHiddenFromOthers(call: (token: string) => Promise<Response>, other: Login) {
  await expectError(await call(other.access_token), 404, 'not_found')
}
