import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import pkg from '../package.json'
import worker from '../src/index'
import { HealthSchema } from '../src/features/health/routes'
import { loginByPhone } from './fixtures/auth'
import { expectError, newClient } from './harness/client'
import { hmisCall } from './harness/hmis'
import { exampleFor, operationsOf, type OpenApiDocument } from './harness/openapi'

async function servedDocument(environment?: string): Promise<OpenApiDocument> {
  const ctx = createExecutionContext()
  const response = await worker.fetch(
    new Request('https://phr.test/openapi.json'),
    { ...env, ...(environment ? { ENVIRONMENT: environment } : {}) },
    ctx,
  )
  await waitOnExecutionContext(ctx)
  expect(response.status).toBe(200)
  return (await response.json()) as OpenApiDocument
}

describe('operations', () => {
  it('GET /health reports the database and the version', async () => {
    const response = await newClient().get('/health')
    expect(response.status).toBe(200)
    const body = HealthSchema.parse(await response.json())
    expect(body.version).toBe(pkg.version)
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers.get('server-timing')).toContain('1 round trips')
  })

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const echoed = await newClient().get('/health', { headers: { 'x-request-id': 'trace-1234abcd' } })
    expect(echoed.headers.get('x-request-id')).toBe('trace-1234abcd')
    await echoed.body?.cancel()
    const replaced = await newClient().get('/health', { headers: { 'x-request-id': '<script>' } })
    expect(replaced.headers.get('x-request-id')).not.toBe('<script>')
    await replaced.body?.cancel()
  })

  it('/docs is Swagger UI from this Worker’s own files, under a Content-Security-Policy of this origin only', async () => {
    const response = await newClient().get('/docs')
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self';/)
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    expect(sources).toEqual(['/docs/assets/swagger-ui.css', '/docs/assets/swagger-ui-bundle.js', '/docs/assets/docs.js'])
    expect(html).toMatch(/integrity="sha384-/)
    expect(html).not.toMatch(/<script>/)
    // The files themselves are static assets, which this pool does not serve: the Chromium test of /docs loads them from wrangler dev.
  })

  it('unknown routes answer 404 in the error envelope', async () => {
    await expectError(await newClient().get('/v1/nope'), 404, 'not_found')
  })

  it('a body that is not JSON answers 400, not 500', async () => {
    const response = await newClient().post('/v1/auth/otp', '{"channel": "phone",', {})
    await expectError(response, 400, 'malformed_body')
  })

  it('a missing or malformed setting answers 500 naming it, without its value', async () => {
    const request = new Request('https://phr.test/health')
    const ctx = createExecutionContext()
    const response = await worker.fetch(request, { ...env, JWT_SECRET: 'short', DATABASE_URL: undefined }, ctx)
    await waitOnExecutionContext(ctx)
    const error = await expectError(response, 500, 'config_invalid')
    expect(error.message).toContain('JWT_SECRET')
    expect(error.message).toContain('DATABASE_URL')
    expect(error.message).not.toContain('short')
    expect((error.details as { request_id: string }).request_id).toBe(response.headers.get('x-request-id'))
  })

  it('/dev/outbox exists only when ENVIRONMENT=development', async () => {
    const ctx = createExecutionContext()
    const response = await worker.fetch(new Request('https://phr.test/dev/outbox'), { ...env, ENVIRONMENT: 'staging' }, ctx)
    await waitOnExecutionContext(ctx)
    await expectError(response, 404, 'not_found')
  })
})

describe('the OpenAPI document, operation by operation', () => {
  it('is OpenAPI 3.1 with tags, contact, license, servers and the bearer scheme', async () => {
    const doc = await servedDocument()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.contact).toBeDefined()
    expect(doc.info.license).toBeDefined()
    expect(doc.servers.length).toBeGreaterThan(0)
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    for (const tag of doc.tags) expect(tag.description, tag.name).toBeTruthy()
  })

  it('gives every operation an operationId, a declared tag, security, examples and its error responses', async () => {
    const doc = await servedDocument()
    const tags = new Set(doc.tags.map((t) => t.name))
    const ids = new Set<string>()
    for (const { method, path, operation } of operationsOf(doc)) {
      const where = `${method.toUpperCase()} ${path}`
      expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/)
      expect(ids.has(operation.operationId), `${where}: duplicate operationId`).toBe(false)
      ids.add(operation.operationId)
      expect(
        operation.tags?.every((t) => tags.has(t)),
        where,
      ).toBe(true)
      expect(Array.isArray(operation.security), `${where}: security must be declared ([] when public)`).toBe(true)
      for (const [status, response] of Object.entries(operation.responses)) {
        // A page for people (the dispatcher's) answers its refusals as pages; everything else in the envelope.
        if (Number(status) >= 400 && operation['x-html-page'] && response.content?.['text/html']) continue
        if (Number(status) >= 400) expect(response.$ref, `${where} ${status}`).toMatch(/^#\/components\/responses\//)
        else expect(response.headers?.['x-request-id'], `${where} ${status}: x-request-id`).toBeDefined()
      }
      expect(operation.responses['500'], `${where}: 500`).toBeDefined()
      if (operation.security?.length) expect(operation.responses['401'], `${where}: 401`).toBeDefined()
      if (operation.requestBody) {
        for (const status of ['400', '413', '415']) expect(operation.responses[status], `${where}: ${status}`).toBeDefined()
        const [content] = Object.values(operation.requestBody.content)
        expect(exampleFor(doc, content!.schema), `${where}: request example`).toBeDefined()
      }
    }
    for (const [name, response] of Object.entries(doc.components.responses)) {
      expect(response.headers?.['x-request-id'], name).toBeDefined()
      const schema = doc.components.schemas[`${name}Error`]
      expect(schema?.properties?.error?.properties?.code?.enum?.length, `${name}: code enum`).toBeGreaterThan(0)
    }
  })

  it("answers each operation's Swagger example with anything but a validation error, hospital calls signed", async () => {
    const doc = await servedDocument()
    const login = await loginByPhone()
    // A symptom check made from its own example, so that the answers and history examples meet a real questionnaire.
    const create = operationsOf(doc).find((o) => o.path === '/v1/symptom-checks' && o.method === 'post')!
    const made = await login.client.post(
      '/v1/symptom-checks',
      exampleFor(doc, create.operation.requestBody!.content['application/json']!.schema),
      { token: login.access_token },
    )
    expect(made.status).toBe(201)
    const checkId = ((await made.json()) as { id: string }).id
    let signed = 0
    for (const { method, path, operation } of operationsOf(doc)) {
      // Multipart-only bodies carry a file Swagger cannot invent; their schemas are checked above.
      const json = operation.requestBody?.content['application/json']
      if (!json) continue
      const body = exampleFor(doc, json.schema)
      const url =
        path.startsWith('/v1/symptom-checks/{id}') && method === 'put'
          ? path.replace('{id}', checkId)
          : path.replace(/\{[^}]+\}/g, crypto.randomUUID())
      const scheme = Object.keys(operation.security?.[0] ?? {})[0]
      const response =
        scheme === 'hmisSignature'
          ? (signed++, (await hmisCall('sahyadri', method.toUpperCase(), url, body)).response)
          : await login.client.call(method.toUpperCase(), url, { body, token: scheme ? login.access_token : undefined })
      const answer = await response.text()
      expect(
        // A signed hospital call must get past its signature: its 401 would hide the validation.
        [400, 413, 415, 500, ...(scheme === 'hmisSignature' ? [401] : [])].includes(response.status),
        `${method.toUpperCase()} ${path} with ${JSON.stringify(body)}: ${response.status} ${answer}`,
      ).toBe(false)
    }
    expect(signed).toBeGreaterThanOrEqual(4)
  })

  it('refuses every patient operation without a token and with a refresh token', async () => {
    const doc = await servedDocument()
    const login = await loginByPhone()
    for (const { method, path, operation } of operationsOf(doc)) {
      if (!operation.security?.length) continue
      const url = path.replace(/\{[^}]+\}/g, crypto.randomUUID())
      // A hospital route wants its signature headers: a bearer token is no signature.
      const code = Object.keys(operation.security[0]!)[0] === 'hmisSignature' ? 'signature_invalid' : 'unauthorized'
      await expectError(await login.client.call(method.toUpperCase(), url), 401, code)
      await expectError(await login.client.call(method.toUpperCase(), url, { token: login.refresh_token }), 401, code)
    }
  })

  it('documents development-only operations only in the development document', async () => {
    expect((await servedDocument()).paths['/dev/outbox']).toBeDefined()
    expect((await servedDocument('staging')).paths['/dev/outbox']).toBeUndefined()
  })
})
