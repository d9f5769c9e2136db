import { ApiError } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { patientRoute, type PatientHandler } from '../../core/routes'
import { profileOf } from '../profile'
import { HospitalParams, ShareRequestSchema, ShareSchema, toShare } from './schema'
import { hmisLinkOf } from '../../integrations/hmis/port'
import { activeHospital, liveShare, saveShare } from './store'

export const shareProfile = patientRoute({
  method: 'post',
  path: '/v1/hospitals/{hospital_id}/share',
  operationId: 'shareProfile',
  tags: ['Hospitals'],
  summary: 'Share my profile with a hospital’s HMIS and get an OPD token',
  description:
    'Repeating it is safe: while the token is valid (the hospital’s token window, 30 minutes by default) the same share and token come back with 200, and the HMIS is not asked again (ABDM: one token per visit). The HMIS must answer within HMIS_WRITE_TIMEOUT_MS, otherwise 504 and nothing is recorded.',
  request: { params: HospitalParams, body: { ...jsonBody(ShareRequestSchema), required: false } },
  responses: {
    201: jsonResponse(ShareSchema, 'Shared: the hospital’s patient id and your token.'),
    200: jsonResponse(ShareSchema, 'Already shared for this visit: the same token.'),
    ...errorResponses(404, 502, 503, 504),
  },
})

export const shareProfileHandler: PatientHandler<typeof shareProfile> = async (c) => {
  const { db, integrations } = c.var.services
  const hospitalId = c.req.valid('param').hospital_id
  const counterId = (c.req.header('content-type') ? c.req.valid('json').counter_id : undefined) ?? null
  const [hospital, live] = await Promise.all([activeHospital(db, hospitalId), liveShare(db, c.var.patientId, hospitalId)])
  if (live) return c.json(toShare(live, hospital), 200)
  const profile = await profileOf(db, c.var.patientId)
  const token = await integrations.hmisFor(hmisLinkOf(hospital)).registerPatient({
    phr_patient_id: profile.id,
    name: profile.name,
    gender: profile.gender,
    date_of_birth: profile.date_of_birth,
    phone: profile.phone,
    email: profile.email,
    abha_number: profile.abha_number,
    abha_address: profile.abha_address,
    address: profile.address ? Object.fromEntries(Object.entries(profile.address).filter(([, v]) => typeof v === 'string')) : null,
    counter_id: counterId,
  })
  const expiresAt = new Date(token.token_expires_at)
  if (expiresAt <= new Date())
    throw new ApiError('upstream_error', 'The hospital system gave a token that has already expired.', { details: { service: 'HMIS' } })
  const share = await saveShare(db, {
    patientId: c.var.patientId,
    hospitalId,
    hmisPatientId: token.hmis_patient_id,
    tokenNumber: token.token_number,
    tokenExpiresAt: expiresAt,
    counterId,
  })
  return c.json(toShare(share, hospital), 201)
}
