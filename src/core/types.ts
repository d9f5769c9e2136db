import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Config } from './config'
import type { Db } from './db'
import type { FileStore } from './files'
import type { Logger } from './logger'

export type Bindings = {
  HYPERDRIVE?: Hyperdrive
  /** Documents in the patients' records (R2). */
  RECORDS?: R2Bucket
  /** One Durable Object per Mindscape room. */
  CHAT_ROOMS?: DurableObjectNamespace
} & Record<string, unknown>

/**
 * The external services of a request. Empty here: `src/integrations/index.ts` declares its members
 * (interface merging), so that the kernel imports nothing above it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Integrations {}

/** What every entry point (request, cron run, queue batch, Durable Object) works with. */
export interface Services {
  config: Config
  log: Logger
  /** Connects on the first query; one connection for the whole request or run. */
  db: Db
  integrations: Integrations
  /** The R2 bucket of record files, its failures as 503s (core/files); a 503 when the binding is missing. */
  files(): FileStore
  roundTrips(): number
  /** Closes the connection after the response (waitUntil); safe to call when nothing connected. */
  close(): void
}

export type AppEnv = { Bindings: Bindings; Variables: { requestId: string; services: Services } }

/** The env of a hospital (HMIS) route: requireHospital has checked the request's signature. */
export type HospitalEnv = {
  Bindings: Bindings
  Variables: AppEnv['Variables'] & { hospitalId: string }
}

/** The env of a patient route: requireAuth has checked the access token. */
export type PatientEnv = {
  Bindings: Bindings
  Variables: AppEnv['Variables'] & { patientId: string; sessionId: string }
}

/** A cron job of a feature; `cron` is one of the expressions in wrangler.toml [triggers]. */
/** A cron job; `run.at` is the run's scheduled time (what "now" means for it, so that runs are reproducible). */
export type Job = { name: string; cron: string; run(services: Services, run: { at: Date }): Promise<Record<string, unknown>> }

/** A feature: its OpenAPI tags, its routes (whole public paths, mounted at /) and its cron jobs. */
export type Feature = {
  tags: { name: string; description: string }[]
  routes(): OpenAPIHono<AppEnv>
  jobs?: Job[]
  /** Routes that take files, by exact path or a pattern of paths, with their own body limit. */
  uploads?: { path: string | RegExp; maxBytes: (config: Config) => number }[]
}
