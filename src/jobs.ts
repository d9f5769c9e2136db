import { features } from './app'
import type { Job } from './core/types'

/** The cron jobs of every feature; scheduled() runs those whose `cron` fired. */
export const jobs: Job[] = features.flatMap((feature) => feature.jobs ?? [])
