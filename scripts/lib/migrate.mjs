// The migration runner: applies migrations/*.sql in name order, each in its own transaction,
// once. A migration edited after it was applied is refused (its checksum changed).
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'

export const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url).pathname
const LOCK_ID = 727_274_001

export async function listMigrations(dir = MIGRATIONS_DIR) {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort()
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(join(dir, file), 'utf8')
      return { version: file.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') }
    }),
  )
}

export async function migrate(databaseUrl, { dir = MIGRATIONS_DIR, log = (line) => console.log(line) } = {}) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_ID])
    await client.query(`create table if not exists schema_migrations (
      version text primary key, checksum text, applied_at timestamptz not null default now())`)
    const applied = new Map(
      (await client.query('select version, checksum from schema_migrations')).rows.map((r) => [r.version, r.checksum]),
    )
    const done = []
    for (const migration of await listMigrations(dir)) {
      if (applied.has(migration.version)) {
        const checksum = applied.get(migration.version)
        if (checksum && checksum !== migration.checksum) {
          throw new Error(`migration ${migration.version} was edited after it was applied; add a new migration instead`)
        }
        continue
      }
      await client.query('begin')
      try {
        await client.query(migration.sql)
        await client.query('insert into schema_migrations (version, checksum) values ($1, $2)', [migration.version, migration.checksum])
        await client.query('commit')
      } catch (error) {
        await client.query('rollback')
        throw new Error(`migration ${migration.version} failed: ${error.message}`, { cause: error })
      }
      done.push(migration.version)
      log(`migrated ${migration.version}`)
    }
    return done
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_ID]).catch(() => {})
    await client.end()
  }
}

/** Runs every seeds/*.sql file (each must be idempotent). */
export async function seed(databaseUrl, { dir = new URL('../../seeds/', import.meta.url).pathname, log = console.log } = {}) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()) {
      await client.query(await readFile(join(dir, file), 'utf8'))
      log(`seeded ${file}`)
    }
  } finally {
    await client.end()
  }
}
