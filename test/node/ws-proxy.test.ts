import { describe, expect, it } from 'vitest'
import { terminateWatcher } from '../../scripts/lib/ws-proxy.mjs'

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
