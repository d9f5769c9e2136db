import { z } from '@hono/zod-openapi'
import { normaliseEmail, normaliseIndianMobile } from '../../core/identifiers'
import { nullableRef } from '../../core/openapi'
import { profileAreas, relationships, type ManagementKind, type ProfileArea, type Relationship } from '../../db/schema'
import { genders, pastDate, PersonNameSchema } from '../profile'

const guid = (description: string, example: string) => z.guid().openapi({ description, example })

export const ProfileParams = z.object({
  id: guid('A profile (a patient id).', '6a1f8c0e-5b7d-4e2a-9c3f-1d2e3f4a5b6c').openapi({ param: { name: 'id', in: 'path' } }),
})
export const ManagementParams = z.object({
  id: guid('A management (or an invitation).', '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901').openapi({ param: { name: 'id', in: 'path' } }),
})

const Areas = z.array(z.enum(profileAreas)).openapi({
  description:
    'What a manager may see and do: `appointments` (doctors, bookings, symptom checks, ambulance, care packages), `medicines` (tracker, store), `records` (documents, consents), `vitals`, `profile` (details, notifications). A child’s manager has all.',
  example: ['appointments', 'medicines'],
})

export const ProfileSchema = z
  .object({
    id: z.guid().openapi({ example: '6a1f8c0e-5b7d-4e2a-9c3f-1d2e3f4a5b6c' }),
    name: z.string().nullable().openapi({ example: 'Aarav Verma' }),
    date_of_birth: z.string().date().nullable().openapi({ example: '2017-08-14' }),
    gender: z.string().nullable().openapi({ example: 'male' }),
    relationship: z
      .enum(['self', ...relationships])
      .openapi({ description: 'Who the profile is to the account: `self` for its own.', example: 'child' }),
    kind: z.enum(['self', 'dependant', 'invited', 'abha']).openapi({
      description:
        '`dependant`: a child’s profile this account made; `invited`: an adult who accepted; `abha`: another ABHA account on the mobile this account logged in with (ABHA login by mobile).',
      example: 'dependant',
    }),
    is_minor: z.boolean().openapi({ description: 'Under 18 today (the DPDP Act’s child).', example: true }),
    scopes: Areas,
    management_id: z.guid().nullable().openapi({ example: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901' }),
    current: z.boolean().openapi({ description: 'The profile the calling token acts on.', example: false }),
  })
  .openapi('Profile')

export const ProfileListSchema = z.object({ items: z.array(ProfileSchema) }).openapi('ProfileList')

/** A child's profile: who, and the declaration that the account's holder is the parent or guardian. */
export const ChildProfileCreateSchema = z
  .object({
    name: PersonNameSchema.openapi({ example: 'Aarav Verma' }),
    date_of_birth: pastDate.openapi({
      description: 'Under 18 today: another adult is managed only by invitation (POST /v1/profiles/invitations).',
      example: '2017-08-14',
    }),
    gender: z.enum(genders).openapi({ example: 'male' }),
    relationship: z.enum(['child', 'grandchild', 'sibling', 'other']).openapi({ example: 'child' }),
    guardian_declaration: z.literal(true).openapi({
      description: 'I am this child’s parent or lawful guardian (recorded with the time and this account).',
      example: true,
    }),
  })
  .strict()
  .openapi('ChildProfileCreate')

export const SwitchSchema = z
  .object({
    access_token: z.string().openapi({ example: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI2YTFm…' }),
    refresh_token: z.string().openapi({ example: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI2YTFm…' }),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().openapi({ example: 900 }),
    profile: ProfileSchema,
  })
  .openapi('ProfileSwitch')

const phoneOrEmail = {
  phone: z
    .string()
    .max(32)
    .transform(
      (value, ctx) =>
        normaliseIndianMobile(value) ?? (ctx.addIssue({ code: 'custom', message: 'must be an Indian mobile number' }), z.NEVER),
    )
    .optional()
    .openapi({ example: '+91 98220 12345' }),
  email: z
    .string()
    .max(320)
    .transform((value, ctx) => normaliseEmail(value) ?? (ctx.addIssue({ code: 'custom', message: 'must be an email address' }), z.NEVER))
    .optional()
    .openapi({ format: 'email', example: 'aarav.verma@example.in' }),
}
const oneOf = { message: 'send a phone or an email (one)', path: ['phone'] }

/** The login a body names: its phone or its email (the schemas let exactly one through). */
export const contactOf = (body: { phone?: string; email?: string }) =>
  body.phone ? ({ channel: 'phone', identifier: body.phone } as const) : ({ channel: 'email', identifier: body.email! } as const)

export const HandoverSchema = z
  .object(phoneOrEmail)
  .strict()
  .refine((body) => (body.phone === undefined) !== (body.email === undefined), oneOf)
  .openapi('ProfileLogin', { example: { phone: '+91 98220 12345' } })

export const InvitationCreateSchema = z
  .object({
    ...phoneOrEmail,
    relationship: z.enum(relationships).openapi({ example: 'parent' }),
    scopes: Areas.min(1).max(profileAreas.length),
  })
  .strict()
  .refine((body) => (body.phone === undefined) !== (body.email === undefined), oneOf)
  .openapi('InvitationCreate', {
    example: { phone: '+91 98220 12345', relationship: 'parent', scopes: ['appointments', 'medicines'] },
  })

export const InvitationAcceptSchema = z
  .object({
    scopes: Areas.min(1)
      .max(profileAreas.length)
      .optional()
      .openapi({ description: 'Narrow what was asked (never widen it); what was asked when omitted.', example: ['medicines'] }),
  })
  .strict()
  .openapi('InvitationAccept')

const person = z.object({ id: z.guid(), name: z.string().nullable() })

export const ManagementSchema = z
  .object({
    id: z.guid().openapi({ example: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901' }),
    status: z.enum(['invited', 'active', 'declined', 'ended']).openapi({ example: 'active' }),
    kind: z.enum(['dependant', 'invited', 'abha']).openapi({ example: 'invited' }),
    relationship: z.enum(relationships).openapi({ example: 'parent' }),
    scopes: Areas,
    manager: person.openapi({
      description: 'The account that manages.',
      example: { id: '0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f', name: 'Asha Verma' },
    }),
    profile: nullableRef(person).openapi({ description: 'The profile managed (null: an invitation not yet accepted).' }),
    invited: z.string().nullable().openapi({ description: 'Where an invitation went, masked.', example: '+91 ******2345' }),
    guardian_declared_at: z.string().datetime({ offset: true }).nullable().openapi({ example: null }),
    invite_expires_at: z.string().datetime({ offset: true }).nullable().openapi({ example: '2026-12-08T10:00:00.000Z' }),
    accepted_at: z.string().datetime({ offset: true }).nullable().openapi({ example: '2026-12-01T10:05:00.000Z' }),
    ended_at: z.string().datetime({ offset: true }).nullable().openapi({ example: null }),
    ended_reason: z.enum(['stopped_by_manager', 'ended_by_patient', 'came_of_age', 'account_erased']).nullable().openapi({ example: null }),
    created_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T10:00:00.000Z' }),
  })
  .openapi('Management')

export const ManagementListSchema = z.object({ items: z.array(ManagementSchema) }).openapi('ManagementList')

export const ActivitySchema = z
  .object({
    id: z.guid(),
    actor: person.openapi({
      description: 'The account that wrote.',
      example: { id: '0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f', name: 'Asha Verma' },
    }),
    operation: z.string().openapi({ example: 'createMedication' }),
    method: z.string().openapi({ example: 'POST' }),
    path: z.string().openapi({ example: '/v1/medications' }),
    status: z.number().int().openapi({ example: 201 }),
    created_at: z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T10:07:00.000Z' }),
  })
  .openapi('ProfileActivity')

export const ActivityListSchema = z
  .object({ items: z.array(ActivitySchema), next_cursor: z.string().nullable().openapi({ example: null }) })
  .openapi('ProfileActivityList')

export type ProfileRowView = {
  id: string
  name: string | null
  date_of_birth: string | null
  gender: string | null
  timezone: string
  relationship: Relationship | 'self'
  kind: ManagementKind | 'self'
  permissions: ProfileArea[]
  management_id: string | null
}
