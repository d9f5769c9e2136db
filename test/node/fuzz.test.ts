// Fuzzing every operation of the OpenAPI document over HTTP against `wrangler dev`: arbitrary JSON
// bodies (deep nesting, NUL bytes, lone surrogates, huge numbers, wrong types), query strings,
// multipart forms of random bytes, and hospital calls correctly signed over arbitrary bodies —
// with a patient's own ids in the paths where she has some, so that handlers are reached. The
// property: never a 5xx, every refusal in the error envelope, and every answer (status, body,
// headers) as /openapi.json documents it.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfDocument } from '../fixtures/documents'
import { formOf, ok, shareWith, startE2e, type E2e, type Patient, type Reply } from './harness/e2e'

let e2e: E2e
beforeAll(async () => {
  e2e = await startE2e()
}, 120_000)
afterAll(async () => {
  await e2e?.stop()
})

type Operation = {
  security?: Record<string, string[]>[]
  parameters?: { name: string; in: string }[]
  requestBody?: { content?: Record<string, unknown> }
  'x-html-page'?: boolean
}

const nasty = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u0000', '\ud800', 'a'.repeat(5000), '../../etc/passwd', "' or 1=1 --", '{{7*7}}', '%00', '<script>alert(1)</script>'),
  fc.double(),
  fc.integer(),
  fc.bigInt().map((n) => Number(n)),
  fc.boolean(),
  fc.constant(null),
)
const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.dictionary(
    fc.string({ maxLength: 20 }),
    fc.oneof(nasty, fc.array(nasty, { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 8 }), nasty)),
  ),
)
const bytes = fc.uint8Array({ maxLength: 4096 })

/** The patient's own ids by collection (the path up to the first parameter), to put in paths. */
async function ownIds(patient: Patient, collections: string[]) {
  const ids = new Map<string, string>()
  for (const collection of collections) {
    const reply = await patient.get(`${collection}?limit=1`)
    const item = reply.json?.items?.[0]
    const id = item && (item.id ?? item.share_id)
    if (typeof id === 'string') ids.set(collection, id)
  }
  return ids
}

describe('fuzzing every operation from the OpenAPI document', () => {
  it('never answers 5xx; refusals are in the envelope; every answer is as documented', async () => {
    const asha = await e2e.patient()
    // Something of her own behind most ids: a share, a check, a medicine, a record.
    await shareWith(asha)
    ok(await asha.post('/v1/symptom-checks', { symptom_codes: ['fever'] }), 201)
    ok(
      await asha.post('/v1/medications', {
        name: 'Metformin 500 mg',
        dosage: '1 tablet',
        timings: ['after_breakfast'],
        start_date: '2026-11-01',
      }),
      201,
    )
    ok(await asha.upload('/v1/records', formOf('file', pdfDocument({ title: 'Fuzz' }), 'a.pdf', { title: 'Fuzz', type: 'report' })), 201)

    const doc = e2e.doc as unknown as { paths: Record<string, Record<string, Operation>> }
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ path, method: method.toUpperCase(), op, scheme: Object.keys(op.security?.[0] ?? {})[0] ?? 'none' })),
    )
    const collections = [
      ...new Set(
        operations.filter((o) => o.scheme === 'bearerAuth' && o.path.includes('{')).map((o) => o.path.slice(0, o.path.indexOf('/{'))),
      ),
    ]
    const ids = await ownIds(asha, collections)
    const pathOf = (template: string) =>
      template.replace(/\{[^}]+\}/g, () => ids.get(template.slice(0, template.indexOf('/{'))) ?? crypto.randomUUID())
    const hmis = e2e.hospital('sahyadri')

    const failures: string[] = []
    // A page for people (x-html-page) refuses with a page: text/html, with a body.
    const pages = new Set(operations.filter((o) => o.op['x-html-page']).map((o) => `${o.method} ${o.path}`))
    const htmlPage = (label: string, reply: Reply) =>
      [...pages].some((p) => label === p || label.startsWith(`${p} `)) &&
      /^text\/html/.test(reply.headers.get('content-type') ?? '') &&
      reply.bytes.length > 0
    const seen = new Map<number, number>()
    // Records what is wrong with an answer; anything thrown (a reset connection, a body that is not
    // JSON) fails the property, and so the test, with fast-check's counterexample.
    const check = async (label: string, reply: Reply, input: unknown) => {
      seen.set(reply.status, (seen.get(reply.status) ?? 0) + 1)
      const text = JSON.stringify(input)?.slice(0, 160)
      if (reply.status >= 500)
        failures.push(`${label} → ${reply.status}: ${text} ${JSON.stringify(reply.json)?.slice(0, 200)}\n${await e2e.logOf(reply)}`)
      else if (reply.status >= 400 && typeof reply.json?.error?.code !== 'string' && !htmlPage(label, reply))
        failures.push(`${label} → ${reply.status} without the envelope`)
    }
    let fuzzed = 0
    for (const r of operations) {
      // The WebSocket upgrade, the documents themselves and the development outbox are not for fuzzing.
      if (r.path.endsWith('/ws') || r.path === '/openapi.json' || r.path.startsWith('/dev/')) continue
      const content = r.op.requestBody?.content ?? {}
      const query = (r.op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
      const label = `${r.method} ${r.path}`
      const send = async (payload: unknown, params: Record<string, string>, file: Uint8Array) => {
        const path = `${pathOf(r.path)}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`
        if (r.scheme === 'hmisSignature') return hmis(r.method, path, r.method === 'GET' ? undefined : payload)
        const client = r.scheme === 'bearerAuth' ? asha : e2e.client()
        if (content['multipart/form-data']) {
          const form = formOf('file', file, 'f.bin', { title: (JSON.stringify(payload) ?? 'x').slice(0, 50), type: 'report' })
          form.append('audio', new File([file], 'a.m4a'))
          form.append('prescription', new File([file], 'rx'))
          form.append('image', new File([file], 'qr.png'))
          return client.upload(path, form)
        }
        if (content['application/json']) {
          return client.call(r.method, path, {
            body: new TextEncoder().encode(JSON.stringify(payload)),
            headers: { 'content-type': 'application/json' },
          })
        }
        if (content['application/pdf'] || Object.keys(content).length) {
          return client.call(r.method, path, { body: file, headers: { 'content-type': Object.keys(content)[0]! } })
        }
        return client.call(r.method, path)
      }
      fuzzed++
      await fc.assert(
        fc.asyncProperty(
          jsonBody,
          fc.dictionary(fc.constantFrom(...(query.length ? query : ['x'])), fc.string({ maxLength: 40 })),
          bytes,
          async (payload, params, file) =>
            check(
              `${label} ${new URLSearchParams(params as Record<string, string>)}`,
              await send(payload, params as Record<string, string>, file),
              payload,
            ),
        ),
        { numRuns: 8, endOnFailure: true },
      )
    }
    expect(fuzzed).toBeGreaterThanOrEqual(80)
    expect(failures).toEqual([])
    // The fuzzer got past the doors: answers of every kind, not only 400s.
    for (const status of [200, 400, 404, 415]) expect(seen.get(status) ?? 0, JSON.stringify([...seen])).toBeGreaterThan(0)
    expect(e2e.problems).toEqual([])
  }, 300_000)
})
