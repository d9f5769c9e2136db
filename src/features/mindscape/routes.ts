import { z } from '@hono/zod-openapi'
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm'
import { randomToken, sha256Hex } from '../../core/crypto'
import { ApiError } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, publicRoute, type PatientHandler, type PublicHandler } from '../../core/routes'
import { chatRooms, chatTickets } from '../../db/schema'
import { handleFor } from './handles'

const TICKET_SECONDS = 60

const RoomSchema = z
  .object({
    id: z.string().openapi({ example: 'anxiety' }),
    name: z.string().openapi({ example: 'Anxiety' }),
    description: z.string().openapi({ example: 'For worry, panic and racing thoughts: share what helps and what is hard.' }),
    rules: z.string().openapi({
      example: 'Be kind. No medical advice beyond your own experience. Do not share contact details. In an emergency call 112.',
    }),
  })
  .openapi('ChatRoom')

const RoomParams = z.object({
  room_id: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .openapi({ param: { name: 'room_id', in: 'path' }, example: 'anxiety' }),
})

export const listRooms = patientRoute({
  method: 'get',
  path: '/v1/mindscape/rooms',
  operationId: 'listRooms',
  tags: ['Mindscape'],
  summary: 'Peer-support rooms',
  responses: { 200: jsonResponse(z.object({ items: z.array(RoomSchema) }).openapi('ChatRoomList'), 'Rooms.') },
})

export const listRoomsHandler: PatientHandler<typeof listRooms> = async (c) => {
  const rows = await c.var.services.db.select().from(chatRooms).orderBy(asc(chatRooms.position), asc(chatRooms.id))
  return c.json({ items: rows.map(({ id, name, description, rules }) => ({ id, name, description, rules })) }, 200)
}

export const joinRoom = patientRoute({
  method: 'post',
  path: '/v1/mindscape/rooms/{room_id}/join',
  operationId: 'joinRoom',
  tags: ['Mindscape'],
  summary: 'A single-use ticket (60 s) into a room, and my anonymous handle there',
  description: 'The handle is the same for you every time in this room, different in every room, and reveals nothing about you.',
  request: { params: RoomParams },
  responses: {
    200: jsonResponse(
      z
        .object({
          ticket: z.string().openapi({
            description: 'Pass as ?ticket= to the room’s WebSocket within expires_in seconds; works once.',
            example: 'kq3v9Zl0bB7Y…',
          }),
          handle: z.string().openapi({ example: 'CalmHeron-42' }),
          expires_in: z.number().int().openapi({ example: 60 }),
        })
        .openapi('ChatTicket'),
      'Your ticket.',
    ),
    ...errorResponses(404),
  },
})

export const joinRoomHandler: PatientHandler<typeof joinRoom> = async (c) => {
  const { db, config } = c.var.services
  const roomId = c.req.valid('param').room_id
  const handle = await handleFor(config.CHAT_HANDLE_KEY, roomId, c.var.patientId)
  const ticket = randomToken(32)
  // The ticket is stored hashed, and only if the room exists (one statement).
  const [row] = await db
    .insert(chatTickets)
    .select(
      db
        .select({
          id: sql<string>`${await sha256Hex(ticket)}`.as('id'),
          patientId: sql<string>`${c.var.patientId}::uuid`.as('patient_id'),
          roomId: chatRooms.id,
          handle: sql<string>`${handle}`.as('handle'),
          expiresAt: sql<Date>`now() + make_interval(secs => ${TICKET_SECONDS})`.as('expires_at'),
          usedAt: sql<Date | null>`null::timestamptz`.as('used_at'),
          createdAt: sql<Date>`now()`.as('created_at'),
        })
        .from(chatRooms)
        .where(eq(chatRooms.id, roomId)),
    )
    .returning({ id: chatTickets.id })
  if (!row) throw new ApiError('not_found', 'No such room.')
  return c.json({ ticket, handle, expires_in: TICKET_SECONDS }, 200)
}

export const roomSocket = publicRoute({
  method: 'get',
  path: '/v1/mindscape/rooms/{room_id}/ws',
  operationId: 'roomSocket',
  tags: ['Mindscape'],
  summary: 'The room’s WebSocket (a ticket from join, not a bearer token)',
  description:
    'Send `{"type":"message","text"}`, `{"type":"mute"|"unmute","handle"}`, `{"type":"report","message_id","reason"?}`. Receive `history` (the last 50 messages) on connect, then `message` `{id, handle, text, sent_at}`, `join`/`leave` `{handle}`, `support` (helplines, to you alone), `error` `{code, message}`. Frames over 4 KB, invalid ones and more than 5 messages in 10 s get an error frame; phone numbers, emails and ABHA ids are masked.',
  request: {
    params: RoomParams,
    query: z.object({ ticket: z.string().min(16).max(128).openapi({ example: 'kq3v9Zl0bB7Yx2Jp9QeR4tUvWxYz0AbC' }) }),
  },
  responses: { 101: { description: 'Switching to the WebSocket protocol.' }, ...errorResponses(400, 401, 426, 503) },
})

export const roomSocketHandler: PublicHandler<typeof roomSocket> = async (c) => {
  const { db } = c.var.services
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket')
    throw new ApiError('upgrade_required', 'This is a WebSocket: send Upgrade: websocket.')
  const roomId = c.req.valid('param').room_id
  const [ticket] = await db
    .update(chatTickets)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(chatTickets.id, await sha256Hex(c.req.valid('query').ticket)),
        eq(chatTickets.roomId, roomId),
        isNull(chatTickets.usedAt),
        gt(chatTickets.expiresAt, sql`now()`),
      ),
    )
    .returning({ handle: chatTickets.handle })
  if (!ticket)
    throw new ApiError('unauthorized', 'This ticket is not valid here: it expired, was used, or is for another room. Join again.')
  const rooms = c.env.CHAT_ROOMS
  if (!rooms) throw new ApiError('upstream_unavailable', 'Chat is not configured (the CHAT_ROOMS binding).')
  const stub = rooms.get(rooms.idFromName(roomId))
  return (await stub.fetch('https://chat.internal/connect', {
    headers: { upgrade: 'websocket', 'x-chat-handle': ticket.handle, 'x-chat-room': roomId },
  })) as never
}
