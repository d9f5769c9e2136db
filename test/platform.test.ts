import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import pkg from '../package.json'
import worker from '../src/index'
import { HealthSchema } from '../src/features/health/routes'
import { expectError, newClient } from './helpers'

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

  it('/openapi.json is OpenAPI 3.1 with every route, the bearer scheme and error bodies', async () => {
    const doc = (await (await newClient().get('/openapi.json')).json()) as any
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    for (const [method, path] of [
      ['get', '/health'],
      ['post', '/v1/auth/otp'],
      ['post', '/v1/auth/otp/verify'],
      ['post', '/v1/auth/refresh'],
      ['post', '/v1/auth/logout'],
      ['get', '/v1/me'],
      ['patch', '/v1/me'],
      ['get', '/v1/home'],
    ] as const) {
      const operation = doc.paths[path]?.[method]
      expect(operation, `${method} ${path}`).toBeDefined()
      expect(operation.responses['500'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error')
    }
    expect(doc.paths['/v1/me'].get.security).toEqual([{ bearerAuth: [] }])
    expect(doc.paths['/v1/auth/otp'].post.requestBody.required).toBe(true)
  })

  it('/docs is Swagger UI for /openapi.json', async () => {
    const response = await newClient().get('/docs')
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html).toMatch(/swagger-ui/i)
    expect(html).toContain('/openapi.json')
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
