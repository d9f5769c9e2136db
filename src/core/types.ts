import type { HospitalCredentials } from './hospital-secrets'
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
  /** The outbox's queue (core/outbox): job ids, consumed by this Worker's queue(). */
  OUTBOX_QUEUE?: Queue<OutboxMessage>
  /** The push queue: shards of notifications to push (core/notify), consumed by this Worker's queue(). */
  PUSH_QUEUE?: Queue<PushShardMessage>
} & Record<string, unknown>

/** What the push queue carries: a shard whose due notifications to push (the rows are the truth). */
export type PushShardMessage = { shard: number }

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
  /** The one outbox of every feature (core/outbox), with the handlers the features declare. */
  outbox: {
    /** Runs a claimed job now, a patient waiting: its result; left pending, it goes to the queue for later. */
    runNow(job: OutboxJob, waiting: { timeoutMs: number }, preloaded?: unknown): Promise<JobResult>
    /** After the commit that wrote them: the jobs to the queue (in waitUntil), each when it is due. */
    send(jobs: Pick<OutboxJob, 'id' | 'nextAttemptAt'>[]): void
    /** The cron's sweep: overdue jobs whose message was lost, to the queue again; how many. */
    sweep(): Promise<number>
  }
  /** Push notifications: these shards have notifications to push; the push queue runs them (waitUntil). */
  push: { kick(shards: number[]): void }
  /** Closes the connection after the response (waitUntil); safe to call when nothing connected. */
  close(): void
}

export type AppEnv = { Bindings: Bindings; Variables: { requestId: string; services: Services } }

/** The env of a hospital (HMIS) route: requireHospital has checked the request's signature. */
export type HospitalEnv = {
  Bindings: Bindings
  // hospitalCredentials: as requireHospital read them (sealed and open) and the inbound secret that
  // signed the call (a rotation keeps it for its overlap).
  Variables: AppEnv['Variables'] & {
    hospitalId: string
    hospitalCredentials: { sealed: string; open: HospitalCredentials; signedWith: string }
  }
}

/**
 * The env of a patient route: requireAuth has checked the access token. `patientId` is the profile
 * the token acts on; `accountId` the account that logged in (the same, but in a session switched
 * into a profile it manages).
 */
export type PatientEnv = {
  Bindings: Bindings
  Variables: AppEnv['Variables'] & { patientId: string; accountId: string; sessionId: string }
}

/** A cron job of a feature; `cron` is one of the expressions in wrangler.toml [triggers]. */
/** A cron job; `run.at` is the run's scheduled time (what "now" means for it, so that runs are reproducible). */
export type Job = { name: string; cron: string; run(services: Services, run: { at: Date }): Promise<Record<string, unknown>> }

/** A feature: its OpenAPI tags, its routes (whole public paths, mounted at /), its cron jobs and its outbox jobs. */
export type Feature = {
  tags: { name: string; description: string }[]
  routes(): OpenAPIHono<AppEnv>
  jobs?: Job[]
  /** How its kinds of outbox jobs are done (core/outbox), by kind. */
  outbox?: JobHandlers
  /** Routes that take files, by exact path or a pattern of paths, with their own body limit. */
  uploads?: { path: string | RegExp; maxBytes: (config: Config) => number }[]
  /** What it does for an account being erased (profile's account erasure), before the patient's rows go. */
  erase?: ErasureStep
}

/**
 * A feature's part in erasing an account, run in the erasing transaction (the patient's row locked)
 * before every row of the patient is deleted: e.g. telling hospitals, through jobs that outlive the
 * rows. The outbox jobs it wrote, sent to the queue after the commit.
 */
export type ErasureStep = (tx: Db, patientId: string) => Promise<OutboxJob[]>

// The outbox (core/outbox): its jobs and what features declare to run them.

export type OutboxJob = {
  id: string
  kind: string
  partitionKey: string
  subjectId: string
  status: 'pending' | 'done' | 'failed'
  attempts: number
  nextAttemptAt: Date
  lockedUntil: Date | null
  lastError: string | null
}

/**
 * What one attempt came to. `done`, `refused` and `failed`: the handler has closed the job in its
 * own statement. `later`: not an attempt (it waits on other work, e.g. a booking not yet at the
 * hospital) — run again in that many seconds, not counted.
 */
export type JobOutcome = 'done' | 'refused' | 'failed' | { later: number }
/** What the kernel answers for a run: an outcome, or `retry` after a failed attempt. */
export type JobResult = 'done' | 'refused' | 'failed' | 'retry' | 'later'

export type JobContext = {
  /** Epoch ms by which the handler's calls must have ended: its lease, less a margin to record the outcome. */
  deadline: number
  /** Set when a patient waits for the answer (a request), with the time the handler may spend. */
  waiting?: { timeoutMs: number }
  /** What the request already read for the job (its handler knows the shape), saving it a query. */
  preloaded?: unknown
}

/** How a feature's kind of job is done, declared in its Feature definition (`outbox`). */
export type JobHandler = {
  /** One attempt. A throw is a failed attempt: retried, and given up after OUTBOX_MAX_ATTEMPTS. */
  run(services: Services, job: OutboxJob, context: JobContext): Promise<JobOutcome>
  /** The job failed too often (or the queue gave up on it): reject the work, tell the patient, close the job. */
  giveUp(services: Services, job: OutboxJob, reason: string): Promise<void>
}
export type JobHandlers = Record<string, JobHandler>

/** What the queue carries: a job id, nothing else (the row is the truth). */
export type OutboxMessage = { job: string }
