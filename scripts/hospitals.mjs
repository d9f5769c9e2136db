// Hospitals on PHR Edge, without a redeploy. DATABASE_URL and HOSPITAL_SECRETS_KEY from the shell.
//   npm run hospitals -- register --hfr-id IN2710000011 --name "Sahyadri Hospital, Pune" --timezone Asia/Kolkata \
//        --adapter rest --base-url https://hmis.sahyadri.example/phr/v1 --api-key <key the hospital gave us>
//   npm run hospitals -- rotate-secret --hfr-id IN2710000011 [--overlap-hours 168]
//        (prints the new inbound signing secret; the current one is accepted for the overlap, then refused)
//   npm run hospitals -- sandbox --base-url <its HMIS> --api-key <key>   (development and staging only:
//        the sandbox hospital of docs/hmis-integration.md, its published secret, patient and appointment)
//   npm run hospitals -- reseal --new-key <base64>               (after changing HOSPITAL_SECRETS_KEY)
//   npm run hospitals -- offer-package --hfr-id IN2710000011 --file packages.json
//        (a JSON array: [{"id": "diabetes", "hmisCode": "DM-CARE-1Y"}] for a catalog package, or with
//        name, description, includes, priceInr, durationDays for a new one; applications go to that HMIS)
//   npm run hospitals -- offer-ambulance --hfr-id IN2710000011 --file ambulance.json
//        ({"id": "sahyadri-ambulance", "name": "…", "phone": "+91…", "types": ["bls", "als"], "coverage": "Pune"}:
//        the hospital's own ambulances, listed with the providers; pre-bookings go to its HMIS)
// @ts-check (tsconfig.scripts.json)
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  hospitalIdOf,
  offerAmbulanceService,
  offerCarePackages,
  registerHospital,
  registerSandbox,
  resealAll,
  rotateInboundSecret,
} from './lib/hospitals.mjs'
import { SANDBOX_HOSPITAL } from '../src/core/hospital-secrets.ts'

const [command, ...rest] = process.argv.slice(2)
const { values } = parseArgs({
  args: rest,
  options: {
    'hfr-id': { type: 'string' },
    name: { type: 'string' },
    timezone: { type: 'string', default: 'Asia/Kolkata' },
    adapter: { type: 'string', default: 'rest' },
    'base-url': { type: 'string' },
    'api-key': { type: 'string' },
    'timeout-ms': { type: 'string' },
    city: { type: 'string' },
    state: { type: 'string' },
    'new-key': { type: 'string' },
    file: { type: 'string' },
    'overlap-hours': { type: 'string' },
  },
})
/** @param {'hfr-id' | 'name' | 'base-url' | 'api-key' | 'new-key' | 'file'} name */
const need = (name) => values[name] ?? process.env[name.toUpperCase().replace(/-/g, '_')] ?? fail(`--${name} is required`)
/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`hospitals: ${message}`)
  process.exit(2)
}
const databaseUrl = process.env.DATABASE_URL ?? fail('set DATABASE_URL')
const secretsKey = process.env.HOSPITAL_SECRETS_KEY ?? fail('set HOSPITAL_SECRETS_KEY (the Worker’s)')

if (command === 'register') {
  const adapter = values.adapter === 'rest' || values.adapter === 'fhir-r4' ? values.adapter : fail('--adapter is rest or fhir-r4')
  const inbound = randomBytes(32).toString('base64url')
  const id = await registerHospital(databaseUrl, secretsKey, {
    hfrId: need('hfr-id').toUpperCase(),
    name: need('name'),
    timezone: values.timezone,
    adapter,
    baseUrl: need('base-url'),
    apiKey: need('api-key'),
    inboundSecrets: [inbound],
    timeoutMs: values['timeout-ms'] ? Number(values['timeout-ms']) : null,
    address: values.city || values.state ? { city: values.city, state: values.state, country: 'IN' } : undefined,
  })
  console.log(`hospital ${id} registered; its inbound signing secret (give it to the hospital, shown once): ${inbound}`)
} else if (command === 'rotate-secret') {
  const { secret, previousValidUntil } = await rotateInboundSecret(
    databaseUrl,
    secretsKey,
    need('hfr-id').toUpperCase(),
    randomBytes(32).toString('base64url'),
    values['overlap-hours'] === undefined ? undefined : Number(values['overlap-hours']),
  )
  console.log(
    `new inbound signing secret (give it to the hospital, shown once): ${secret}\nthe previous one is accepted until ${previousValidUntil.toISOString()}, then refused`,
  )
} else if (command === 'sandbox') {
  if (process.env.ENVIRONMENT !== 'development' && process.env.ENVIRONMENT !== 'staging')
    fail('set ENVIRONMENT=development or staging: the sandbox hospital has a published secret (the Worker refuses it in production)')
  const id = await registerSandbox(databaseUrl, secretsKey, { baseUrl: need('base-url'), apiKey: need('api-key') })
  console.log(
    `sandbox hospital ${SANDBOX_HOSPITAL.hfrId} (${id}) ready: secret, patient ${SANDBOX_HOSPITAL.patientRef}, appointment ${SANDBOX_HOSPITAL.appointmentRef} (docs/hmis-integration.md)`,
  )
} else if (command === 'reseal') {
  console.log(
    `resealed ${await resealAll(databaseUrl, secretsKey, need('new-key'))} hospitals; now set HOSPITAL_SECRETS_KEY to the new key`,
  )
} else if (command === 'offer-package') {
  const hospitalId = (await hospitalIdOf(databaseUrl, need('hfr-id').toUpperCase())) ?? fail('no hospital with that HFR id')
  const offers = JSON.parse(readFileSync(need('file'), 'utf8'))
  if (!Array.isArray(offers)) fail('--file must hold a JSON array of packages')
  console.log(`offered: ${(await offerCarePackages(databaseUrl, hospitalId, offers)).join(', ')}`)
} else if (command === 'offer-ambulance') {
  const hospitalId = (await hospitalIdOf(databaseUrl, need('hfr-id').toUpperCase())) ?? fail('no hospital with that HFR id')
  const service = JSON.parse(readFileSync(need('file'), 'utf8'))
  await offerAmbulanceService(databaseUrl, hospitalId, service)
  console.log(`ambulance service ${service.id} listed; its pre-bookings go to the hospital's HMIS`)
} else {
  fail('commands: register, rotate-secret, reseal, offer-package, offer-ambulance')
}
