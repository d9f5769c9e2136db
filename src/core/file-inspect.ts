import { Unzlib } from 'fflate'
import { ApiError } from './errors'

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

const latin1 = (bytes: Uint8Array) => {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return text
}

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

async function pdfFacts(bytes: Uint8Array): Promise<FileFacts> {
  const text = latin1(bytes)
  const tail = text.slice(-2048)
  if (!/%%EOF\s*$/.test(tail)) throw broken('no end-of-file marker')
  const startxref = tail.match(/startxref\s+(\d+)\s+%%EOF\s*$/)
  if (!startxref) throw broken('no cross-reference position')
  const offset = Number(startxref[1])
  if (!(offset > 0 && offset < bytes.length)) throw broken('the cross-reference position is outside the file')
  const at = text.slice(offset, offset + 64)
  if (!/^\s*(xref|\d+\s+\d+\s+obj)/.test(at)) throw broken('the cross-reference is not where the file says')
  let pages = text.match(PAGE)?.length ?? 0
  // Objects inside compressed object streams (PDF 1.5+): inflate each and count there too.
  const budget = { left: MAX_INFLATED_BYTES }
  for (const match of text.matchAll(/\/Type\s*\/ObjStm[\s\S]{0,400}?stream\r?\n/g)) {
    const start = match.index! + match[0].length
    let end = text.indexOf('endstream', start)
    if (end < 0) throw broken('an object stream never ends')
    // The stream's own /Length when it is a number; otherwise up to the end-of-line before endstream.
    const length = match[0].match(/\/Length\s+(\d+)(?!\s+\d+\s+R)/)?.[1]
    if (length && start + Number(length) <= end) end = start + Number(length)
    else if (text[end - 1] === '\n') end -= text[end - 2] === '\r' ? 2 : 1
    const inflated = inflate(bytes.subarray(start, end), budget)
    if (inflated) pages += inflated.match(PAGE)?.length ?? 0
  }
  if (pages === 0) throw broken('no pages')
  const created = text.match(/\/CreationDate\s*\(D:(\d{4})(\d{2})?(\d{2})?/)
  return {
    page_count: pages,
    title: pdfString(text.match(/\/Title\s*\(((?:\\.|[^\\)])*)\)/)?.[1]),
    created: created ? [created[1], created[2] ?? '01', created[3] ?? '01'].join('-') : undefined,
  }
}

function pngFacts(bytes: Uint8Array): FileFacts {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 33 || latin1(bytes.subarray(12, 16)) !== 'IHDR') throw broken('no image header')
  if (latin1(bytes.subarray(bytes.length - 8, bytes.length - 4)) !== 'IEND') throw broken('the image is cut short')
  const width = view.getUint32(16)
  const height = view.getUint32(20)
  if (!width || !height) throw broken('zero-sized image')
  return { width, height }
}

function jpegFacts(bytes: Uint8Array): FileFacts {
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) throw broken('the image is cut short')
  // Walk the marker segments to the frame header (SOF0–SOF15, not DHT/JPG/DAC).
  let i = 2
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) throw broken('a damaged image header')
    const marker = bytes[i + 1]!
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      const height = (bytes[i + 5]! << 8) | bytes[i + 6]!
      const width = (bytes[i + 7]! << 8) | bytes[i + 8]!
      if (!width || !height) throw broken('zero-sized image')
      return { width, height }
    }
    if (length < 2) throw broken('a damaged image header')
    i += 2 + length
  }
  throw broken('no image frame')
}

/** The facts of a file already recognised by documentKind, or a 422 when it is damaged or incomplete. */
export async function inspectFile(bytes: Uint8Array, contentType: string): Promise<FileFacts> {
  if (contentType === 'application/pdf') return pdfFacts(bytes)
  if (contentType === 'image/png') return pngFacts(bytes)
  return jpegFacts(bytes)
}
