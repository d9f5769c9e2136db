import type { HonoRequest } from 'hono'
import { readMultipart } from '../../core/multipart'
import { ApiError, invalidField } from '../../core/errors'

// What phones record, recognised by its bytes (never by name or declared type), and the MIME type
// Gemini takes it as. MP4, 3GP and WebM are containers that generic sniffers call video even when
// they hold only a voice track; Gemini reads their audio under its documented video types.

export type AudioKind = { format: string; mimeType: string }

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length))

export function audioKind(b: Uint8Array): AudioKind | undefined {
  if (b.length < 12) return undefined
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return { format: 'wav', mimeType: 'audio/wav' }
  if (ascii(b, 0, 4) === 'OggS') return { format: 'ogg', mimeType: 'audio/ogg' }
  if (ascii(b, 0, 4) === 'fLaC') return { format: 'flac', mimeType: 'audio/flac' }
  if (ascii(b, 0, 4) === 'FORM' && ['AIFF', 'AIFC'].includes(ascii(b, 8, 4))) return { format: 'aiff', mimeType: 'audio/aiff' }
  if (ascii(b, 0, 3) === 'ID3') return { format: 'mp3', mimeType: 'audio/mp3' }
  if (ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4)
    if (brand.startsWith('3gp') || brand.startsWith('3g2')) return { format: '3gp', mimeType: 'video/3gpp' }
    if (/^(M4A |M4B |mp41|mp42|isom|iso[2-6]|dash|MSNV|qt {2})$/.test(brand)) return { format: 'm4a', mimeType: 'video/mp4' }
    return undefined
  }
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    // EBML: WebM names its DocType near the start; other Matroska files are not what phones record.
    return ascii(b, 0, Math.min(b.length, 64)).includes('webm') ? { format: 'webm', mimeType: 'video/webm' } : undefined
  }
  if (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0) {
    const layer = (b[1]! >> 1) & 0x03
    // MPEG audio frame sync: layer 00 is ADTS (raw AAC), the other layers MP3.
    if (layer === 0 && (b[1]! & 0xf6) === 0xf0) return { format: 'aac', mimeType: 'audio/aac' }
    // MP3 without an ID3 tag: a valid version (not 01) and bitrate index (not 1111).
    if (layer !== 0 && ((b[1]! >> 3) & 0x03) !== 1 && b[2]! >> 4 !== 0x0f) return { format: 'mp3', mimeType: 'audio/mp3' }
  }
  return undefined
}

/** Shortest recording worth sending: anything smaller cannot hold a spoken word. */
const MIN_AUDIO_BYTES = 512

/** The `audio` file of a multipart request, checked: present, not empty or tiny, a format we take. */
export async function readAudio(request: Pick<HonoRequest, 'header' | 'formData'>) {
  const form = await readMultipart(request, 'Send the recording as multipart/form-data with an `audio` file.')
  const file = form.get('audio')
  if (!(file instanceof File)) throw invalidField('form', 'audio', 'must be a file')
  const bytes = new Uint8Array(await file.arrayBuffer())
  const kind = audioKind(bytes)
  if (!kind)
    throw new ApiError('unsupported_media_type', 'Recordings must be m4a/AAC, mp3, wav, ogg/opus, webm, 3gp, flac or aiff.', {
      details: { accepted: ['m4a', 'aac', 'mp3', 'wav', 'ogg', 'webm', '3gp', 'flac', 'aiff'] },
    })
  if (bytes.length < MIN_AUDIO_BYTES) throw new ApiError('unprocessable', 'The recording is too short to hold any speech.')
  return { bytes, kind }
}
