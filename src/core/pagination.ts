import { z } from '@hono/zod-openapi'
import { ApiError } from './errors'
import { base64ToBytes, base64url } from './crypto'

export const PaginationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ param: { name: 'limit', in: 'query' }, example: 20 }),
  cursor: z.string().max(512).optional().openapi({ param: { name: 'cursor', in: 'query' }, description: 'Opaque; from `next_cursor`.' }),
})

export function pageSchema<T extends z.ZodTypeAny>(item: T, name: string) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() }).openapi(name)
}

/**
 * Keyset position of the last item of a page, newest first: (created_at, id). Paginated tables keep
 * created_at as timestamptz(3) so that this position round-trips exactly.
 */
export type Position = { at: string; id: string }

export function encodeCursor(position: Position): string {
  return base64url(new TextEncoder().encode(JSON.stringify(position)))
}

export function decodeCursor(cursor: string | undefined): Position | undefined {
  if (!cursor) return undefined
  try {
    const value = JSON.parse(new TextDecoder().decode(base64ToBytes(cursor))) as Position
    if (typeof value.at === 'string' && typeof value.id === 'string' && !Number.isNaN(Date.parse(value.at))) return value
  } catch {
    // falls through to the error below
  }
  throw new ApiError('validation_failed', 'The cursor is not valid.', { details: [{ path: 'cursor', message: 'invalid cursor' }] })
}

/** Rows are fetched with limit + 1; the extra row only tells whether a next page exists. */
export function toPage<Row, Item>(rows: Row[], limit: number, position: (row: Row) => Position, toItem: (row: Row) => Item) {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return {
    items: items.map(toItem),
    next_cursor: rows.length > limit && last ? encodeCursor(position(last)) : null,
  }
}
