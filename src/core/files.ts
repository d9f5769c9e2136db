import { ApiError } from './errors'
import type { Logger } from './logger'

/** What the features use of the R2 bucket of record files. */
export type FileStore = Pick<R2Bucket, 'put' | 'get' | 'delete' | 'createMultipartUpload'>

/**
 * The bucket, with its failures answered as 503 `upstream_unavailable` + Retry-After (R2 answers
 * "internal error, try again" now and then): the client retries, never sees a 500.
 */
export function guardedFiles(bucket: R2Bucket): FileStore {
  const guard = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      throw new ApiError('upstream_unavailable', 'File storage is unavailable. Please try again in a moment.', {
        headers: { 'Retry-After': '2' },
        details: { service: 'R2', operation },
        cause: error,
      })
    }
  }
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
