import { z } from '@hono/zod-openapi'
import { ApiError, invalidField } from '../../core/errors'
import { errorResponses, jsonBody, jsonResponse } from '../../core/openapi'
import { sessionClient } from '../../core/request'
import { publicRoute, type PublicHandler } from '../../core/routes'
import type { Services } from '../../core/types'
import type { AbdmUserToken, AbhaProfile } from '../../integrations/abdm/port'
import { closeAbhaChoice, keepAbdmSession, LoginSchema, openAbhaChoice, patientForAbha, signIn } from '../auth'
import { tellOfManagement } from './invitations'
import { manageAbhaProfile } from './store'

// ABHA login by mobile, second step: POST /v1/auth/abha/verify listed the ABHA accounts ABDM has
// on the number (a family often shares one); the person signs in as one and may add others as profiles of
// that account. ABDM signs any of them in with that mobile's OTP, so the account manages them in
// every area; each added person is told, sees who manages them and can end it (DELETE /v1/me/managers/{id}).

const abhaAddress = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{1,64}@[a-z]{2,20}$/, 'must be an ABHA address such as name@abdm')

const AbhaChooseSchema = z
  .object({
    choice_token: z
      .string()
      .min(16)
      .max(128)
      .openapi({ description: 'From POST /v1/auth/abha/verify.', example: 'mJ3k9c2VxQk8wY2F0ZS1mYWtlLXRva2VuLWZvci1zd2FnZ2Vy' }),
    abha_address: abhaAddress.openapi({ description: 'The account to sign in as: one of those listed.', example: 'asha.verma@sbx' }),
    add_profiles: z
      .array(abhaAddress)
      .max(10)
      .default([])
      .openapi({
        description: 'Other listed accounts to add as profiles of the account signed in (a family sharing one mobile).',
        example: ['ramesh.verma@sbx', 'aarav.verma@sbx'],
      }),
  })
  .strict()
  .openapi('AbhaAccountChoose')

const AbhaLoginSchema = LoginSchema.extend({
  profiles_added: z
    .array(
      z.object({
        profile_id: z.guid(),
        management_id: z.guid(),
        abha_address: z.string(),
        name: z.string().nullable(),
      }),
    )
    .openapi({
      description: 'Profiles this account now manages (switch with POST /v1/profiles/{id}/switch).',
      example: [
        {
          profile_id: '6a1f8c0e-5b7d-4e2a-9c3f-1d2e3f4a5b6c',
          management_id: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901',
          abha_address: 'ramesh.verma@sbx',
          name: 'Ramesh Verma',
        },
      ],
    }),
  profiles_not_added: z.array(z.object({ abha_address: z.string(), reason: z.enum(['profile_limit', 'same_person']) })).openapi({
    description:
      '`profile_limit`: the account manages PROFILES_MAX profiles already; `same_person`: that address signs in this very account.',
    example: [],
  }),
}).openapi('AbhaLogin')

export const chooseAbhaAccount = publicRoute({
  method: 'post',
  path: '/v1/auth/abha/choose',
  operationId: 'chooseAbhaAccount',
  tags: ['Auth'],
  summary: 'Sign in as one of the ABHA accounts on a mobile, and add others as profiles',
  description:
    'After POST /v1/auth/abha/verify, within `expires_in` of it (404 `challenge_not_found` for an unknown token; 409 `otp_expired` once ABDM no longer accepts the choice; 409 `otp_already_used` when made already). An address not listed → 400.',
  request: { body: jsonBody(AbhaChooseSchema) },
  responses: {
    200: jsonResponse(AbhaLoginSchema, 'Logged in; the profiles added.'),
    ...errorResponses(404, 409, 429, 502, 503, 504),
  },
})

export const chooseAbhaAccountHandler: PublicHandler<typeof chooseAbhaAccount> = async (c) => {
  const { choice_token, abha_address, add_profiles } = c.req.valid('json')
  const services = c.var.services
  const client = sessionClient(c)
  const choice = await openAbhaChoice(services, choice_token, client.clientIp)
  const listed = new Map(choice.accounts.map((account) => [account.abhaAddress, account]))
  if (!listed.has(abha_address)) throw invalidField('json', 'abha_address', 'is not one of the ABHA accounts ABDM listed for this mobile')
  const others = [...new Set(add_profiles)].filter((address) => address !== abha_address)
  const unknown = others.findIndex((address) => !listed.has(address))
  if (unknown >= 0) throw invalidField('json', `add_profiles.${unknown}`, 'is not one of the ABHA accounts ABDM listed for this mobile')

  const abha = services.integrations.abha
  const chosen = await abha.chooseAccount(choice.txnId, choice.transferToken, abha_address)
  if (!chosen) throw new ApiError('otp_expired', 'ABDM no longer accepts this choice: ask for a new code.')
  if (!(await closeAbhaChoice(services, choice.challengeId)))
    throw new ApiError('otp_already_used', 'An account was already chosen with this login.')
  const login = await signIn(
    services,
    { identity: { channel: 'abha_address', identifier: abha_address }, abhaProfile: chosen.profile, abdmToken: chosen.userToken },
    client,
  )

  // The others' full profiles (and their ABDM user tokens, so the manager can answer their consent
  // requests) through the same transfer token; where ABDM refuses a second use, what its list said
  // of them (address, number, name) is all we keep.
  const profiles = await Promise.all(
    others.map(async (address): Promise<{ profile: AbhaProfile; userToken?: AbdmUserToken }> => {
      const listing = listed.get(address)!
      const fromList = { abhaAddress: address, abhaNumber: listing.abhaNumber, name: listing.name }
      const full = await abha.chooseAccount(choice.txnId, choice.transferToken, address).catch((error: unknown) => {
        services.log.log('warn', 'ABDM did not give a listed ABHA profile; adding it from the list', { error: String(error) })
        return undefined
      })
      return full ?? { profile: fromList }
    }),
  )
  const added: z.infer<typeof AbhaLoginSchema>['profiles_added'] = []
  const notAdded: z.infer<typeof AbhaLoginSchema>['profiles_not_added'] = []
  for (const { profile, userToken } of profiles) {
    const outcome = await addAbhaProfile(services, login.patient, profile)
    if (outcome.added) {
      added.push(outcome.added)
      if (userToken) await keepAbdmSession(services.db, services.config, outcome.added.profile_id, profile.abhaAddress!, userToken)
    } else notAdded.push({ abha_address: profile.abhaAddress!, reason: outcome.reason })
  }
  return c.json({ ...login, profiles_added: added, profiles_not_added: notAdded }, 200)
}

/** One listed ABHA account as a profile of the account: its patient (made if new), the management, and word to them. */
async function addAbhaProfile(services: Services, account: { id: string; name: string | null }, profile: AbhaProfile) {
  const { db, config } = services
  const address = profile.abhaAddress!
  const { patient } = await patientForAbha(db, { channel: 'abha_address', identifier: address }, profile, { login: false })
  if (patient.id === account.id) return { reason: 'same_person' as const }
  const management = await manageAbhaProfile(db, account.id, patient.id, config.PROFILES_MAX)
  if (!management) return { reason: 'profile_limit' as const }
  if (management.created)
    await tellOfManagement(
      db,
      patient.id,
      management.managementId,
      `${account.name ?? 'An account'} now manages your profile, from the ABHA accounts on your shared mobile`,
      `management:${management.managementId}:active`,
      'They can see and do everything for you in this app. To stop it, open Family profiles → Who manages me.',
    )
  return { added: { profile_id: patient.id, management_id: management.managementId, abha_address: address, name: patient.name } }
}
