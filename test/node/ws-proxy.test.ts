import { describe, expect, inject, it } from 'vitest'
import { WebSocket } from 'ws'
import { allowFor, startWsProxy, terminateWatcher } from '../../scripts/lib/ws-proxy.mjs'

const int32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}
const startupBody = Buffer.from('user\0pg\0\0')
const startup = Buffer.concat([int32(8 + startupBody.length), int32(196608), startupBody])
const query = (text: string) => {
  const body = Buffer.from(`${text}\0`)
  return Buffer.concat([Buffer.from('Q'), int32(body.length + 4), body])
}
const terminate = Buffer.concat([Buffer.from('X'), int32(4)])

describe("the proxy's Terminate watcher", () => {
  it('sees Terminate after startup and queries, however the stream is cut into chunks', () => {
    const stream = Buffer.concat([startup, query('select 1'), query("select 'X'"), terminate])
    for (const size of [1, 3, 7, stream.length]) {
      let seen = 0
      const watch = terminateWatcher(() => seen++)
      for (let i = 0; i < stream.length; i += size) watch(stream.subarray(i, i + size))
      expect(seen, `chunks of ${size}`).toBe(1)
    }
  })

  it('does not mistake an X inside a message body or the startup packet for Terminate', () => {
    let seen = 0
    const watch = terminateWatcher(() => seen++)
    watch(Buffer.concat([startup, query('X'), query('XXXX')]))
    expect(seen).toBe(0)
  })
})

describe('the proxy as a network service', () => {
  const open = (url: string) =>
    new Promise<{ opened: boolean; code?: number; status?: number }>((resolve) => {
      const ws = new WebSocket(url)
      ws.on('open', () => ws.on('close', (code) => resolve({ opened: true, code })))
      ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode }))
      ws.on('error', () => {})
    })

  it('opens only the database, only on /v2, only for a client with the secret', async () => {
    const database = inject('databaseUrl')
    const proxy = await startWsProxy({ allow: [allowFor(database)], secret: 'the-shared-secret' })
    const base = `ws://127.0.0.1:${proxy.port}`
    const db = allowFor(database)
    try {
      // Another local service (here the proxy itself) is not a target, even with the secret.
      expect(await open(`${base}/v2?address=127.0.0.1:${proxy.port}&token=the-shared-secret`)).toEqual({ opened: true, code: 1008 })
      expect(await open(`${base}/v2?address=${db}`)).toEqual({ opened: false, status: 401 })
      expect(await open(`${base}/v2?address=${db}&token=wrong-secret-of-same-len`)).toEqual({ opened: false, status: 401 })
      expect(await open(`${base}/admin?address=${db}&token=the-shared-secret`)).toEqual({ opened: false, status: 404 })
    } finally {
      await proxy.close()
    }
  })

  it('refuses to start without an allow list, or beyond loopback without a secret', () => {
    expect(() => startWsProxy({ allow: [] })).toThrow(/allow/)
    expect(() => startWsProxy({ host: '0.0.0.0', allow: ['db:5432'] })).toThrow(/secret/)
  })
})
