import { z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { Context } from 'hono'
import { queryRows } from '../../core/db'
import { publicRoute, type PublicHandler } from '../../core/routes'
import type { AmbulanceStatus } from '../../db/schema'
import { bookingOf, dispatchTokenValid, moveBooking, parseDispatchToken, pickupText } from './dispatch'

// The dispatcher's page: what an operator's dispatch desk opens from the SMS. Plain HTML and forms
// (no script, a few kilobytes) so that it works in a cheap Android phone's browser; the token in the
// path is the credential (signed, bound to the booking and its provider, expiring 12 hours after
// the pickup time), never logged or sent on as a Referer. Every action posts back and redirects to
// the page (303), which shows the booking as it now is.

const TokenParams = z.object({
  token: z
    .string()
    .max(80)
    .openapi({ param: { name: 'token', in: 'path' }, example: 'W3yVZ0xkTq2C9m7Yw8bN1A.t1x2y3.q9Rk2mZp7vXc1sLw4eTg0A' }),
})

const ActionSchema = z
  .object({
    action: z.enum(['accept', 'decline', 'arrived', 'completed']).openapi({ example: 'accept' }),
    reason: z
      .string()
      .trim()
      .max(200)
      .optional()
      .openapi({ description: 'Why it is declined (shown to the patient).', example: 'No vehicle free then.' }),
  })
  .openapi('DispatchAction')

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } })

export const openDispatchPage = publicRoute({
  method: 'get',
  path: '/dispatch/{token}',
  operationId: 'openDispatchPage',
  tags: ['Ambulance'],
  summary: 'The dispatcher’s page of a pre-booking (HTML, from the SMS link): pickup, patient, Accept / Decline, Arrived, Completed',
  description: 'A page for a person, not an API: its refusals are pages too (404, 410), not the JSON error envelope.',
  'x-html-page': true,
  request: { params: TokenParams },
  responses: { 200: html('The booking.'), 404: html('Not a link of ours.'), 410: html('The link has expired.') },
})

export const actOnDispatch = publicRoute({
  method: 'post',
  path: '/dispatch/{token}',
  operationId: 'actOnDispatch',
  tags: ['Ambulance'],
  summary: 'The dispatcher accepts, declines, or marks arrived or completed (a form post from the page)',
  description:
    'A form post from the page, answered with a redirect back to it (303), or the page itself when the booking had moved on (409); a malformed form is a 400 in the error envelope.',
  'x-html-page': true,
  request: { params: TokenParams, body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: ActionSchema } } } },
  responses: {
    303: { description: 'Done: back to the page.', headers: { Location: { schema: { type: 'string' } } } },
    404: html('Not a link of ours.'),
    409: html('The booking had moved on (cancelled by the patient, or already answered): the page as it is.'),
    410: html('The link has expired.'),
  },
})

type Found = {
  booking: ReturnType<typeof bookingOf>
  providerName: string
  patientName: string | null
  patientPhone: string | null
  timezone: string
}

/** The booking a token names, checked: the token's MAC, then its expiry. */
async function bookingFor(c: Context, token: string): Promise<Found | 'invalid' | 'expired'> {
  const { db, config } = c.var.services
  const parsed = parseDispatchToken(token)
  if (!parsed) return 'invalid'
  const [row] = await queryRows<{
    booking: Record<string, unknown>
    provider_name: string
    name: string | null
    phone: string | null
    timezone: string
  }>(
    db,
    sql`select to_jsonb(b.*) as booking, v.name as provider_name, p.name, p.phone, coalesce(p.timezone, 'Asia/Kolkata') as timezone
        from ambulance_bookings b join ambulance_providers v on v.id = b.provider_id left join patients p on p.id = b.patient_id
        where b.id = ${parsed.bookingId}`,
  )
  if (!row) return 'invalid'
  const booking = bookingOf(row.booking)
  if (!(await dispatchTokenValid(config, parsed, booking.providerId ?? ''))) return 'invalid'
  if (parsed.expires * 1000 < Date.now()) return 'expired'
  return { booking, providerName: row.provider_name, patientName: row.name, patientPhone: row.phone, timezone: row.timezone }
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

const maskPhone = (phone: string) => `${phone.slice(0, 5)}${'•'.repeat(Math.max(0, phone.length - 8))}${phone.slice(-3)}`

const STATUS_TEXT: Record<AmbulanceStatus, string> = {
  requested: 'New request: please accept or decline.',
  accepted: 'Accepted. Mark “Arrived” at the pickup.',
  declined: 'Declined.',
  arrived: 'Arrived. Mark “Completed” at the end of the trip.',
  completed: 'Completed. Thank you.',
  cancelled: 'Cancelled by the patient. Do not send a vehicle.',
  expired: 'Expired: nobody accepted it before the pickup time.',
}

const TYPE_TEXT = { bls: 'Basic life support', als: 'Advanced life support (paramedic)', patient_transport: 'Patient transport' }

function page(title: string, body: string) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>${escape(title)}</title>
<style>
body{font:16px/1.45 system-ui,sans-serif;margin:0;padding:16px;max-width:560px;color:#111}
h1{font-size:20px;margin:0 0 12px}dl{margin:0 0 16px}dt{font-weight:600;margin-top:10px}dd{margin:2px 0 0}
.status{padding:10px 12px;border-radius:6px;background:#eef4ff;margin:0 0 16px}
.status.done{background:#eef8ee}.status.off{background:#fdeeee}
button,a.button{display:block;width:100%;box-sizing:border-box;padding:14px;margin:8px 0;font-size:18px;border:0;border-radius:6px;text-align:center;text-decoration:none}
.go{background:#0a7d32;color:#fff}.stop{background:#b3261e;color:#fff}.call{background:#0b57d0;color:#fff}
input{width:100%;box-sizing:border-box;padding:10px;font-size:16px}
</style></head><body>${body}</body></html>`
}

function render(found: Found, notice?: string) {
  const { booking } = found
  const firstName = found.patientName?.trim().split(/\s+/)[0] || 'the patient'
  const live = booking.status === 'accepted' || booking.status === 'arrived'
  const phone = found.patientPhone
    ? live
      ? `<a class="button call" href="tel:${escape(found.patientPhone)}">Call ${escape(firstName)} (${escape(maskPhone(found.patientPhone))})</a>`
      : `${escape(maskPhone(found.patientPhone))} <small>(the number shows once you accept)</small>`
    : 'No phone number on the profile.'
  const map =
    booking.pickupLat !== null && booking.pickupLng !== null
      ? ` <a href="https://www.google.com/maps/search/?api=1&amp;query=${booking.pickupLat},${booking.pickupLng}" rel="noreferrer">Open in maps</a>`
      : ''
  const form = (action: string, label: string, style: string, extra = '') =>
    `<form method="post">${extra}<input type="hidden" name="action" value="${action}"><button class="${style}" type="submit">${label}</button></form>`
  const actions =
    booking.status === 'requested'
      ? form('accept', 'Accept', 'go') +
        form(
          'decline',
          'Decline',
          'stop',
          '<label>Reason (optional) <input name="reason" maxlength="200" placeholder="No vehicle free then"></label>',
        )
      : booking.status === 'accepted'
        ? form('arrived', 'Arrived at the pickup', 'go')
        : booking.status === 'arrived'
          ? form('completed', 'Trip completed', 'go')
          : ''
  const tone = ['cancelled', 'expired', 'declined'].includes(booking.status) ? 'off' : booking.status === 'completed' ? 'done' : ''
  return page(
    `Ambulance pre-booking — ${found.providerName}`,
    `<h1>Ambulance pre-booking</h1>
${notice ? `<p class="status off">${escape(notice)}</p>` : ''}<p class="status ${tone}" id="status" data-status="${booking.status}">${escape(STATUS_TEXT[booking.status])}</p>
<dl>
<dt>Pickup time</dt><dd>${escape(pickupText(booking.pickupTime, found.timezone))}</dd>
<dt>Pickup address</dt><dd>${escape(booking.pickupAddress)}${map}</dd>
<dt>Ambulance</dt><dd>${escape(TYPE_TEXT[booking.ambulanceType])}</dd>
${booking.notes ? `<dt>Notes</dt><dd>${escape(booking.notes)}</dd>` : ''}<dt>Patient</dt><dd>${escape(firstName)}</dd>
<dt>Phone</dt><dd>${phone}</dd>
</dl>
${actions}
<p><small>${escape(found.providerName)} · PHR Edge. This link is only for your dispatch desk.</small></p>`,
  )
}

const refusal = (kind: 'invalid' | 'expired') =>
  kind === 'invalid'
    ? page('Link not valid', '<h1>This link is not valid</h1><p>Open the link from the SMS exactly as it came.</p>')
    : page('Link expired', '<h1>This link has expired</h1><p>The pickup was more than 12 hours ago.</p>')

/** The page's own headers: nothing cached, no Referer carrying the token, no script, forms only to itself. */
function headers(c: Context) {
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  c.header('X-Robots-Tag', 'noindex')
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
}

export const openDispatchPageHandler: PublicHandler<typeof openDispatchPage> = async (c) => {
  headers(c)
  const found = await bookingFor(c, c.req.valid('param').token)
  if (found === 'invalid') return c.html(refusal(found), 404)
  if (found === 'expired') return c.html(refusal(found), 410)
  return c.html(render(found), 200)
}

const MOVES = {
  accept: { from: ['requested'], to: 'accepted' },
  decline: { from: ['requested'], to: 'declined' },
  arrived: { from: ['accepted'], to: 'arrived' },
  completed: { from: ['arrived', 'accepted'], to: 'completed' },
} as const satisfies Record<string, { from: AmbulanceStatus[]; to: AmbulanceStatus }>

export const actOnDispatchHandler: PublicHandler<typeof actOnDispatch> = async (c) => {
  headers(c)
  const { token } = c.req.valid('param')
  const found = await bookingFor(c, token)
  if (found === 'invalid') return c.html(refusal(found), 404)
  if (found === 'expired') return c.html(refusal(found), 410)
  const form = c.req.valid('form')
  const move = MOVES[form.action]
  if (!move) return c.html(render(found, 'Choose one of the buttons on this page.'), 400)
  const reason = form.action === 'decline' ? (form.reason ? `The operator said: ${form.reason}` : null) : null
  const moved = await moveBooking(c.var.services.db, found.booking.id, { from: [...move.from], to: move.to, by: 'dispatcher', reason })
  if (!moved) {
    const now = await bookingFor(c, token)
    if (typeof now === 'string') return c.html(refusal(now), now === 'invalid' ? 404 : 410)
    return c.html(render(now, 'That was not done: the booking had already changed.'), 409)
  }
  return c.redirect(`/dispatch/${token}`, 303)
}
