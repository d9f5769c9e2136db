import { z } from '@hono/zod-openapi'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { ApiError, invalidField } from '../../core/errors'
import { errorResponses, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { patternProblem, SAFE_PATTERN_RULES } from '../../core/safe-pattern'
import { localDate } from '../../core/time'
import { hospitals, hospitalShares, type HospitalRow } from '../../db/schema'
import { hmisLinkOf, type HmisDoctor } from '../../integrations/hmis/port'
import { DoctorSchema, DoctorSearchQuery, slotDateProblem, toDoctor } from './schema'
import { begun, hmisInputs, keepHospitalRecord, lastSeenHospital, taken, type Begun } from './store'

// One doctor list across every hospital the patient can book with (the ones they shared their
// profile with): each hospital asked at once, each within DOCTOR_SEARCH_BUDGET_MS; a hospital that
// is slow or down costs only its own part of the answer, and is named.

/** The hospitals each patient shared with when this isolate last read them (at most 10,000 patients). */
const sharedSeen = new Map<string, string[]>()

const HospitalAnswerSchema = z
  .object({
    hospital_id: z.guid(),
    name: z.string().openapi({ example: 'Sahyadri Hospital, Pune' }),
    status: z.enum(['answered', 'timed_out', 'unavailable', 'refused']).openapi({
      description:
        'answered; timed_out (slower than the budget: ask it alone with GET /v1/hospitals/{id}/doctors); unavailable (its HMIS is down); refused (it would not run the pattern).',
      example: 'answered',
    }),
    doctors: z.number().int().openapi({ description: 'How many of the items are its.', example: 3 }),
  })
  .openapi('DoctorSearchHospital')

const AllDoctorsSchema = z
  .object({
    items: z.array(DoctorSchema.extend({ hospital_name: z.string() }).openapi('DoctorAtHospital')),
    hospitals: z.array(HospitalAnswerSchema).openapi({ description: 'Every hospital asked, with how it answered.' }),
    partial: z
      .boolean()
      .openapi({ description: 'True when a hospital did not answer: its doctors are missing from items.', example: false }),
  })
  .openapi('DoctorSearchAcrossHospitals')

export const searchAllDoctors = patientRoute({
  method: 'get',
  path: '/v1/doctors',
  operationId: 'searchAllDoctors',
  tags: ['Doctors'],
  summary: 'Doctors at every hospital I can book with (my shared hospitals), by name and specialty, in one call',
  description: `Each hospital is asked at once, within DOCTOR_SEARCH_BUDGET_MS; the answer names the hospitals that did not answer (\`partial\`). A triage’s suggested specialty links here (\`doctors_path\`). Both patterns are checked as for one hospital: ${SAFE_PATTERN_RULES}`,
  request: { query: DoctorSearchQuery },
  responses: { 200: jsonResponse(AllDoctorsSchema, 'Doctors, hospital by hospital (most recently shared first).'), ...errorResponses(400) },
})

export const searchAllDoctorsHandler: PatientHandler<typeof searchAllDoctors> = async (c) => {
  const { db, integrations, config } = c.var.services
  const query = c.req.valid('query')
  for (const field of ['name', 'specialty'] as const) {
    const problem = query[field] === undefined ? undefined : patternProblem(query[field])
    if (problem) throw invalidField('query', field, problem, 'invalid_pattern')
  }
  // Dates are the hospitals' own; a day's leeway either side covers every zone.
  const problem = query.date === undefined ? undefined : slotDateProblem(query.date, localDate(new Date(), 'Asia/Kolkata'))
  if (problem) throw invalidField('query', 'date', problem)
  const deadline = Date.now() + config.DOCTOR_SEARCH_BUDGET_MS
  const ask = async (hospital: HospitalRow) => {
    try {
      const doctors = await integrations
        .hmisFor(hmisLinkOf(hospital, { timeoutMs: config.DOCTOR_SEARCH_BUDGET_MS, deadline }))
        .searchDoctors({
          name: query.name || undefined,
          specialty: query.specialty || undefined,
          date: query.date ?? localDate(new Date(), hospital.timezone),
        })
      return { status: 'answered' as const, doctors }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      const status: 'timed_out' | 'refused' | 'unavailable' =
        error.code === 'upstream_timeout' ? 'timed_out' : error.code === 'invalid_pattern' ? 'refused' : 'unavailable'
      if (status === 'unavailable' && error.status < 500) throw error
      c.var.services.log.log('warn', 'a hospital did not answer a doctor search', { hospital_id: hospital.id, code: error.code })
      return { status, doctors: [] as HmisDoctor[] }
    }
  }
  // The hospitals this isolate last found the patient sharing with are asked while the shares are
  // read again (one round trip, which decides: a share revoked meanwhile is not in the answer).
  const early = new Map<string, Begun<Awaited<ReturnType<typeof ask>>>>()
  for (const id of sharedSeen.get(c.var.patientId) ?? []) {
    const row = lastSeenHospital(id)
    if (row)
      early.set(
        id,
        begun(hmisInputs(row), () => ask(row)),
      )
  }
  const shared = await db
    .select({ hospital: hospitals })
    .from(hospitalShares)
    .innerJoin(hospitals, and(eq(hospitals.id, hospitalShares.hospitalId), eq(hospitals.active, true)))
    .where(and(eq(hospitalShares.patientId, c.var.patientId), isNull(hospitalShares.revokedAt)))
    .orderBy(desc(hospitalShares.createdAt))
    .limit(config.DOCTOR_SEARCH_MAX_HOSPITALS)
  if (sharedSeen.size >= 10_000 && !sharedSeen.has(c.var.patientId)) sharedSeen.clear()
  sharedSeen.set(
    c.var.patientId,
    shared.map(({ hospital }) => hospital.id),
  )
  const answers = await Promise.all(
    shared.map(async ({ hospital }) => {
      keepHospitalRecord(hospital)
      return { hospital, ...(await taken(early.get(hospital.id), hmisInputs(hospital), () => ask(hospital))) }
    }),
  )
  const items = answers
    .flatMap(({ hospital, doctors }) => doctors.map((doctor) => ({ ...toDoctor(doctor, hospital), hospital_name: hospital.name })))
    .slice(0, 200)
  return c.json(
    {
      items,
      hospitals: answers.map(({ hospital, status }) => ({
        hospital_id: hospital.id,
        name: hospital.name,
        status,
        doctors: items.filter((d) => d.hospital_id === hospital.id).length,
      })),
      partial: answers.some((a) => a.status !== 'answered'),
    },
    200,
  )
}
