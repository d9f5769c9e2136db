import { describe, expect, it } from 'vitest'
import { loginByPhone } from './fixtures/auth'
import { expectError } from './harness/client'

// An app on a patchy network keeps what it read and asks again with If-None-Match: an unchanged
// answer is a 304 with no body, a changed one a 200 with the new ETag.

describe('conditional GETs', () => {
  it('answer 304 with no body while nothing changed, and the new body once it did; another patient’s tag tells nothing', async () => {
    const { client, access_token: token } = await loginByPhone()
    const first = await client.get('/v1/me', { token })
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{24}"$/)
    await first.body?.cancel()

    const same = await client.get('/v1/me', { token, headers: { 'if-none-match': etag } })
    expect(same.status).toBe(304)
    expect(same.headers.get('etag')).toBe(etag)
    expect(same.headers.get('cache-control')).toBe('no-store')
    expect(await same.text()).toBe('')
    // A list of tags, a weak form of it, and * all match.
    for (const header of [`"nope", ${etag}`, `W/${etag}`, '*']) {
      const again = await client.get('/v1/me', { token, headers: { 'if-none-match': header } })
      expect(again.status).toBe(304)
      await again.body?.cancel()
    }

    const patched = await client.patch('/v1/me', { name: 'Asha Verma' }, { token })
    expect(patched.status).toBe(200)
    await patched.body?.cancel()
    const changed = await client.get('/v1/me', { token, headers: { 'if-none-match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect(((await changed.json()) as { name: string }).name).toBe('Asha Verma')

    // Catalogs and lists carry tags too; an error never does.
    for (const path of ['/v1/home', '/v1/lab-tests', '/v1/care-packages', '/v1/appointments']) {
      const answer = await client.get(path, { token })
      const tag = answer.headers.get('etag')!
      expect(tag, path).toBeTruthy()
      await answer.body?.cancel()
      const cached = await client.get(path, { token, headers: { 'if-none-match': tag } })
      expect(cached.status, path).toBe(304)
      await cached.body?.cancel()
    }
    const missing = await client.get('/v1/appointments/00000000-0000-4000-8000-000000000000', { token, headers: { 'if-none-match': '*' } })
    expect(missing.headers.get('etag')).toBeNull()
    await expectError(missing, 404, 'not_found')

    // Another patient's body differs (their own name and id): the same tag gets them their own 200.
    const other = await loginByPhone()
    const theirs = await other.client.get('/v1/me', { token: other.access_token, headers: { 'if-none-match': etag } })
    expect(theirs.status).toBe(200)
    await theirs.body?.cancel()
  })
})
