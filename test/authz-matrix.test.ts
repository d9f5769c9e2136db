// The authorization matrix, generated from the served /openapi.json: a route added tomorrow is
// covered without a new test. Every patient route refuses no token and a refresh token (401 with
// the envelope); every hospital route refuses an unsigned call (401); every patient route with
// ids in its path answers 404 for ids that are not the caller's (random ones), never a 5xx. With
// profiles of two accounts: a profile id of the other account's is 404 on every profile route, and
// a caretaker limited to medicines gets 403 on every route outside them (what core/auth says each
// route needs, checked against what each route answers).
import { SELF } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { delegationOf } from '../src/core/auth'
import { loginByPhone, randomPhone } from './fixtures/auth'
import { ErrorEnvelopeSchema } from './harness/client'

type Operation = {
  operationId: string
  tags?: string[]
  security?: Record<string, string[]>[]
  parameters?: { name: string; in: string; schema?: { format?: string; pattern?: string } }[]
  requestBody?: unknown
}
type Document = { paths: Record<string, Record<string, Operation>> }

async function operations() {
  const doc = (await (await SELF.fetch('https://phr.test/openapi.json')).json()) as Document
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ path, method: method.toUpperCase(), op, scheme: Object.keys(op.security?.[0] ?? {})[0] ?? 'none' })),
  )
}

/** A concrete path: uuid parameters get a fresh random uuid, others a plausible word. */
function concrete(path: string, op: Operation) {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const param = op.parameters?.find((p) => p.in === 'path' && p.name === name)
    if (param?.schema?.format === 'uuid') return crypto.randomUUID()
    if (name === 'code') return 'no_such_symptom'
    return 'no-such-thing'
  })
}

const call = (method: string, path: string, headers: Record<string, string> = {}, body: unknown = {}) =>
  SELF.fetch(`https://phr.test${path}`, {
    method,
    headers: {
      'cf-connecting-ip': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      ...headers,
      ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
    },
    body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(body),
  })

describe('the authorization matrix (from /openapi.json)', () => {
  it('refuses every patient route without a token and with a refresh token, in the error envelope', async () => {
    const login = await loginByPhone()
    const routes = (await operations()).filter((r) => r.scheme === 'bearerAuth')
    expect(routes.length).toBeGreaterThan(60)
    const wrong: string[] = []
    for (const r of routes) {
      const path = concrete(r.path, r.op)
      for (const [label, headers] of [
        ['no token', {}],
        ['refresh token', { authorization: `Bearer ${login.refresh_token}` }],
      ] as const) {
        const response = await call(r.method, path, headers)
        const body = await response.json().catch(() => null)
        if (response.status !== 401 || !ErrorEnvelopeSchema.safeParse(body).success)
          wrong.push(`${r.method} ${r.path} (${label}): ${response.status}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('refuses every hospital route unsigned', async () => {
    const routes = (await operations()).filter((r) => r.scheme === 'hmisSignature')
    expect(routes.length).toBeGreaterThanOrEqual(8)
    const wrong: string[] = []
    for (const r of routes) {
      const response = await call(r.method, concrete(r.path, r.op), { 'x-phr-hospital': 'IN2710000011' })
      await response.body?.cancel()
      if (response.status !== 401) wrong.push(`${r.method} ${r.path}: ${response.status}`)
    }
    expect(wrong).toEqual([])
  })

  it('answers 404 (never a 5xx) for ids in the path that are not the caller’s', async () => {
    const { access_token: token } = await loginByPhone()
    const routes = (await operations()).filter((r) => r.scheme === 'bearerAuth' && /\{[^}]+\}/.test(r.path))
    const wrong: string[] = []
    for (const r of routes) {
      const response = await call(r.method, concrete(r.path, r.op), { authorization: `Bearer ${token}` })
      const body = await response.json().catch(() => null)
      // A body-taking route may refuse the empty body first (400/415/422); never a success or a 5xx.
      const ok = response.status === 404 || (r.method !== 'GET' && r.method !== 'DELETE' && [400, 415, 422].includes(response.status))
      if (!ok || !ErrorEnvelopeSchema.safeParse(body).success) wrong.push(`${r.method} ${r.path}: ${response.status}`)
    }
    expect(wrong).toEqual([])
  })

  describe('profiles of two accounts', () => {
    async function family() {
      const login = await loginByPhone()
      const token = login.access_token
      const child = await call(
        'POST',
        '/v1/profiles',
        { authorization: `Bearer ${token}` },
        {
          name: 'Matrix Child',
          date_of_birth: '2020-01-01',
          gender: 'female',
          relationship: 'child',
          guardian_declaration: true,
        },
      )
      expect(child.status).toBe(201)
      const { id } = (await child.json()) as { id: string }
      const switched = (await (await call('POST', `/v1/profiles/${id}/switch`, { authorization: `Bearer ${token}` })).json()) as {
        access_token: string
      }
      return { ...login, token, childId: id, childToken: switched.access_token }
    }

    it('answers 404 on every profile route for a profile of the other account, from its own and from its child’s session', async () => {
      const [a, b] = await Promise.all([family(), family()])
      const routes = (await operations()).filter((r) => r.scheme === 'bearerAuth' && r.path.startsWith('/v1/profiles/{id}'))
      expect(routes.length).toBeGreaterThanOrEqual(3)
      const wrong: string[] = []
      for (const r of routes) {
        for (const [label, token] of [
          ['own session', b.token],
          ['switched into its child', b.childToken],
        ] as const) {
          const response = await call(
            r.method,
            r.path.replace('{id}', a.childId),
            { authorization: `Bearer ${token}` },
            { phone: randomPhone() },
          )
          const body = await response.json().catch(() => null)
          if (response.status !== 404 || !ErrorEnvelopeSchema.safeParse(body).success)
            wrong.push(`${r.method} ${r.path} (${label}): ${response.status}`)
        }
      }
      expect(wrong).toEqual([])
      // Nor does either list the other's.
      const listed = (await (await call('GET', '/v1/profiles', { authorization: `Bearer ${b.token}` })).json()) as {
        items: { id: string }[]
      }
      expect(listed.items.map((p) => p.id)).not.toContain(a.childId)
    })

    it('a caretaker limited to medicines gets 403 on every route outside them, and never a 5xx anywhere', async () => {
      const carer = await family()
      const cared = await loginByPhone()
      const invited = await call(
        'POST',
        '/v1/profiles/invitations',
        { authorization: `Bearer ${carer.token}` },
        {
          phone: cared.phone,
          relationship: 'parent',
          scopes: ['medicines'],
        },
      )
      const { id } = (await invited.json()) as { id: string }
      expect((await call('POST', `/v1/profiles/invitations/${id}/accept`, { authorization: `Bearer ${cared.access_token}` })).status).toBe(
        200,
      )
      const switched = (await (
        await call('POST', `/v1/profiles/${cared.patient.id}/switch`, { authorization: `Bearer ${carer.token}` })
      ).json()) as {
        access_token: string
      }
      const routes = (await operations()).filter((r) => r.scheme === 'bearerAuth' && r.op.operationId !== 'logout')
      const wrong: string[] = []
      for (const r of routes) {
        const delegation = delegationOf({ operationId: r.op.operationId, tags: [r.op.tags![0]!] })
        const denied = delegation !== 'medicines' && delegation !== 'account'
        const response = await call(r.method, concrete(r.path, r.op), { authorization: `Bearer ${switched.access_token}` })
        const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null
        if (
          denied
            ? response.status !== 403 || body?.error?.code !== 'profile_access_denied'
            : response.status === 403 || response.status >= 500
        )
          wrong.push(`${r.method} ${r.path} (${delegation}): ${response.status}`)
      }
      expect(wrong).toEqual([])
    })
  })
})
