import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { workerBindings, type Inject } from './test/bindings.ts'

function workersProject(name: string, driver: 'neon-ws' | 'tcp', include: string[]) {
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: './wrangler.toml', environment: 'development' },
        miniflare: {
          bindings: workerBindings(inject as Inject, driver),
          ...(driver === 'tcp' ? { hyperdrives: { HYPERDRIVE: inject('databaseUrl') } } : {}),
        },
      })),
    ],
    test: {
      name,
      include,
      // pg's CommonJS files would get pg-protocol's ESM entry in the Workers pool
      // (brianc/node-postgres#3700): pg is bundled for the tests, as wrangler bundles it for the Worker.
      deps: {
        optimizer: {
          ssr: {
            enabled: true,
            include: ['pg'],
            rolldownOptions: {
              external: [
                /^node:/,
                /^cloudflare:/,
                'events',
                'net',
                'tls',
                'crypto',
                'util',
                'util/types',
                'stream',
                'dns',
                'fs',
                'path',
                'string_decoder',
              ],
            },
          },
        },
      },
      exclude: ['test/node/**', 'node_modules/**'],
      testTimeout: 20_000,
    },
  }
}

export default defineConfig({
  test: {
    globalSetup: ['./test/global-setup.ts'],
    projects: [
      workersProject('neon-ws', 'neon-ws', ['test/**/*.test.ts']),
      workersProject('tcp', 'tcp', ['test/drivers.test.ts']),
      { test: { name: 'node', include: ['test/node/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
    ],
  },
})
