import * as pgCloudflare from 'pg-cloudflare'

/**
 * node-postgres's socket in workerd (pg-cloudflare's), ended so that workerd can collect it.
 *
 * pg-cloudflare ends a connection by calling the socket's `close()` right after pg's Terminate
 * message, while the server, having read Terminate, closes its side too. `close()` in workerd
 * chains continuations that hold the Socket strongly and are not traced by its collector
 * (cloudflare/workerd#7202, #7258); when the server's close wins the race, the chain is left
 * pending past the request and roots the Socket for the life of the isolate — with its streams,
 * promises and the request's AsyncLocalStorage frame: ~4.8 KB of every request that used the
 * database, for good (measured 2026-12-02 with heap snapshots: 3,000 requests, 3,012 Sockets
 * alive). Here the Terminate is sent and the server's own close is awaited: workerd ends our side
 * when it reads the end of the stream, `closed` settles, and nothing is left pending. A server
 * that has not closed within CLOSE_FALLBACK_MS is closed as before. A connection that is
 * destroyed (a failure, a timeout) is closed at once, as before.
 */
const CLOSE_FALLBACK_MS = 2_000

/** What is used of pg-cloudflare's socket (its types resolve to its empty, non-workerd entry). */
type Socket = {
  destroyed: boolean
  end(data?: Uint8Array, encoding?: BufferEncoding, callback?: (...args: unknown[]) => void): Socket
}
type Internals = { _cfSocket: { closed: Promise<unknown> } | null }

let EndingSocket: (new (ssl: boolean) => Socket) | undefined

/**
 * node-postgres's `stream` option: this socket in workerd; undefined where pg-cloudflare exports
 * none (Node, where the app also runs for the contract test, and pg uses node:net as it would).
 */
export function pgStream(): ((options: { ssl?: unknown }) => Socket) | undefined {
  const { CloudflareSocket } = pgCloudflare as unknown as { CloudflareSocket?: new (ssl: boolean) => Socket }
  if (!CloudflareSocket) return undefined
  EndingSocket ??= class extends CloudflareSocket {
    override end(data?: Uint8Array, encoding?: BufferEncoding, callback?: (...args: unknown[]) => void): this {
      const socket = (this as unknown as Internals)._cfSocket
      // Not connected, or something to send with the end (pg sends nothing): as pg-cloudflare does.
      if (!socket || (data !== undefined && data.length > 0)) return super.end(data, encoding, callback) as this
      const fallback = setTimeout(() => {
        if ((this as unknown as Internals)._cfSocket === socket) super.end()
      }, CLOSE_FALLBACK_MS)
      const settled = () => clearTimeout(fallback)
      socket.closed.then(settled, settled)
      callback?.()
      return this
    }

    destroy(): this {
      this.destroyed = true
      return super.end() as this
    }
  }
  const Ending = EndingSocket
  return (options) => new Ending(Boolean(options.ssl))
}
