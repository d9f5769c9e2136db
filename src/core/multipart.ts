import type { HonoRequest } from 'hono'
import { ApiError, invalidField } from './errors'

/**
 * The multipart form of a request: 415 with `refusal` when the body is not multipart/form-data,
 * 400 `malformed_body` when the parser refuses it (no boundary, a part that never ends, a header
 * with no terminator) — the platform throws a TypeError for those, which would otherwise be a 500.
 */
export async function readMultipart(request: Pick<HonoRequest, 'header' | 'formData'>, refusal: string): Promise<FormData> {
  if (!/^multipart\/form-data/i.test(request.header('content-type') ?? '')) throw new ApiError('unsupported_media_type', refusal)
  try {
    return await request.formData()
  } catch (error) {
    throw new ApiError('malformed_body', 'The multipart/form-data body could not be read: check its boundary and the parts’ headers.', {
      cause: error,
    })
  }
}

/** A file part of a form read as it arrives: its name, and the type its sender gave (never trusted). */
export type FilePart = { name: string; filename: string; contentType: string | undefined }

/** Bounds on what a streamed form may hold besides its file. */
const MAX_PARTS = 32
const MAX_FIELD_BYTES = 16 * 1024
const MAX_HEADER_BYTES = 8 * 1024

const ascii = new TextEncoder()
const utf8 = new TextDecoder()

/** Where `needle` first occurs in `haystack` at or after `from`, or -1. */
function find(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0]!
  for (let at = haystack.indexOf(first, from); at >= 0 && at + needle.length <= haystack.length; at = haystack.indexOf(first, at + 1)) {
    let i = 1
    while (i < needle.length && haystack[at + i] === needle[i]) i++
    if (i === needle.length) return at
  }
  return -1
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b
  const both = new Uint8Array(a.length + b.length)
  both.set(a)
  both.set(b, a.length)
  return both
}

type FormEvent = { part: FilePart & { isFile: boolean } } | { data: Uint8Array } | { end: true }

const malformed = (why: string) => new ApiError('malformed_body', `The multipart/form-data body could not be read: ${why}.`)

/**
 * The events of a multipart/form-data body (RFC 7578) as its chunks arrive: each part's headers,
 * its data as views of the body's own chunks (never gathered: a part of 10 MB is not held), its
 * end. Only the bytes that could begin a boundary are kept back between chunks.
 */
async function* formEvents(body: ReadableStream<Uint8Array>, boundary: string): AsyncGenerator<FormEvent> {
  const reader = body.getReader()
  // The body's first boundary has no CRLF before it: one is supplied, so every delimiter is alike.
  const delimiter = ascii.encode(`\r\n--${boundary}`)
  const keep = delimiter.length - 1
  let pending: Uint8Array = Uint8Array.of(13, 10)
  let state: 'preamble' | 'after' | 'headers' | 'data' = 'preamble'
  let parts = 0
  const more = async () => {
    const { done, value } = await reader.read()
    if (done) throw malformed(state === 'headers' ? 'a part’s headers never end' : 'the closing boundary is missing')
    return value
  }
  try {
    for (;;) {
      if (state === 'preamble') {
        const at = find(pending, delimiter)
        if (at < 0) {
          pending = joined(pending.slice(Math.max(0, pending.length - keep)), await more())
          continue
        }
        pending = pending.subarray(at + delimiter.length)
        state = 'after'
      } else if (state === 'after') {
        // "--" closes the body; otherwise optional blanks and a CRLF begin the next part's headers.
        if (pending.length >= 2 && pending[0] === 45 && pending[1] === 45) return
        const eol = find(pending, Uint8Array.of(13, 10))
        if (eol < 0) {
          if (pending.length > 256) throw malformed('a boundary line is too long')
          pending = joined(pending, await more())
          continue
        }
        if (pending.subarray(0, eol).some((b) => b !== 32 && b !== 9)) throw malformed('a boundary is followed by text')
        pending = pending.subarray(eol + 2)
        state = 'headers'
      } else if (state === 'headers') {
        const end = find(pending, Uint8Array.of(13, 10, 13, 10))
        if (end < 0) {
          if (pending.length > MAX_HEADER_BYTES) throw malformed('a part’s headers are too long')
          pending = joined(pending, await more())
          continue
        }
        if (++parts > MAX_PARTS) throw malformed(`a form holds at most ${MAX_PARTS} parts`)
        yield { part: partOf(utf8.decode(pending.subarray(0, end))) }
        pending = pending.subarray(end + 4)
        state = 'data'
      } else {
        // Data: everything before the next delimiter, less the bytes that could be its beginning.
        const at = find(pending, delimiter)
        if (at >= 0) {
          if (at > 0) yield { data: pending.subarray(0, at) }
          yield { end: true }
          pending = pending.subarray(at + delimiter.length)
          state = 'after'
          continue
        }
        const safe = pending.length - keep
        if (safe > 0) yield { data: pending.subarray(0, safe) }
        const held = pending.subarray(Math.max(0, safe))
        const chunk = await more()
        // A delimiter across the seam: look in the held bytes and the chunk's head before the chunk itself.
        if (held.length > 0) {
          const seam = joined(held.slice(), chunk.subarray(0, keep))
          const across = find(seam, delimiter)
          if (across >= 0 && across < held.length) {
            if (across > 0) yield { data: seam.subarray(0, across) }
            yield { end: true }
            pending = chunk.subarray(across + delimiter.length - held.length)
            state = 'after'
            continue
          }
          if (chunk.length < keep) {
            pending = seam
            continue
          }
          yield { data: held.slice() }
        }
        pending = chunk
      }
    }
  } finally {
    // What is left of a refused body is read and dropped (bounded by the route's body limit), not
    // cancelled: local workerd died now and then when the answer went out with the body cancelled
    // or half read (found by the fuzz test).
    for (;;) {
      const read = await reader.read().catch(() => ({ done: true }))
      if (read.done) break
    }
  }
}

/** A part's headers: its field name, and its file name and type when it is a file. */
function partOf(headers: string): FilePart & { isFile: boolean } {
  const disposition = headers.match(/^content-disposition:[ \t]*form-data(.*)$/im)?.[1]
  if (disposition === undefined) throw malformed('a part has no Content-Disposition: form-data')
  const param = (key: string) => disposition.match(new RegExp(`;\\s*${key}="((?:\\\\.|[^"\\\\])*)"|;\\s*${key}=([^\\s;"]+)`, 'i'))
  const name = param('name')
  if (!name) throw malformed('a part has no name')
  const filename = param('filename')
  return {
    name: (name[1] ?? name[2]!).replace(/\\(.)/g, '$1'),
    filename: filename ? (filename[1] ?? filename[2]!).replace(/\\(.)/g, '$1') : '',
    isFile: Boolean(filename),
    contentType: headers.match(/^content-type:[ \t]*([^\r\n]+)$/im)?.[1]?.trim(),
  }
}

/**
 * A multipart/form-data form read as it arrives, for a route whose one file may be large: its text
 * fields (each at most 16 KB, at most 32 parts), and the file `fileField` handed to `onFile` as its
 * chunks flow, with the fields that came before it — never gathered into memory, unlike the
 * runtime's formData(). 415 with `refusal` when the body is not multipart; 400 `malformed_body`
 * when it cannot be read (no boundary, a part that never ends, headers with no end); 400
 * `validation_failed` for a second file or a file in another field.
 */
export async function streamMultipart<T>(
  request: Request,
  refusal: string,
  fileField: string,
  onFile: (file: FilePart, fieldsBefore: Record<string, string>, chunks: AsyncIterable<Uint8Array>) => Promise<T>,
): Promise<{ fields: Record<string, string>; file: T | undefined }> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data/i.test(type)) throw new ApiError('unsupported_media_type', refusal)
  const boundary = type.match(/;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i)
  if (!boundary) throw malformed('the Content-Type names no boundary')
  if (!request.body) throw malformed('the body is empty')
  const events = formEvents(request.body, boundary[1] ?? boundary[2]!)
  const fields: Record<string, string> = {}
  let file: { value: T } | undefined
  // The data of the part being read, up to its end.
  async function* partData() {
    for (let next = await events.next(); !next.done; next = await events.next()) {
      if ('end' in next.value) return
      if ('data' in next.value) yield next.value.data
    }
  }
  try {
    for (let next = await events.next(); !next.done; next = await events.next()) {
      if (!('part' in next.value)) continue
      const part = next.value.part
      if (part.isFile) {
        if (part.name !== fileField) throw invalidField('form', part.name, `is not a file field (the file goes in \`${fileField}\`)`)
        if (file) throw invalidField('form', fileField, 'must be one file')
        const data = partData()
        file = { value: await onFile(part, { ...fields }, data) }
        // Whatever the reader left of the part.
        while (!(await data.next()).done);
        continue
      }
      const bytes: Uint8Array[] = []
      let size = 0
      for await (const chunk of partData()) {
        size += chunk.length
        if (size > MAX_FIELD_BYTES) throw new ApiError('payload_too_large', `A form field may be at most ${MAX_FIELD_BYTES} bytes.`)
        bytes.push(chunk.slice())
      }
      fields[part.name] = utf8.decode(bytes.reduce(joined, new Uint8Array(0)))
    }
  } finally {
    await events.return(undefined)
  }
  return { fields, file: file?.value }
}
