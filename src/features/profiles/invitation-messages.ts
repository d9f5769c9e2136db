import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../core/db'
import { finishJob, jobOf, newJob, type JobHandlers, type OutboxJob } from '../../core/outbox'
import { outbox } from '../../db/schema'

// An invitation to manage someone's profile also goes to the phone or email it names: an outbox job
// written in the invitation's transaction, so a retried request never sends it twice and a failing
// SMS gateway or email service only delays it.

const KIND = 'send_profile_invitation'

/** The job that sends an invitation, for the inviting request's transaction. */
export async function insertInvitationJob(tx: Db, invitationId: string): Promise<OutboxJob> {
  const [job] = await tx
    .insert(outbox)
    .values(newJob({ kind: KIND, partitionKey: `invitation:${invitationId}`, subjectId: invitationId }))
    .returning()
  return jobOf(job!)
}

const until = (at: Date | string, timeZone: string) =>
  new Intl.DateTimeFormat('en-IN', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(at))

export const invitationJobs: JobHandlers = {
  [KIND]: {
    async run(services, job) {
      const { db, integrations } = services
      const [invitation] = await queryRows<{
        inviter: string | null
        channel: 'phone' | 'email'
        identifier: string
        scopes: string[]
        expires_at: Date | string
        timezone: string | null
      }>(
        db,
        sql`select a.name as inviter, m.invited_channel as channel, m.invited_identifier as identifier,
                   to_jsonb(m.permissions) as scopes, m.invite_expires_at as expires_at, a.timezone
            from profile_managers m left join patients a on a.id = m.manager_id
            where m.id = ${job.subjectId} and m.status = 'invited' and m.invite_expires_at > now()`,
      )
      if (!invitation) {
        await finishJob(db, job.id, 'done', 'nothing to send: the invitation was answered, withdrawn or has expired')
        return 'done'
      }
      const message = {
        inviter: invitation.inviter?.trim() || 'Someone you know',
        scopes: invitation.scopes.join(', '),
        until: until(invitation.expires_at, invitation.timezone ?? 'Asia/Kolkata'),
      }
      if (invitation.channel === 'phone') await integrations.sms.sendInvitation(invitation.identifier, message)
      else await integrations.email.sendInvitation(invitation.identifier, message)
      await finishJob(db, job.id, 'done')
      return 'done'
    },
    // Nothing to undo: the invitation stays open in the app, where the invitee sees it once logged in.
    giveUp: (services, job, reason) => finishJob(services.db, job.id, 'failed', reason),
  },
}
