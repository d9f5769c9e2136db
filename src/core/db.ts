import { Client as NeonClient } from '@neondatabase/serverless'
import { sql, type SQL } from 'drizzle-orm'
import { drizzle as drizzleNeon, type NeonQueryResultHKT } from 'drizzle-orm/neon-serverless'
import type { PgDatabase } from 'drizzle-orm/pg-core'
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres'
import { Client as PgClient, type ClientConfig } from 'pg'
import type { Config } from './config'
import { ApiError } from './errors'
import { pgStream } from './pg-socket'

/**
 * The request's database, or a transaction in it: store functions take either, so that several of
 * them can join one transaction. Both drivers give the same drizzle query builder; only the shape
 * of a raw `execute` result differs, which `queryRows` hides. Built without the relational schema
 * (no `db.query.*`): given one, drizzle walks every table's config each time a database is made,
 * which is every request (5–11 % of a plain read's CPU in the bench's profile).
 */
export type Db = PgDatabase<NeonQueryResultHKT>

/** A text[] value for raw SQL (drizzle would spread a bare array into a list of parameters). */
export const textArray = (values: readonly string[]): SQL =>
  values.length
    ? sql`array[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`
    : sql`'{}'::text[]`

/** Runs raw SQL and returns its rows, whichever driver is in use. */
export async function queryRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] } | Row[]
  return Array.isArray(result) ? result : result.rows
}

/** What both paths' clients are: node-postgres's Client (Neon's driver is node-postgres over a WebSocket). */
type PgLikeClient = {
  connect(): Promise<unknown>
  query(...args: unknown[]): Promise<unknown>
  end(): Promise<void>
  on(event: 'error', listener: (error: Error) => void): unknown
}

/**
 * One client per request, opened on the first query (a request that needs no database opens
 * nothing), counting its round trips, and ended after the work (`close`, in waitUntil): Workers
 * forbid sharing a connection between requests, and a client left open stays reachable after its
 * request. Both drivers send a statement with its parameters in one round trip (Parse, Bind,
 * Execute together).
 */
class RequestConnection {
  queries = 0
  private client: PgLikeClient | undefined
  private connecting: Promise<unknown> | undefined

  constructor(private readonly open: () => PgLikeClient) {}

  async query(...args: unknown[]): Promise<unknown> {
    if (!this.connecting) {
      this.client = this.open()
      // After end(), the server or proxy closing the socket is reported as an error event; without
      // a listener it would be an uncaught exception. Query errors still reject their promise.
      this.client.on('error', () => {})
      this.connecting = this.client.connect()
    }
    try {
      await this.connecting
    } catch (error) {
      // Whatever kept us from connecting (a full server, a proxy or network fault), the client
      // should retry later: 503, never 500.
      throw unavailable(error)
    }
    this.queries++
    return this.client!.query(...args)
  }

  async close(): Promise<void> {
    if (!this.connecting || !this.client) return
    try {
      await this.connecting
    } catch {
      return
    }
    await this.client.end()
  }
}

export interface RequestDatabase {
  db: Db
  roundTrips(): number
  close(): Promise<void>
}

export function openRequestDatabase(config: Config, hyperdrive?: Hyperdrive): RequestDatabase {
  if (config.DATABASE_DRIVER === 'tcp') {
    // node-postgres over cloudflare:sockets. Hyperdrive pools and keeps connections warm at the
    // edge; without it, DATABASE_URL is dialled directly. (postgres.js, used here until 2026-12-02,
    // sent every statement with parameters in two round trips on a new connection — Parse and
    // Describe first — and could not be ended in workerd: its end() hung the runtime, and a client
    // left open held ~29 KB of the isolate for good after every request.)
    const connection = new RequestConnection(
      () =>
        new PgClient({
          connectionString: hyperdrive?.connectionString ?? config.DATABASE_URL,
          connectionTimeoutMillis: 10_000,
          // In workerd, pg-cloudflare's socket, ended so that workerd can collect it (core/pg-socket.ts).
          stream: pgStream(),
        } as ClientConfig) as unknown as PgLikeClient,
    )
    const db = drizzleNodePg({ client: connection as unknown as PgClient }) as unknown as Db
    return { db, roundTrips: () => connection.queries, close: () => connection.close() }
  }
  const connection = new RequestConnection(() => {
    // The WebSocket path: Neon directly, or any Postgres behind the project's WebSocket proxy.
    const client = new NeonClient({ connectionString: config.DATABASE_URL })
    const proxy = config.NEON_WS_PROXY
    if (proxy) {
      const token = config.NEON_WS_PROXY_SECRET ? `&token=${encodeURIComponent(config.NEON_WS_PROXY_SECRET)}` : ''
      client.neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}${token}`
      client.neonConfig.useSecureWebSocket = config.NEON_WS_PROXY_TLS
      client.neonConfig.pipelineConnect = false
    }
    return client as unknown as PgLikeClient
  })
  const db = drizzleNeon({ client: connection as unknown as NeonClient })
  return { db, roundTrips: () => connection.queries, close: () => connection.close() }
}

/**
 * Postgres and driver codes that mean "cannot take this connection now" (full, starting, shutting
 * down, restarted under us, unreachable): no client should see a 500.
 */
const UNAVAILABLE = new Set([
  '53300',
  '53400',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
])

/**
 * What workerd's sockets and the drivers say when the server is gone, without a code (node-postgres:
 * "Client has encountered a connection error and is not queryable", e.g. a rollback after the server went).
 */
const UNAVAILABLE_MESSAGE =
  /too many clients|remaining connection slots|cannot connect to the specified address|network connection lost|connection terminated|server closed the connection|socket (?:hang up|closed)|is not queryable/i

const unavailable = (cause: unknown) =>
  new ApiError('upstream_unavailable', 'The database is busy. Please try again in a moment.', {
    headers: { 'Retry-After': '2' },
    details: { service: 'database' },
    cause,
  })

/**
 * A 503 with Retry-After when an error (or one of its causes) says the database is full or
 * unreachable, such as `too many clients` under a burst; undefined for any other error.
 */
export function databaseUnavailable(error: unknown): ApiError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++, current = current.cause) {
    const code = (current as { code?: unknown }).code
    if ((typeof code === 'string' && UNAVAILABLE.has(code)) || UNAVAILABLE_MESSAGE.test(current.message)) {
      return unavailable(error)
    }
  }
  return undefined
}
