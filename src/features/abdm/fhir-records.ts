import { base64ToBytes } from '../../core/crypto'
import { documentKind } from '../../core/documents'
import { storableText } from '../../core/routes'
import type { RecordType } from '../../db/schema'

// A FHIR R4 document bundle as an ABDM hospital sends it (NRCeS profiles), made a record of ours:
// its type from the Composition's SNOMED CT code, its title and date from the Composition, and its
// file the first PDF or image it carries (DocumentReference or Binary) or else the bundle itself.

/** NRCeS composition types (SNOMED CT) → our record type and ABDM's HI type. */
const COMPOSITIONS: Record<string, { type: RecordType; hiType: string }> = {
  '440545006': { type: 'prescription', hiType: 'Prescription' },
  '721981007': { type: 'test_result', hiType: 'DiagnosticReport' },
  '371530004': { type: 'report', hiType: 'OPConsultation' },
  '373942005': { type: 'report', hiType: 'DischargeSummary' },
  '41000179103': { type: 'other', hiType: 'ImmunizationRecord' },
  '419891008': { type: 'other', hiType: 'HealthDocumentRecord' },
  WellnessRecord: { type: 'other', hiType: 'WellnessRecord' },
}

export const FHIR_JSON = 'application/fhir+json'

export class UnreadableBundle extends Error {}

type Resource = Record<string, unknown> & { resourceType?: unknown }
const record = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
/** A string of the bundle's, as Postgres can store it (a hospital's text is not checked by our schemas). */
const string = (value: unknown, max = 200): string | undefined => {
  const text = typeof value === 'string' ? value.trim() : ''
  return text ? storableText(text.slice(0, max)) || undefined : undefined
}

export type BundleRecord = {
  type: RecordType
  hiType?: string
  composition?: string
  title: string
  recordDate: string | null
  file: { bytes: Uint8Array; contentType: string }
  /** The file is the bundle itself (no PDF or image in it). */
  isBundle: boolean
}

/** The record a decrypted bundle makes; UnreadableBundle when it is not a FHIR document bundle. */
export function bundleRecord(plaintext: Uint8Array, hospital: string): BundleRecord {
  let bundle: Resource | undefined
  try {
    bundle = record(JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(plaintext)))
  } catch {
    throw new UnreadableBundle('not JSON')
  }
  if (bundle?.resourceType !== 'Bundle') throw new UnreadableBundle('not a FHIR Bundle')
  const resources = array(bundle.entry)
    .map((entry) => record(record(entry)?.resource))
    .filter((r): r is Resource => Boolean(r))
  const composition = resources.find((r) => r.resourceType === 'Composition')
  const code = array(record(composition?.type)?.coding)
    .map((coding) => string(record(coding)?.code, 32))
    .find(Boolean)
  const known = code ? COMPOSITIONS[code] : undefined
  const date = string(composition?.date, 40)
  return {
    type: known?.type ?? 'other',
    hiType: known?.hiType,
    composition: code,
    title: string(composition?.title) ?? `${known?.hiType ?? 'Health record'} from ${hospital}`,
    recordDate: date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : null,
    ...(attachment(resources) ?? { file: { bytes: plaintext, contentType: FHIR_JSON }, isBundle: true }),
  }
}

/** The first PDF or image the bundle carries inline (a DocumentReference's attachment, or a Binary), checked by its bytes. */
function attachment(resources: Resource[]): { file: { bytes: Uint8Array; contentType: string }; isBundle: false } | undefined {
  const candidates = resources.flatMap((r) =>
    r.resourceType === 'DocumentReference'
      ? array(r.content).map((c) => record(record(c)?.attachment)?.data)
      : r.resourceType === 'Binary'
        ? [r.data]
        : [],
  )
  for (const data of candidates) {
    if (typeof data !== 'string') continue
    let bytes: Uint8Array
    try {
      bytes = base64ToBytes(data)
    } catch {
      continue
    }
    const kind = documentKind(bytes)
    if (kind) return { file: { bytes, contentType: kind.contentType }, isBundle: false }
  }
  return undefined
}
