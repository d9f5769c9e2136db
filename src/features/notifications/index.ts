import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { deleteDevice, deleteDeviceHandler } from './delete-device'
import { removeStalePushState } from './housekeeping'
import { getNotificationPreferences, getNotificationPreferencesHandler } from './get-preferences'
import { listDevices, listDevicesHandler } from './list-devices'
import { listNotifications, listNotificationsHandler } from './list-notifications'
import { sweepPushShards } from './push'
import { putNotificationPreferences, putNotificationPreferencesHandler } from './put-preferences'
import { readAllNotifications, readAllNotificationsHandler } from './read-all-notifications'
import { readNotification, readNotificationHandler } from './read-notification'
import { registerDevice, registerDeviceHandler } from './register-device'

// What the notifications feature offers the Worker (the push queue's consumer) and auth (a device
// forgotten at logout).
export { consumePushBatch } from './push'
export { forgetDevice } from './delete-device'

export const notificationsFeature: Feature = {
  tags: [
    {
      name: 'Notifications',
      description:
        'In-app notifications (reminders, hospital events, alerts), pushed to my phones through FCM: devices, preferences, quiet hours.',
    },
  ],
  routes: () =>
    createRouter()
      .openapi(listNotifications, listNotificationsHandler)
      .openapi(readAllNotifications, readAllNotificationsHandler)
      .openapi(readNotification, readNotificationHandler)
      .openapi(registerDevice, registerDeviceHandler)
      .openapi(listDevices, listDevicesHandler)
      .openapi(deleteDevice, deleteDeviceHandler)
      .openapi(getNotificationPreferences, getNotificationPreferencesHandler)
      .openapi(putNotificationPreferences, putNotificationPreferencesHandler),
  jobs: [
    { name: 'push sweeper', cron: '* * * * *', run: sweepPushShards },
    { name: 'push housekeeping', cron: '17 * * * *', run: (services) => removeStalePushState(services.db) },
  ],
}
