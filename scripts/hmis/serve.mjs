// `npm run hmis`: the reference HMIS on its own (port 8791, or HMIS_PORT), with the development API
// keys `npm run dev` registers. Faults for demos: POST /_hmis/faults {"kind":"slow","ms":3000,"count":5}
// (kinds: status, drop, timeout, slow, malformed), DELETE /_hmis/faults.
import { startReferenceHmis } from './reference.mjs'
import { devHmisKeys } from './seed.mjs'

const hmis = await startReferenceHmis({ port: Number(process.env.HMIS_PORT ?? 8791), apiKeys: devHmisKeys, log: console.log })
console.log(`API keys: ${JSON.stringify(devHmisKeys)}`)
const stop = () => hmis.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
