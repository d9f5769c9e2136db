import type { Config } from './config'
import type { Db } from './db'
import type { Logger } from './logger'
import type { Integrations } from '../integrations'

export type Bindings = {
  HYPERDRIVE?: Hyperdrive
} & Record<string, unknown>

export type Variables = {
  requestId: string
  config: Config
  db: Db
  log: Logger
  integrations: Integrations
  /** Set by requireAuth. */
  patientId: string
  sessionId: string
}

export type AppEnv = { Bindings: Bindings; Variables: Variables }
