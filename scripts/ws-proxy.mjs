// The WebSocket → TCP proxy for running the Neon driver against any Postgres.
//   node scripts/ws-proxy.mjs [--port 8788] [--host 0.0.0.0] [--allow db-host:5432,other:5432]
// Without --allow it only opens 127.0.0.1 and localhost. Put TLS in front of it in production.
import { parseArgs } from 'node:util'
import { startWsProxy } from './lib/ws-proxy.mjs'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.WS_PROXY_PORT ?? '8788' },
    host: { type: 'string', default: process.env.WS_PROXY_HOST ?? '127.0.0.1' },
    allow: { type: 'string', default: process.env.WS_PROXY_ALLOW ?? '127.0.0.1:*,localhost:*' },
  },
})
const proxy = await startWsProxy({
  port: Number(values.port),
  host: values.host,
  allow: values.allow
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  log: (line) => console.log(line),
})
console.log(`ws-proxy listening on ${values.host}:${proxy.port} (NEON_WS_PROXY=${values.host}:${proxy.port}/v2), allowing ${values.allow}`)
const stop = () => proxy.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
