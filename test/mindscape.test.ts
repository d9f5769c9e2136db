import { env, evictDurableObject, runInDurableObject, SELF } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { ChatRoom } from '../src/features/mindscape/room'
import { loginByPhone } from './fixtures/auth'
import { expectError, expectOk, type Client } from './harness/client'
import { runSql } from './harness/sql'
import { z } from 'zod'

const Ticket = z.object({ ticket: z.string(), handle: z.string(), expires_in: z.number() })
type Frame = Record<string, any>

async function join(client: Client, token: string, room: string) {
  return expectOk(await client.post(`/v1/mindscape/rooms/${room}/join`, undefined, { token }), 200, Ticket)
}

/** A real WebSocket upgrade through the Worker's own fetch, with the frames it receives. */
async function connect(room: string, ticket: string) {
  const response = await SELF.fetch(`https://phr.test/v1/mindscape/rooms/${room}/ws?ticket=${encodeURIComponent(ticket)}`, {
    headers: { upgrade: 'websocket' },
  })
  expect(response.status).toBe(101)
  const socket = response.webSocket!
  socket.accept()
  const frames: Frame[] = []
  socket.addEventListener('message', (event) => frames.push(JSON.parse(event.data as string)))
  const next = async (match: (frame: Frame) => boolean, timeoutMs = 3000): Promise<Frame> => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = frames.find(match)
      if (found) return found
      if (Date.now() > deadline) throw new Error(`no matching frame; got ${JSON.stringify(frames)}`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  return { socket, frames, next, send: (frame: unknown) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)) }
}

async function member(room: string) {
  const login = await loginByPhone()
  const { ticket, handle } = await join(login.client, login.access_token, room)
  return { ...login, handle, chat: await connect(room, ticket) }
}

describe('Mindscape rooms', () => {
  it('lists the rooms with their rules', async () => {
    const { client, access_token: token } = await loginByPhone()
    const rooms = await expectOk(
      await client.get('/v1/mindscape/rooms', { token }),
      200,
      z.object({ items: z.array(z.object({ id: z.string(), rules: z.string() })) }),
    )
    expect(rooms.items.map((r) => r.id)).toEqual(['anxiety', 'stress', 'grief', 'sleep', 'general'])
  })

  it('gives a stable handle per room that reveals nothing', async () => {
    const { client, access_token: token, patient, phone } = await loginByPhone()
    const [a, b, c] = [await join(client, token, 'sleep'), await join(client, token, 'sleep'), await join(client, token, 'grief')]
    expect(a.handle).toBe(b.handle)
    expect(a.handle).not.toBe(c.handle)
    expect(a.handle).toMatch(/^[A-Z][a-z]+[A-Z][a-z]+-\d{2}$/)
    for (const leak of [patient.id, phone.slice(-6)]) expect(a.handle).not.toContain(leak)
    await expectError(await client.post('/v1/mindscape/rooms/no-such-room/join', undefined, { token }), 404, 'not_found')
  })
})

describe('a room over WebSockets', () => {
  it('carries messages between two patients, gives a later one the history, and never a name, phone or id', async () => {
    const room = 'general'
    const asha = await member(room)
    const ravi = await member(room)
    await asha.chat.next((f) => f.type === 'join' && f.handle === ravi.handle)
    asha.chat.send({ type: 'message', text: `Hi, I am new here. Call me on ${asha.phone} or mail asha@example.in` })
    const received = await ravi.chat.next((f) => f.type === 'message')
    expect(received).toMatchObject({ handle: asha.handle, id: expect.any(String), sent_at: expect.any(String) })
    expect(received.text).toBe('Hi, I am new here. Call me on [phone hidden] or mail [email hidden]')
    ravi.chat.send({ type: 'message', text: 'Welcome \u202e\u0007friend' })
    expect((await asha.chat.next((f) => f.type === 'message' && f.handle === ravi.handle)).text).toBe('Welcome friend')

    const later = await member(room)
    const history = await later.chat.next((f) => f.type === 'history')
    expect(history.messages.slice(-2).map((m: Frame) => m.handle)).toEqual([asha.handle, ravi.handle])
    const everything = JSON.stringify([...asha.chat.frames, ...ravi.chat.frames, ...later.chat.frames])
    for (const who of [asha, ravi, later]) {
      expect(everything).not.toContain(who.patient.id)
      expect(everything).not.toContain(who.phone.slice(3))
    }
    // Nor in the room's stored history.
    const rooms = env.CHAT_ROOMS as unknown as DurableObjectNamespace<ChatRoom>
    const stub = rooms.get(rooms.idFromName(room))
    const stored = await runInDurableObject(stub, (instance: ChatRoom, state) => state.storage.sql.exec('select * from messages').toArray())
    expect(JSON.stringify(stored)).not.toContain(asha.phone.slice(3))
    expect(JSON.stringify(stored)).not.toContain(asha.patient.id)
  })

  it('refuses an expired, a used and another room’s ticket', async () => {
    const { client, access_token: token } = await loginByPhone()
    const url = (room: string, ticket: string) => `https://phr.test/v1/mindscape/rooms/${room}/ws?ticket=${encodeURIComponent(ticket)}`
    const used = await join(client, token, 'stress')
    ;(await connect('stress', used.ticket)).socket.close()
    await expectError(await SELF.fetch(url('stress', used.ticket), { headers: { upgrade: 'websocket' } }), 401, 'unauthorized')
    const other = await join(client, token, 'stress')
    await expectError(await SELF.fetch(url('grief', other.ticket), { headers: { upgrade: 'websocket' } }), 401, 'unauthorized')
    const expired = await join(client, token, 'stress')
    await runSql(sql`update chat_tickets set expires_at = now() - interval '1 second' where room_id = 'stress' and used_at is null`)
    await expectError(await SELF.fetch(url('stress', expired.ticket), { headers: { upgrade: 'websocket' } }), 401, 'unauthorized')
    await expectError(await SELF.fetch(url('stress', 'x'.repeat(43))), 426, 'upgrade_required')
  })

  it('answers floods, malformed and oversized frames with an error frame, keeping the room open', async () => {
    const { chat } = await member('anxiety')
    chat.send('not json')
    expect((await chat.next((f) => f.type === 'error')).code).toBe('invalid_message')
    chat.send({ type: 'message', text: 'x'.repeat(5000) })
    await chat.next((f) => f.type === 'error' && f.code === 'too_large')
    for (let i = 0; i < 7; i++) chat.send({ type: 'message', text: `message ${i}` })
    await chat.next((f) => f.type === 'error' && f.code === 'rate_limited')
    expect(chat.frames.filter((f) => f.type === 'message' && f.text.startsWith('message '))).toHaveLength(5)
  })

  it('sends helplines to an author who mentions self-harm, privately, and stores reports; mutes are one’s own', async () => {
    const room = 'grief'
    const author = await member(room)
    const reader = await member(room)
    author.chat.send({ type: 'message', text: 'Some days I want to die' })
    const support = await author.chat.next((f) => f.type === 'support')
    expect(support.text).toContain('14416')
    const seen = await reader.chat.next((f) => f.type === 'message' && f.handle === author.handle)
    await new Promise((r) => setTimeout(r, 100))
    expect(reader.chat.frames.some((f) => f.type === 'support')).toBe(false)

    reader.chat.send({ type: 'report', message_id: seen.id, reason: 'worried about them' })
    await reader.chat.next((f) => f.type === 'reported')
    const reports = await runSql<{ message_handle: string; reporter_handle: string }>(
      sql`select message_handle, reporter_handle from chat_reports where message_id = ${seen.id}`,
    )
    expect(reports).toEqual([{ message_handle: author.handle, reporter_handle: reader.handle }])

    reader.chat.send({ type: 'mute', handle: author.handle })
    await reader.chat.next((f) => f.type === 'muted')
    author.chat.send({ type: 'message', text: 'still here' })
    await author.chat.next((f) => f.type === 'message' && f.text === 'still here')
    await new Promise((r) => setTimeout(r, 150))
    expect(reader.chat.frames.some((f) => f.type === 'message' && f.text === 'still here')).toBe(false)
  })

  it('survives the object being evicted: the sockets stay, handles and mutes come back, the history is kept', async () => {
    const room = 'sleep'
    const first = await member(room)
    const second = await member(room)
    first.chat.send({ type: 'message', text: 'warm milk helps me' })
    await second.chat.next((f) => f.type === 'message' && f.text === 'warm milk helps me')
    second.chat.send({ type: 'mute', handle: 'SomeoneElse-00' })
    await second.chat.next((f) => f.type === 'muted')

    const rooms = env.CHAT_ROOMS as unknown as DurableObjectNamespace<ChatRoom>
    await evictDurableObject(rooms.get(rooms.idFromName(room)))

    first.chat.send({ type: 'message', text: 'and reading before bed' })
    const after = await second.chat.next((f) => f.type === 'message' && f.text === 'and reading before bed')
    expect(after.handle).toBe(first.handle)
    const third = await member(room)
    const history = await third.chat.next((f) => f.type === 'history')
    expect(history.messages.map((m: Frame) => m.text).slice(-2)).toEqual(['warm milk helps me', 'and reading before bed'])
  })
})
