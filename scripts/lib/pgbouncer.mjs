// PgBouncer in front of the bench's Postgres: what production has between a Worker and its database
// (Hyperdrive's pool, Neon's PgBouncer), so that a request meets a warm server process, as it would
// there, instead of paying for a new one (~25 ms on this machine, more for a write's first touch of its
// tables, triggers and functions). Session pooling: the Worker's one connection a request gets one
// server connection, returned to the pool (DISCARD ALL) when the request ends.
// @ts-check (tsconfig.scripts.json)
import { spawn, spawnSync } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort, waitForPostgres } from './postgres.mjs'

/** Where pgbouncer is (Debian's package), or undefined. */
export function pgbouncerBin() {
  const found = spawnSync('sh', ['-c', 'command -v pgbouncer || ls /usr/sbin/pgbouncer'], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout.trim().split('\n')[0] : undefined
}

/**
 * Starts PgBouncer (session pooling, `poolSize` server connections) in front of the Postgres at
 * `databaseUrl` (trust auth, as the bench's throwaway cluster). Returns { url, reconnect, stop }:
 * `reconnect` has every server connection closed once its client lets go (the admin console's
 * RECONNECT), so that what a session loads at its start (auto_explain, for the plans) is loaded.
 * @param {string} databaseUrl
 * @param {{ poolSize?: number, log?: (line: string) => void }} [options]
 */
export async function startPgbouncer(databaseUrl, { poolSize = 40, log = () => {} } = {}) {
  const bin = pgbouncerBin()
  if (!bin) throw new Error('pgbouncer is not installed (apt-get install pgbouncer)')
  const target = new URL(databaseUrl)
  const dir = mkdtempSync(join(tmpdir(), 'phr-pgbouncer-'))
  const port = await freePort()
  const user = decodeURIComponent(target.username)
  const database = target.pathname.slice(1)
  writeFileSync(join(dir, 'users.txt'), `"${user}" "${decodeURIComponent(target.password)}"\n`)
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `${database} = host=${target.hostname} port=${target.port} dbname=${database} user=${user}`,
      // Any other database of the same server by its own name (the bench's large one).
      `* = host=${target.hostname} port=${target.port} user=${user}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = session',
      `admin_users = ${user}`,
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 2000',
      'server_reset_query = DISCARD ALL',
      'ignore_startup_parameters = extra_float_digits,options,search_path',
      'log_connections = 0',
      'log_disconnections = 0',
    ].join('\n'),
  )
  // PgBouncer will not run as root.
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
    for (const path of [dir, join(dir, 'users.txt'), join(dir, 'pgbouncer.ini')]) chownSync(path, Number(ids.stdout), Number(gid.stdout))
  }
  const args = [join(dir, 'pgbouncer.ini')]
  const child = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-20_000)))
  const url = `postgres://${target.username}:${target.password}@127.0.0.1:${port}/${database}?sslmode=disable`
  try {
    await waitForPostgres(url)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`pgbouncer did not start: ${stderr}`, { cause: error })
  }
  log(`pgbouncer ${bin} on port ${port}: session pooling, ${poolSize} server connections`)
  return {
    url,
    reconnect: async () => {
      const admin = new pg.Client({ connectionString: url.replace(/\/[^/?]*\?/, '/pgbouncer?') })
      await admin.connect()
      try {
        await admin.query('RECONNECT')
      } finally {
        await admin.end()
      }
    },
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 200))
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
