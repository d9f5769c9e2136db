// Starts a real Postgres for tests, `npm run dev` and the bench, in this order of preference:
//   1. an existing server named by a URL (TEST_DATABASE_URL / DATABASE_URL),
//   2. a throwaway cluster from the system's PostgreSQL binaries (initdb + postgres),
//   3. PGlite's socket server (embedded Postgres in WebAssembly, no install at all).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

export async function waitForPostgres(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  let lastError
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url })
    try {
      await client.connect()
      await client.query('select 1')
      await client.end()
      return
    } catch (error) {
      lastError = error
      await client.end().catch(() => {})
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  throw new Error(`Postgres at ${url.replace(/:[^:@/]+@/, ':***@')} did not answer: ${lastError?.message}`)
}

export function systemPostgresBin() {
  const candidates = []
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN)
  const base = '/usr/lib/postgresql'
  if (existsSync(base)) {
    for (const version of readdirSync(base).sort((a, b) => Number(b) - Number(a))) candidates.push(join(base, version, 'bin'))
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')))
}

/** initdb refuses to run as root: as root, the cluster belongs to the `postgres` user. */
function asPostgresUser(bin, args) {
  const isRoot = process.getuid?.() === 0
  return isRoot ? { command: 'runuser', args: ['-u', 'postgres', '--', bin, ...args] } : { command: bin, args }
}

async function startSystemCluster(bin, log) {
  const dir = mkdtempSync(join(tmpdir(), 'phr-pg-'))
  const dataDir = join(dir, 'data')
  const socketDir = join(dir, 'sock')
  mkdirSync(dataDir)
  mkdirSync(socketDir)
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresUser()
    for (const path of [dir, dataDir, socketDir]) chownSync(path, uid, gid)
  }
  const init = asPostgresUser(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ])
  const result = spawnSync(init.command, init.args, { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr || result.stdout}`)
  const port = await freePort()
  const run = asPostgresUser(join(bin, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    socketDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=300',
    '-c',
    'log_min_messages=warning',
  ])
  // trust auth ignores the password; Hyperdrive bindings insist on one being present.
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`
  let child
  // What the server logs (warnings and worse; the bench's plans through auto_explain), the last 4 MB.
  let stderr = ''
  const launch = async () => {
    child = spawn(run.command, run.args, { stdio: ['ignore', 'ignore', 'pipe'] })
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4_000_000)))
    try {
      await waitForPostgres(url)
    } catch (error) {
      child.kill('SIGKILL')
      throw new Error(`${error.message}\n${stderr}`, { cause: error })
    }
  }
  // pg_ctl waits until the postmaster and every backend are gone; a signal to `runuser` would
  // only end runuser, leaving the server (and the stderr pipe it holds) behind.
  const shutDown = () => {
    const stop = asPostgresUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', '-t', '20', 'stop'])
    const stopped = spawnSync(stop.command, stop.args, { encoding: 'utf8' })
    if (stopped.status !== 0 && child.exitCode === null) child.kill('SIGKILL')
    child.stderr.destroy()
  }
  await launch()
  log(`postgres: throwaway cluster from ${bin} on port ${port}`)
  return {
    kind: 'system',
    url,
    port,
    /** The server's log since it started (warnings and worse), the last 4 MB. */
    serverLog: () => stderr,
    /** Stops the server as an operator's restart does (fast: open connections are cut), waits `downMs`, starts it again. */
    async restart({ downMs = 0 } = {}) {
      shutDown()
      await new Promise((r) => setTimeout(r, downMs))
      await launch()
    },
    async stop() {
      shutDown()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function postgresUser() {
  const out = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
  if (out.status !== 0) throw new Error('running as root, but there is no `postgres` user to own the cluster')
  return { uid: Number(out.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

/**
 * PGlite over TCP. `dataDir` keeps data between runs; without it the database lives in memory.
 * @param {{ dataDir?: string, port?: number, log?: (line: string) => void }} [options]
 */
export async function startPglite({ dataDir, port, log = (_line) => {} } = {}) {
  const { PGlite } = await import('@electric-sql/pglite')
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const db = await PGlite.create(dataDir ? { dataDir } : undefined)
  const listenPort = port ?? (await freePort())
  // The default of one connection is far too few for a Worker that opens one per request.
  const server = new PGLiteSocketServer({ db, port: listenPort, host: '127.0.0.1', maxConnections: 100 })
  await server.start()
  const url = `postgres://postgres:postgres@127.0.0.1:${listenPort}/postgres?sslmode=disable`
  log(`postgres: PGlite ${dataDir ? `(data in ${dataDir})` : '(in memory)'} on port ${listenPort}`)
  return {
    kind: 'pglite',
    url,
    port: listenPort,
    async stop() {
      await server.stop()
      await db.close()
    },
  }
}

/**
 * The best Postgres available. `preferUrl` wins when given.
 * @param {{ preferUrl?: string, pgliteDataDir?: string, log?: (line: string) => void }} [options]
 */
export async function startPostgres({ preferUrl, pgliteDataDir, log = (_line) => {} } = {}) {
  if (preferUrl) {
    await waitForPostgres(preferUrl)
    log(`postgres: using ${preferUrl.replace(/:[^:@/]+@/, ':***@')}`)
    return { kind: 'external', url: preferUrl, port: Number(new URL(preferUrl).port || 5432), stop: async () => {} }
  }
  const bin = systemPostgresBin()
  if (bin) {
    try {
      return await startSystemCluster(bin, log)
    } catch (error) {
      log(`postgres: system binaries failed (${error.message.split('\n')[0]}); falling back to PGlite`)
    }
  }
  return startPglite({ dataDir: pgliteDataDir, log })
}

/** The same server's URL (or a pooler's in front of it) for another database on it. */
export function withDatabase(url, name) {
  const other = new URL(url)
  other.pathname = `/${name}`
  return other.toString()
}

/** Drops a database of the server, its sessions ended first (a pooler's included). */
export async function dropDatabase(serverUrl, name) {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`drop database if exists "${name}" with (force)`)
  } finally {
    await admin.end()
  }
}

/** A fresh, empty database on the same server (for tests that need a schema of their own). */
export async function createDatabase(serverUrl, name) {
  await dropDatabase(serverUrl, name)
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`create database "${name}"`)
  } finally {
    await admin.end()
  }
  return withDatabase(serverUrl, name)
}
