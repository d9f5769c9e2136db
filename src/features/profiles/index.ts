import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { chooseAbhaAccount, chooseAbhaAccountHandler } from './abha-accounts'
import { comeOfAge, handOverProfile, handOverProfileHandler, keepManagement, keepManagementHandler } from './coming-of-age'
import { invitationJobs } from './invitation-messages'
import * as invitations from './invitations'
import * as managers from './managers'
import * as profiles from './profiles'

export const profilesFeature: Feature = {
  tags: [
    {
      name: 'Profiles',
      description:
        'Families on one phone: an account manages its own profile, its children’s (declared as their guardian) and adults who accepted its invitation; a switch gives tokens for one profile, and every route then acts on it, within what its manager may do.',
    },
  ],
  routes: () =>
    createRouter()
      .openapi(chooseAbhaAccount, chooseAbhaAccountHandler)
      .openapi(profiles.listMyProfiles, profiles.listMyProfilesHandler)
      .openapi(profiles.createChild, profiles.createChildHandler)
      .openapi(invitations.inviteAdult, invitations.inviteAdultHandler)
      .openapi(invitations.listInvitations, invitations.listInvitationsHandler)
      .openapi(invitations.acceptInvitation, invitations.acceptInvitationHandler)
      .openapi(invitations.declineInvitation, invitations.declineInvitationHandler)
      .openapi(managers.cancelInvitation, managers.cancelInvitationHandler)
      .openapi(managers.listManagers, managers.listManagersHandler)
      .openapi(managers.endManagement, managers.endManagementHandler)
      .openapi(keepManagement, keepManagementHandler)
      .openapi(managers.listProfileActivity, managers.listProfileActivityHandler)
      .openapi(profiles.switchProfile, profiles.switchProfileHandler)
      .openapi(handOverProfile, handOverProfileHandler)
      .openapi(profiles.stopManaging, profiles.stopManagingHandler),
  jobs: [{ name: 'children turning 18', cron: '17 * * * *', run: comeOfAge }],
  outbox: invitationJobs,
}
