// Fuzzing from the OpenAPI document: every route that takes a JSON body gets arbitrary JSON
// (deep nesting, NUL bytes, lone surrogates, huge numbers, wrong types) with a valid token, and
// every query-taking GET arbitrary query strings. The property: never a 5xx, and every refusal
// in the error envelope with a request id.
import { SELF } from 'cloudflare:test'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loginByPhone } from './fixtures/auth'
import { ErrorEnvelopeSchema } from './harness/client'

type Operation = {
  security?: Record<string, string[]>[]
  parameters?: { name: string; in: string; schema?: { format?: string } }[]
  requestBody?: { content?: Record<string, unknown> }
}

async function routes() {
  const doc = (await (await SELF.fetch('https://phr.test/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> }
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .filter(([, op]) => Object.keys(op.security?.[0] ?? {})[0] === 'bearerAuth')
      .map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  )
}

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, () => crypto.randomUUID())

const nasty = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u0000', '\ud800', 'a'.repeat(5000), '../../etc/passwd', "' or 1=1 --", '{{7*7}}', '%00'),
  fc.double(),
  fc.integer(),
  fc.bigInt().map((n) => Number(n)),
  fc.boolean(),
  fc.constant(null),
)
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.dictionary(
    fc.string({ maxLength: 20 }),
    fc.oneof(nasty, fc.array(nasty, { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 8 }), nasty)),
  ),
)

describe('fuzzing every patient route from the OpenAPI document', () => {
  it('never answers 5xx to arbitrary JSON bodies and query strings; refusals are in the envelope', async () => {
    const { access_token: token } = await loginByPhone()
    const all = await routes()
    const failures: string[] = []
    let fuzzed = 0
    for (const r of all) {
      const json = Boolean(r.op.requestBody?.content?.['application/json'])
      const query = (r.op.parameters ?? []).filter((p) => p.in === 'query')
      if (!json && query.length === 0) continue
      fuzzed++
      await fc
        .assert(
          fc.asyncProperty(
            body,
            fc.dictionary(fc.constantFrom(...(query.length ? query.map((q) => q.name) : ['x'])), fc.string({ maxLength: 40 })),
            async (payload, params) => {
              const search = query.length ? `?${new URLSearchParams(params as Record<string, string>)}` : ''
              const response = await SELF.fetch(`https://phr.test${concrete(r.path)}${search}`, {
                method: r.method,
                headers: {
                  authorization: `Bearer ${token}`,
                  'cf-connecting-ip': `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
                  ...(json ? { 'content-type': 'application/json' } : {}),
                },
                body: json ? JSON.stringify(payload) : undefined,
              })
              const text = await response.text()
              if (response.status >= 500) {
                failures.push(`${r.method} ${r.path} → ${response.status}: ${JSON.stringify(payload).slice(0, 200)} ${text.slice(0, 200)}`)
                return false
              }
              let parsed: unknown = null
              try {
                parsed = JSON.parse(text)
              } catch {
                // not JSON: refused below
              }
              if (response.status >= 400 && !ErrorEnvelopeSchema.safeParse(parsed).success) {
                failures.push(`${r.method} ${r.path} → ${response.status} without the envelope`)
                return false
              }
              return true
            },
          ),
          { numRuns: 12, endOnFailure: true },
        )
        .catch(() => {})
    }
    expect(fuzzed).toBeGreaterThanOrEqual(40)
    expect(failures).toEqual([])
  }, 240_000)
})
