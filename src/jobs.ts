import { erasureSteps, features } from './all-features'
import type { Job } from './core/types'
import { eraseDueAccounts } from './features/profile'

/** The cron jobs of every feature, and the outbox's sweeper; scheduled() runs those whose `cron` fired. */
export const jobs: Job[] = [
  ...features.flatMap((feature) => feature.jobs ?? []),
  // The profile feature's, with what every feature does for an erased account.
  { name: 'account erasure', cron: '17 * * * *', run: (services) => eraseDueAccounts(services, erasureSteps) },
  { name: 'outbox sweeper', cron: '* * * * *', run: async (services) => ({ sent_again: await services.outbox.sweep() }) },
]
