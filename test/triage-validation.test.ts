// The clinical validation suite (test/fixtures/triage-cases.ts) through the API, as a patient
// answers: the chosen complaint; then, round after round, every question the check shows
// (GET …/questions, `asked`) answered from the case's facts, the mildest answer where the case is
// silent (no, none, mild, age 35); until nothing new is shown. It fails on any emergency triaged
// below `emergency`, and when fewer than 80 % of all cases land in their expected range.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CheckQuestionsSchema, SymptomCheckSchema } from '../src/features/symptoms/schema'
import { loginByPhone } from './fixtures/auth'
import { triageCases, type Level, type TriageCase } from './fixtures/triage-cases'
import { expectOk, type Client } from './harness/client'

const ORDER: Level[] = ['emergency_ambulance', 'emergency', 'consultation_24h', 'consultation', 'self_care']
const rank = (level: Level) => ORDER.indexOf(level)

type Question = z.infer<typeof CheckQuestionsSchema>['questions'][number]

/** What the patient answers to a question the case says nothing about. */
function mildest(question: Question, c: TriageCase): unknown {
  if (question.id === 'screen.age_years') return 35
  if (question.id === 'screen.sex') return 'female'
  if (question.id.endsWith('.severity')) return 'mild'
  switch (question.type) {
    case 'yes_no':
      return false
    case 'multi_choice':
      return []
    case 'duration':
      return { amount: 2, unit: 'days' }
    default:
      throw new Error(`case ${c.id}: the question ${question.id} (${question.type}) is shown but the case does not answer it`)
  }
}

async function triageOf(c: TriageCase, client: Client, token: string) {
  const created = await expectOk(
    await client.post('/v1/symptom-checks', { symptom_codes: [c.complaint] }, { token }),
    201,
    SymptomCheckSchema,
  )
  let check = created
  const shown = new Set<string>()
  for (let round = 0; round < 10; round++) {
    const { questions } = await expectOk(await client.get(`/v1/symptom-checks/${check.id}/questions`, { token }), 200, CheckQuestionsSchema)
    const pending = questions.filter((q) => q.asked && q.answer === null && !shown.has(q.id) && (q.required || c.facts[q.id] !== undefined))
    if (pending.length === 0) break
    for (const q of pending) shown.add(q.id)
    const answers = pending.map((q) => ({ question_id: q.id, value: q.id in c.facts ? c.facts[q.id] : mildest(q, c) }))
    check = await expectOk(await client.put(`/v1/symptom-checks/${check.id}/answers`, { answers }, { token }), 200, SymptomCheckSchema)
  }
  return { level: check.triage.level as Level, reasons: check.triage.rule_ids }
}

describe('triage against clinical guidance', () => {
  it('has at least 60 cases from named guidance, across every category', () => {
    expect(triageCases.length).toBeGreaterThanOrEqual(60)
    expect(new Set(triageCases.map((c) => c.id)).size).toBe(triageCases.length)
    for (const category of ['emergency', 'urgent', 'routine', 'self_care'] as const)
      expect(triageCases.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(10)
    for (const c of triageCases) expect(c.source.length, c.id).toBeGreaterThan(10)
  })

  it('misses no emergency whatever complaint was chosen, and puts at least 80 % of cases in range', async () => {
    const { client, access_token: token } = await loginByPhone()
    const results: { case: TriageCase; level: Level; reasons: string[] }[] = []
    // Eight patients' checks at a time, as eight phones would.
    for (let at = 0; at < triageCases.length; at += 8)
      results.push(
        ...(await Promise.all(triageCases.slice(at, at + 8).map(async (c) => ({ case: c, ...(await triageOf(c, client, token)) })))),
      )

    const within = (r: (typeof results)[number]) => rank(r.level) >= rank(r.case.expect[0]) && rank(r.level) <= rank(r.case.expect[1])
    const rows = (['emergency', 'urgent', 'routine', 'self_care'] as const).map((category) => {
      const of = results.filter((r) => r.case.category === category)
      const inRange = of.filter(within).length
      const under = of.filter((r) => rank(r.level) > rank(r.case.expect[1])).length
      const over = of.filter((r) => rank(r.level) < rank(r.case.expect[0])).length
      return { category, cases: of.length, inRange, under, over, accuracy: `${Math.round((100 * inRange) / of.length)} %` }
    })
    const all = results.filter(within).length
    console.log(`triage validation: ${all}/${results.length} in range (${Math.round((100 * all) / results.length)} %)`)
    for (const row of rows)
      console.log(
        `${row.category.padEnd(10)} ${row.inRange}/${row.cases} in range (${row.accuracy}), ${row.under} under-triaged, ${row.over} over-triaged`,
      )
    const misses = results
      .filter((r) => !within(r))
      .map((r) => `${r.case.id} (${r.case.complaint}): ${r.level}, expected ${r.case.expect.join('…')} [${r.reasons.join(', ')}]`)
    if (misses.length) console.log(`outside the expected range:\n${misses.join('\n')}`)

    const underTriagedEmergencies = results
      .filter((r) => r.case.category === 'emergency' && rank(r.level) > rank('emergency'))
      .map((r) => `${r.case.id}: ${r.level}`)
    expect(underTriagedEmergencies).toEqual([])
    expect(all / results.length).toBeGreaterThanOrEqual(0.8)
  }, 120_000)
})
