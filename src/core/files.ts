import { ApiError } from './errors'
import type { Logger } from './logger'

/** What the features use of the R2 bucket of record files. */
export type FileStore = Pick<R2Bucket, 'put' | 'get' | 'delete' | 'createMultipartUpload'>

/** An R2 call whose failure is answered as 503 `upstream_unavailable` + Retry-After. */
async function guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError('upstream_unavailable', 'File storage is unavailable. Please try again in a moment.', {
      headers: { 'Retry-After': '2' },
      details: { service: 'R2', operation },
      cause: error,
    })
  }
}

/**
 * The bucket, with its failures answered as 503 `upstream_unavailable` + Retry-After (R2 answers
 * "internal error, try again" now and then): the client retries, never sees a 500.
 */
export function guardedFiles(bucket: R2Bucket): FileStore {
  return {
    put: (key, value, options) => guard('put', () => bucket.put(key, value, options)),
    get: ((key: string, options?: R2GetOptions) => guard('get', () => bucket.get(key, options))) as R2Bucket['get'],
    delete: (keys) => guard('delete', () => bucket.delete(keys)),
    createMultipartUpload: (key, options) => guard('createMultipartUpload', () => bucket.createMultipartUpload(key, options)),
  }
}

/**
 * Stores a file, then saves what points at it (the rows); when saving fails the file is removed
 * again, so that no object is left that nothing points at.
 */
export async function storeThenSave<T>(
  files: FileStore,
  log: Logger,
  put: { key: string; body: Uint8Array | Blob; contentType: string; sha256: string },
  save: () => Promise<T>,
): Promise<T> {
  await files.put(put.key, put.body, { httpMetadata: { contentType: put.contentType }, sha256: put.sha256 })
  try {
    return await save()
  } catch (error) {
    await files
      .delete(put.key)
      .catch((cause: unknown) => log.log('warn', 'removing an unsaved file failed', { key: put.key, error: String(cause) }))
    throw error
  }
}

/** The size of each part of an upload written as an R2 multipart upload: R2's least (all but the last alike). */
export const UPLOAD_PART_BYTES = 5 * 1024 * 1024

/**
 * Hands `bytes` to `send` as one stream of known length, as R2 wants it. When `send` fails before
 * reading them, its failure is the answer (the write, which would wait for a reader for ever, is
 * abandoned).
 */
async function sendBytes<T>(send: (body: ReadableStream) => Promise<T>, bytes: Uint8Array): Promise<T> {
  const fixed = new FixedLengthStream(bytes.length)
  const sent = send(fixed.readable)
  const writer = fixed.writable.getWriter()
  const written = (async () => {
    await writer.write(bytes)
    await writer.close()
  })()
  written.catch(() => {})
  const [result] = await Promise.all([sent, Promise.race([written, sent])])
  return result
}

/** Where an upload's bytes go as they arrive. */
export type StorageWriter = {
  /** Resolves when the chunk is on its way (backpressure: the next read waits for storage). */
  write(chunk: Uint8Array): Promise<void>
  /** Stored whole. */
  close(): Promise<void>
  /** Nothing kept (a failed or refused upload). */
  abort(): Promise<void>
}

/**
 * Writes an object into R2 a chunk at a time, holding little of it. With its `length` known (a raw
 * body with Content-Length) the chunks stream straight into one put. Without it (a file inside a
 * form) they are gathered until UPLOAD_PART_BYTES have come: a file that ends before is one put, a
 * larger one becomes a multipart upload of equal parts — so at most one part is held, whatever
 * the file's size.
 */
export function storageWriter(files: FileStore, key: string, contentType: string, length?: number): StorageWriter {
  const httpMetadata = { contentType }
  if (length !== undefined) {
    const fixed = new FixedLengthStream(length)
    const put = files.put(key, fixed.readable, { httpMetadata })
    put.catch(() => {})
    const writer = fixed.writable.getWriter()
    // Storage failing leaves a write waiting for a reader: its failure answers instead.
    const racing = (step: Promise<unknown>) => Promise.race([step, put]).then(() => {})
    return {
      write: (chunk) => racing(writer.write(chunk)),
      close: async () => {
        await racing(writer.close())
        await put
      },
      abort: async () => {
        await writer.abort().catch(() => {})
        const stored = await put.then(
          () => true,
          () => false,
        )
        if (stored) await files.delete(key).catch(() => {})
      },
    }
  }
  // The part being gathered, copied into one buffer (grown by doubling up to UPLOAD_PART_BYTES and
  // used again for every part) rather than held as the request's own chunks: a form's file arrives
  // in ~4 KB chunks, each followed by a small copy of its boundary seam, so a part held as chunks
  // was ~2,560 buffers; the chunks are now garbage as soon as they are copied.
  let part = new Uint8Array(0)
  let partBytes = 0
  let upload: R2MultipartUpload | undefined
  const parts: R2UploadedPart[] = []
  const room = (bytes: number) => {
    if (bytes <= part.length) return
    const grown = new Uint8Array(Math.min(UPLOAD_PART_BYTES, Math.max(bytes, part.length * 2, 64 * 1024)))
    grown.set(part.subarray(0, partBytes))
    part = grown
  }
  /** Sends what is gathered as the next part of the multipart upload (begun with the first). */
  const sendPart = async () => {
    upload ??= await guard('createMultipartUpload', () => files.createMultipartUpload(key, { httpMetadata }))
    const to = upload
    const number = parts.length + 1
    parts.push(await guard('uploadPart', () => sendBytes((body) => to.uploadPart(number, body), part.subarray(0, partBytes))))
    partBytes = 0
  }
  return {
    async write(chunk) {
      for (let at = 0; at < chunk.length;) {
        // A full part goes once more bytes come: a file that ends exactly there needs no other.
        if (partBytes === UPLOAD_PART_BYTES) await sendPart()
        const take = Math.min(UPLOAD_PART_BYTES - partBytes, chunk.length - at)
        room(partBytes + take)
        part.set(chunk.subarray(at, at + take), partBytes)
        partBytes += take
        at += take
      }
    },
    async close() {
      if (!upload) {
        await sendBytes((body) => files.put(key, body, { httpMetadata }), part.subarray(0, partBytes))
      } else {
        if (partBytes > 0) await sendPart()
        await guard('completeMultipartUpload', () => upload!.complete(parts))
      }
      part = new Uint8Array(0)
    },
    async abort() {
      part = new Uint8Array(0)
      await upload?.abort().catch(() => {})
    },
  }
}
