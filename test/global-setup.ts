// Starts what the Worker under test talks to, once for the whole run: a real Postgres
// (TEST_DATABASE_URL, else a throwaway cluster from the system's binaries, else PGlite), the
// migrations, the WebSocket proxy, and the fake SMS, email, ABDM, Gemini and Google servers. Their addresses reach
// the Workers pool's bindings and the tests through `provide`.
import type { TestProject } from 'vitest/node'
import { startFakeAbdm } from '../scripts/fakes/abdm.mjs'
import { startFakeGemini } from '../scripts/fakes/gemini.mjs'
import { startFakeGoogle } from '../scripts/fakes/google.mjs'
import { serviceAccountKeys } from '../scripts/lib/keys.mjs'
import { startFakeMsg91 } from '../scripts/fakes/msg91.mjs'
import { startFakeResend } from '../scripts/fakes/resend.mjs'
import { migrate } from '../scripts/lib/migrate.mjs'
import { startPostgres } from '../scripts/lib/postgres.mjs'
import { allowFor, startWsProxy } from '../scripts/lib/ws-proxy.mjs'
import { startReferenceHmis } from '../scripts/hmis/reference.mjs'
import { hospitals as demoHospitals } from '../scripts/hmis/seed.mjs'
import { registerHospital, registerSandbox } from '../scripts/lib/hospitals.mjs'
import { startFhirServer } from './fhir-server'
import { qrImages } from './qr-images'
import { testSecrets } from './secrets'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    databaseKind: string
    wsProxy: string
    msg91Url: string
    resendUrl: string
    abdmUrl: string
    hmisUrl: string
    hmisFaultyUrl: string
    hmisCredentialsUrl: string
    /** The fake Google: OAuth, Meet and FCM. */
    googleUrl: string
    fcmUrl: string
    geminiUrl: string
    googleTokenUrl: string
    google: { privateKeyPem: string; serviceAccountEmail: string; user: string; fcm: { serviceAccountEmail: string; projectId: string } }
    /** Demo hospital key (seed.mjs) → its id in the database; `<key>` on the REST adapter. */
    hospitalIds: Record<string, string>
    hmisApiKeys: Record<string, string>
    fhirUrl: string
    fhirApiKey: string
    /** Base64 images of a hospital's QR by its HFR id (see qr-images.ts). */
    qrImages: Record<string, { png: string; jpeg: string; blank: string; huge: string }>
  }
}

export default async function setup(project: TestProject) {
  const log = (line: string) => console.log(`[setup] ${line}`)
  const postgres = await startPostgres({ preferUrl: process.env.TEST_DATABASE_URL, log })
  await migrate(postgres.url, { log: () => {} })
  const proxy = await startWsProxy({ allow: [allowFor(postgres.url)], secret: testSecrets.NEON_WS_PROXY_SECRET })
  const msg91 = await startFakeMsg91({
    authKey: testSecrets.MSG91_AUTH_KEY,
    templateId: testSecrets.MSG91_OTP_TEMPLATE_ID,
    dispatchTemplateId: testSecrets.MSG91_DISPATCH_TEMPLATE_ID,
    invitationTemplateId: testSecrets.MSG91_INVITATION_TEMPLATE_ID,
  })
  const resend = await startFakeResend({ apiKey: testSecrets.RESEND_API_KEY })
  const abdm = await startFakeAbdm({ clientId: testSecrets.ABDM_CLIENT_ID, clientSecret: testSecrets.ABDM_CLIENT_SECRET })

  const hmisApiKeys = Object.fromEntries(demoHospitals.map((h) => [h.key, `test-hmis-key-${h.key}`]))
  const hmis = await startReferenceHmis({ apiKeys: hmisApiKeys })
  const hospitalIds: Record<string, string> = {}
  for (const hospital of demoHospitals) {
    hospitalIds[hospital.key] = await registerHospital(postgres.url, testSecrets.HOSPITAL_SECRETS_KEY, {
      hfrId: hospital.hfrId,
      name: hospital.name,
      address: hospital.address,
      timezone: hospital.timezone,
      adapter: 'rest',
      baseUrl: hmis.baseUrlOf(hospital.key),
      apiKey: hmisApiKeys[hospital.key]!,
      inboundSecrets: [`test-inbound-${hospital.key}`],
      carePackages: 'carePackages' in hospital ? hospital.carePackages : undefined,
      ambulance: 'ambulance' in hospital ? hospital.ambulance : undefined,
    })
  }

  // Sahyadri again, as another hospital (its own HFR id and secret, `test-inbound-<key>`) behind another HMIS.
  const sahyadriAgain = (
    key: string,
    hfrId: string,
    purpose: string,
    hmis: { adapter: 'rest' | 'fhir-r4'; baseUrl: string; apiKey: string },
  ) =>
    registerHospital(postgres.url, testSecrets.HOSPITAL_SECRETS_KEY, {
      hfrId,
      name: `Sahyadri Hospital, Pune (${purpose})`,
      address: demoHospitals[0]!.address,
      timezone: 'Asia/Kolkata',
      ...hmis,
      inboundSecrets: [`test-inbound-${key}`],
    })

  // A second reference HMIS whose faults no other test shares (outbox and fault tests).
  const faulty = await startReferenceHmis({ apiKeys: hmisApiKeys })
  hospitalIds['faulty'] = await sahyadriAgain('faulty', 'IN2710000077', 'fault drills', {
    adapter: 'rest',
    baseUrl: faulty.baseUrlOf('sahyadri'),
    apiKey: hmisApiKeys['sahyadri']!,
  })
  project.provide('hmisFaultyUrl', faulty.url)

  // Credentials drills (a hospital rotating its secret and the API key it issued us) and the sandbox
  // hospital, on a reference HMIS of their own.
  const credentialsHmis = await startReferenceHmis({ apiKeys: hmisApiKeys })
  hospitalIds['keyring'] = await sahyadriAgain('keyring', 'IN2710000055', 'credentials drills', {
    adapter: 'rest',
    baseUrl: credentialsHmis.baseUrlOf('sahyadri'),
    apiKey: hmisApiKeys['sahyadri']!,
  })
  hospitalIds['sandbox'] = await registerSandbox(postgres.url, testSecrets.HOSPITAL_SECRETS_KEY, {
    baseUrl: credentialsHmis.baseUrlOf('sahyadri'),
    apiKey: hmisApiKeys['sahyadri']!,
  })
  project.provide('hmisCredentialsUrl', credentialsHmis.url)

  // The same Sahyadri doctors behind a FHIR R4 server written by a FHIR vendor (Medplum).
  const fhirApiKey = 'test-fhir-key'
  const fhir = await startFhirServer({ apiKey: fhirApiKey, hospitalKey: 'sahyadri' })
  hospitalIds['sahyadri-fhir'] = await sahyadriAgain('sahyadri-fhir', 'IN2710000099', 'FHIR', {
    adapter: 'fhir-r4',
    baseUrl: fhir.url,
    apiKey: fhirApiKey,
  })

  const keys = serviceAccountKeys()
  const google = await startFakeGoogle({
    publicKeyPem: keys.publicKeyPem,
    meet: { serviceAccountEmail: keys.serviceAccountEmail, user: keys.user },
    fcm: keys.fcm,
  })
  project.provide('googleUrl', google.url)
  project.provide('fcmUrl', google.fcmUrl)
  const gemini = await startFakeGemini({ apiKey: testSecrets.GEMINI_API_KEY })
  project.provide('geminiUrl', gemini.url)
  project.provide('googleTokenUrl', google.tokenUrl)
  project.provide('google', {
    privateKeyPem: keys.privateKeyPem,
    serviceAccountEmail: keys.serviceAccountEmail,
    user: keys.user,
    fcm: keys.fcm,
  })

  project.provide('databaseUrl', postgres.url)
  project.provide('fhirUrl', fhir.url)
  project.provide('fhirApiKey', fhirApiKey)
  project.provide('hmisUrl', hmis.url)
  project.provide('hospitalIds', hospitalIds)
  project.provide('hmisApiKeys', hmisApiKeys)
  const qr = (hfrId: string) => qrImages(`https://phr-edge.in/share-profile?hip-id=${hfrId}&counter-id=7`)
  project.provide('qrImages', { IN2710000011: await qr('IN2710000011'), IN2710000099: await qr('IN2710000099') })
  project.provide('databaseKind', postgres.kind)
  project.provide('wsProxy', proxy.endpoint)
  project.provide('msg91Url', msg91.url)
  project.provide('resendUrl', resend.url)
  project.provide('abdmUrl', abdm.url)

  return async () => {
    await Promise.allSettled([
      proxy.close(),
      msg91.close(),
      resend.close(),
      abdm.close(),
      hmis.close(),
      faulty.close(),
      credentialsHmis.close(),
      fhir.close(),
      google.close(),
      gemini.close(),
    ])
    await postgres.stop()
  }
}
