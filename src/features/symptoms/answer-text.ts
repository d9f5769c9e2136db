import type { QuestionRow } from '../../db/schema'
import type { Duration } from './rules'

/** An answer as a doctor reads it, in English: "Yes", "39.8 °C", "3 days", the options' labels. */
export function answerText(question: QuestionRow, value: unknown): string {
  const label = (v: unknown) => question.options?.find((o) => o.value === v)?.en ?? String(v)
  switch (question.type) {
    case 'yes_no':
      return value === true ? 'Yes' : 'No'
    case 'single_choice':
      return label(value)
    case 'multi_choice':
      return (value as unknown[]).length ? (value as unknown[]).map(label).join(', ') : 'None'
    case 'number':
      return `${value}${question.unit ? ` ${question.unit}` : ''}`
    case 'duration': {
      const { amount, unit } = value as Duration
      return `${amount} ${amount === 1 ? unit.replace(/s$/, '') : unit}`
    }
    default:
      return String(value)
  }
}
