import { z } from '@hono/zod-openapi'
import { NOTIFICATION_TYPES } from '../../core/notification-kinds'
import { matching, nullableRef } from '../../core/openapi'
import { doseTimings, linkKinds, type DeviceRow, type NotificationRow } from '../../db/schema'

export const NotificationSchema = z
  .object({
    id: z.guid().openapi({ example: '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b' }),
    type: z.enum(NOTIFICATION_TYPES).openapi({ example: 'appointment_reviewed' }),
    title: z.string().openapi({ example: 'Your doctor has reviewed your symptoms' }),
    body: z.string().openapi({ example: 'Join the video call at 10:30 from the appointment screen.' }),
    link: nullableRef(
      z
        .object({
          kind: z.enum(linkKinds).openapi({ example: 'appointment' }),
          id: z.string().openapi({ example: '6c1f2e3d-4b5a-4978-8a6b-5c4d3e2f1a0b' }),
          date: z.string().date().optional().openapi({ description: 'A dose reminder: the dose’s local date.', example: '2026-12-01' }),
          timing: z
            .enum(doseTimings)
            .optional()
            .openapi({ description: 'A dose reminder: the dose’s timing.', example: 'after_breakfast' }),
        })
        .openapi('DeepLink', { description: 'What the notification opens in the app.' }),
    ),
    read: z.boolean().openapi({ example: false }),
    profile_id: z.guid().nullable().openapi({
      description:
        'A copy of the notification of a profile this account manages: that profile (switch to it to open the link). Null: about this profile.',
      example: null,
    }),
    created_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T04:55:00.000Z' }),
  })
  .openapi('Notification')

export const toNotification = (row: NotificationRow): z.infer<typeof NotificationSchema> => ({
  id: row.id,
  type: row.type as z.infer<typeof NotificationSchema>['type'],
  title: row.title,
  body: row.body,
  link: row.link ?? null,
  read: row.readAt !== null,
  profile_id: row.subjectId,
  created_at: row.createdAt.toISOString(),
})

export const IdParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b' }),
})

export const DeviceSchema = z
  .object({
    id: z.guid().openapi({ example: '3f2e1d0c-9b8a-4776-8655-4433221100ff' }),
    platform: z.enum(['android', 'ios']).openapi({ example: 'android' }),
    push_token_hint: z
      .string()
      .openapi({ description: 'The end of the token, to tell devices apart: the token itself is never answered.', example: '…f3Kq9Z' }),
    app_version: z.string().nullable().openapi({ example: '1.4.2' }),
    locale: z.string().nullable().openapi({ example: 'hi-IN' }),
    created_at: z.string().datetime({ offset: true }).openapi({ example: '2026-11-30T09:00:00.000Z' }),
    last_registered_at: z.string().datetime({ offset: true }).openapi({ example: '2026-11-30T09:00:00.000Z' }),
  })
  .openapi('Device')

export const toDevice = (row: DeviceRow): z.infer<typeof DeviceSchema> => ({
  id: row.id,
  platform: row.platform,
  push_token_hint: `…${row.pushToken.slice(-6)}`,
  app_version: row.appVersion,
  locale: row.locale,
  created_at: row.createdAt.toISOString(),
  last_registered_at: row.lastRegisteredAt.toISOString(),
})

export const DeviceRequestSchema = z
  .object({
    platform: z.enum(['android', 'ios']).openapi({ example: 'android' }),
    push_token: matching(/^[A-Za-z0-9_:.-]{16,4096}$/, 'must be an FCM registration token (letters, digits, _ : . -)').openapi({
      description: 'The FCM registration token the app got from Firebase (on iOS too: FCM carries APNs).',
      example: 'dT3xq8bPQm2k:APA91bHc7rXw2vJmQ0o9Lr5eZyU4tN6sKpA1fG8hWjD3cV0bX2nM7qE9yT5uI1oP4aS6dF8gH0jK2lZ4xC6vB8nM1qW3eR5tY7uI9oP',
    }),
    app_version: z.string().trim().max(40).optional().openapi({ example: '1.4.2' }),
    locale: matching(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as hi-IN')
      .max(35)
      .optional()
      .openapi({ example: 'hi-IN' }),
  })
  .strict()
  .openapi('DeviceRequest')

export const DeviceParams = z.object({
  id: z.guid().openapi({ param: { name: 'id', in: 'path' }, example: '3f2e1d0c-9b8a-4776-8655-4433221100ff' }),
})

const TimeOfDay = matching(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time of day, HH:MM')

export const PreferencesSchema = z
  .object({
    push: z.partialRecord(z.enum(NOTIFICATION_TYPES), z.boolean()).openapi({
      description: 'Per notification type, whether it is pushed to my phones (the in-app inbox keeps every one).',
      example: { medication_due: true, medication_refill: false, document_received: true },
    }),
    quiet_hours: nullableRef(
      z
        .object({
          start: TimeOfDay.openapi({ example: '22:00' }),
          end: TimeOfDay.openapi({ example: '07:00' }),
        })
        .openapi('QuietHours', {
          description: 'In my time zone; may wrap midnight. Pushes wait until they end, if still worth sending then.',
        }),
    ),
    critical_types: z.array(z.enum(NOTIFICATION_TYPES)).openapi({
      description: 'Always pushed, through quiet hours too, and not switched off (an appointment within the hour is critical as well).',
      example: ['vital_critical'],
    }),
    labels: z.partialRecord(z.enum(NOTIFICATION_TYPES), z.object({ en: z.string(), hi: z.string() })).openapi({
      description: 'Each type’s name for a settings screen.',
      example: { medication_due: { en: 'Medicine reminders', hi: 'दवा की याद' } },
    }),
  })
  .openapi('NotificationPreferences')

export const PreferencesUpdateSchema = z
  .object({
    push: z
      .partialRecord(z.enum(NOTIFICATION_TYPES), z.boolean())
      .optional()
      .openapi({ description: 'Only the types named change.', example: { medication_refill: false } }),
    quiet_hours: z
      .object({ start: TimeOfDay.openapi({ example: '22:00' }), end: TimeOfDay.openapi({ example: '07:00' }) })
      .strict()
      .nullable()
      .optional()
      .openapi({ description: 'null: no quiet hours.', example: { start: '22:00', end: '07:00' } }),
  })
  .strict()
  .openapi('NotificationPreferencesUpdate')
