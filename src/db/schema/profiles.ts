import { pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, paginatedCreatedAt, timestamptz } from './columns'

export const relationships = ['child', 'parent', 'spouse', 'sibling', 'grandparent', 'grandchild', 'other'] as const
export type Relationship = (typeof relationships)[number]

/** What a manager may see and do for a profile; a child's manager may do all. */
export const profileAreas = ['appointments', 'medicines', 'records', 'vitals', 'profile'] as const
export type ProfileArea = (typeof profileAreas)[number]

export type ManagementKind = 'dependant' | 'invited' | 'abha'
export type ManagementStatus = 'invited' | 'active' | 'declined' | 'ended'
export type ManagementEnd = 'stopped_by_manager' | 'ended_by_patient' | 'came_of_age' | 'account_erased'

/**
 * An account managing a profile (migration 0035): a child's profile it made (`dependant`, with the
 * guardian declaration), or an adult who accepted its invitation (`invited`, within `permissions`).
 */
export const profileManagers = pgTable('profile_managers', {
  id: uuid('id').primaryKey(),
  managerId: uuid('manager_id').notNull(),
  /** Null until an invitation is accepted. */
  patientId: uuid('patient_id'),
  relationship: text('relationship').$type<Relationship>().notNull(),
  kind: text('kind').$type<ManagementKind>().notNull(),
  status: text('status').$type<ManagementStatus>().notNull(),
  permissions: text('permissions').array().$type<ProfileArea[]>().notNull(),
  guardianDeclaredAt: timestamptz('guardian_declared_at'),
  invitedChannel: text('invited_channel').$type<'phone' | 'email'>(),
  invitedIdentifier: text('invited_identifier'),
  inviteExpiresAt: timestamptz('invite_expires_at'),
  acceptedAt: timestamptz('accepted_at'),
  endedAt: timestamptz('ended_at'),
  endedBy: uuid('ended_by'),
  endedReason: text('ended_reason').$type<ManagementEnd>(),
  createdAt: createdAt(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
})

export type ProfileManagerRow = typeof profileManagers.$inferSelect

/** A write one account made for another profile: the subject (patient_id) and the actor. */
export const profileActivity = pgTable('profile_activity', {
  id: uuid('id').primaryKey(),
  patientId: uuid('patient_id').notNull(),
  actorId: uuid('actor_id').notNull(),
  managementId: uuid('management_id').notNull(),
  operation: text('operation').notNull(),
  method: text('method').notNull(),
  path: text('path').notNull(),
  status: smallint('status').notNull(),
  createdAt: paginatedCreatedAt(),
})
