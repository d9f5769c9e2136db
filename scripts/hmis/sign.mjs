// npm run hmis:sign — signs a call to PHR Edge as a hospital's HMIS makes it (docs/hmis-integration.md,
// "Signing"), prints the headers, and with --send sends it and prints the answer. Written apart from
// the Worker's own check (node:crypto here, WebCrypto there): the guide's test vectors hold for both.
//   npm run hmis:sign -- --method POST --path /v1/hmis/appointments/SANDBOX-APT-1/events \
//        --json '{"event_id":"evt-1","event":"reviewed"}' --send http://127.0.0.1:8787
//   npm run hmis:sign -- --method POST --path /v1/hmis/documents --form patient_ref=SANDBOX-PATIENT-1 \
//        --form type=test_result --form title=CBC --form file=@report.pdf --send http://127.0.0.1:8787
// Without --hfr-id and --secret (or PHR_HFR_ID and PHR_INBOUND_SECRET): the sandbox hospital's.
// @ts-check (tsconfig.scripts.json)
import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { SANDBOX_HOSPITAL } from '../../src/core/hospital-secrets.ts'

/**
 * The X-PHR-Signature of a call: `v1=` and the lower-case hex HMAC-SHA256, keyed with the secret's
 * UTF-8 bytes, of `<timestamp>.<METHOD>.<path and query>.` followed by the raw body bytes.
 * @param {{ secret: string, timestamp: number | string, method: string, pathAndQuery: string, body?: Uint8Array }} call
 */
export function signature({ secret, timestamp, method, pathAndQuery, body = new Uint8Array() }) {
  const hmac = createHmac('sha256', Buffer.from(secret, 'utf8'))
  hmac.update(`${timestamp}.${method.toUpperCase()}.${pathAndQuery}.`, 'utf8')
  hmac.update(body)
  return `v1=${hmac.digest('hex')}`
}

const usage = `npm run hmis:sign -- --method <GET|POST|PUT> --path </v1/hmis/…?query> [body] [options]

Signs a call to PHR Edge as a hospital's HMIS (docs/hmis-integration.md, "Signing") and prints
its headers; with --send, sends it and prints the answer.

body (at most one kind):
  --json '<text>'          a JSON body, sent byte for byte as given
  --body <file>            the file's bytes (--content-type, default application/octet-stream)
  --form name=value        a multipart form field (repeat); name=@path attaches a file
options:
  --hfr-id <id>            X-PHR-Hospital (default: PHR_HFR_ID, else the sandbox's ${SANDBOX_HOSPITAL.hfrId})
  --secret <secret>        the inbound secret (default: PHR_INBOUND_SECRET, else the sandbox's)
  --timestamp <seconds>    X-PHR-Timestamp (default: now)
  --send <base url>        send it there (e.g. http://127.0.0.1:8787) and print status and body
  --help                   this text`

/** @param {string[]} argv */
export async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      method: { type: 'string', default: 'GET' },
      path: { type: 'string' },
      json: { type: 'string' },
      body: { type: 'string' },
      'content-type': { type: 'string' },
      form: { type: 'string', multiple: true },
      'hfr-id': { type: 'string' },
      secret: { type: 'string' },
      timestamp: { type: 'string' },
      send: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  if (values.help) return console.log(usage)
  if (!values.path?.startsWith('/')) throw new Error(`--path is required and starts with /\n\n${usage}`)
  if ([values.json, values.body, values.form].filter((v) => v !== undefined).length > 1)
    throw new Error('give one body: --json, --body or --form')
  const method = values.method.toUpperCase()
  /** @type {Uint8Array} */
  let body = new Uint8Array()
  /** @type {Record<string, string>} */
  const headers = {}
  if (values.json !== undefined) {
    JSON.parse(values.json) // a typo is caught here, not as a 400 there
    body = new TextEncoder().encode(values.json)
    headers['content-type'] = 'application/json'
  } else if (values.body !== undefined) {
    body = readFileSync(values.body)
    headers['content-type'] = values['content-type'] ?? 'application/octet-stream'
  } else if (values.form) {
    const form = new FormData()
    for (const field of values.form) {
      const at = field.indexOf('=')
      if (at < 1) throw new Error(`--form ${field}: write name=value or name=@file`)
      const [name, value] = [field.slice(0, at), field.slice(at + 1)]
      if (value.startsWith('@')) form.append(name, new Blob([readFileSync(value.slice(1))]), basename(value.slice(1)))
      else form.append(name, value)
    }
    // The exact bytes a multipart encoder sends, boundary included: those are what is signed.
    const encoded = new Response(form)
    headers['content-type'] = /** @type {string} */ (encoded.headers.get('content-type'))
    body = new Uint8Array(await encoded.arrayBuffer())
  }
  const hfrId = values['hfr-id'] ?? process.env.PHR_HFR_ID ?? SANDBOX_HOSPITAL.hfrId
  const secret = values.secret ?? process.env.PHR_INBOUND_SECRET ?? SANDBOX_HOSPITAL.inboundSecret
  const timestamp = values.timestamp ?? String(Math.floor(Date.now() / 1000))
  headers['x-phr-hospital'] = hfrId
  headers['x-phr-timestamp'] = timestamp
  headers['x-phr-signature'] = signature({ secret, timestamp, method, pathAndQuery: values.path, body })
  console.log(`signed: ${timestamp}.${method}.${values.path}.<${body.length} body bytes>`)
  for (const [name, value] of Object.entries(headers)) console.log(`${name}: ${value}`)
  if (!values.send) return
  const response = await fetch(new URL(values.path, values.send), {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
  })
  console.log(`\n${response.status} ${response.statusText}\n${await response.text()}`)
  if (!response.ok) process.exitCode = 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`hmis:sign: ${error.message}`)
    process.exit(2)
  })
}
