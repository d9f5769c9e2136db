import { Client as NeonClient } from '@neondatabase/serverless'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import * as schema from '../db/schema'
import type { Config } from './config'

export type Db = NodePgDatabase<typeof schema>

/** The part of a node-postgres style client that drizzle uses. Both drivers provide it. */
interface QueryableClient {
  connect(): Promise<unknown>
  query(...args: unknown[]): Promise<unknown>
  end(): Promise<void>
}

/**
 * One database connection for one request, opened on the first query (a request that needs no
 * database opens nothing) and counting its round trips. Workers forbid sharing a connection
 * between requests, so nothing here outlives the request; `close` runs in `waitUntil`.
 */
class RequestConnection {
  queries = 0
  private client: QueryableClient | undefined
  private connecting: Promise<unknown> | undefined

  constructor(private readonly open: () => QueryableClient) {}

  async query(...args: unknown[]): Promise<unknown> {
    if (!this.connecting) {
      this.client = this.open()
      this.connecting = this.client.connect()
    }
    await this.connecting
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

/** The WebSocket path: Neon directly, or any Postgres behind the project's WebSocket proxy. */
function neonWebSocketClient(config: Config): QueryableClient {
  const client = new NeonClient({ connectionString: config.DATABASE_URL })
  const proxy = config.NEON_WS_PROXY
  if (proxy) {
    client.neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`
    client.neonConfig.useSecureWebSocket = config.NEON_WS_PROXY_TLS
    client.neonConfig.pipelineConnect = false
  }
  return client as unknown as QueryableClient
}

/** The TCP path (`cloudflare:sockets` under node-postgres): Hyperdrive when bound, else the URL. */
function tcpClient(config: Config, hyperdrive: Hyperdrive | undefined): QueryableClient {
  const connectionString = hyperdrive?.connectionString ?? config.DATABASE_URL
  return new pg.Client({ connectionString }) as unknown as QueryableClient
}

export interface RequestDatabase {
  db: Db
  roundTrips(): number
  close(): Promise<void>
}

export function openRequestDatabase(config: Config, hyperdrive?: Hyperdrive): RequestDatabase {
  const connection = new RequestConnection(() =>
    config.DATABASE_DRIVER === 'tcp' ? tcpClient(config, hyperdrive) : neonWebSocketClient(config),
  )
  const db = drizzle({ client: connection as unknown as pg.Client, schema })
  return { db, roundTrips: () => connection.queries, close: () => connection.close() }
}
