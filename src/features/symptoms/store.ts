import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import type { QuestionRow, SymptomCheckRow, TriageLevel, TriageRuleRow } from '../../db/schema'

// Reads of the catalog and of checks, each in one round trip: a check comes with what it needs
// (the danger-sign screen and its complaints, their questions, the rules that can apply to them)
// as JSON columns. The screen (symptoms of kind 'screen') is part of every check, asked first.

export type SymptomInfo = {
  code: string
  kind: 'complaint' | 'screen'
  nameEn: string
  nameHi: string
  baseLevel: TriageLevel
  sectionCode: string | null
  /** The specialties it suggests, likeliest first, with the pattern the doctor search sends. */
  specialties: { code: string; name_en: string; name_hi: string; pattern: string }[]
}
export type CheckContext = { check: SymptomCheckRow; symptoms: SymptomInfo[]; questions: QuestionRow[]; rules: TriageRuleRow[] }
export type Catalog = Omit<CheckContext, 'check'>

export const checkNotFound = () => new ApiError('not_found', 'No such symptom check.')

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value))

export const questionOf = (q: Record<string, unknown>): QuestionRow => ({
  id: q.id as string,
  symptomCode: q.symptom_code as string,
  position: Number(q.position),
  type: q.type as QuestionRow['type'],
  textEn: q.text_en as string,
  textHi: q.text_hi as string,
  required: Boolean(q.required),
  options: (q.options as QuestionRow['options']) ?? null,
  minValue: num(q.min_value),
  maxValue: num(q.max_value),
  unit: (q.unit as string | null) ?? null,
  showIf: (q.show_if as QuestionRow['showIf']) ?? null,
  prefill: (q.prefill as QuestionRow['prefill']) ?? null,
})

const ruleOf = (r: Record<string, unknown>): TriageRuleRow => ({
  id: r.id as string,
  level: r.level as TriageLevel,
  reasonEn: r.reason_en as string,
  reasonHi: r.reason_hi as string,
  conditions: r.conditions as TriageRuleRow['conditions'],
  source: r.source as string,
})

const symptomOf = (s: Record<string, unknown>): SymptomInfo => ({
  code: s.code as string,
  kind: (s.kind as SymptomInfo['kind']) ?? 'complaint',
  nameEn: s.name_en as string,
  nameHi: s.name_hi as string,
  baseLevel: s.base_level as TriageLevel,
  sectionCode: (s.section_code as string | null) ?? null,
  specialties: json<SymptomInfo['specialties'] | null>(s.specialties) ?? [],
})

const date = (value: unknown) => (value ? new Date(value as string) : null)
export const checkOf = (c: Record<string, unknown>): SymptomCheckRow => ({
  id: c.id as string,
  patientId: c.patient_id as string,
  appointmentId: (c.appointment_id as string | null) ?? null,
  symptomCodes: c.symptom_codes as string[],
  status: c.status as SymptomCheckRow['status'],
  answers: json(c.answers),
  triageLevel: c.triage_level as TriageLevel,
  triageRules: (c.triage_rules as string[]) ?? [],
  allergies: (c.allergies as string | null) ?? null,
  familyHistory: (c.family_history as string | null) ?? null,
  extraInfo: (c.extra_info as string | null) ?? null,
  shareStatus: (c.share_status as SymptomCheckRow['shareStatus']) ?? null,
  shareError: (c.share_error as string | null) ?? null,
  sharedAt: date(c.shared_at),
  submittedAt: date(c.submitted_at),
  version: Number(c.version),
  createdAt: new Date(c.created_at as string),
  updatedAt: new Date(c.updated_at as string),
})

/**
 * The whole catalog as this isolate last read it, with its version (migration 0042: raised by any
 * statement that changes the catalog). A read that needs the catalog sends the version it holds and
 * gets the catalog back only when the database's differs, in the same round trip: the catalog is
 * never older than the statement's own snapshot, and a read costs the check's row, not the catalog's
 * JSON built, sent and parsed again.
 */
type WholeCatalog = { symptoms: SymptomInfo[]; questionsOf: Map<string, QuestionRow[]>; rules: TriageRuleRow[]; screen: string[] }
type Kept = { version: number; whole: WholeCatalog } | undefined
let kept: Kept

/** The catalog's version, and the whole catalog unless it is the version `held` (what this isolate held when asking). */
const catalogColumns = (held: Kept) => {
  const version = sql`(select version from symptom_catalog_version where id = 1)`
  return sql`${version} as catalog_version,
    case when ${version} = ${held?.version ?? -1} then null else jsonb_build_object(
      'symptoms', (select coalesce(jsonb_agg(to_jsonb(s) order by s.position, s.code), '[]') from symptoms s),
      'questions', (select coalesce(jsonb_agg(to_jsonb(q) order by q.symptom_code, q.position), '[]') from symptom_questions q),
      'rules', (select coalesce(jsonb_agg(to_jsonb(r) order by r.id), '[]') from triage_rules r)
    ) end as catalog`
}

/** The whole catalog from a row of `catalogColumns` (kept for the next read when it came with a version). */
function wholeCatalogOf(row: Record<string, unknown>, held: Kept): WholeCatalog {
  const version = row.catalog_version === null || row.catalog_version === undefined ? undefined : Number(row.catalog_version)
  if (row.catalog === null || row.catalog === undefined) {
    if (held && version === held.version) return held.whole
    throw new Error('the symptom catalog was neither sent nor kept')
  }
  const raw = json<{ symptoms: Record<string, unknown>[]; questions: Record<string, unknown>[]; rules: Record<string, unknown>[] }>(
    row.catalog,
  )
  const questionsOf = new Map<string, QuestionRow[]>()
  for (const question of raw.questions.map(questionOf)) {
    const list = questionsOf.get(question.symptomCode) ?? []
    list.push(question)
    questionsOf.set(question.symptomCode, list)
  }
  const symptoms = raw.symptoms.map(symptomOf)
  const whole = {
    symptoms,
    questionsOf,
    rules: raw.rules.map(ruleOf),
    screen: symptoms.filter((s) => s.kind === 'screen').map((s) => s.code),
  }
  if (version !== undefined && !(kept && kept.version > version)) kept = { version, whole }
  return whole
}

/**
 * The screen and these complaints (the screen first, then the complaints in the order given),
 * their questions in order, and the rules whose every finding is about them.
 */
function catalogFor(whole: WholeCatalog, codes: readonly string[]): Catalog {
  const place = (code: string) => {
    const i = codes.indexOf(code)
    return i < 0 ? codes.length : i
  }
  const symptoms = whole.symptoms
    .filter((s) => s.kind === 'screen' || codes.includes(s.code))
    .sort((a, b) => Number(a.kind === 'complaint') - Number(b.kind === 'complaint') || place(a.code) - place(b.code))
  const about = new Set([...codes, ...whole.screen])
  const rules = whole.rules.filter((rule) =>
    rule.conditions.every((condition) => {
      const c = condition as { symptom_code?: string; question_id?: string }
      const code = c.symptom_code ?? c.question_id?.split('.')[0]
      return code === undefined || about.has(code)
    }),
  )
  return { symptoms, questions: symptoms.flatMap((s) => whole.questionsOf.get(s.code) ?? []), rules }
}

/** What a new check starts from: the patient's age and sex as the profile knows them, and their zone. */
export type Profile = { dateOfBirth: string | null; gender: string | null; timezone: string }

/**
 * The catalog for a set of complaint codes (unknown codes, and the screen's own, are absent from
 * `complaints`) and the patient's profile, in one round trip.
 */
export async function checkStart(
  db: Db,
  patientId: string,
  codes: string[],
): Promise<Catalog & { complaints: string[]; profile: Profile }> {
  const held = kept
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${catalogColumns(held)},
          (select jsonb_build_object('date_of_birth', date_of_birth, 'gender', gender, 'timezone', timezone) from patients where id = ${patientId}) as profile`,
  )
  const whole = wholeCatalogOf(row!, held)
  const profile = json<{ date_of_birth: string | null; gender: string | null; timezone: string | null } | null>(row!.profile)
  return {
    ...catalogFor(whole, codes),
    complaints: whole.symptoms.filter((s) => s.kind === 'complaint' && codes.includes(s.code)).map((s) => s.code),
    profile: {
      dateOfBirth: profile?.date_of_birth ?? null,
      gender: profile?.gender ?? null,
      timezone: profile?.timezone ?? 'Asia/Kolkata',
    },
  }
}

/** One of the patient's checks with its catalog; 404 for anyone else's. */
export async function checkContext(db: Db, patientId: string, id: string): Promise<CheckContext> {
  const held = kept
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select to_jsonb(c) as "check", ${catalogColumns(held)}
        from symptom_checks c where c.id = ${id} and c.patient_id = ${patientId}`,
  )
  if (!row) throw checkNotFound()
  const check = checkOf(json(row.check))
  return { check, ...catalogFor(wholeCatalogOf(row, held), check.symptomCodes) }
}

/** Checks for display: each with its symptoms' names and its rules' reasons. */
export async function checksForDisplay(
  db: Db,
  patientId: string,
  filter: { id?: string; appointmentId?: string; limit?: number; after?: { at: string; id: string } },
): Promise<{ check: SymptomCheckRow; symptoms: SymptomInfo[]; rules: TriageRuleRow[] }[]> {
  const after = filter.after
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select to_jsonb(c) as "check",
          (select coalesce(jsonb_agg(to_jsonb(s) order by array_position(c.symptom_codes, s.code)), '[]') from symptoms s where s.code = any(c.symptom_codes)) as symptoms,
          (select coalesce(jsonb_agg(to_jsonb(r)), '[]') from triage_rules r where r.id = any(c.triage_rules)) as rules
        from symptom_checks c
        where c.patient_id = ${patientId}
          ${filter.id ? sql`and c.id = ${filter.id}` : sql``}
          ${filter.appointmentId ? sql`and c.appointment_id = ${filter.appointmentId}` : sql``}
          ${after ? sql`and (c.created_at, c.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
        order by c.created_at desc, c.id desc
        limit ${filter.limit ?? 1}`,
  )
  return rows.map((row) => ({
    check: checkOf(json(row.check)),
    symptoms: json<Record<string, unknown>[]>(row.symptoms).map(symptomOf),
    rules: json<Record<string, unknown>[]>(row.rules).map(ruleOf),
  }))
}

/** Sections with their symptoms, in order (one round trip). */
export async function sectionsWithSymptoms(db: Db) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select sec.code, sec.name_en, sec.name_hi,
          coalesce((select jsonb_agg(jsonb_build_object('code', s.code, 'name_en', s.name_en, 'name_hi', s.name_hi) order by s.position)
                    from symptoms s where s.section_code = sec.code and s.kind = 'complaint'), '[]') as symptoms
        from symptom_sections sec order by sec.position`,
  )
  return rows.map((r) => ({
    code: r.code as string,
    nameEn: r.name_en as string,
    nameHi: r.name_hi as string,
    symptoms: json<{ code: string; name_en: string; name_hi: string }[]>(r.symptoms),
  }))
}

/** One symptom with its questions in order (one round trip); undefined for an unknown code. */
export async function questionnaireOf(db: Db, code: string) {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.code, s.name_en, s.name_hi, s.section_code,
          coalesce((select jsonb_agg(to_jsonb(q) order by q.position) from symptom_questions q where q.symptom_code = s.code), '[]') as questions
        from symptoms s where s.code = ${code} and s.kind = 'complaint'`,
  )
  if (!row) return undefined
  return {
    code: row.code as string,
    nameEn: row.name_en as string,
    nameHi: row.name_hi as string,
    sectionCode: row.section_code as string,
    questions: json<Record<string, unknown>[]>(row.questions).map(questionOf),
  }
}

/** Every symptom's code and names (for voice detection: the model may only choose among them). */
export async function allSymptoms(db: Db) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select code, name_en, name_hi, to_jsonb(keywords) as keywords from symptoms where kind = 'complaint' order by position`,
  )
  return rows.map((r) => ({
    code: r.code as string,
    nameEn: r.name_en as string,
    nameHi: r.name_hi as string,
    keywords: json<string[]>(r.keywords),
  }))
}
