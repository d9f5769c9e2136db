import { createRouter } from '../../core/routes'
import type { Feature } from '../../core/types'
import { listChanges, listChangesHandler, pruneChanges } from './changes'

export const syncFeature: Feature = {
  tags: [
    {
      name: 'Sync',
      description:
        'For an app that caches: the change feed (what to read again after being offline), with ETag / If-None-Match on every GET and If-Match on profile, medication and routine writes.',
    },
  ],
  routes: () => createRouter().openapi(listChanges, listChangesHandler),
  jobs: [
    {
      name: 'change feed pruning',
      cron: '17 * * * *',
      run: (services) => pruneChanges(services.db, services.config.CHANGES_RETENTION_DAYS),
    },
  ],
}
