import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { listMigrations } from '../../scripts/lib/migrate.mjs'
import { BEGIN, catalogRows, catalogSql, END } from '../../scripts/symptoms/build.mjs'

describe('the symptom catalog', () => {
  it('is consistent (every show-if and rule names a real earlier question with a value it can take), and big enough', () => {
    const rows = catalogRows()
    expect(rows.sections.length).toBeGreaterThanOrEqual(8)
    expect(rows.symptoms.length).toBeGreaterThanOrEqual(40)
    // Each complaint has rules of its own beyond the generated "severe" and "two weeks".
    const specific = rows.rules.filter((r) => !/\.(severe|two_weeks)$/.test(r.id))
    for (const symptom of rows.symptoms) {
      const about = specific.filter((r) =>
        r.conditions.some((c) => ('symptom_code' in c ? c.symptom_code === symptom.code : c.question_id.startsWith(`${symptom.code}.`))),
      )
      expect(about.length, `${symptom.code} has no red-flag rule of its own`).toBeGreaterThan(0)
    }
  })

  it('is in ddl/schema.sql and in the latest catalog migration exactly as npm run symptoms:build writes it', async () => {
    const sql = catalogSql()
    const ddl = await readFile(new URL('../../ddl/schema.sql', import.meta.url).pathname, 'utf8')
    expect(ddl.slice(ddl.indexOf(BEGIN), ddl.indexOf(END) + END.length), 'ddl/schema.sql is stale: npm run symptoms:build').toBe(sql)
    const latest = (await listMigrations()).filter((m) => m.sql.includes(BEGIN)).at(-1)!
    expect(
      latest.sql.slice(latest.sql.indexOf(BEGIN), latest.sql.indexOf(END) + END.length),
      'add a catalog migration: npm run symptoms:build -- --migration NNNN_name',
    ).toBe(sql)
  })
})
