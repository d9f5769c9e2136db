// The WebSocket → TCP proxy for running the Neon driver against any Postgres.
//   node scripts/ws-proxy.mjs --allow db-host:5432 [--port 8788] [--host 0.0.0.0 --secret <random>]
// It opens only the --allow targets (default: the host:port of DATABASE_URL) and answers only on
// /v2. Bound beyond loopback it requires --secret (or WS_PROXY_SECRET), which the Worker sends as
// NEON_WS_PROXY_SECRET; put TLS (or mTLS) in front of it, see the README.
import { parseArgs } from 'node:util'
import { allowFor, startWsProxy } from './lib/ws-proxy.mjs'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.WS_PROXY_PORT ?? '8788' },
    host: { type: 'string', default: process.env.WS_PROXY_HOST ?? '127.0.0.1' },
    allow: { type: 'string', default: process.env.WS_PROXY_ALLOW ?? (process.env.DATABASE_URL ? allowFor(process.env.DATABASE_URL) : '') },
    secret: { type: 'string', default: process.env.WS_PROXY_SECRET },
  },
})
const allow = values.allow
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
const proxy = await startWsProxy({
  port: Number(values.port),
  host: values.host,
  allow,
  secret: values.secret,
  log: (line) => console.log(line),
})
console.log(
  `ws-proxy listening on ${values.host}:${proxy.port} (NEON_WS_PROXY=${values.host}:${proxy.port}/v2), allowing ${allow.join(', ')}`,
)
const stop = () => proxy.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
