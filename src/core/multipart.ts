import type { HonoRequest } from 'hono'
import { ApiError } from './errors'

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
