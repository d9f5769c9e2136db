// Journeys with a page a person opens, in a real headless Chromium (Debian's `chromium`, driven by
// playwright-core) against `wrangler dev`. The dispatcher's page: a patient pre-books; the
// operator's desk gets the SMS (the development outbox); its link opens in the browser, the
// dispatcher taps Accept, the page reloads accepted with a call button, and the patient's booking
// reads accepted. And every flow that must end somewhere, one patient through all of them.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfDocument } from '../fixtures/documents'
import { hmisOrders } from '../harness/fakes'
import { formOf, ok, openSlot, refused, shareWith, startE2e, type E2e, type Patient } from './harness/e2e'
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

/** The link in the desk's SMS for the booking whose notes say `notes` (the queue sends it within seconds). */
async function dispatcherLink(patient: Patient, notes: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const sms = ok(await patient.get(`/dev/outbox?to=${encodeURIComponent(DESK)}&limit=50`), 200)
    for (const message of sms.items as { body: string }[]) {
      const candidate = message.body.includes('/dispatch/') ? message.body.match(/https?:\/\/\S+\/dispatch\/\S+/)?.[0] : undefined
      // Several tests book with this desk: this booking's link is the one whose page names its notes.
      if (candidate) {
        const html = await (await fetch(`${e2e.base}${new URL(candidate).pathname}`)).text()
        if (html.includes(notes) && !html.includes('data-status="accepted"')) return candidate
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('no SMS with the dispatcher link')
}

/** The link opened as on a cheap Android phone; page errors and console errors collected. */
async function openInPhone(link: string) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    userAgent: 'Mozilla/5.0 (Linux; Android 10; K) Chrome/120 Mobile',
  })
  const tab = await context.newPage()
  const errors: string[] = []
  tab.on('pageerror', (error) => errors.push(error.message))
  tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
  await tab.goto(`${e2e.base}${new URL(link).pathname}`)
  return { tab, context, errors }
}

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
    const link = await dispatcherLink(asha, 'Dialysis at 10:00')
    const { tab, context, errors } = await openInPhone(link)
    await expect.poll(() => tab.locator('#status').getAttribute('data-status')).toBe('requested')
    expect(await tab.textContent('body')).toContain('Flat 12, Sai Residency, Kothrud, Pune 411038')
    expect(await tab.locator('a[href^="tel:"]').count()).toBe(0)

    await Promise.all([tab.waitForURL(`**${new URL(link).pathname}`), tab.getByRole('button', { name: 'Accept' }).click()])
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

describe.skipIf(skip)('no flow ends in a row nobody reads', () => {
  it('ambulance → dispatcher page accepts; care package → enrolled; medicines from a received prescription → cancelled; symptoms first → specialty → doctors across hospitals → booked; a dose taken from its reminder', async () => {
    const asha = await e2e.patient('Asha Verma')
    const sahyadri = e2e.hospital('sahyadri')
    const { hospital, share } = await shareWith(asha)
    await shareWith(asha, 'IN3210000022')

    // 1. A planned transfer with a phone-only operator: its desk's SMS link, accepted in the browser.
    const ride = ok(
      await asha.post('/v1/ambulance-bookings', {
        pickup_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038',
        pickup_time: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        ambulance_type: 'patient_transport',
        provider_id: 'redhealth',
        notes: `Discharge transfer ${asha.id}`,
      }),
      201,
    )
    const { tab, context, errors } = await openInPhone(await dispatcherLink(asha, `Discharge transfer ${asha.id}`))
    await Promise.all([tab.waitForURL('**/dispatch/**'), tab.getByRole('button', { name: 'Accept' }).click()])
    await expect.poll(() => tab.locator('#status').getAttribute('data-status')).toBe('accepted')
    expect(errors).toEqual([])
    await context.close()
    expect(ok(await asha.get(`/v1/ambulance-bookings/${ride.id}`), 200).status).toBe('accepted')

    // 2. A care package: the offering hospital gets the application, enrols her, and she is told.
    const packages = ok(await asha.get('/v1/care-packages'), 200).items as { id: string; hospital_id: string }[]
    const diabetes = packages.find((p) => p.id === 'diabetes')!
    expect(diabetes.hospital_id).toBe(hospital)
    const application = ok(await asha.post('/v1/care-packages/diabetes/apply'), 201)
    expect(application).toMatchObject({ status: 'applied', sent_to_hospital: true })
    const applicationRef = (await hmisOrders('care-package-applications', 'sahyadri')).find(
      (a) => a.phr_application_id === application.id,
    )!.application_ref
    ok(
      await sahyadri('POST', `/v1/hmis/care-package-applications/${applicationRef}/events`, {
        event_id: `c-${application.id}`,
        event: 'contacted',
      }),
      200,
    )
    ok(
      await sahyadri('POST', `/v1/hmis/care-package-applications/${applicationRef}/events`, {
        event_id: `e-${application.id}`,
        event: 'enrolled',
      }),
      200,
    )
    expect(ok(await asha.get(`/v1/care-packages/applications/${application.id}`), 200).status).toBe('enrolled')

    // 3. Medicines from a prescription the hospital sent: ordered without uploading it again, then cancelled.
    const prescription = ok(
      await sahyadri(
        'POST',
        '/v1/hmis/documents',
        formOf('file', pdfDocument({ title: 'Rx' }), 'rx.pdf', {
          patient_ref: share.hmis_patient_id,
          type: 'prescription',
          title: 'Prescription — Dr. Meera Kulkarni',
          medicines: JSON.stringify([{ name: 'Telmisartan 40 mg', dosage: '1 tablet', timings: ['after_breakfast'], duration_days: 30 }]),
        }),
      ),
      201,
    )
    expect(prescription.medicines).toHaveLength(1)
    const order = ok(
      await asha.post('/v1/store/medicine-orders', {
        hospital_id: hospital,
        delivery_address: 'Flat 12, Sai Residency, Kothrud, Pune 411038',
        prescription_record_id: prescription.id,
      }),
      201,
    )
    expect(order).toMatchObject({ status: 'placed', medicines: [{ name: 'Telmisartan 40 mg', dosage: '1 tablet' }] })
    expect(ok(await asha.post(`/v1/store/medicine-orders/${order.id}/cancel`, { reason: 'Bought nearby' }), 200).status).toBe('cancelled')
    expect((await hmisOrders('medicine-orders', 'sahyadri')).find((o) => o.phr_order_id === order.id)!.status).toBe('cancelled')

    // 4. Symptoms first: the triage names a specialty, whose link lists doctors at both hospitals; she books one.
    const check = ok(await asha.post('/v1/symptom-checks', { symptom_codes: ['palpitations'] }), 201)
    const cardiology = check.triage.suggested_specialties[0]
    expect(cardiology.code).toBe('cardiology')
    const doctors = ok(await asha.get(cardiology.doctors_path), 200)
    expect(doctors.partial).toBe(false)
    expect(doctors.hospitals).toHaveLength(2)
    const doctor = doctors.items.find((d: { hospital_id: string }) => d.hospital_id === hospital)
    const slot = await openSlot(asha, hospital, doctor.id, doctor.modes[0])
    const booked = ok(
      await asha.post('/v1/appointments', { hospital_id: hospital, doctor_id: doctor.id, mode: doctor.modes[0], slot_start: slot.start }),
      201,
    )
    expect(booked.status).toBe('booked')
    refused(await asha.get('/v1/doctors?name=(a%2B)%2B'), 400, 'validation_failed')

    // 5. The tracker's day: a dose due ten minutes ago, its reminder, marked taken from the reminder's link.
    const due = new Date(Date.now() - 10 * 60_000)
    const bed = `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`
    const day = due.toISOString().slice(0, 10)
    ok(await asha.put('/v1/me/routine', { timezone: 'UTC', bed_at: bed }), 200)
    const med = ok(
      await asha.post('/v1/medications', {
        name: 'Atorvastatin 10 mg',
        dosage: '1 tablet',
        timings: ['bedtime'],
        start_date: day,
        end_date: day,
      }),
      201,
    )
    await e2e.cron()
    const reminder = (ok(await asha.get('/v1/notifications?limit=50'), 200).items as { type: string; link: Record<string, string> }[]).find(
      (n) => n.type === 'medication_due' && n.link.id === med.id,
    )!
    expect(reminder.link).toEqual({ kind: 'medication', id: med.id, date: day, timing: 'bedtime' })
    ok(await asha.post(`/v1/medications/${med.id}/doses`, { date: reminder.link.date, timing: reminder.link.timing, status: 'taken' }), 200)
    const schedule = ok(await asha.get(`/v1/medications/schedule?date=${day}`), 200)
    expect(schedule.items.find((i: { medication_id: string }) => i.medication_id === med.id).status).toBe('taken')

    // Every notification about a resource links to it.
    const inbox = ok(await asha.get('/v1/notifications?limit=50'), 200).items as {
      type: string
      link: { kind: string; id: string } | null
    }[]
    expect(inbox.find((n) => n.type === 'ambulance_accepted')?.link).toEqual({ kind: 'ambulance_booking', id: ride.id })
    expect(inbox.find((n) => n.type === 'care_package_enrolled')?.link).toEqual({ kind: 'care_package_application', id: application.id })
    expect(e2e.problems).toEqual([])
  })
})

describe.skipIf(skip)('/docs in Chromium, with nothing but the Worker reachable', () => {
  it('renders every tag from the Worker’s own files under a strict CSP, and “Try it out” on POST /v1/auth/otp answers 202', async () => {
    // An address of its own, as Cloudflare would give each visitor: the login limits of other tests' clients never meet it.
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      extraHTTPHeaders: { 'cf-connecting-ip': `198.51.100.${1 + Math.floor(Math.random() * 250)}` },
    })
    const origin = new URL(e2e.base).origin
    const elsewhere: string[] = []
    // The network to anything but the Worker is cut, as on a hospital network that blocks CDNs.
    await context.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === origin || route.request().url().startsWith('data:')) return route.continue()
      elsewhere.push(route.request().url())
      return route.abort('blockedbyclient')
    })
    const tab = await context.newPage()
    const problems: string[] = []
    tab.on('pageerror', (error) => problems.push(error.message))
    tab.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
    const page = await tab.goto(`${e2e.base}/docs`)
    const csp = page!.headers()['content-security-policy']!
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe/)

    const doc = (await (await fetch(`${e2e.base}/openapi.json`)).json()) as { paths: Record<string, Record<string, { tags?: string[] }>> }
    const tags = new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((operation) => operation.tags ?? [])))
    await tab.locator('.opblock-tag').first().waitFor({ timeout: 30_000 })
    // Swagger UI renders only the tags near the viewport once a document is this large: scroll
    // through the page and gather every tag it showed.
    const seen = new Set<string | null>()
    for (let last = -1, y = 0; y !== last;) {
      for (const tag of await tab.locator('.opblock-tag').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-tag'))))
        seen.add(tag)
      last = y
      y = await tab.evaluate<number>('window.scrollBy(0, window.innerHeight / 2), window.scrollY')
      await tab.waitForTimeout(50)
    }
    await tab.evaluate('window.scrollTo(0, 0)')
    expect(seen).toEqual(tags)

    const operation = tab.locator('#operations-Auth-requestLoginOtp')
    await operation.locator('.opblock-summary').click()
    await operation.getByRole('button', { name: 'Try it out' }).click()
    // The example's number, made one nobody else asked a code for (one code per number every 30 s).
    const body = operation.locator('textarea.body-param__text')
    const phone = `+91 9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`
    await body.fill(JSON.stringify({ channel: 'phone', identifier: phone }))
    await operation.getByRole('button', { name: 'Execute' }).click()
    const response = operation.locator('.live-responses-table .response').first()
    await expect
      .poll(async () => ((await response.count()) ? await response.innerText() : ''), { timeout: 15_000 })
      .toMatch(/^\s*202\b[\s\S]*challenge_id/)
    expect(elsewhere).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })
})
