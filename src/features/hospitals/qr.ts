import { ApiError } from '../../core/errors'

/**
 * ABDM's facility QR: a URL whose path ends in /share-profile (or /shareprofile, the spelling of
 * ABDM's older documents) with hip-id (hipid) = the facility's HFR id and an optional counter-id
 * (counterid). Anything else is not one of ours: 422 invalid_qr.
 */
export function parseFacilityQr(payload: string): { hfrId: string; counterId: string | null } {
  const invalid = () => new ApiError('invalid_qr', 'This is not a hospital’s Scan and Share QR code.')
  let url: URL
  try {
    url = new URL(payload.trim())
  } catch {
    throw invalid()
  }
  if (!/^https?:$/.test(url.protocol) || !/\/share-?profile\/?$/i.test(url.pathname)) throw invalid()
  const param = (...names: string[]) => names.map((n) => url.searchParams.get(n)).find((v) => v !== null && v !== '') ?? null
  const hfrId = param('hip-id', 'hipid', 'hipId')?.toUpperCase()
  const counterId = param('counter-id', 'counterid', 'counterId')
  if (!hfrId || !/^[A-Z]{2}\d{6,14}$/.test(hfrId)) throw invalid()
  if (counterId !== null && !/^[A-Za-z0-9._-]{1,64}$/.test(counterId)) throw invalid()
  return { hfrId, counterId }
}

/** The type of an uploaded image by its first bytes, never by its name or declared type. */
export function imageKind(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  return undefined
}

/** Width and height from the header (PNG IHDR, JPEG SOFn), before anything is decoded. */
export function imageSize(bytes: Uint8Array, kind: 'png' | 'jpeg'): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (kind === 'png') return bytes.length >= 24 ? { width: view.getUint32(16), height: view.getUint32(20) } : undefined
  for (let i = 2; i + 9 < bytes.length;) {
    if (bytes[i] !== 0xff) return undefined
    const marker = bytes[i + 1]!
    if (marker === 0xff) {
      i++
      continue
    }
    const length = view.getUint16(i + 2)
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) }
    }
    i += 2 + length
  }
  return undefined
}

let reader: Promise<typeof import('zxing-wasm/reader')> | undefined

/** zxing-wasm's reader, loaded and instantiated on the first photo (the .wasm is bundled, not fetched). */
async function loadReader() {
  const [zxing, wasm] = await Promise.all([import('zxing-wasm/reader'), import('zxing-wasm/reader/zxing_reader.wasm')])
  // A failed instantiation fails the load (the next photo tries again) instead of leaving it waiting.
  let failed: (error: unknown) => void = () => {}
  const failure = new Promise<never>((_, reject) => (failed = reject))
  await Promise.race([
    zxing.prepareZXingModule({
      overrides: {
        instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) {
          WebAssembly.instantiate(wasm.default as unknown as WebAssembly.Module, imports).then(done, failed)
          return {}
        },
      },
      fireImmediately: true,
    }),
    failure,
  ])
  return zxing
}

/** The text of the QR code in a photo, or undefined when there is none. */
export async function decodeQr(bytes: Uint8Array): Promise<string | undefined> {
  const zxing = await (reader ??= loadReader().catch((error: unknown) => {
    reader = undefined
    throw error
  }))
  const [result] = await zxing.readBarcodes(bytes, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 })
  return result?.isValid ? result.text : undefined
}
