import { ApiError } from './errors'
import type { Services } from './types'

// Documents as patients, hospitals and pharmacies exchange them: PDF, PNG or JPEG, known by their
// own first bytes, answered as a download (core/file-inspect checks that one is whole).

export const documentFileContent = {
  'application/pdf': { schema: { type: 'string', format: 'binary' } },
  'image/png': { schema: { type: 'string', format: 'binary' } },
  'image/jpeg': { schema: { type: 'string', format: 'binary' } },
} as const

/** The document types patients and hospitals may send, by their first bytes (never by name or declared type). */
export function documentKind(bytes: Uint8Array): { contentType: string; extension: string } | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return { contentType: 'application/pdf', extension: 'pdf' }
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { contentType: 'image/png', extension: 'png' }
  if (starts(0xff, 0xd8, 0xff)) return { contentType: 'image/jpeg', extension: 'jpg' }
  return undefined
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  // A FHIR bundle pulled through ABDM with no document inside it.
  'application/fhir+json': 'json',
}

/** A record's file streamed from R2, with its type and a Content-Disposition naming it. */
export async function fileResponse(
  services: Services,
  record: { id: string; storageKey: string; contentType: string; title: string },
  disposition: 'attachment' | 'inline' = 'attachment',
): Promise<Response> {
  const object = await services.files().get(record.storageKey)
  if (!object) {
    services.log.log('error', 'a record has no file in storage', { record_id: record.id })
    throw new ApiError('not_found', 'The file of this record is missing.')
  }
  const extension = EXTENSIONS[record.contentType] ?? 'bin'
  const filename = `${
    record.title
      .replace(/[^\p{L}\p{N} ._-]+/gu, '')
      .trim()
      .slice(0, 80) || 'record'
  }.${extension}`
  return new Response(object.body, {
    headers: {
      'content-type': record.contentType,
      'content-length': String(object.size),
      'content-disposition': `${disposition}; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      etag: object.httpEtag,
    },
  })
}
