import { features } from './all-features'
import type { Job } from './core/types'

/** The cron jobs of every feature, and the outbox's sweeper; scheduled() runs those whose `cron` fired. */
export const jobs: Job[] = [
  ...features.flatMap((feature) => feature.jobs ?? []),
  { name: 'outbox sweeper', cron: '* * * * *', run: async (services) => ({ sent_again: await services.outbox.sweep() }) },
]
