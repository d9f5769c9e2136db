// Every setting lives in a config file (a customer rule): wrangler.toml [vars] or
// .dev.vars.example, and the README's configuration table.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { configSchema, EXAMPLE_SECRETS } from '../../src/core/config'

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url).pathname, 'utf8')

describe('configuration', () => {
  const settings = Object.keys(configSchema.shape)

  it('names every setting in wrangler.toml or .dev.vars.example, and in the README', () => {
    const files = read('wrangler.toml') + read('.dev.vars.example')
    const readme = read('README.md')
    expect(settings.length).toBeGreaterThan(20)
    for (const setting of settings) {
      expect(files, `${setting} in wrangler.toml or .dev.vars.example`).toMatch(new RegExp(`^#?\\s*${setting}\\s*=`, 'm'))
      expect(readme, `${setting} in the README`).toContain(`\`${setting}\``)
    }
  })

  it('makes the top level of wrangler.toml (a bare `wrangler deploy`) a deployed environment with real providers', () => {
    const topLevel = read('wrangler.toml').split(/^\[env\./m)[0]!
    expect(topLevel).toMatch(/^ENVIRONMENT = "staging"$/m)
    expect(topLevel).toMatch(/^SMS_PROVIDER = "msg91"$/m)
    expect(topLevel).toMatch(/^EMAIL_PROVIDER = "resend"$/m)
    expect(read('wrangler.toml')).toMatch(/^\[env\.development\.vars\]\nENVIRONMENT = "development"$/m)
  })

  it('refuses in staging and production exactly the secrets .dev.vars.example ships', () => {
    const example = Object.fromEntries(
      read('.dev.vars.example')
        .split('\n')
        .map((line) => line.match(/^([A-Z0-9_]+)=(.+)$/))
        .filter((m): m is RegExpMatchArray => Boolean(m))
        .map((m) => [m[1]!, m[2]!]),
    )
    expect(EXAMPLE_SECRETS).toEqual(example)
  })

  it('delivers the outbox through a queue in every environment, with a dead-letter queue and retries beyond the attempt cap', () => {
    const toml = read('wrangler.toml')
    const maxAttempts = configSchema.shape.OUTBOX_MAX_ATTEMPTS.unwrap().maxValue!
    for (const env of ['', 'env.development.', 'env.production.']) {
      const producer = toml.match(
        new RegExp(`^\\[\\[${env.replace(/\./g, '\\.')}queues\\.producers\\]\\]\\nbinding = "OUTBOX_QUEUE"\\nqueue = "([a-z-]+)"$`, 'm'),
      )
      expect(producer, `${env || 'top level'}: the OUTBOX_QUEUE producer`).not.toBeNull()
      const queue = producer![1]!
      const consumer = toml.match(new RegExp(`^queue = "${queue}"\\n((?:[a-z_]+ = .+\\n)+)`, 'm'))?.[1] ?? ''
      expect(Number(consumer.match(/^max_retries = (\d+)$/m)?.[1]), `${queue}: max_retries`).toBeGreaterThan(maxAttempts)
      expect(consumer).toMatch(new RegExp(`^dead_letter_queue = "${queue}-dlq"$`, 'm'))
      expect(toml).toMatch(new RegExp(`^\\[\\[${env.replace(/\./g, '\\.')}queues\\.consumers\\]\\]\\nqueue = "${queue}-dlq"$`, 'm'))
    }
  })
})
