import { Unzlib } from 'fflate'
import { binaryParts, binaryString, sha256Digester } from './crypto'
import { documentKind } from './documents'
import { ApiError } from './errors'
import { storageWriter, type FileStore } from './files'

// What we learn from an uploaded file's own bytes, and whether it is whole: a PDF must have its
// header, a cross-reference (`startxref` pointing into the file) and `%%EOF`; a PNG its IHDR and
// IEND; a JPEG its start and end markers and a frame header. Page counts look inside compressed
// object streams too (PDF 1.5+), inflated under a cap.

export type FileFacts = {
  page_count?: number
  title?: string
  created?: string
  width?: number
  height?: number
}

const latin1 = binaryString

const broken = (what: string) => new ApiError('unprocessable', `The file is damaged or incomplete (${what}).`)

/** What the object streams of one PDF may inflate to, together: a real one's are a few megabytes. */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024
/** How much one stream may grow beyond its first megabyte: text compresses 5–20×, a bomb 1000×. */
export const MAX_INFLATION_RATIO = 100

const bomb = () =>
  new ApiError('unprocessable', 'The file expands to far more than its size when decompressed (a decompression bomb); it was refused.', {
    details: { max_inflated_bytes: MAX_INFLATED_BYTES, max_ratio: MAX_INFLATION_RATIO },
  })

/**
 * Inflates one zlib stream (FlateDecode), counting as the bytes come and stopping at `budget.left`
 * or at MAX_INFLATION_RATIO × its size (422); undefined when it is not valid. fflate's inflater
 * takes the input 4 KB at a time and hands over what each slice makes: the platform's
 * DecompressionStream inflates a whole bomb before its first output can be counted (measured: 1 GiB,
 * 15 s and 2 GB of memory for a 1 MB PDF).
 */
function inflate(bytes: Uint8Array, budget: { left: number }): string | undefined {
  const limit = Math.min(budget.left, Math.max(1024 * 1024, bytes.length * MAX_INFLATION_RATIO))
  const parts: string[] = []
  let size = 0
  const inflater = new Unzlib((chunk) => {
    size += chunk.length
    if (size > limit) throw bomb()
    parts.push(latin1(chunk))
  })
  try {
    for (let at = 0; at < bytes.length; at += INFLATE_SLICE)
      inflater.push(bytes.subarray(at, at + INFLATE_SLICE), at + INFLATE_SLICE >= bytes.length)
  } catch (error) {
    if (error instanceof ApiError) throw error
    return undefined
  }
  budget.left -= size
  return parts.join('')
}

/** How much compressed input goes in at a time: deflate inflates at most ~1032×, so ≤ 4 MB out per slice. */
const INFLATE_SLICE = 4096

const PAGE = /\/Type\s*\/Page(?![a-zA-Z])/g

function pdfString(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  const text = raw
    .replace(/\\([nrtbf()\\])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '', f: '' })[c] ?? c)
    .replace(/\\(\d{1,3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)))
  // UTF-16BE with a byte-order mark, else PDFDocEncoding (close enough to Latin-1 for titles).
  const decoded = text.startsWith('\u00fe\u00ff')
    ? String.fromCharCode(
        ...Array.from({ length: (text.length - 2) >> 1 }, (_, i) => (text.charCodeAt(2 + 2 * i) << 8) | text.charCodeAt(3 + 2 * i)),
      )
    : text
  const clean = decoded.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  return clean ? clean.slice(0, 200) : undefined
}

/**
 * Where a file's bytes are read from, a range at a time: an upload's Blob (its slices are views, not
 * copies), bytes already in memory, or the stored object's ranges in R2. A file is never read whole
 * into one buffer or one string here: windows of WINDOW bytes, and the small ranges the format names.
 */
export type ByteSource = { size: number; read(start: number, end: number): Promise<Uint8Array> }

export const bytesSource = (bytes: Uint8Array): ByteSource => ({
  size: bytes.length,
  read: async (start, end) => bytes.subarray(Math.max(0, start), Math.min(bytes.length, end)),
})

export const blobSource = (blob: Blob): ByteSource => ({
  size: blob.size,
  read: async (start, end) => new Uint8Array(await blob.slice(Math.max(0, start), Math.min(blob.size, end)).arrayBuffer()),
})

/**
 * A file stored in R2, read by ranges (the few a format names: a PDF's end and cross-reference, an
 * object stream, an image's header and markers).
 */
export const storedSource = (files: FileStore, key: string, size: number): ByteSource => ({
  size,
  async read(start, end) {
    const offset = Math.max(0, start)
    const length = Math.min(size, end) - offset
    if (length <= 0) return new Uint8Array(0)
    const object = await files.get(key, { range: { offset, length } })
    if (!object) throw new ApiError('upstream_unavailable', 'File storage lost the file being checked. Please upload it again.')
    return new Uint8Array(await object.arrayBuffer())
  },
})

/** How much of the text before a chunk the scanner keeps, so that a match across the seam is whole: longer than any match. */
const OVERLAP = 8192
/** How much of a stream the scanner gathers before it scans (fewer, larger scans; a constant in memory). */
const SCAN_BYTES = 256 * 1024
/** The window a source is scanned by when its bytes do not flow past anyway. */
const WINDOW = 1024 * 1024

const OBJECT_STREAM = /\/Type\s*\/ObjStm[\s\S]{0,400}?stream\r?\n/g
const TITLE = /\/Title\s*\(((?:\\.|[^\\)])*)\)/
const CREATED = /\/CreationDate\s*\(D:(\d{4})(\d{2})?(\d{2})?/

/**
 * A PDF read as its bytes flow past, a chunk at a time (an upload streaming into storage, or a
 * source's windows): the pages outside object streams, where the object streams are, the title and
 * the creation date. It keeps only the last OVERLAP characters between chunks; a match is taken
 * once the text after its start is long enough to hold it (or at the end).
 */
export class PdfScanner {
  pages = 0
  title: string | undefined
  created: RegExpMatchArray | undefined
  /** Where each object stream's data starts, and its /Length when that is a number. */
  readonly objectStreams: { start: number; length?: number }[] = []
  private carry = ''
  /** The offset in the file of the carry's first character. */
  private at = 0
  /** Chunks not scanned yet: a stream's chunks are small, so they are scanned SCAN_BYTES at a time. */
  private pending: Uint8Array[] = []
  private pendingBytes = 0

  push(chunk: Uint8Array): void {
    this.pending.push(chunk)
    this.pendingBytes += chunk.byteLength
    if (this.pendingBytes >= SCAN_BYTES) this.flush(false)
  }

  finish(): void {
    this.flush(true)
    this.carry = ''
  }

  private flush(last: boolean) {
    // One string of the carry and the chunks (not a string per chunk, then another of them all).
    this.scan(this.pending.reduce((parts, chunk) => binaryParts(chunk, parts), [this.carry]).join(''), last)
    this.pending = []
    this.pendingBytes = 0
  }

  private scan(text: string, last: boolean) {
    const until = last ? text.length : text.length - OVERLAP
    const mine = (index: number | undefined) => index !== undefined && index < until
    if (until > 0) {
      for (const match of text.matchAll(PAGE)) if (mine(match.index)) this.pages += 1
      for (const match of text.matchAll(OBJECT_STREAM)) {
        if (!mine(match.index)) continue
        const length = match[0].match(/\/Length\s+(\d+)(?!\s+\d+\s+R)/)?.[1]
        this.objectStreams.push({ start: this.at + match.index! + match[0].length, length: length ? Number(length) : undefined })
      }
      if (this.title === undefined) {
        const found = text.match(TITLE)
        if (found && mine(found.index)) this.title = found[1]
      }
      if (!this.created) {
        const found = text.match(CREATED)
        if (found && mine(found.index)) this.created = found
      }
    }
    if (!last && until > 0) {
      this.carry = text.slice(until)
      this.at += until
    } else if (!last) this.carry = text
  }
}

/** Where `needle` first occurs at or after `from`, or -1 (a window at a time). */
async function indexOf(source: ByteSource, needle: string, from: number): Promise<number> {
  for (let at = from; at < source.size; at += WINDOW) {
    const found = latin1(await source.read(at, at + WINDOW + needle.length)).indexOf(needle)
    if (found >= 0) return at + found
  }
  return -1
}

/**
 * The facts of a PDF its scanner has seen whole: its end and cross-reference checked, and the pages
 * inside its object streams counted, from ranges of the source.
 */
export async function pdfFactsOf(scanner: PdfScanner, source: ByteSource): Promise<FileFacts> {
  const size = source.size
  const tail = latin1(await source.read(size - 2048, size))
  if (!/%%EOF\s*$/.test(tail)) throw broken('no end-of-file marker')
  const startxref = tail.match(/startxref\s+(\d+)\s+%%EOF\s*$/)
  if (!startxref) throw broken('no cross-reference position')
  const offset = Number(startxref[1])
  if (!(offset > 0 && offset < size)) throw broken('the cross-reference position is outside the file')
  const at = latin1(await source.read(offset, offset + 64))
  if (!/^\s*(xref|\d+\s+\d+\s+obj)/.test(at)) throw broken('the cross-reference is not where the file says')
  let pages = scanner.pages
  // Objects inside compressed object streams (PDF 1.5+): inflate each and count there too.
  const budget = { left: MAX_INFLATED_BYTES }
  for (const { start, length } of scanner.objectStreams) {
    let end = await indexOf(source, 'endstream', start)
    if (end < 0) throw broken('an object stream never ends')
    // The stream's own /Length when it is a number; otherwise up to the end-of-line before endstream.
    if (length !== undefined && start + length <= end) end = start + length
    else {
      const before = latin1(await source.read(end - 2, end))
      if (before.endsWith('\n')) end -= before === '\r\n' ? 2 : 1
    }
    const inflated = inflate(await source.read(start, end), budget)
    if (inflated) pages += inflated.match(PAGE)?.length ?? 0
  }
  if (pages === 0) throw broken('no pages')
  const created = scanner.created
  return {
    page_count: pages,
    title: pdfString(scanner.title),
    created: created ? [created[1], created[2] ?? '01', created[3] ?? '01'].join('-') : undefined,
  }
}

/** A PDF read from a source: scanned a window at a time, then checked. */
async function pdfFacts(source: ByteSource): Promise<FileFacts> {
  const scanner = new PdfScanner()
  for (let at = 0; at < source.size; at += WINDOW) scanner.push(await source.read(at, at + WINDOW))
  scanner.finish()
  return pdfFactsOf(scanner, source)
}

async function pngFacts(source: ByteSource): Promise<FileFacts> {
  const head = await source.read(0, 33)
  if (source.size < 33 || latin1(head.subarray(12, 16)) !== 'IHDR') throw broken('no image header')
  if (latin1(await source.read(source.size - 8, source.size - 4)) !== 'IEND') throw broken('the image is cut short')
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
  const width = view.getUint32(16)
  const height = view.getUint32(20)
  if (!width || !height) throw broken('zero-sized image')
  return { width, height }
}

async function jpegFacts(source: ByteSource): Promise<FileFacts> {
  const end = await source.read(source.size - 2, source.size)
  if (end[0] !== 0xff || end[1] !== 0xd9) throw broken('the image is cut short')
  // Walk the marker segments to the frame header (SOF0–SOF15, not DHT/JPG/DAC), reading each one's head.
  let i = 2
  while (i + 9 < source.size) {
    const bytes = await source.read(i, i + 9)
    if (bytes[0] !== 0xff) throw broken('a damaged image header')
    const marker = bytes[1]!
    const length = (bytes[2]! << 8) | bytes[3]!
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      const height = (bytes[5]! << 8) | bytes[6]!
      const width = (bytes[7]! << 8) | bytes[8]!
      if (!width || !height) throw broken('zero-sized image')
      return { width, height }
    }
    if (length < 2) throw broken('a damaged image header')
    i += 2 + length
  }
  throw broken('no image frame')
}

/** The facts of a file already recognised by documentKind, or a 422 when it is damaged or incomplete. */
export async function inspectFile(source: ByteSource, contentType: string): Promise<FileFacts> {
  if (contentType === 'application/pdf') return pdfFacts(source)
  if (contentType === 'image/png') return pngFacts(source)
  return jpegFacts(source)
}

/**
 * An uploaded file checked where it lies (the form's File), in one pass over its bytes: its type
 * from its first bytes (415 with `refusal`), a PDF scanned and every file hashed as the bytes flow
 * past, then what the scan names (a PDF's end, cross-reference, object streams; an image's header)
 * read by range (422 when damaged). The Worker never makes a second copy of it, nor a string of it;
 * it goes to storage as it is (R2 takes the Blob).
 */
export async function inspectUpload(file: Blob, refusal: string) {
  if (file.size === 0) throw new ApiError('unprocessable', 'The file is empty.')
  const source = blobSource(file)
  const kind = documentKind(await source.read(0, 16))
  if (!kind) throw new ApiError('unsupported_media_type', refusal)
  const scanner = kind.contentType === 'application/pdf' ? new PdfScanner() : undefined
  const digest = sha256Digester()
  const reader = file.stream().getReader()
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    scanner?.push(chunk.value)
    await digest.write(chunk.value)
  }
  scanner?.finish()
  const facts = scanner ? await pdfFactsOf(scanner, source) : await inspectFile(source, kind.contentType)
  return { kind, facts, sha256: await digest.hex() }
}

/**
 * An upload stored as its bytes arrive, in bounded memory (the Worker holds at most one storage
 * part of it: see storageWriter): its type from its first bytes (415 with `refusal`), hashed and (a
 * PDF) scanned as the bytes flow into storage, then checked from the stored object's ranges (422
 * when damaged or incomplete). Over `maxBytes` is 413 as soon as it passes; a body that breaks off,
 * or stops short of `length`, is 422. On any failure nothing stays stored.
 */
export async function storeUpload(
  files: FileStore,
  key: string,
  chunks: AsyncIterable<Uint8Array>,
  { length, maxBytes, refusal }: { length?: number; maxBytes: number; refusal: string },
) {
  const source = chunks[Symbol.asyncIterator]()
  const cutShort = (cause?: unknown) => new ApiError('unprocessable', 'The upload did not arrive whole.', { cause })
  const next = () =>
    source.next().catch((error: unknown) => {
      throw error instanceof ApiError ? error : cutShort(error)
    })
  try {
    // The first bytes name the type; they go on to storage with the rest.
    const head: Uint8Array[] = []
    let size = 0
    let ended = false
    while (size < 16 && !ended) {
      const read = await next()
      if (read.done) ended = true
      else if (read.value.length > 0) {
        head.push(read.value)
        size += read.value.length
      }
    }
    if (size === 0) throw new ApiError('unprocessable', 'The file is empty.')
    const first =
      head.length === 1 ? head[0]! : head.reduce((at, chunk) => Uint8Array.from([...at, ...chunk.subarray(0, 16)]), new Uint8Array(0))
    const kind = documentKind(first.subarray(0, 16))
    if (!kind) throw new ApiError('unsupported_media_type', refusal)
    const tooLarge = () => new ApiError('payload_too_large', `Documents may be at most ${maxBytes} bytes.`)
    if (size > maxBytes) throw tooLarge()
    const writer = storageWriter(files, key, kind.contentType, length)
    const scanner = kind.contentType === 'application/pdf' ? new PdfScanner() : undefined
    const digest = sha256Digester()
    const take = async (chunk: Uint8Array) => {
      scanner?.push(chunk)
      await Promise.all([digest.write(chunk), writer.write(chunk)])
    }
    let stored = false
    try {
      for (const chunk of head) await take(chunk)
      while (!ended) {
        const read = await next()
        if (read.done) break
        size += read.value.length
        if (size > maxBytes) throw tooLarge()
        await take(read.value)
      }
      if (length !== undefined && size !== length) throw cutShort()
      await writer.close()
      stored = true
      scanner?.finish()
      const readBack = storedSource(files, key, size)
      const facts = scanner ? await pdfFactsOf(scanner, readBack) : await inspectFile(readBack, kind.contentType)
      return { kind, facts, sha256: await digest.hex(), size }
    } catch (error) {
      if (stored) await files.delete(key).catch(() => {})
      else await writer.abort()
      throw error
    }
  } finally {
    await source.return?.()
  }
}
