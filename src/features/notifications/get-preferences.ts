import { jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { preferencesOf, toPreferences } from './preferences'
import { PreferencesSchema } from './schema'

export const getNotificationPreferences = patientRoute({
  method: 'get',
  path: '/v1/me/notification-preferences',
  operationId: 'getNotificationPreferences',
  tags: ['Notifications'],
  summary: 'What is pushed to my phones, and my quiet hours',
  responses: { 200: jsonResponse(PreferencesSchema, 'Every type, on unless I switched it off.') },
})

export const getNotificationPreferencesHandler: PatientHandler<typeof getNotificationPreferences> = async (c) =>
  c.json(toPreferences(await preferencesOf(c.var.services.db, c.var.patientId)), 200)
