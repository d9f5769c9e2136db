import { readFile } from 'node:fs/promises'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { listMigrations, migrate } from '../../scripts/lib/migrate.mjs'
import { createDatabase } from '../../scripts/lib/postgres.mjs'

const DDL = new URL('../../ddl/schema.sql', import.meta.url)

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** Tables, columns, constraints, indexes, triggers and functions of the public schema, in a comparable form. */
async function describeSchema(url: string) {
  return withClient(url, async (client) => ({
    columns: (
      await client.query(`select table_name, column_name, data_type, is_nullable, column_default, datetime_precision
        from information_schema.columns where table_schema = 'public' order by table_name, column_name`)
    ).rows,
    constraints: (
      await client.query(`select conrelid::regclass::text as table_name, conname, contype, pg_get_constraintdef(oid) as definition
        from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`)
    ).rows,
    indexes: (await client.query(`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`)).rows,
    triggers: (
      await client.query(`select tgrelid::regclass::text as table_name, tgname, pg_get_triggerdef(oid) as definition
        from pg_trigger where not tgisinternal order by 1, 2`)
    ).rows,
    functions: (
      await client.query(`select proname, pg_get_functiondef(oid) as definition from pg_proc
        where pronamespace = 'public'::regnamespace order by 1`)
    ).rows,
  }))
}

describe('ddl/ and migrations/', () => {
  it('create the same schema, with no foreign key, and ddl/ records every migration as applied', async () => {
    const server = inject('databaseUrl')
    const suffix = Math.random().toString(36).slice(2, 8)
    const fromDdl = await createDatabase(server, `ddl_${suffix}`)
    const fromMigrations = await createDatabase(server, `mig_${suffix}`)

    await withClient(fromDdl, async (client) => client.query(String(await readFile(DDL.pathname, 'utf8'))))
    await migrate(fromMigrations, { log: () => {} })

    const [ddlSchema, migrationSchema] = await Promise.all([describeSchema(fromDdl), describeSchema(fromMigrations)])
    expect(ddlSchema.columns.length).toBeGreaterThan(0)
    expect(ddlSchema.triggers.length).toBeGreaterThan(0)
    expect(ddlSchema).toEqual(migrationSchema)
    expect([...ddlSchema.constraints, ...migrationSchema.constraints].filter((c) => c.contype === 'f')).toEqual([])

    // A database made from ddl/ takes later migrations without re-applying these.
    expect(await migrate(fromDdl, { log: () => {} })).toEqual([])
    const baseline = await withClient(fromDdl, async (c) => (await c.query('select version from schema_migrations order by 1')).rows)
    expect(baseline.map((r) => r.version)).toEqual((await listMigrations()).map((m) => m.version))
  })

  it('never declares a foreign key in any SQL file', async () => {
    const files = [DDL, ...(await listMigrations()).map((m) => m.version)]
    const texts = [await readFile(DDL.pathname, 'utf8'), ...(await listMigrations()).map((m) => m.sql)]
    expect(files.length).toBe(texts.length)
    for (const text of texts) {
      const code = text.replace(/--.*$/gm, '')
      expect(code).not.toMatch(/foreign\s+key|references\s+\w+\s*\(/i)
    }
  })

  it('refuses a migration edited after it was applied', async () => {
    const url = await createDatabase(inject('databaseUrl'), `edit_${Math.random().toString(36).slice(2, 8)}`)
    await migrate(url, { log: () => {} })
    await withClient(url, (c) => c.query(`update schema_migrations set checksum = 'edited' where version = '0001_foundation'`))
    await expect(migrate(url, { log: () => {} })).rejects.toThrow(/edited after it was applied/)
  })
})
