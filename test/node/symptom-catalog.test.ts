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
    for (const symptom of rows.symptoms.filter((s) => s.kind === 'complaint')) {
      const about = specific.filter((r) =>
        r.conditions.some((c: Record<string, string>) =>
          'symptom_code' in c ? c.symptom_code === symptom.code : c.question_id!.startsWith(`${symptom.code}.`),
        ),
      )
      expect(about.length, `${symptom.code} has no red-flag rule of its own`).toBeGreaterThan(0)
    }
  })

  it('asks one danger-sign screen first, in no section, and names the guidance of every rule', () => {
    const rows = catalogRows()
    const screens = rows.symptoms.filter((s) => s.kind === 'screen')
    expect(screens.map((s) => [s.code, s.section_code, s.position])).toEqual([['screen', null, 1]])
    const screenQuestions = rows.questions.filter((q) => q.symptom_code === 'screen').map((q) => q.id)
    // The universal danger signs of the triage issue, whatever the complaint.
    for (const id of [
      'screen.age_years',
      'screen.sex',
      'screen.pregnant',
      'screen.danger',
      'screen.fever',
      'screen.temperature',
      'screen.heat',
      'screen.bite',
      'screen.bite_kind',
      'screen.child',
    ])
      expect(screenQuestions).toContain(id)
    const danger = rows.questions.find((q) => q.id === 'screen.danger')!.options!.map((o: { value: string }) => o.value)
    for (const sign of [
      'breathless_at_rest',
      'blue_lips',
      'confused',
      'chest_pain',
      'heavy_bleeding',
      'seizure',
      'face_swelling',
      'no_urine',
    ])
      expect(danger).toContain(sign)
    for (const rule of rows.rules) expect(rule.source, rule.id).toMatch(/\w{4,}/)
    // Hindi for everything a patient reads.
    for (const q of rows.questions) {
      expect(q.text_hi, q.id).toMatch(/[\u0900-\u097F]/)
      for (const o of q.options ?? []) expect(o.hi, `${q.id} ${o.value}`).toMatch(/[\u0900-\u097F]/)
    }
    for (const r of rows.rules) expect(r.reason_hi, r.id).toMatch(/[\u0900-\u097F]/)
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
