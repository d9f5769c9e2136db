// A WebSocket → TCP proxy for Postgres, speaking what @neondatabase/serverless expects of Neon's
// own proxy: a WebSocket at /v2?address=host:port whose binary frames are the Postgres wire
// protocol. Run it next to any Postgres that is not Neon (see README, "Database").
// @ts-check (tsconfig.scripts.json)
import { timingSafeEqual } from 'node:crypto'
import net from 'node:net'
import { WebSocketServer } from 'ws'

const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104
const CANCEL_REQUEST = 80877102

/**
 * Follows the client→server byte stream message by message (without buffering bodies) and calls
 * onTerminate when the client sends Terminate ('X', length 4). Some servers (PGlite's socket
 * server) keep the connection open after Terminate; the proxy ends it itself.
 * @param {() => void} onTerminate
 * @returns {(chunk: Buffer) => void}
 */
export function terminateWatcher(onTerminate) {
  let startup = true
  let skip = 0
  let header = Buffer.alloc(0)
  return (chunk) => {
    let i = 0
    while (i < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - i)
        skip -= n
        i += n
        continue
      }
      const need = startup ? 8 : 5
      const take = Math.min(need - header.length, chunk.length - i)
      header = Buffer.concat([header, chunk.subarray(i, i + take)])
      i += take
      if (header.length < need) break
      if (startup) {
        const length = header.readInt32BE(0)
        const code = header.readInt32BE(4)
        skip = Math.max(0, length - 8)
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST && code !== CANCEL_REQUEST) startup = false
      } else {
        const length = header.readInt32BE(1)
        skip = Math.max(0, length - 4)
        if (header[0] === 0x58 && length === 4) onTerminate()
      }
      header = Buffer.alloc(0)
    }
  }
}

/** @param {string[]} allow host:port entries */
function parseAllowList(allow) {
  return allow.map((entry) => {
    const [host, port] = entry.split(':')
    return { host, port: port ?? '5432' }
  })
}

/**
 * The allow-list entry of a database URL: its host and port, nothing else.
 * @param {string} databaseUrl
 */
export function allowFor(databaseUrl) {
  const url = new URL(databaseUrl)
  return `${url.hostname.replace(/^\[|\]$/g, '')}:${url.port || '5432'}`
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

/**
 * @param {string | null} given
 * @param {string} expected
 */
function sameSecret(given, expected) {
  const a = Buffer.from(given ?? '')
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Starts the proxy. It opens only the `allow` targets (host:port, normally just the database; never
 * an open relay), answers only on `path`, and, given a `secret`, only clients that send it as
 * `?token=` (NEON_WS_PROXY_SECRET on the Worker). Bound to anything but loopback, it requires one.
 * @param {{ port?: number, host?: string, allow: string[], path?: string, secret?: string, log?: (line: string) => void }} options
 * @returns {Promise<{ port: number, endpoint: string, close(): Promise<void> }>}
 */
export function startWsProxy({ port = 0, host = '127.0.0.1', allow, path = '/v2', secret, log = (_line) => {} }) {
  if (!allow?.length) throw new Error('ws-proxy: name the database host:port it may open (allow)')
  if (!LOOPBACK.test(host) && !secret) throw new Error('ws-proxy: bound beyond loopback it needs a secret (--secret or WS_PROXY_SECRET)')
  const allowed = parseAllowList(allow)
  const wss = new WebSocketServer({
    port,
    host,
    perMessageDeflate: false,
    verifyClient: ({ req }, done) => {
      const url = new URL(req.url ?? '/', 'http://proxy')
      if (url.pathname !== path) return done(false, 404, 'Not Found')
      if (secret && !sameSecret(url.searchParams.get('token'), secret)) {
        log(`ws-proxy: refused a client without the secret`)
        return done(false, 401, 'Unauthorized')
      }
      done(true)
    },
  })
  /** @type {Set<net.Socket>} */
  const sockets = new Set()

  wss.on('connection', (ws, request) => {
    const url = new URL(request.url ?? '/', 'http://proxy')
    const address = url.searchParams.get('address') ?? ''
    const match = address.match(/^\[?([^\]]+?)\]?:(\d{1,5})$/)
    if (!match) return ws.close(1008, 'address=host:port is required')
    const [, targetHost, targetPort] = match
    if (!allowed.some((a) => a.host === targetHost && a.port === targetPort)) {
      log(`ws-proxy: refused ${address} (not in the allow list)`)
      return ws.close(1008, 'target not allowed')
    }
    const socket = net.connect({ host: targetHost, port: Number(targetPort) })
    socket.setNoDelay(true)
    sockets.add(socket)
    let terminated = false
    const watch = terminateWatcher(() => {
      terminated = true
    })
    /** @type {Buffer[]} */
    const pending = []
    let connected = false
    socket.on('connect', () => {
      connected = true
      for (const data of pending) socket.write(data)
      pending.length = 0
      if (terminated) socket.end()
    })
    ws.on('message', (data) => {
      const chunk = Buffer.isBuffer(data)
        ? data
        : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(/** @type {ArrayBuffer} */ (data))])
      watch(chunk)
      if (connected) {
        socket.write(chunk)
        if (terminated) socket.end()
      } else pending.push(chunk)
    })
    socket.on('data', (data) => {
      if (ws.readyState === ws.OPEN) ws.send(data)
    })
    const closeBoth = () => {
      sockets.delete(socket)
      socket.destroy()
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close()
    }
    socket.on('close', closeBoth)
    socket.on('error', (error) => {
      log(`ws-proxy: ${address}: ${error.message}`)
      closeBoth()
    })
    ws.on('close', () => {
      if (!socket.destroyed) socket.end()
    })
    ws.on('error', closeBoth)
  })

  return new Promise((resolve, reject) => {
    wss.once('error', reject)
    wss.once('listening', () => {
      const actual = /** @type {import('node:net').AddressInfo} */ (wss.address()).port
      resolve({
        port: actual,
        /** The value for NEON_WS_PROXY. */
        endpoint: `${host}:${actual}/v2`,
        async close() {
          for (const socket of sockets) socket.destroy()
          for (const client of wss.clients) client.terminate()
          await new Promise((done) => wss.close(() => done(undefined)))
        },
      })
    })
  })
}
