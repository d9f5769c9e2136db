// Starts what the Worker under test talks to, once for the whole run: a real Postgres
// (TEST_DATABASE_URL, else a throwaway cluster from the system's binaries, else PGlite), the
// migrations, the WebSocket proxy, and the fake SMS, email and ABDM servers. Their addresses reach
// the Workers pool's bindings and the tests through `provide`.
import type { TestProject } from 'vitest/node'
import { startFakeAbdm } from '../scripts/fakes/abdm.mjs'
import { startFakeMsg91 } from '../scripts/fakes/msg91.mjs'
import { startFakeResend } from '../scripts/fakes/resend.mjs'
import { migrate } from '../scripts/lib/migrate.mjs'
import { startPostgres } from '../scripts/lib/postgres.mjs'
import { allowFor, startWsProxy } from '../scripts/lib/ws-proxy.mjs'
import { testSecrets } from './secrets'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    databaseKind: string
    wsProxy: string
    msg91Url: string
    resendUrl: string
    abdmUrl: string
  }
}

export default async function setup(project: TestProject) {
  const log = (line: string) => console.log(`[setup] ${line}`)
  const postgres = await startPostgres({ preferUrl: process.env.TEST_DATABASE_URL, log })
  await migrate(postgres.url, { log: () => {} })
  const proxy = await startWsProxy({ allow: [allowFor(postgres.url)], secret: testSecrets.NEON_WS_PROXY_SECRET })
  const msg91 = await startFakeMsg91({ authKey: testSecrets.MSG91_AUTH_KEY, templateId: testSecrets.MSG91_OTP_TEMPLATE_ID })
  const resend = await startFakeResend({ apiKey: testSecrets.RESEND_API_KEY })
  const abdm = await startFakeAbdm({ clientId: testSecrets.ABDM_CLIENT_ID, clientSecret: testSecrets.ABDM_CLIENT_SECRET })

  project.provide('databaseUrl', postgres.url)
  project.provide('databaseKind', postgres.kind)
  project.provide('wsProxy', proxy.endpoint)
  project.provide('msg91Url', msg91.url)
  project.provide('resendUrl', resend.url)
  project.provide('abdmUrl', abdm.url)

  return async () => {
    await Promise.allSettled([proxy.close(), msg91.close(), resend.close(), abdm.close()])
    await postgres.stop()
  }
}
