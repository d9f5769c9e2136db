import { z } from '@hono/zod-openapi'
import { and, eq, sql } from 'drizzle-orm'
import { ApiError } from '../../core/errors'
import { firstHmisEvent } from '../../core/hospital-auth'
import { notify } from '../../core/notify'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { hmisRoute, type HospitalHandler } from '../../core/routes'
import { carePackageApplications, carePackages } from '../../db/schema'

// The hospital that offers a package tells us what became of an application: signed events, each
// applied once (hmis_events), never moving it back; the patient is told of each.

const CareEventSchema = z
  .object({
    event_id: z.string().min(1).max(128).openapi({ example: 'cp-evt-0001' }),
    event: z.enum(['contacted', 'enrolled', 'declined']).openapi({ example: 'enrolled' }),
    reason: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: 'With declined: why, for the patient.', example: 'Not eligible: age under 60' }),
  })
  .strict()
  .openapi('HmisCareApplicationEvent')

const STAGE: Record<string, number> = { applied: 0, contacted: 1, enrolled: 2, declined: 9, withdrawn: 9 }

const WORDS = {
  contacted: {
    title: { en: 'The hospital has contacted you', hi: 'अस्पताल ने आपसे संपर्क किया' },
    body: (pkg: string) => ({ en: `About ${pkg}.`, hi: `${pkg} के बारे में।` }),
  },
  enrolled: {
    title: { en: 'You are enrolled', hi: 'आपका नामांकन हो गया' },
    body: (pkg: string) => ({ en: `Welcome to ${pkg}.`, hi: `${pkg} में आपका स्वागत है।` }),
  },
  declined: {
    title: { en: 'Your application was declined', hi: 'आपका आवेदन अस्वीकार हुआ' },
    body: (pkg: string) => ({ en: `${pkg}: the hospital could not take it.`, hi: `${pkg}: अस्पताल इसे नहीं ले सका।` }),
  },
}

export const receiveCareApplicationEvent = hmisRoute({
  method: 'post',
  path: '/v1/hmis/care-package-applications/{application_ref}/events',
  operationId: 'receiveCareApplicationEvent',
  tags: ['HMIS callbacks'],
  summary: 'A hospital contacted the applicant, enrolled them, or declined the application',
  request: {
    params: z.object({
      application_ref: z
        .string()
        .max(128)
        .openapi({ param: { name: 'application_ref', in: 'path' }, example: 'cp-71c2' }),
    }),
    body: jsonBody(CareEventSchema),
  },
  responses: {
    200: jsonResponse(
      z.object({ applied: z.boolean(), status: z.string() }).openapi('CareEventResult'),
      'Received (applied once per event_id).',
    ),
    ...errorResponses(404, 409),
  },
})

export const receiveCareApplicationEventHandler: HospitalHandler<typeof receiveCareApplicationEvent> = async (c) => {
  const event = c.req.valid('json')
  const hospitalId = c.var.hospitalId
  const ref = c.req.valid('param').application_ref
  const result = await c.var.services.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ application: carePackageApplications, packageName: carePackages.name })
      .from(carePackageApplications)
      .innerJoin(carePackages, eq(carePackages.id, carePackageApplications.packageId))
      .where(and(eq(carePackageApplications.hospitalId, hospitalId), eq(carePackageApplications.hmisApplicationRef, ref)))
      .for('update', { of: carePackageApplications })
    if (!found) throw new ApiError('not_found', 'No care-package application with this reference at your hospital.')
    const { application } = found
    if (!(await firstHmisEvent(tx, hospitalId, event.event_id))) return { applied: false, status: application.status }
    if (STAGE[application.status]! >= 9) throw new ApiError('invalid_transition', `The application is ${application.status}.`)
    if (event.event !== 'declined' && STAGE[event.event]! <= STAGE[application.status]!)
      return { applied: false, status: application.status }
    await tx
      .update(carePackageApplications)
      .set({ status: event.event, ...(event.reason ? { statusReason: event.reason } : {}), updatedAt: sql`now()` })
      .where(eq(carePackageApplications.id, application.id))
    const words = WORDS[event.event]
    await notify(tx, {
      patientId: application.patientId,
      type: `care_package_${event.event}`,
      title: words.title,
      body: event.reason ?? words.body(found.packageName),
      link: { kind: 'care_package_application', id: application.id },
      dedupeKey: `care:${application.id}:${event.event}`,
    })
    return { applied: true, status: event.event }
  })
  return c.json(result, 200)
}
