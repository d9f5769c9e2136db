// A hospital's credentials as they are sealed (core/sealed), and their rotation. No imports: the
// hospital CLI (Node) rotates with the same function the Worker's rotation route uses.

/**
 * `api_key`: what the hospital issued us for our calls to its HMIS. `inbound_secrets`: what it signs
 * its calls to us with — the current one first, during a rotation the previous one second, which
 * is accepted until `previous_secret_until` (ISO 8601; sealed before end dates existed, a second
 * secret has none and is accepted until the next rotation).
 */
export type HospitalCredentials = { api_key: string; inbound_secrets: string[]; previous_secret_until?: string }

/** How long a replaced signing secret is accepted by default, and at most (hours). */
export const SECRET_OVERLAP_HOURS = { default: 168, max: 720 } as const

/**
 * The credentials after a rotation: `fresh` signs from now on, `kept` (the secret being replaced)
 * is still accepted until `until`, and any older one no longer.
 */
export function rotatedSecrets(credentials: HospitalCredentials, fresh: string, kept: string, until: Date): HospitalCredentials {
  return { ...credentials, inbound_secrets: [fresh, kept], previous_secret_until: until.toISOString() }
}

/**
 * The secrets a signature is checked against at `now`, each with the time it stops being accepted
 * (null: until replaced). An expired one is still listed, so that a call signed with it is told so.
 */
export function acceptedSecrets(credentials: HospitalCredentials): { secret: string; until: Date | null }[] {
  const [current, previous] = credentials.inbound_secrets
  const until = credentials.previous_secret_until ? new Date(credentials.previous_secret_until) : null
  return [...(current ? [{ secret: current, until: null }] : []), ...(previous ? [{ secret: previous, until }] : [])]
}

/**
 * The sandbox hospital of development and staging (published in docs/hmis-integration.md, so that
 * a vendor can sign a call within minutes): refused in production whatever the database holds.
 */
export const SANDBOX_HOSPITAL = {
  hfrId: 'IN9900000099',
  name: 'PHR Edge Sandbox Hospital',
  inboundSecret: 'phr-sandbox-inbound-secret-do-not-use-in-production',
  /** The patient who shared their profile with it (`patient_ref` of its calls), and their booking. */
  patientRef: 'SANDBOX-PATIENT-1',
  patientId: '5a4db0c5-0000-4000-8000-000000000001',
  appointmentRef: 'SANDBOX-APT-1',
  appointmentId: '5a4db0c5-0000-4000-8000-000000000002',
} as const
