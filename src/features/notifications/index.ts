import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import * as routes from './routes'

export const notificationsFeature: Feature = {
  tags: [{ name: 'Notifications', description: 'In-app notifications: reminders, hospital events, alerts.' }],
  routes: () =>
    createRouter()
      .openapi(routes.listNotifications, routes.listNotificationsHandler)
      .openapi(routes.readAllNotifications, routes.readAllNotificationsHandler)
      .openapi(routes.readNotification, routes.readNotificationHandler),
}
