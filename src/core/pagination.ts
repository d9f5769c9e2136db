import { z } from '@hono/zod-openapi'
import { and, eq, lt, or, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import { base64ToBytes, base64url } from './crypto'
import { invalidField } from './errors'

export const PaginationQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ param: { name: 'limit', in: 'query' }, example: 20 }),
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'Opaque; from `next_cursor`.' }),
})

export function pageSchema<T extends z.ZodTypeAny>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      next_cursor: z
        .string()
        .nullable()
        .openapi({ description: 'Pass as `cursor` for the next page; null on the last page.', example: null }),
    })
    .openapi(name)
}

/**
 * Keyset position of the last item of a page, newest first: (created_at, id). Paginated tables keep
 * created_at as timestamptz(3) so that this position round-trips exactly.
 */
export type Position = { at: string; id: string }

export function encodeCursor(position: object): string {
  return base64url(new TextEncoder().encode(JSON.stringify(position)))
}

const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Decodes a cursor and checks every part of it: a tampered one is a 400, never a query error. */
export function decodeWith<T>(cursor: string | undefined, check: (value: Record<string, unknown>) => T | undefined): T | undefined {
  if (!cursor) return undefined
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(base64ToBytes(cursor))) as unknown
    const checked = value && typeof value === 'object' ? check(value as Record<string, unknown>) : undefined
    if (checked) return checked
  } catch {
    // falls through to the error below
  }
  throw invalidField('query', 'cursor', 'is not a cursor this API gave out', 'invalid_cursor')
}

/** A (created_at, id) position: a four-digit year that round-trips through Date, as toISOString() of a real row gives. */
export function decodeCursor(cursor: string | undefined): Position | undefined {
  return decodeWith(cursor, ({ at, id }) => {
    if (typeof at !== 'string' || !ISO_MILLIS.test(at) || typeof id !== 'string' || !UUID.test(id)) return undefined
    const date = new Date(at)
    return !Number.isNaN(date.getTime()) && date.toISOString() === at ? { at, id } : undefined
  })
}

/** A (name, id) position, for lists in alphabetical order. */
export function decodeNameCursor(cursor: string | undefined): { name: string; id: string } | undefined {
  return decodeWith(cursor, ({ name, id }) =>
    typeof name === 'string' && name.length <= 500 && typeof id === 'string' && UUID.test(id) ? { name, id } : undefined,
  )
}

/** Rows are fetched with limit + 1; the extra row only tells whether a next page exists. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  position: (row: Row) => Position | { name: string; id: string },
  toItem: (row: Row) => Item,
) {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return {
    items: items.map(toItem),
    next_cursor: rows.length > limit && last ? encodeCursor(position(last)) : null,
  }
}

/** The keyset condition of the next page, newest first: rows older than `after` by (created_at, id). */
export function olderThan(createdAt: PgColumn, id: PgColumn, after: Position | undefined): SQL | undefined {
  if (!after) return undefined
  const at = new Date(after.at)
  return or(lt(createdAt, at), and(eq(createdAt, at), lt(id, after.id)))
}
