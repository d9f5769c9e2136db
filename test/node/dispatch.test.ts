// The ambulance dispatcher's page as a person opens it: a real headless Chromium (Debian's
// `chromium`, driven by playwright-core) against `wrangler dev`. A patient pre-books; the operator's
// desk gets the SMS (the development outbox); its link opens in the browser, the dispatcher taps
// Accept, the page reloads accepted with a call button, and the patient's booking reads accepted.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ok, startE2e, type E2e } from './harness/e2e'
import { toolMissing } from './harness/tools'

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path))
const skip = toolMissing('chromium (apt-get install chromium)', !!CHROMIUM)
const DESK = '+919999947111'

let e2e: E2e
let browser: Browser
beforeAll(async () => {
  if (skip) return
  e2e = await startE2e()
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await e2e?.stop()
})

describe.skipIf(skip)('the dispatcher’s page in Chromium', () => {
  it('opens from the SMS, accepts with one tap, and the patient sees accepted', async () => {
    const asha = await e2e.patient('Asha Verma')
    const booked = ok(
      await asha.post('/v1/ambulance-bookings', {
        pickup_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038',
        pickup_time: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        ambulance_type: 'patient_transport',
        provider_id: 'redhealth',
        notes: 'Dialysis at 10:00, wheelchair needed',
      }),
      201,
    )
    // The desk's SMS (the queue sends it within seconds), and the link in it.
    let link: string | undefined
    for (let i = 0; i < 100 && !link; i++) {
      const sms = ok(await asha.get(`/dev/outbox?to=${encodeURIComponent(DESK)}&limit=50`), 200)
      const mine = sms.items.find((m: { body: string }) => m.body.includes('ambulance pre-booking') && m.body.includes('/dispatch/'))
      const candidate = mine && (mine.body as string).match(/https?:\/\/\S+\/dispatch\/\S+/)?.[0]
      // Several tests book with this desk: this booking's link is the one whose page names its notes.
      if (candidate) {
        const html = await (await fetch(`${e2e.base}${new URL(candidate).pathname}`)).text()
        if (html.includes('Dialysis at 10:00') && !html.includes('data-status="accepted"')) link = candidate
      }
      if (!link) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(link, 'an SMS with the dispatcher link').toBeDefined()

    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      userAgent: 'Mozilla/5.0 (Linux; Android 10; K) Chrome/120 Mobile',
    })
    const tab = await context.newPage()
    const errors: string[] = []
    tab.on('pageerror', (error) => errors.push(error.message))
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    await tab.goto(`${e2e.base}${new URL(link!).pathname}`)
    await expect.poll(() => tab.locator('#status').getAttribute('data-status')).toBe('requested')
    expect(await tab.textContent('body')).toContain('Flat 12, Sai Residency, Kothrud, Pune 411038')
    expect(await tab.locator('a[href^="tel:"]').count()).toBe(0)

    await Promise.all([tab.waitForURL(`**${new URL(link!).pathname}`), tab.getByRole('button', { name: 'Accept' }).click()])
    await expect.poll(() => tab.locator('#status').getAttribute('data-status')).toBe('accepted')
    expect(await tab.locator('a[href^="tel:"]').getAttribute('href')).toBe(`tel:${asha.phone}`)
    expect(await tab.getByRole('button', { name: 'Arrived at the pickup' }).count()).toBe(1)
    expect(errors).toEqual([])
    await context.close()

    const seen = ok(await asha.get(`/v1/ambulance-bookings/${booked.id}`), 200)
    expect(seen.status).toBe('accepted')
    const told = ok(await asha.get('/v1/notifications'), 200)
    expect(told.items.map((n: { type: string }) => n.type)).toContain('ambulance_accepted')
    expect(e2e.problems).toEqual([])
  })
})
