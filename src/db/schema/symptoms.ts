import { bigint, boolean, integer, jsonb, numeric, pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core'
import { paginatedCreatedAt, timestamptz } from './columns'

export const triageLevels = ['emergency_ambulance', 'emergency', 'consultation_24h', 'consultation', 'self_care'] as const
export type TriageLevel = (typeof triageLevels)[number]
export const questionTypes = ['yes_no', 'single_choice', 'multi_choice', 'number', 'duration', 'text'] as const
export type QuestionType = (typeof questionTypes)[number]

export type QuestionOption = { value: string; en: string; hi: string }
/** A finding: an answer compared with a value, or a symptom being one of the check's complaints. */
export type Condition = { question_id: string; op: 'eq' | 'in' | 'includes' | 'gte' | 'lte' | 'gte_days' | 'lte_days'; value: unknown }
export type RuleCondition = Condition | { symptom_code: string }

export const symptomSections = pgTable('symptom_sections', {
  code: text('code').primaryKey(),
  position: integer('position').notNull(),
  nameEn: text('name_en').notNull(),
  nameHi: text('name_hi').notNull(),
})

export const symptoms = pgTable('symptoms', {
  code: text('code').primaryKey(),
  /** complaint: a patient chooses it; screen: the danger signs every check asks first, whatever the complaint. */
  kind: text('kind').$type<'complaint' | 'screen'>().notNull().default('complaint'),
  sectionCode: text('section_code'),
  position: integer('position').notNull(),
  nameEn: text('name_en').notNull(),
  nameHi: text('name_hi').notNull(),
  baseLevel: text('base_level').$type<TriageLevel>().notNull(),
  keywords: text('keywords').array().notNull().default([]),
})

export const symptomQuestions = pgTable('symptom_questions', {
  id: text('id').primaryKey(),
  symptomCode: text('symptom_code').notNull(),
  position: integer('position').notNull(),
  type: text('type').$type<QuestionType>().notNull(),
  textEn: text('text_en').notNull(),
  textHi: text('text_hi').notNull(),
  required: boolean('required').notNull().default(true),
  options: jsonb('options').$type<QuestionOption[] | null>(),
  minValue: numeric('min_value', { mode: 'number' }),
  maxValue: numeric('max_value', { mode: 'number' }),
  unit: text('unit'),
  showIf: jsonb('show_if').$type<Condition[] | null>(),
  /** What of the profile answers it when a check starts. */
  prefill: text('prefill').$type<'age_years' | 'age_months' | 'sex' | null>(),
})
export type QuestionRow = typeof symptomQuestions.$inferSelect

export const triageRules = pgTable('triage_rules', {
  id: text('id').primaryKey(),
  level: text('level').$type<TriageLevel>().notNull(),
  reasonEn: text('reason_en').notNull(),
  reasonHi: text('reason_hi').notNull(),
  conditions: jsonb('conditions').$type<RuleCondition[]>().notNull(),
  /** The clinical guidance the rule comes from. */
  source: text('source').notNull(),
})
export type TriageRuleRow = typeof triageRules.$inferSelect

/** The catalog's version (one row), raised by a statement trigger on any change to the catalog. */
export const symptomCatalogVersion = pgTable('symptom_catalog_version', {
  id: smallint('id').primaryKey().default(1),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
})

export const symptomChecks = pgTable('symptom_checks', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  appointmentId: uuid('appointment_id'),
  symptomCodes: text('symptom_codes').array().notNull(),
  status: text('status').$type<'draft' | 'submitted'>().notNull().default('draft'),
  answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
  triageLevel: text('triage_level').$type<TriageLevel>().notNull(),
  triageRules: text('triage_rules').array().notNull().default([]),
  allergies: text('allergies'),
  familyHistory: text('family_history'),
  extraInfo: text('extra_info'),
  shareStatus: text('share_status').$type<'pending' | 'shared' | 'failed'>(),
  shareError: text('share_error'),
  sharedAt: timestamptz('shared_at'),
  submittedAt: timestamptz('submitted_at'),
  version: integer('version').notNull().default(1),
  createdAt: paginatedCreatedAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})
export type SymptomCheckRow = typeof symptomChecks.$inferSelect
