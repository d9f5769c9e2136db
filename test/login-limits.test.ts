import { describe, expect, it } from 'vitest'
import { loginByPhone, randomPhone, readOtp, requestOtp } from './fixtures/auth'
import { expectError, newClient } from './harness/client'
import { sentSms } from './harness/fakes'
import { fetchWithSettings } from './harness/worker'

const postJson = (ip: string, path: string, body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
  body: JSON.stringify(body),
})

describe('OTP send limits', () => {
  it('make a second code for the same phone from the same address wait for the resend cooldown', async () => {
    const client = newClient()
    const phone = randomPhone()
    await requestOtp(client, 'phone', phone)
    const response = await client.post('/v1/auth/otp', { channel: 'phone', identifier: phone })
    await expectError(response, 429, 'rate_limited')
    const retryAfter = Number(response.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(30)
  })

  it('limit codes per client address', async () => {
    const client = newClient()
    for (let i = 0; i < 20; i++) await requestOtp(client, 'phone', randomPhone())
    const response = await client.post('/v1/auth/otp', { channel: 'phone', identifier: randomPhone() })
    await expectError(response, 429, 'rate_limited')
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(800)
  })

  it('never let someone else lock the owner out: refused and foreign requests do not use up the owner', async () => {
    const victim = randomPhone()
    // An attacker whose address is already over its own limit hammers the victim's number…
    const attacker = newClient()
    for (let i = 0; i < 20; i++) await requestOtp(attacker, 'phone', randomPhone())
    for (let i = 0; i < 6; i++)
      await expectError(await attacker.post('/v1/auth/otp', { channel: 'phone', identifier: victim }), 429, 'rate_limited')
    // …and from other addresses spends the per-identifier allowance on codes it cannot read.
    for (let i = 0; i < 6; i++) {
      const response = await newClient().post('/v1/auth/otp', { channel: 'phone', identifier: victim })
      expect(response.status).toBe(202)
      await response.body?.cancel()
    }
    // The owner, from their own phone's address, still gets a code and logs in.
    const owner = await loginByPhone(newClient(), victim)
    expect(owner.patient.phone).toBe(victim)
  })

  it('limit codes per identity from one address to OTP_SEND_LIMIT_PER_IDENTIFIER a window', async () => {
    const settings = { OTP_RESEND_COOLDOWN_SECONDS: '1', OTP_SEND_LIMIT_PER_IDENTIFIER: '3' }
    const ip = newClient().ip
    const phone = randomPhone()
    const send = () => fetchWithSettings(settings, '/v1/auth/otp', postJson(ip, '/v1/auth/otp', { channel: 'phone', identifier: phone }))
    for (let i = 0; i < 3; i++) {
      const response = await send()
      expect(response.status).toBe(202)
      await response.body?.cancel()
      await new Promise((resolve) => setTimeout(resolve, 1_100))
    }
    const refused = await send()
    // Not the 1 s cooldown: the identity's 15-minute window.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60)
    await expectError(refused, 429, 'rate_limited')
    expect(await sentSms(phone)).toHaveLength(3)
  })

  it('never go past a limit under concurrency: ten requests at once for one phone send one code', async () => {
    const ip = newClient().ip
    const phone = randomPhone()
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetchWithSettings({}, '/v1/auth/otp', postJson(ip, '/v1/auth/otp', { channel: 'phone', identifier: phone })),
      ),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([202, ...Array(9).fill(429)])
    for (const answer of answers) await answer.body?.cancel()
    expect(await sentSms(phone)).toHaveLength(1)
  })

  it('never answer 500 to a burst: eight phones asked eight times at once each get exactly one code', async () => {
    // Refused requests give back what they counted while others are counting the same keys: the
    // counters must be locked in one order, or Postgres kills one of them as a deadlock (a 500).
    const phones = Array.from({ length: 8 }, () => ({ ip: newClient().ip, phone: randomPhone() }))
    const answers = await Promise.all(
      phones.flatMap(({ ip, phone }) =>
        Array.from({ length: 8 }, () =>
          fetchWithSettings({}, '/v1/auth/otp', postJson(ip, '/v1/auth/otp', { channel: 'phone', identifier: phone })),
        ),
      ),
    )
    for (const answer of answers) await answer.body?.cancel()
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s !== 202 && s !== 429)).toEqual([])
    expect(statuses.filter((s) => s === 202)).toHaveLength(phones.length)
    for (const { phone } of phones) expect(await sentSms(phone)).toHaveLength(1)
  })

  it('limit codes per identity from one address, and a verified login clears that', async () => {
    const client = newClient()
    const phone = randomPhone()
    const challenge = await requestOtp(client, 'phone', phone)
    const login = await client.post('/v1/auth/otp/verify', { challenge_id: challenge.challenge_id, otp: await readOtp('phone', phone) })
    expect(login.status).toBe(200)
    await login.body?.cancel()
    // The login cleared the cooldown: the next code may be asked for at once.
    await requestOtp(client, 'phone', phone)
  })

  it('group IPv6 clients by /64, so a new address per request is still one client', async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`
    for (let i = 0; i < 20; i++) {
      const response = await newClient(`${prefix}:${i.toString(16)}::1`).post('/v1/auth/otp', {
        channel: 'phone',
        identifier: randomPhone(),
      })
      expect(response.status).toBe(202)
      await response.body?.cancel()
    }
    await expectError(
      await newClient(`${prefix}:ffff:1:2:3`).post('/v1/auth/otp', { channel: 'phone', identifier: randomPhone() }),
      429,
      'rate_limited',
    )
  })

  it('stop at the global send budget per minute, without sending', async () => {
    const phones = [randomPhone(), randomPhone(), randomPhone()]
    const answers = []
    for (const [i, phone] of phones.entries()) {
      answers.push(
        await fetchWithSettings(
          { OTP_SEND_BUDGET_PER_MINUTE: '1' },
          '/v1/auth/otp',
          postJson(`192.0.2.${i + 10 + Math.floor(Math.random() * 200)}`, '/v1/auth/otp', { channel: 'phone', identifier: phone }),
        ),
      )
    }
    const refused = answers.filter((r) => r.status === 429)
    expect(refused.length).toBeGreaterThanOrEqual(2)
    const error = await expectError(refused[0]!, 429, 'rate_limited')
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeLessThanOrEqual(60)
    expect(error.details).toMatchObject({ retry_after_seconds: expect.any(Number) })
    for (const answer of answers) if (!answer.bodyUsed) await answer.body?.cancel()
    const sent = await Promise.all(phones.map((p) => sentSms(p)))
    expect(sent.filter((messages) => messages.length > 0).length).toBe(answers.length - refused.length)
  })
})

describe('OTP verification limits', () => {
  it('limit verification attempts per client address', async () => {
    const client = newClient()
    for (let i = 0; i < 30; i++) {
      const response = await client.post('/v1/auth/otp/verify', { challenge_id: crypto.randomUUID(), otp: '123456' })
      expect(response.status).toBe(404)
      await response.body?.cancel()
    }
    const response = await client.post('/v1/auth/otp/verify', { challenge_id: crypto.randomUUID(), otp: '123456' })
    await expectError(response, 429, 'rate_limited')
    expect(response.headers.get('retry-after')).toBeTruthy()
  })

  it('cap wrong codes per identity per day, across challenges and addresses', async () => {
    const phone = randomPhone()
    const settings = { OTP_VERIFY_FAILURES_PER_IDENTIFIER_PER_DAY: '3' }
    const guess = async (challengeId: string, otp: string) =>
      fetchWithSettings(
        settings,
        '/v1/auth/otp/verify',
        postJson(newClient().ip, '/v1/auth/otp/verify', { challenge_id: challengeId, otp }),
      )
    const first = await requestOtp(newClient(), 'phone', phone)
    const right = await readOtp('phone', phone)
    const wrong = right === '000000' ? '111111' : '000000'
    for (let i = 0; i < 3; i++) await expectError(await guess(first.challenge_id, wrong), 400, 'otp_invalid')
    const second = await requestOtp(newClient(), 'phone', phone)
    const error = await expectError(await guess(second.challenge_id, await readOtp('phone', phone)), 429, 'rate_limited')
    expect(error.message).toMatch(/today/)
  })
})
