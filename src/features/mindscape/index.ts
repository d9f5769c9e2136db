import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import * as routes from './routes'

export const mindscapeFeature: Feature = {
  tags: [{ name: 'Mindscape', description: 'Anonymous peer-support chat: rooms, tickets, a WebSocket per room.' }],
  routes: () =>
    createRouter()
      .openapi(routes.listRooms, routes.listRoomsHandler)
      .openapi(routes.joinRoom, routes.joinRoomHandler)
      .openapi(routes.roomSocket, routes.roomSocketHandler),
}
