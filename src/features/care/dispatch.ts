import { sql } from 'drizzle-orm'
import type { Config } from '../../core/config'
import { base64url, timingSafeEqual } from '../../core/crypto'
import { queryRows, type Db } from '../../core/db'
import { finishJob, finishJobWith, type JobHandlers, type OutboxJob } from '../../core/outbox'
import { kindOf } from '../../core/notification-kinds'
import { inLanguage, notePush, pushShardSql } from '../../core/notify'
import type { Services } from '../../core/types'
import type { AmbulanceBookingRow, AmbulanceStatus } from '../../db/schema'

// An ambulance pre-booking reaches the operator's dispatch desk: the booking and its job are written
// together; the job sends the dispatcher an SMS with a signed, expiring link to /dispatch/{token}
// (dispatch-page.ts), where they accept or decline, then mark arrived and completed. Every change is
// one conditional statement that also appends to the booking's history and tells the patient. A
// cancellation reaches the dispatcher the same way; requests nobody accepted expire at pickup time.

/** How long after the pickup time the dispatcher's link still works (to mark arrived and completed). */
const LINK_HOURS_AFTER_PICKUP = 12

/** What the patient is told at each change, in English and Hindi. */
const TOLD: Partial<Record<AmbulanceStatus, { title: { en: string; hi: string }; body: { en: string; hi: string } }>> = {
  accepted: {
    title: { en: 'Your ambulance is booked', hi: 'आपकी एम्बुलेंस बुक हो गई' },
    body: {
      en: 'The operator accepted your pre-booking and will call you before pickup.',
      hi: 'ऑपरेटर ने बुकिंग स्वीकार की; पिकअप से पहले वे आपको कॉल करेंगे।',
    },
  },
  declined: {
    title: { en: 'Your ambulance pre-booking was declined', hi: 'आपकी एम्बुलेंस बुकिंग अस्वीकार हुई' },
    body: {
      en: 'Please book another provider or call them. In an emergency, call 108 or 112.',
      hi: 'कृपया दूसरा प्रदाता चुनें या कॉल करें। आपात स्थिति में 108 या 112 पर कॉल करें।',
    },
  },
  arrived: {
    title: { en: 'Your ambulance has arrived', hi: 'आपकी एम्बुलेंस पहुँच गई है' },
    body: { en: 'The ambulance is at the pickup address.', hi: 'एम्बुलेंस पिकअप के पते पर है।' },
  },
  completed: {
    title: { en: 'Ambulance trip completed', hi: 'एम्बुलेंस यात्रा पूरी हुई' },
    body: { en: 'The operator marked your trip completed.', hi: 'ऑपरेटर ने आपकी यात्रा पूरी की।' },
  },
  expired: {
    title: { en: 'Your ambulance pre-booking was not accepted', hi: 'आपकी एम्बुलेंस बुकिंग स्वीकार नहीं हुई' },
    body: {
      en: 'Nobody accepted it before the pickup time. Call the provider, or 108 or 112 in an emergency.',
      hi: 'पिकअप के समय से पहले किसी ने स्वीकार नहीं की। प्रदाता को कॉल करें, आपात स्थिति में 108 या 112।',
    },
  },
}

const nowIso = sql`to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** The history entry of a change, for `history = history || …`. */
export const historyEntry = (status: AmbulanceStatus, by: 'patient' | 'dispatcher' | 'system') =>
  sql`jsonb_build_array(jsonb_build_object('status', ${status}::text, 'at', ${nowIso}, 'by', ${by}::text))`

/** The patient's notification of a change, as a CTE over `changed` (a booking's new row). */
function tellPatient(status: AmbulanceStatus, reason?: string | null) {
  const words = TOLD[status]
  if (!words) return sql``
  const body = reason ? { en: `${words.body.en} ${reason}`, hi: `${words.body.hi} ${reason}` } : words.body
  return sql`, told as (
      insert into notifications (id, patient_id, type, title, body, link, dedupe_key, priority, push_shard)
      select gen_random_uuid(), p.id, ${`ambulance_${status}`}, ${inLanguage(sql`${words.title.en}`, sql`${words.title.hi}`)},
             ${inLanguage(sql`${body.en}`, sql`${body.hi}`)}, jsonb_build_object('kind', 'ambulance_booking', 'id', c.id::text),
             'ambulance:' || c.id::text || ':' || ${status}::text, ${kindOf(`ambulance_${status}`).priority},
             ${pushShardSql(sql`p.id`)}
      from changed c join patients p on p.id = c.patient_id
      on conflict (patient_id, dedupe_key) where dedupe_key is not null do nothing
    )`
}

/**
 * Moves a booking from one of `from` to `to` in one statement (with its history and the patient's
 * notification, and `extra` statements over `changed`); the new row, or undefined when it was not
 * in one of `from` (someone else moved it first).
 */
export async function moveBooking(
  db: Db,
  id: string,
  change: {
    from: AmbulanceStatus[]
    to: AmbulanceStatus
    by: 'patient' | 'dispatcher' | 'system'
    reason?: string | null
    patientId?: string
  },
  extra: ReturnType<typeof sql> = sql``,
): Promise<AmbulanceBookingRow | undefined> {
  const [row] = await queryRows<{ booking: Record<string, unknown> }>(
    db,
    sql`with changed as (
          update ambulance_bookings set status = ${change.to}, status_reason = ${change.reason ?? null}, updated_at = now(),
            history = history || ${historyEntry(change.to, change.by)}
          where id = ${id} and status in (${sql.join(
            change.from.map((s) => sql`${s}`),
            sql`, `,
          )}) ${change.patientId ? sql`and patient_id = ${change.patientId}` : sql``}
          returning *
        )${tellPatient(change.to, change.reason)}${extra}
        select to_jsonb(changed.*) as booking from changed`,
  )
  if (!row) return undefined
  const booking = bookingOf(row.booking)
  if (TOLD[change.to]) notePush([booking.patientId])
  return booking
}

/** A booking row from to_jsonb. */
export function bookingOf(r: Record<string, unknown>): AmbulanceBookingRow {
  const at = (v: unknown) => (v ? new Date(v as string) : null)
  return {
    id: r.id as string,
    patientId: r.patient_id as string,
    providerId: (r.provider_id as string | null) ?? null,
    pickupAddress: r.pickup_address as string,
    pickupLat: r.pickup_lat === null || r.pickup_lat === undefined ? null : Number(r.pickup_lat),
    pickupLng: r.pickup_lng === null || r.pickup_lng === undefined ? null : Number(r.pickup_lng),
    pickupTime: new Date(r.pickup_time as string),
    ambulanceType: r.ambulance_type as AmbulanceBookingRow['ambulanceType'],
    notes: (r.notes as string | null) ?? null,
    status: r.status as AmbulanceStatus,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    statusReason: (r.status_reason as string | null) ?? null,
    history: (r.history as AmbulanceBookingRow['history']) ?? [],
    dispatchedAt: at(r.dispatched_at),
    hmisRequestRef: (r.hmis_request_ref as string | null) ?? null,
  }
}

// The dispatcher's link: /dispatch/<booking id>.<expiry>.<MAC>, all base64url/base36 (53 characters,
// so that the SMS stays one part). The MAC binds the booking, its provider and the expiry, with a
// key derived from JWT_SECRET (JWT_SECRET_PREVIOUS still verifies during a rotation).

const encoder = new TextEncoder()
const keys = new Map<string, Promise<CryptoKey>>()

function macKey(secret: string) {
  let key = keys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']).then(async (root) => {
      const derived = await crypto.subtle.sign('HMAC', root, encoder.encode('phr-edge ambulance dispatch link v1'))
      return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    })
    keys.set(secret, key)
  }
  return key
}

async function mac(secret: string, bookingId: string, providerId: string, expires: number) {
  const signature = await crypto.subtle.sign('HMAC', await macKey(secret), encoder.encode(`${bookingId}|${providerId}|${expires}`))
  return base64url(new Uint8Array(signature).slice(0, 16))
}

const uuidBytes = (id: string) =>
  Uint8Array.from(
    id
      .replaceAll('-', '')
      .match(/../g)!
      .map((h) => parseInt(h, 16)),
  )

/** The dispatcher's link of a booking. */
export async function dispatchLink(config: Config, booking: Pick<AmbulanceBookingRow, 'id' | 'providerId' | 'pickupTime'>) {
  const expires = Math.floor(booking.pickupTime.getTime() / 1000) + LINK_HOURS_AFTER_PICKUP * 3600
  const token = `${base64url(uuidBytes(booking.id))}.${expires.toString(36)}.${await mac(config.JWT_SECRET, booking.id, booking.providerId ?? '', expires)}`
  return `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/dispatch/${token}`
}

/** The booking id a token names and its expiry (seconds), or undefined when it is not one of ours in shape. */
export function parseDispatchToken(token: string): { bookingId: string; expires: number; mac: string } | undefined {
  const match = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/.exec(token)
  if (!match) return undefined
  const bytes = Uint8Array.from(atob(match[1]!.replaceAll('-', '+').replaceAll('_', '/') + '=='), (c) => c.charCodeAt(0))
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  const bookingId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  return { bookingId, expires: parseInt(match[2]!, 36), mac: match[3]! }
}

/** Whether the token's MAC is right for this booking (under the current or the previous secret). */
export async function dispatchTokenValid(config: Config, parsed: NonNullable<ReturnType<typeof parseDispatchToken>>, providerId: string) {
  for (const secret of [config.JWT_SECRET, config.JWT_SECRET_PREVIOUS].filter((s): s is string => !!s)) {
    if (timingSafeEqual(await mac(secret, parsed.bookingId, providerId, parsed.expires), parsed.mac)) return true
  }
  return false
}

// The outbox's jobs: the dispatcher's SMS of a new booking, and of its cancellation.

/** The booking of a job with its provider's dispatch desk and the patient's time zone. */
async function contextOf(db: Db, job: OutboxJob) {
  const [row] = await queryRows<{
    booking: Record<string, unknown>
    provider_name: string
    provider_phone: string
    dispatcher_phone: string | null
    timezone: string
  }>(
    db,
    sql`select to_jsonb(b.*) as booking, v.name as provider_name, v.phone as provider_phone, v.dispatcher_phone,
               coalesce(p.timezone, 'Asia/Kolkata') as timezone
        from ambulance_bookings b
        left join ambulance_providers v on v.id = b.provider_id
        left join patients p on p.id = b.patient_id
        where b.id = ${job.subjectId}`,
  )
  return row && { ...row, booking: bookingOf(row.booking) }
}

/** "1 Dec 2026, 09:00 IST"-like, in the patient's zone. */
export const pickupText = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-IN', {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  }).format(at)

export const dispatchJobs: JobHandlers = {
  dispatch_ambulance: {
    async run(services, job) {
      const { db, config, integrations } = services
      const found = await contextOf(db, job)
      if (!found || found.booking.status !== 'requested') {
        await finishJob(db, job.id, 'done', found ? `nothing to send: it is ${found.booking.status}` : 'the booking no longer exists')
        return 'done'
      }
      if (!found.dispatcher_phone) {
        await giveUpDispatch(services, job, `${found.provider_name} takes no pre-bookings.`)
        return 'refused'
      }
      const link = await dispatchLink(config, found.booking)
      await integrations.sms.sendDispatch(found.dispatcher_phone, {
        event: 'new',
        pickup: pickupText(found.booking.pickupTime, found.timezone),
        link,
      })
      await finishJobWith(db, job.id, sql`update ambulance_bookings set dispatched_at = now() where id = ${found.booking.id}`)
      return 'done'
    },
    giveUp: (services, job) => giveUpDispatch(services, job),
  },
  notify_ambulance_cancellation: {
    async run(services, job) {
      const { db, config, integrations } = services
      const found = await contextOf(db, job)
      if (!found?.dispatcher_phone) {
        await finishJob(db, job.id, 'done', 'no dispatch desk to tell')
        return 'done'
      }
      const link = await dispatchLink(config, found.booking)
      await integrations.sms.sendDispatch(found.dispatcher_phone, {
        event: 'cancelled',
        pickup: pickupText(found.booking.pickupTime, found.timezone),
        link,
      })
      await finishJob(db, job.id, 'done')
      return 'done'
    },
    // The patient cancelled: nothing of theirs to undo; the page shows the cancellation anyway.
    giveUp: (services, job, reason) => finishJob(services.db, job.id, 'failed', reason),
  },
}

/** The operator could not be reached: the booking declined with the provider's number to call, the patient told, the job closed. */
async function giveUpDispatch(services: Services, job: OutboxJob, why?: string) {
  const found = await contextOf(services.db, job)
  const reason = why ?? `We could not reach ${found?.provider_name ?? 'the operator'} by SMS.`
  if (!found || found.booking.status !== 'requested') return finishJob(services.db, job.id, 'failed', reason)
  const told = `${reason} Please call them on ${found.provider_phone}.`
  // One statement: the booking declined (its history, the patient's notification) and the job closed.
  const moved = await moveBooking(
    services.db,
    found.booking.id,
    { from: ['requested'], to: 'declined', by: 'system', reason: told },
    sql`, closed as (update outbox set status = 'failed', locked_until = null, last_error = ${told}, updated_at = now() where id = ${job.id})`,
  )
  if (!moved) await finishJob(services.db, job.id, 'failed', told)
}

/** The minute cron: requests nobody accepted before their pickup time expire, the patient told. */
export async function expireAmbulanceRequests(services: Services) {
  const rows = await queryRows<{ patient_id: string }>(
    services.db,
    sql`with changed as (
          update ambulance_bookings set status = 'expired', updated_at = now(), history = history || ${historyEntry('expired', 'system')}
          where status = 'requested' and pickup_time < now()
          returning *
        )${tellPatient('expired')}
        select patient_id from changed`,
  )
  notePush(rows.map((r) => r.patient_id))
  return { ambulance_requests_expired: rows.length }
}

/** The outbox partition of a provider's jobs. */
export const ambulanceJobPartition = (providerId: string | null) => `ambulance:${providerId ?? 'none'}`
