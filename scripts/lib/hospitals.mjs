// Registering hospitals in the database: used by the CLI (npm run hospitals), npm run dev and the
// test setup. Credentials are sealed with HOSPITAL_SECRETS_KEY exactly as the Worker reads them.
// @ts-check (tsconfig.scripts.json)
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { rotatedSecrets, SANDBOX_HOSPITAL, SECRET_OVERLAP_HOURS } from '../../src/core/hospital-secrets.ts'
import { seal, unseal } from '../../src/core/sealed.ts'

/**
 * Adds a hospital, or updates the one with that HFR id. Returns its id.
 * @param {string} databaseUrl
 * @param {string} secretsKey HOSPITAL_SECRETS_KEY
 * @param {{ hfrId: string, name: string, address?: object, timezone: string, adapter: 'rest' | 'fhir-r4', baseUrl: string,
 *   apiKey: string, inboundSecrets?: string[], timeoutMs?: number | null, shareTokenTtlSeconds?: number,
 *   carePackages?: CarePackageOffer[], ambulance?: AmbulanceService }} hospital
 */
export async function registerHospital(databaseUrl, secretsKey, hospital) {
  const sealed = await seal(secretsKey, { api_key: hospital.apiKey, inbound_secrets: hospital.inboundSecrets ?? [] })
  const id = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      `insert into hospitals (id, hfr_id, name, address, timezone, adapter, hmis_base_url, hmis_timeout_ms, credentials_sealed, share_token_ttl_seconds)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (hfr_id) do update set name = excluded.name, address = excluded.address, timezone = excluded.timezone,
         adapter = excluded.adapter, hmis_base_url = excluded.hmis_base_url, hmis_timeout_ms = excluded.hmis_timeout_ms,
         credentials_sealed = excluded.credentials_sealed, share_token_ttl_seconds = excluded.share_token_ttl_seconds,
         active = true, updated_at = now()
       returning id`,
      [
        randomUUID(),
        hospital.hfrId,
        hospital.name,
        hospital.address ? JSON.stringify(hospital.address) : null,
        hospital.timezone,
        hospital.adapter,
        hospital.baseUrl.replace(/\/+$/, ''),
        hospital.timeoutMs ?? null,
        sealed,
        hospital.shareTokenTtlSeconds ?? 1800,
      ],
    )
    return /** @type {string} */ (rows[0].id)
  })
  if (hospital.carePackages?.length) await offerCarePackages(databaseUrl, id, hospital.carePackages)
  if (hospital.ambulance) await offerAmbulanceService(databaseUrl, id, hospital.ambulance)
  return id
}

/**
 * Rotates a hospital's inbound signing secret: the new one first, the current one still accepted for
 * `overlapHours` (then refused), any older one no longer. The same rotation as the hospital's own
 * POST /v1/hmis/credentials/inbound-secret. Returns the new secret and the end of the overlap.
 * @param {string} databaseUrl
 * @param {string} secretsKey HOSPITAL_SECRETS_KEY
 * @param {string} hfrId
 * @param {string} newSecret
 * @param {number} [overlapHours]
 */
export async function rotateInboundSecret(databaseUrl, secretsKey, hfrId, newSecret, overlapHours = SECRET_OVERLAP_HOURS.default) {
  if (!(Number.isInteger(overlapHours) && overlapHours >= 0 && overlapHours <= SECRET_OVERLAP_HOURS.max))
    throw new Error(`the overlap is 0 to ${SECRET_OVERLAP_HOURS.max} hours`)
  return withClient(databaseUrl, async (client) => {
    await client.query('begin')
    const { rows } = await client.query('select credentials_sealed from hospitals where hfr_id = $1 for update', [hfrId])
    if (!rows[0]) throw new Error(`no hospital with HFR id ${hfrId}`)
    /** @type {import('../../src/core/hospital-secrets.ts').HospitalCredentials} */
    const credentials = await unseal(secretsKey, rows[0].credentials_sealed)
    const until = new Date(Date.now() + overlapHours * 3_600_000)
    const rotated = rotatedSecrets(credentials, newSecret, credentials.inbound_secrets[0] ?? newSecret, until)
    await client.query('update hospitals set credentials_sealed = $2, updated_at = now() where hfr_id = $1', [
      hfrId,
      await seal(secretsKey, rotated),
    ])
    await client.query('commit')
    return { secret: newSecret, previousValidUntil: until }
  })
}

/**
 * The sandbox hospital of development and staging (core/hospital-secrets SANDBOX_HOSPITAL, published in
 * docs/hmis-integration.md): registered with its published inbound secret, a patient who shared their
 * profile with it and a booked appointment, so that a vendor can post signed calls at once. Running it
 * again resets the patient's share and the appointment (to booked, tomorrow). Its own HMIS is at
 * `baseUrl` (in development, the reference HMIS). Never for production: the Worker refuses it there.
 * @param {string} databaseUrl
 * @param {string} secretsKey HOSPITAL_SECRETS_KEY
 * @param {{ baseUrl: string, apiKey: string }} hmis
 */
export async function registerSandbox(databaseUrl, secretsKey, hmis) {
  const sandbox = SANDBOX_HOSPITAL
  const id = await registerHospital(databaseUrl, secretsKey, {
    hfrId: sandbox.hfrId,
    name: sandbox.name,
    timezone: 'Asia/Kolkata',
    adapter: 'rest',
    baseUrl: hmis.baseUrl,
    apiKey: hmis.apiKey,
    inboundSecrets: [sandbox.inboundSecret],
    address: { line1: 'Sandbox', city: 'Pune', state: 'Maharashtra', pincode: '411001', country: 'IN' },
  })
  await withClient(databaseUrl, async (client) => {
    await client.query('begin')
    // No phone or email: nobody logs in as the sandbox patient (a real number would get the OTPs).
    await client.query(
      `insert into patients (id, name, gender, date_of_birth) values ($1, 'Sandbox Patient', 'female', '1990-01-01')
       on conflict (id) do nothing`,
      [sandbox.patientId],
    )
    await client.query(
      `update hospital_shares set revoked_at = now() where patient_id = $1 and hospital_id = $2 and revoked_at is null and hmis_patient_id <> $3`,
      [sandbox.patientId, id, sandbox.patientRef],
    )
    await client.query(
      `insert into hospital_shares (id, patient_id, hospital_id, hmis_patient_id, token_number, token_expires_at, counter_id)
       values (gen_random_uuid(), $1, $2, $3, 'S-1', now() + interval '10 years', 'sandbox')
       on conflict (patient_id, hospital_id) where revoked_at is null do update set token_expires_at = excluded.token_expires_at`,
      [sandbox.patientId, id, sandbox.patientRef],
    )
    await client.query(
      `insert into appointments (id, patient_id, hospital_id, doctor_id, doctor_name, mode, slot_start, slot_end, status, hmis_appointment_ref)
       values ($1, $2, $3, 'd-sandbox-01', 'Dr. Sandbox', 'online', date_trunc('hour', now()) + interval '1 day', date_trunc('hour', now()) + interval '1 day 15 minutes', 'booked', $4)
       on conflict (id) do update set status = 'booked', status_reason = null, join_url = null, slot_start = excluded.slot_start,
         slot_end = excluded.slot_end, reschedule_slot_start = null, reschedule_mode = null, updated_at = now()`,
      [sandbox.appointmentId, sandbox.patientId, id, sandbox.appointmentRef],
    )
    await client.query('commit')
  })
  return id
}

/**
 * @typedef {{ id: string, hmisCode: string, name?: string, description?: string, includes?: string[],
 *   priceInr?: number, durationDays?: number, position?: number, active?: boolean }} CarePackageOffer
 *   A care package the hospital offers: `id` is PHR Edge's (`[a-z0-9-]{1,40}`), `hmisCode` the HMIS's own
 *   code for it. Only id and hmisCode for a package already in the catalog (the seeded ones).
 */

/**
 * Makes these care packages the hospital's (new ones need every field; existing ones keep what is
 * not given). A package belongs to one hospital; applications go to its HMIS. Returns the ids.
 * @param {string} databaseUrl
 * @param {string} hospitalId
 * @param {CarePackageOffer[]} offers
 */
export async function offerCarePackages(databaseUrl, hospitalId, offers) {
  return withClient(databaseUrl, async (client) => {
    await client.query('begin')
    for (const offer of offers) {
      if (!/^[a-z0-9-]{1,40}$/.test(offer.id)) throw new Error(`care package id ${offer.id}: lowercase letters, digits and -, at most 40`)
      const { rows } = await client.query(
        `insert into care_packages (id, name, description, includes, price_inr, duration_days, position, hospital_id, hmis_code, active)
         values ($1, coalesce($2, ''), coalesce($3, ''), coalesce($4, '{}'::text[]), coalesce($5, 0), coalesce($6, 0), coalesce($7, 0), $8, $9, coalesce($10, true))
         on conflict (id) do update set name = coalesce($2, care_packages.name), description = coalesce($3, care_packages.description),
           includes = coalesce($4, care_packages.includes), price_inr = coalesce($5, care_packages.price_inr),
           duration_days = coalesce($6, care_packages.duration_days), position = coalesce($7, care_packages.position),
           hospital_id = $8, hmis_code = $9, active = coalesce($10, true)
         returning name, duration_days`,
        [
          offer.id,
          offer.name ?? null,
          offer.description ?? null,
          offer.includes ?? null,
          offer.priceInr ?? null,
          offer.durationDays ?? null,
          offer.position ?? null,
          hospitalId,
          offer.hmisCode,
          offer.active ?? null,
        ],
      )
      if (!rows[0].name || rows[0].duration_days <= 0)
        throw new Error(`care package ${offer.id} is new: give its name, description, includes, price and duration`)
    }
    await client.query('commit')
    return offers.map((o) => o.id)
  })
}

/**
 * @typedef {{ id: string, name: string, phone: string, types: ('bls' | 'als' | 'patient_transport')[], coverage: string }} AmbulanceService
 *   A hospital's own ambulances, listed with the providers: pre-bookings go to its HMIS (POST /ambulance-requests).
 */

/**
 * Lists the hospital's ambulance service with the providers (or updates it).
 * @param {string} databaseUrl
 * @param {string} hospitalId
 * @param {AmbulanceService} service
 */
export async function offerAmbulanceService(databaseUrl, hospitalId, service) {
  if (!/^[a-z0-9-]{1,40}$/.test(service.id))
    throw new Error(`ambulance provider id ${service.id}: lowercase letters, digits and -, at most 40`)
  const types = ['bls', 'als', 'patient_transport']
  if (!service.types.length || service.types.some((t) => !types.includes(t))) throw new Error(`ambulance types are ${types.join(', ')}`)
  await withClient(databaseUrl, (client) =>
    client.query(
      `insert into ambulance_providers (id, name, phone, types, coverage, position, kind, hospital_id)
       values ($1, $2, $3, $4, $5, 100, 'hospital', $6)
       on conflict (id) do update set name = $2, phone = $3, types = $4, coverage = $5, kind = 'hospital', hospital_id = $6`,
      [service.id, service.name, service.phone, service.types, service.coverage, hospitalId],
    ),
  )
}

/**
 * The id of the hospital with this HFR id, or undefined.
 * @param {string} databaseUrl
 * @param {string} hfrId
 * @returns {Promise<string | undefined>}
 */
export async function hospitalIdOf(databaseUrl, hfrId) {
  return withClient(databaseUrl, async (client) => (await client.query('select id from hospitals where hfr_id = $1', [hfrId])).rows[0]?.id)
}

/**
 * Seals every hospital's credentials again under a new HOSPITAL_SECRETS_KEY; how many.
 * @param {string} databaseUrl
 * @param {string} oldKey
 * @param {string} newKey
 * @returns {Promise<number>}
 */
export async function resealAll(databaseUrl, oldKey, newKey) {
  return withClient(databaseUrl, async (client) => {
    await client.query('begin')
    const { rows } = await client.query('select id, credentials_sealed from hospitals for update')
    for (const row of rows) {
      const credentials = await unseal(oldKey, row.credentials_sealed)
      await client.query('update hospitals set credentials_sealed = $2, updated_at = now() where id = $1', [
        row.id,
        await seal(newKey, credentials),
      ])
    }
    await client.query('commit')
    return rows.length
  })
}

/**
 * @template T
 * @param {string} databaseUrl
 * @param {(client: pg.Client) => Promise<T>} run
 * @returns {Promise<T>}
 */
async function withClient(databaseUrl, run) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}
