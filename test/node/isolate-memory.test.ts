// What a request leaves behind in the Worker's isolate, measured through workerd's own inspector
// after forced collections (scripts/lib/inspector.mjs, as the bench does): the production isolate
// has 128 MB, so a few KB kept per request ends it within hours of traffic. Found 2026-12-02: every
// request that used the database on the tcp driver (node-postgres over cloudflare:sockets, as with
// Hyperdrive) kept its socket, ~4.8 KB, for good (cloudflare/workerd#7202; core/pg-socket.ts).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { isolateAlive } from '../../scripts/lib/inspector.mjs'
import { ok, startE2e, type E2e, type Patient } from './harness/e2e'

let e2e: E2e
let patient: Patient

beforeAll(async () => {
  e2e = await startE2e()
  patient = await e2e.patient()
}, 180_000)

afterAll(async () => {
  await e2e?.stop()
})

/** `count` reads of the patient's own profile (one database round trip each), 10 at a time. */
async function reads(count: number) {
  let sent = 0
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (sent++ < count) {
        const response = await fetch(`${e2e.base}/v1/me`, {
          headers: { authorization: `Bearer ${patient.token}`, 'cf-connecting-ip': patient.ip },
        })
        await response.arrayBuffer()
        expect(response.status).toBe(200)
      }
    }),
  )
}

it('keeps nothing of a request that read the database on the tcp driver once it is answered', async () => {
  ok(await patient.get('/v1/me'), 200)
  // Warm: the code the route runs is compiled and the isolate's own caches are filled first.
  await reads(300)
  const before = await isolateAlive(e2e.worker)
  expect(before, 'the isolate was measured').toBeGreaterThan(0)
  await reads(1500)
  const after = await isolateAlive(e2e.worker)
  expect(after).toBeGreaterThan(0)
  // Leaking, 1,500 requests kept 1.67 MB here (Postgres directly; ~5 KB a request through
  // PgBouncer, whose close races ours more often); fixed, 0.2–0.6 MB, mostly code compiled meanwhile
  // (more on a busy machine): 0.6 KB a request at most.
  expect((after - before) * 1024 * 1024, `${(after - before).toFixed(2)} MB kept by 1,500 requests`).toBeLessThan(1500 * 600)
}, 240_000)
