import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { decodeWith, encodeCursor } from '../../core/pagination'
import { patientRoute, type PatientHandler } from '../../core/routes'

// The change feed. A trigger on every table of a patient's resources notes each insert, update and
// delete in patient_changes, in the writing transaction, with that transaction's id (xid8) and a
// sequence (migration 0024). A sequence alone is not a cursor: two transactions take 5 and 6, the
// one with 6 commits first, a reader takes 6 and moves past 5, which then commits — and is never
// seen. So the feed answers only changes of transactions older than the oldest one still running
// (the snapshot's xmin: every transaction below it has committed or rolled back, so nothing can
// appear there any more), in (xid, seq) order, and the cursor never passes that horizon. A change
// still being committed shows up on a later call, never behind the cursor. Cost: a transaction that
// runs long holds every feed back while it runs (none of ours does: each is one request's work).

const KINDS = [
  'profile',
  'notification_preferences',
  'routine',
  'share',
  'appointment',
  'symptom_check',
  'record',
  'record_summary',
  'consent',
  'medication',
  'dose',
  'vital',
  'notification',
  'medicine_order',
  'lab_booking',
  'ambulance_booking',
  'care_package_application',
  'data_export',
] as const
type Kind = (typeof KINDS)[number]

/** Where the app reads a resource of this kind again (null once it is deleted). */
function pathOf(kind: Kind, id: string): string | null {
  switch (kind) {
    case 'profile':
      return '/v1/me'
    case 'notification_preferences':
      return '/v1/me/notification-preferences'
    case 'routine':
      return '/v1/me/routine'
    case 'share':
      return '/v1/shares'
    case 'appointment':
      return `/v1/appointments/${id}`
    case 'symptom_check':
      return `/v1/symptom-checks/${id}`
    case 'record':
      return `/v1/records/${id}`
    case 'record_summary':
      return `/v1/records/summaries/${id}`
    case 'consent':
      return `/v1/consents/${id}`
    case 'medication':
      return `/v1/medications/${id}`
    case 'dose':
      return `/v1/medications/schedule?date=${id.split('/')[1]}`
    case 'vital':
      return '/v1/vitals'
    case 'notification':
      return '/v1/notifications'
    case 'medicine_order':
      return `/v1/store/medicine-orders/${id}`
    case 'lab_booking':
      return `/v1/lab-tests/bookings/${id}`
    case 'ambulance_booking':
      return `/v1/ambulance-bookings/${id}`
    case 'care_package_application':
      return `/v1/care-packages/applications/${id}`
    case 'data_export':
      return `/v1/me/exports/${id}`
  }
}

export const ChangeSchema = z
  .object({
    kind: z.enum(KINDS).openapi({ example: 'appointment' }),
    id: z.string().openapi({
      description: 'The resource’s id; a dose: `<medication_id>/<date>/<timing>`; profile, preferences and routine: the patient’s id.',
      example: '2b7c9e14-3f5a-4d8b-9c1e-6a0f2d4b8e37',
    }),
    change: z.enum(['upserted', 'deleted']).openapi({ example: 'upserted' }),
    at: z.string().datetime({ offset: true }).openapi({ description: 'When it changed.', example: '2026-12-01T09:30:12.345Z' }),
    path: z.string().nullable().openapi({
      description: 'Where to GET it (or the list it is in) again; null when deleted.',
      example: '/v1/appointments/2b7c9e14-3f5a-4d8b-9c1e-6a0f2d4b8e37',
    }),
  })
  .openapi('Change')

export const ChangesSchema = z
  .object({
    items: z.array(ChangeSchema).openapi({ description: 'Oldest first; one item per resource (its latest change in this page).' }),
    next_cursor: z
      .string()
      .openapi({ description: 'Always given: keep it and send it next time.', example: 'eyJ4IjoiNzU0IiwicyI6IjAiLCJ0IjoxNzY0NTAwMDAwfQ' }),
    has_more: z.boolean().openapi({ description: 'More changes are ready now: call again with next_cursor.', example: false }),
  })
  .openapi('Changes')

const ChangesQuery = z.object({
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'From `next_cursor`; none on the first call.' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(500)
    .openapi({ param: { name: 'limit', in: 'query' }, example: 500 }),
})

export const listChanges = patientRoute({
  method: 'get',
  path: '/v1/changes',
  operationId: 'listChanges',
  tags: ['Sync'],
  summary: 'What changed since my cursor: every resource of mine created, changed or deleted, in commit order',
  description:
    'For an app that caches and syncs. First call without a cursor: it answers no items and a cursor; then load the lists, and from then on call with the last `next_cursor` (after reconnecting, on a push, or every few minutes): each item names a resource to read again from `path` (or to drop, when `deleted`). A change is never skipped: one still being committed by a concurrent request comes on a later call, never behind the cursor. A cursor older than `CHANGES_RETENTION_DAYS` (30) answers 410: load the lists again and start over.',
  request: { query: ChangesQuery },
  responses: { 200: jsonResponse(ChangesSchema, 'Changes since the cursor, oldest first.'), ...errorResponses(400, 410) },
})

/** A position in the feed: below transaction x, or in it from sequence s on; t, when it was given out (epoch seconds). */
type Position = { x: string; s: string; t: number }

const DIGITS = /^[0-9]{1,20}$/

function decodePosition(cursor: string): Position {
  return decodeWith(cursor, ({ x, s, t }) =>
    typeof x === 'string' &&
    DIGITS.test(x) &&
    BigInt(x) < 2n ** 64n &&
    typeof s === 'string' &&
    DIGITS.test(s) &&
    BigInt(s) < 2n ** 63n &&
    typeof t === 'number' &&
    Number.isInteger(t) &&
    t > 0
      ? { x, s, t }
      : undefined,
  )!
}

type Row = {
  horizon: string
  xid: string | null
  seq: string | null
  kind: Kind
  resource_id: string
  change: 'upserted' | 'deleted'
  at: string
}

/** One round trip: the horizon (the snapshot's xmin) and up to limit + 1 changes after the position, below it. */
async function changesAfter(db: Db, patientId: string, after: Position | undefined, limit: number): Promise<Row[]> {
  if (!after) return queryRows<Row>(db, sql`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon, null as xid`)
  return queryRows<Row>(
    db,
    sql`with horizon as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
        select h.xmin::text as horizon, c.xid::text as xid, c.seq::text as seq, c.kind, c.resource_id, c.change, c.at
        from horizon h left join lateral (
          select xid, seq, kind, resource_id, change, at from patient_changes
          where patient_id = ${patientId} and xid < h.xmin and (xid, seq) > (${after.x}::xid8, ${after.s}::bigint)
          order by xid, seq
          limit ${limit + 1}
        ) c on true`,
  )
}

export const listChangesHandler: PatientHandler<typeof listChanges> = async (c) => {
  const { cursor, limit } = c.req.valid('query')
  const { db, config } = c.var.services
  const now = Math.floor(Date.now() / 1000)
  const after = cursor === undefined ? undefined : decodePosition(cursor)
  // Pruning keeps CHANGES_RETENTION_DAYS; an hour's margin for a transaction that began before the cursor was given.
  if (after && now - after.t > config.CHANGES_RETENTION_DAYS * 86_400 - 3600) {
    throw new ApiError(
      'cursor_expired',
      'This cursor is older than the changes we keep: load the lists again, then start over without a cursor.',
    )
  }
  const rows = await changesAfter(db, c.var.patientId, after, limit)
  const horizon = rows[0]!.horizon
  const found = rows.filter((row) => row.xid !== null)
  const page = found.slice(0, limit)
  const hasMore = found.length > limit
  const last = page[page.length - 1]
  // A full page ends at its last change; otherwise everything below the horizon has been given (the
  // horizon only moves on, but a cursor is never moved back).
  const next: Position =
    hasMore && last
      ? { x: last.xid!, s: last.seq!, t: now }
      : after && BigInt(after.x) >= BigInt(horizon)
        ? { ...after, t: now }
        : { x: horizon, s: '0', t: now }
  // One item per resource: its latest change in the page, in the order of those latest changes.
  const latest = new Map<string, Row>()
  for (const row of page) {
    const key = `${row.kind} ${row.resource_id}`
    latest.delete(key)
    latest.set(key, row)
  }
  return c.json(
    {
      items: [...latest.values()].map((row) => ({
        kind: row.kind,
        id: row.resource_id,
        change: row.change,
        at: new Date(row.at).toISOString(),
        path: row.change === 'deleted' ? null : pathOf(row.kind, row.resource_id),
      })),
      next_cursor: encodeCursor(next),
      has_more: hasMore,
    },
    200,
  )
}

/** Drops changes older than the retention, a bounded batch per run (the housekeeping cron). */
export async function pruneChanges(db: Db, retentionDays: number): Promise<{ pruned: number }> {
  const [row] = await queryRows<{ pruned: number }>(
    db,
    sql`with gone as (
          delete from patient_changes where (patient_id, xid, seq) in (
            select patient_id, xid, seq from patient_changes where at < now() - make_interval(days => ${retentionDays}) limit 100000
          ) returning 1
        ) select count(*)::int as pruned from gone`,
  )
  return row!
}
