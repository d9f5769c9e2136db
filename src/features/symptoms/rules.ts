import type { FieldIssue } from '../../core/errors'
import type { Condition, QuestionRow, RuleCondition, TriageLevel, TriageRuleRow } from '../../db/schema'

// The questionnaire's logic, with no I/O: what an answer may be, which questions are asked given
// the earlier answers, and the triage the red-flag rules give. All of it is driven by the rows of
// symptom_questions and triage_rules; nothing here knows a symptom by name.

export type Answers = Record<string, unknown>
export type Duration = { amount: number; unit: 'hours' | 'days' | 'weeks' | 'months' | 'years' }

const DAYS_PER: Record<Duration['unit'], number> = { hours: 1 / 24, days: 1, weeks: 7, months: 30, years: 365 }
const MAX_AMOUNT: Record<Duration['unit'], number> = { hours: 24 * 90, days: 3650, weeks: 520, months: 1200, years: 100 }
export const TEXT_ANSWER_MAX = 1000

/** Most urgent first. */
export const LEVEL_ORDER: TriageLevel[] = ['emergency_ambulance', 'emergency', 'consultation_24h', 'consultation', 'self_care']
const rank = (level: TriageLevel) => LEVEL_ORDER.indexOf(level)

const isDuration = (value: unknown): value is Duration =>
  !!value &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).length === 2 &&
  Number.isInteger((value as Duration).amount) &&
  (value as Duration).amount >= 0 &&
  (value as Duration).unit in DAYS_PER &&
  (value as Duration).amount <= MAX_AMOUNT[(value as Duration).unit]

export const durationDays = (value: Duration) => value.amount * DAYS_PER[value.unit]

/** Why `value` is not an answer to `question`, or undefined when it is one. */
export function answerProblem(question: QuestionRow, value: unknown): { code: string; message: string } | undefined {
  const options = question.options?.map((o) => o.value) ?? []
  switch (question.type) {
    case 'yes_no':
      return typeof value === 'boolean' ? undefined : { code: 'invalid_type', message: 'must be true or false' }
    case 'single_choice':
      return typeof value === 'string' && options.includes(value)
        ? undefined
        : { code: 'invalid_option', message: `must be one of: ${options.join(', ')}` }
    case 'multi_choice':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !options.includes(v)))
        return { code: 'invalid_option', message: `must be a list of: ${options.join(', ')}` }
      return new Set(value).size === value.length ? undefined : { code: 'invalid_option', message: 'lists an option twice' }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'invalid_type', message: 'must be a number' }
      const unit = question.unit ? ` ${question.unit}` : ''
      if (question.minValue !== null && value < question.minValue)
        return { code: 'too_small', message: `must be at least ${question.minValue}${unit}` }
      if (question.maxValue !== null && value > question.maxValue)
        return { code: 'too_big', message: `must be at most ${question.maxValue}${unit}` }
      return undefined
    }
    case 'duration':
      return isDuration(value)
        ? undefined
        : {
            code: 'invalid_duration',
            message: 'must be {"amount": a whole number, "unit": hours|days|weeks|months|years} within a sensible range',
          }
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') return { code: 'invalid_type', message: 'must be non-empty text' }
      return value.length > TEXT_ANSWER_MAX ? { code: 'too_big', message: `must be at most ${TEXT_ANSWER_MAX} characters` } : undefined
  }
}

/** Whether one condition holds for these answers (an unanswered question holds no condition). */
export function holds(condition: RuleCondition, answers: Answers, symptomCodes: readonly string[]): boolean {
  if ('symptom_code' in condition) return symptomCodes.includes(condition.symptom_code)
  const value = answers[condition.question_id]
  if (value === undefined) return false
  const target = condition.value
  switch (condition.op) {
    case 'eq':
      return value === target
    case 'in':
      return Array.isArray(target) && target.includes(value)
    case 'includes':
      return Array.isArray(value) && value.includes(target)
    case 'gte':
      return typeof value === 'number' && value >= Number(target)
    case 'lte':
      return typeof value === 'number' && value <= Number(target)
    case 'gte_days':
      return isDuration(value) && durationDays(value) >= Number(target)
    case 'lte_days':
      return isDuration(value) && durationDays(value) <= Number(target)
  }
}

export const isAsked = (question: QuestionRow, answers: Answers) => (question.showIf ?? []).every((c: Condition) => holds(c, answers, []))

/** Answers whose questions are no longer asked (an earlier answer changed) are dropped, in order. */
export function withoutHidden(questions: QuestionRow[], answers: Answers): Answers {
  const kept: Answers = {}
  for (const question of questions) {
    if (question.id in answers && isAsked(question, kept)) kept[question.id] = answers[question.id]
  }
  return kept
}

/**
 * Merges a save into the answers so far. Every problem is reported at once: unknown questions,
 * values that do not fit, and answers to questions not asked given the other answers.
 */
export function mergeAnswers(
  questions: QuestionRow[],
  current: Answers,
  incoming: { question_id: string; value: unknown }[],
): { answers: Answers; issues: FieldIssue[] } {
  const byId = new Map(questions.map((q) => [q.id, q]))
  const issues: FieldIssue[] = []
  const issue = (questionId: string, code: string, message: string) =>
    issues.push({ location: 'json', path: `answers.${questionId}`, message: `${questionId}: ${message}`, code })
  const merged: Answers = { ...current }
  const seen = new Set<string>()
  for (const { question_id: id, value } of incoming) {
    const question = byId.get(id)
    if (!question) {
      issue(id, 'unknown_question', 'is not a question of this check’s symptoms')
      continue
    }
    if (seen.has(id)) issue(id, 'duplicate', 'is answered twice in this request')
    seen.add(id)
    if (value === null) {
      delete merged[id]
      continue
    }
    const problem = answerProblem(question, value)
    if (problem) issue(id, problem.code, problem.message)
    else merged[id] = typeof value === 'string' ? value.trim() : value
  }
  const answers = withoutHidden(questions, merged)
  for (const { question_id: id, value } of incoming) {
    if (value !== null && byId.has(id) && !(id in answers) && id in merged) {
      const conditions = byId.get(id)!.showIf ?? []
      issue(
        id,
        'not_asked',
        `is only asked when ${conditions.map((c) => `${c.question_id} ${c.op} ${JSON.stringify(c.value)}`).join(' and ')}`,
      )
    }
  }
  return { answers, issues }
}

/** Whole years and, under two, whole months of a date of birth on a day (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, today: string): { years: number; months: number } {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  const months = Math.max(0, (ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0))
  return { years: Math.floor(months / 12), months }
}

/**
 * What the profile already answers (age, sex) for the questions marked `prefill`, in order and only
 * where asked given the answers before them; the patient may change each.
 */
export function prefilledAnswers(
  questions: QuestionRow[],
  profile: { dateOfBirth: string | null; gender: string | null },
  today: string,
): Answers {
  const age = profile.dateOfBirth ? ageOn(profile.dateOfBirth, today) : undefined
  const answers: Answers = {}
  for (const question of questions) {
    if (!question.prefill || !isAsked(question, answers)) continue
    const value = question.prefill === 'age_years' ? age?.years : question.prefill === 'age_months' ? age?.months : profile.gender
    if (value !== undefined && value !== null && !answerProblem(question, value)) answers[question.id] = value
  }
  return answers
}

/** Required questions that are asked and not answered yet. */
export function missingAnswers(questions: QuestionRow[], answers: Answers): FieldIssue[] {
  return questions
    .filter((q) => q.required && isAsked(q, answers) && !(q.id in answers))
    .map((q) => ({ location: 'json', path: `answers.${q.id}`, message: `${q.id}: is required`, code: 'required' }))
}

/**
 * The check's triage: the most urgent of its complaints' base levels and of every rule whose
 * conditions all hold. Deterministic, from data; nothing else (no model output) feeds it.
 */
export function triage(
  symptoms: { code: string; baseLevel: TriageLevel }[],
  rules: TriageRuleRow[],
  answers: Answers,
): { level: TriageLevel; ruleIds: string[] } {
  const codes = symptoms.map((s) => s.code)
  const matched = rules.filter((r) => r.conditions.length > 0 && r.conditions.every((c) => holds(c, answers, codes)))
  const levels = [...symptoms.map((s) => s.baseLevel), ...matched.map((r) => r.level)]
  const level = levels.reduce<TriageLevel>((best, l) => (rank(l) < rank(best) ? l : best), 'self_care')
  return {
    level,
    // Most urgent reasons first.
    ruleIds: matched.sort((a, b) => rank(a.level) - rank(b.level) || a.id.localeCompare(b.id)).map((r) => r.id),
  }
}
