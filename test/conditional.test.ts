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

  it('If-Match: a write with the tag I read goes through; a stale one is 412, also when two phones write at once', async () => {
    const { client, access_token: token } = await loginByPhone()
    const read = await client.get('/v1/me', { token })
    const etag = read.headers.get('etag')!
    await read.body?.cancel()
    const renamed = await client.patch('/v1/me', { name: 'Asha' }, { token, headers: { 'if-match': etag } })
    expect(renamed.status).toBe(200)
    // The answer's tag is the one a GET now gives.
    const newTag = renamed.headers.get('etag')!
    await renamed.body?.cancel()
    const again = await client.get('/v1/me', { token, headers: { 'if-none-match': newTag } })
    expect(again.status).toBe(304)
    await expectError(
      await client.patch('/v1/me', { name: 'Lost update' }, { token, headers: { 'if-match': etag } }),
      412,
      'precondition_failed',
    )
    await expectError(
      await client.patch('/v1/me', { name: 'Weak' }, { token, headers: { 'if-match': `W/${newTag}` } }),
      412,
      'precondition_failed',
    )
    const any = await client.patch('/v1/me', { name: 'Asha Verma' }, { token, headers: { 'if-match': '*' } })
    expect(any.status).toBe(200)
    await any.body?.cancel()

    const medication = (await (
      await client.post(
        '/v1/medications',
        { name: 'Metformin 500 mg', dosage: '1 tablet', timings: ['after_dinner'], start_date: '2026-12-01' },
        { token },
      )
    ).json()) as { id: string }
    for (let round = 0; round < 4; round += 1) {
      const current = await client.get(`/v1/medications/${medication.id}`, { token })
      const tag = current.headers.get('etag')!
      await current.body?.cancel()
      // Two phones change it at once from the same version: one wins, the other is told. (Each
      // changes what it shows: a write that changes nothing leaves the tag true, and may go through.)
      const answers = await Promise.all(
        [`1 tablet (phone A, round ${round})`, `1 tablet (phone B, round ${round})`].map((dosage) =>
          client.patch(`/v1/medications/${medication.id}`, { dosage }, { token, headers: { 'if-match': tag } }),
        ),
      )
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412])
      for (const answer of answers) await answer.body?.cancel()
    }
    const other = await loginByPhone()
    await expectError(await other.client.get(`/v1/medications/${medication.id}`, { token: other.access_token }), 404, 'not_found')

    const routine = await client.get('/v1/me/routine', { token })
    const routineTag = routine.headers.get('etag')!
    await routine.body?.cancel()
    const moved = await client.put('/v1/me/routine', { dinner_at: '21:00' }, { token, headers: { 'if-match': routineTag } })
    expect(moved.status).toBe(200)
    await moved.body?.cancel()
    await expectError(
      await client.put('/v1/me/routine', { dinner_at: '19:30' }, { token, headers: { 'if-match': routineTag } }),
      412,
      'precondition_failed',
    )
    const kept = (await (await client.get('/v1/me/routine', { token })).json()) as { dinner_at: string }
    expect(kept.dinner_at).toBe('21:00')
  })
})
