import { DurableObject } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { z } from 'zod'
import { describeError } from '../../core/logger'
import type { Bindings } from '../../core/types'
import { openServices } from '../../services'
import { cleanMessage, HELPLINES, mentionsSelfHarm } from './safety'

// One Durable Object per Mindscape room, on the WebSocket hibernation API: sockets are accepted by
// the runtime (the object may be evicted between messages), each socket's state is its attachment,
// and the history is in the object's own SQLite, written with bound parameters. Only handles
// reach this object: never a name, phone number or patient id.

const MAX_FRAME_BYTES = 4096
const MAX_TEXT = 1000
const HISTORY_SENT = 50
const HISTORY_KEPT = 500
const RATE = { messages: 5, perSeconds: 10 }

const Incoming = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), text: z.string().min(1).max(MAX_TEXT) }),
  z.object({ type: z.literal('mute'), handle: z.string().min(1).max(64) }),
  z.object({ type: z.literal('unmute'), handle: z.string().min(1).max(64) }),
  z.object({ type: z.literal('report'), message_id: z.guid(), reason: z.string().max(500).optional() }),
])

type Attachment = { handle: string; room: string; muted: string[]; sent: number[] }
type Message = { id: string; handle: string; text: string; sent_at: string }

export class ChatRoom extends DurableObject<Bindings> {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env)
    ctx.storage.sql.exec(
      'create table if not exists messages (id text primary key, handle text not null, text text not null, sent_at text not null)',
    )
  }

  /** The Worker has checked the ticket; it passes the handle and the room. */
  override async fetch(request: Request): Promise<Response> {
    const handle = request.headers.get('x-chat-handle')
    const room = request.headers.get('x-chat-room')
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket' || !handle || !room)
      return new Response('expected a WebSocket upgrade', { status: 426 })
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    this.ctx.acceptWebSocket(server)
    server.serializeAttachment({ handle, room, muted: [], sent: [] } satisfies Attachment)
    const history = this.ctx.storage.sql
      .exec<Message>('select id, handle, text, sent_at from messages order by sent_at desc, id desc limit ?', HISTORY_SENT)
      .toArray()
      .reverse()
    server.send(JSON.stringify({ type: 'history', messages: history }))
    this.broadcast({ type: 'join', handle }, server)
    return new Response(null, { status: 101, webSocket: client })
  }

  override async webSocketMessage(socket: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const me = socket.deserializeAttachment() as Attachment
    const size = typeof data === 'string' ? new TextEncoder().encode(data).length : data.byteLength
    if (size > MAX_FRAME_BYTES) return this.error(socket, 'too_large', `Messages are at most ${MAX_FRAME_BYTES} bytes.`)
    let parsed: z.infer<typeof Incoming>
    try {
      const result = Incoming.safeParse(JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data)))
      if (!result.success) return this.error(socket, 'invalid_message', 'Send {"type":"message","text":"…"}, mute, unmute or report.')
      parsed = result.data
    } catch {
      return this.error(socket, 'invalid_message', 'Frames are JSON.')
    }
    if (parsed.type === 'mute' || parsed.type === 'unmute') {
      const muted = new Set(me.muted)
      if (parsed.type === 'mute') muted.add(parsed.handle)
      else muted.delete(parsed.handle)
      socket.serializeAttachment({ ...me, muted: [...muted].slice(-100) })
      return socket.send(JSON.stringify({ type: parsed.type === 'mute' ? 'muted' : 'unmuted', handle: parsed.handle }))
    }
    if (parsed.type === 'report') return this.report(socket, me, parsed.message_id, parsed.reason)

    const now = Date.now()
    const sent = me.sent.filter((at) => at > now - RATE.perSeconds * 1000)
    if (sent.length >= RATE.messages)
      return this.error(socket, 'rate_limited', `At most ${RATE.messages} messages every ${RATE.perSeconds} seconds.`)
    socket.serializeAttachment({ ...me, sent: [...sent, now] })
    const text = cleanMessage(parsed.text)
    if (!text) return this.error(socket, 'invalid_message', 'The message is empty.')
    const message: Message = { id: crypto.randomUUID(), handle: me.handle, text, sent_at: new Date(now).toISOString() }
    this.ctx.storage.sql.exec(
      'insert into messages (id, handle, text, sent_at) values (?, ?, ?, ?)',
      message.id,
      message.handle,
      message.text,
      message.sent_at,
    )
    this.ctx.storage.sql.exec(
      'delete from messages where id in (select id from messages order by sent_at desc, id desc limit -1 offset ?)',
      HISTORY_KEPT,
    )
    this.broadcast({ type: 'message', ...message })
    // Said to the author alone, without holding the conversation back.
    if (mentionsSelfHarm(parsed.text)) socket.send(JSON.stringify({ type: 'support', text: HELPLINES }))
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    const me = socket.deserializeAttachment() as Attachment
    this.broadcast({ type: 'leave', handle: me.handle }, socket)
    try {
      socket.close(code === 1005 || code === 1006 ? 1000 : code, 'bye')
    } catch {
      // already closed
    }
  }

  /** To every socket in the room but `except`, and not to those who muted the author. */
  private broadcast(frame: { type: string; handle: string } & Record<string, unknown>, except?: WebSocket) {
    const text = JSON.stringify(frame)
    for (const socket of this.ctx.getWebSockets()) {
      if (socket === except) continue
      const attachment = socket.deserializeAttachment() as Attachment | null
      if (frame.type === 'message' && attachment?.muted.includes(frame.handle)) continue
      try {
        socket.send(text)
      } catch {
        // a socket closing meanwhile
      }
    }
  }

  private error(socket: WebSocket, code: string, message: string) {
    socket.send(JSON.stringify({ type: 'error', code, message }))
  }

  /** Stores a reported message for moderation in Postgres (once per message and reporter). */
  private async report(socket: WebSocket, me: Attachment, messageId: string, reason: string | undefined) {
    const [message] = this.ctx.storage.sql.exec<Message>('select id, handle, text, sent_at from messages where id = ?', messageId).toArray()
    if (!message) return this.error(socket, 'not_found', 'No such message in this room.')
    const services = openServices(this.env, this.ctx, { room: me.room, durable_object: 'ChatRoom' })
    try {
      await services.db.execute(sql`
        insert into chat_reports (id, room_id, message_id, message_handle, message_text, reporter_handle, reason)
        values (${crypto.randomUUID()}, ${me.room}, ${message.id}, ${message.handle}, ${message.text}, ${me.handle}, ${reason ?? null})
        on conflict (message_id, reporter_handle) do nothing`)
      socket.send(JSON.stringify({ type: 'reported', message_id: messageId }))
    } catch (error) {
      services.log.log('error', 'a chat report could not be stored', { error: describeError(error) })
      this.error(socket, 'unavailable', 'The report could not be sent; please try again.')
    } finally {
      services.close()
    }
  }
}
