// `npm run hmis`: the reference HMIS on its own (port 8791, or HMIS_PORT), with the development API
// keys `npm run dev` registers. Faults for demos: POST /_hmis/faults {"kind":"slow","ms":3000,"count":5}
// (kinds: status, drop, timeout, slow, malformed), DELETE /_hmis/faults.
// Forked (the bench: a hospital's HMIS in a process of its own), it takes its keys from
// HMIS_API_KEYS (JSON), logs nothing, sends its URL to the parent and ends when the parent goes.
import { startReferenceHmis } from './reference.mjs'
import { devHmisKeys } from './seed.mjs'

const forked = typeof process.send === 'function'
const apiKeys = process.env.HMIS_API_KEYS ? JSON.parse(process.env.HMIS_API_KEYS) : devHmisKeys
const hmis = await startReferenceHmis({ port: Number(process.env.HMIS_PORT ?? 8791), apiKeys, log: forked ? undefined : console.log })
const stop = () => hmis.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
if (forked) {
  process.on('disconnect', stop)
  process.send({ url: hmis.url })
} else {
  console.log(`API keys: ${JSON.stringify(apiKeys)}`)
}
