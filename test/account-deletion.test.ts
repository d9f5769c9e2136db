import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import worker from '../src/index'
import { book, openSlot } from './fixtures/appointments'
import { loginByPhone } from './fixtures/auth'
import { pdfDocument, pngImage } from './fixtures/documents'
import { hospitalId, shareWith } from './fixtures/hospitals'
import { createCheck } from './fixtures/symptoms'
import { expectError, expectOk } from './harness/client'
import { hmisBookings, hmisOrders, hmisPatients } from './harness/fakes'
import { hmisCall } from './harness/hmis'
import { deliverUntil } from './harness/outbox'
import { runSql } from './harness/sql'

// Deleting an account (DPDP): logged out everywhere at once, erased after the grace period unless
// the patient logs in again, and then nothing of theirs is left in any table or in file storage.

const Deletion = z.object({ erase_at: z.string(), message: z.string() })
const WithId = z.object({ id: z.string() })

async function runHourlyCron() {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ cron: '17 * * * *', scheduledTime: Date.now() }), env, ctx)
  await waitOnExecutionContext(ctx)
}

/** The rows of a patient in every table that has a patient_id (found in the catalog, as erasure finds them), and the patient. */
async function rowsOf(patientId: string): Promise<Record<string, number>> {
  const tables = await runSql<{ table_name: string }>(
    sql`select c.table_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
        where c.table_schema = current_schema() and c.column_name = 'patient_id' and c.table_name <> 'erased_accounts'`,
  )
  const counts: Record<string, number> = {}
  for (const { table_name } of tables) {
    const [row] = await runSql<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table_name)} where patient_id = ${patientId}`,
    )
    counts[table_name] = row!.n
  }
  counts.patients = (await runSql<{ n: number }>(sql`select count(*)::int as n from patients where id = ${patientId}`))[0]!.n
  return counts
}

describe('deleting my account', () => {
  it('logs out everywhere, is cancelled by logging in, and then erases every row and file of mine and nothing of anyone else', async () => {
    const { client, access_token: token, refresh_token, patient, phone } = await loginByPhone()
    // A patient with something in most tables: a share and a booking (with an idempotency key),
    // a symptom check, an upload and a medicine order (files in R2), a medicine and a dose, a
    // reading, a phone for push, a hospital's document (a notification with it).
    const hospital = hospitalId('sahyadri')
    const share = await shareWith(client, token, hospital)
    const slot = await openSlot(client, token, hospital)
    const booked = await book(
      client,
      token,
      { hospital_id: hospital, doctor_id: 'd-sah-01', mode: 'online', slot_start: slot.start },
      {
        'idempotency-key': `erase-${patient.id}`,
      },
    )
    await createCheck(client, token, { symptom_codes: ['fever'] })
    const form = new FormData()
    form.append('file', new File([pdfDocument({ title: 'Mine' })], 'mine.pdf'))
    form.append('title', 'Blood test')
    form.append('type', 'report')
    await expectOk(await client.postForm('/v1/records', form, { token }), 201, WithId)
    const orderForm = new FormData()
    orderForm.append('prescription', new File([pngImage(40, 40)], 'rx.png'))
    orderForm.append('hospital_id', hospital)
    orderForm.append('delivery_address', 'Flat 12, Sai Residency, Kothrud, Pune 411038')
    const order = await expectOk(await client.postForm('/v1/store/medicine-orders', orderForm, { token }), 201, WithId)
    const medication = await expectOk(
      await client.post(
        '/v1/medications',
        { name: 'Metformin 500 mg', dosage: '1 tablet', timings: ['after_dinner'], start_date: '2026-12-01' },
        { token },
      ),
      201,
      WithId,
    )
    await client.post(`/v1/medications/${medication.id}/doses`, { date: '2026-12-01', timing: 'after_dinner', status: 'taken' }, { token })
    await expectOk(
      await client.post('/v1/vitals', { type: 'pulse', value: 72, unit: 'bpm', measured_at: new Date().toISOString() }, { token }),
      201,
      WithId,
    )
    await expectOk(await client.post('/v1/devices', { platform: 'android', push_token: `tok-${patient.id}` }, { token }), 201, WithId)
    const sent = new FormData()
    sent.append('file', new File([pdfDocument({ title: 'Rx' })], 'rx.pdf'))
    sent.append('patient_ref', share.hmis_patient_id)
    sent.append('type', 'prescription')
    sent.append('title', 'Prescription')
    await expectOk((await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', sent)).response, 201, WithId)
    const photo = await client.call('PUT', '/v1/me/photo', { token, headers: { 'content-type': 'image/png' }, body: pngImage(64, 64) })
    expect(photo.status).toBe(200)
    await photo.body?.cancel()
    // A data export, written: its ZIP is one more file of mine.
    const exported = (await (await client.post('/v1/me/export', undefined, { token })).json()) as { id: string }
    await expect
      .poll(async () => ((await (await client.get(`/v1/me/exports/${exported.id}`, { token })).json()) as { status: string }).status, {
        timeout: 20_000,
      })
      .toBe('ready')
    const keys = (
      await runSql<{ key: string }>(
        sql`select storage_key as key from records where patient_id = ${patient.id}
            union select prescription_key from medicine_orders where patient_id = ${patient.id}
            union select photo_key from patients where id = ${patient.id}
            union select storage_key from data_exports where patient_id = ${patient.id}`,
      )
    ).map((r) => r.key)
    expect(keys).toHaveLength(5)
    const before = await rowsOf(patient.id)
    expect(Object.values(before).filter((n) => n > 0).length).toBeGreaterThan(12)
    const someoneElse = await loginByPhone()
    await expectOk(
      await someoneElse.client.post(
        '/v1/vitals',
        { type: 'pulse', value: 80, unit: 'bpm', measured_at: new Date().toISOString() },
        { token: someoneElse.access_token },
      ),
      201,
      WithId,
    )

    // The order is at the pharmacy (on a slow run its placement may still be on the queue): what erasure cancels there.
    await deliverUntil([order.id], async () =>
      Boolean(
        (await runSql<{ ref: string | null }>(sql`select hmis_order_ref as ref from medicine_orders where id = ${order.id}`))[0]?.ref,
      ),
    )
    // Asked: the date is a week away, every session is logged out and every phone forgotten.
    const asked = await expectOk(await client.delete('/v1/me', { token }), 202, Deletion)
    const days = (Date.parse(asked.erase_at) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThanOrEqual(7)
    expect(asked.message).toMatch(/Log in again before then to keep it/)
    await expectError(await client.post('/v1/auth/refresh', { refresh_token }), 401, 'unauthorized')
    expect((await rowsOf(patient.id)).devices).toBe(0)
    // Asking again keeps the first date.
    expect((await expectOk(await client.delete('/v1/me', { token }), 202, Deletion)).erase_at).toBe(asked.erase_at)

    // Logging in again cancels it: nothing is erased when the day comes.
    const back = await loginByPhone(client, phone)
    expect(back.patient.id).toBe(patient.id)
    expect((await runSql<{ erase_at: string | null }>(sql`select erase_at from patients where id = ${patient.id}`))[0]!.erase_at).toBeNull()
    await runHourlyCron()
    expect((await rowsOf(patient.id)).records).toBe(2)

    // Asked again, and the day has come: erased.
    await expectOk(await client.delete('/v1/me', { token: back.access_token }), 202, Deletion)
    await runSql(sql`update patients set erase_at = now() - interval '1 second' where id = ${patient.id}`)
    const sessions = (await runSql<{ id: string }>(sql`select id from auth_sessions where patient_id = ${patient.id}`)).map((r) => r.id)
    await runHourlyCron()
    // What hangs off my rows goes too: refresh tokens, the login codes sent to my phone.
    const tokens = await runSql(
      sql`select 1 from refresh_tokens where session_id in (${sql.join(
        sessions.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    )
    expect(tokens).toEqual([])
    expect(await runSql(sql`select 1 from otp_challenges where identifier = ${phone}`)).toEqual([])
    const after = await rowsOf(patient.id)
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([])
    const bucket = (env as unknown as { RECORDS: R2Bucket }).RECORDS
    for (const key of keys) expect(await bucket.head(key), key).toBeNull()
    const jobs = await runSql(sql`select id from outbox where subject_id in (${booked.id}::uuid, ${order.id}::uuid)`)
    expect(jobs).toEqual([])
    const changes = await runSql(sql`select 1 from patient_changes where patient_id = ${patient.id}`)
    expect(changes).toEqual([])
    const [tombstone] = await runSql<{ rows_erased: number; pending_files: string[] }>(
      sql`select rows_erased, pending_files from erased_accounts where patient_id = ${patient.id}`,
    )
    expect(tombstone!.rows_erased).toBeGreaterThan(20)
    expect(tombstone!.pending_files).toEqual([])
    // The old token finds no one; logging in with the same phone starts a new, empty account.
    await expectError(await client.get('/v1/me', { token: back.access_token }), 404, 'not_found')
    const fresh = await loginByPhone(client, phone)
    expect(fresh.is_new_user).toBe(true)
    expect(fresh.patient.id).not.toBe(patient.id)
    // Someone else's reading is still there.
    expect((await rowsOf(someoneElse.patient.id)).vitals).toBe(1)

    // The hospital is told through the queue: my open booking and order there are cancelled (nobody
    // would come), the share ended, my id and contact details forgotten; its own record stays.
    const revocations = await runSql<{ id: string }>(sql`select id from share_revocations where phr_patient_id = ${patient.id}`)
    expect(revocations).toHaveLength(1)
    const told = async () => (await hmisPatients('sahyadri')).find((p) => p.hmis_patient_id === share.hmis_patient_id)?.share === 'erased'
    await deliverUntil([revocations[0]!.id], told)
    const atHospital = (await hmisPatients('sahyadri')).find((p) => p.hmis_patient_id === share.hmis_patient_id)
    expect(atHospital).toMatchObject({ share: 'erased', phr_patient_id: null })
    expect(atHospital).not.toHaveProperty('phone')
    const booking = (await hmisBookings('sahyadri')).find((b) => b.phr_appointment_id === booked.id)
    expect(booking).toMatchObject({ status: 'cancelled' })
    const held = (await hmisOrders('medicine-orders', 'sahyadri')).find((o) => o.phr_order_id === order.id)
    expect(held).toMatchObject({ status: 'cancelled' })
    // What stays of it: which hospital was told, and when; nothing that leads back to me there.
    const [kept] = await runSql<{ hmis_patient_id: string | null; open_refs: unknown[]; told_at: string | null }>(
      sql`select hmis_patient_id, open_refs, told_at from share_revocations where id = ${revocations[0]!.id}`,
    )
    expect(kept).toMatchObject({ hmis_patient_id: null, open_refs: [], told_at: expect.anything() })
  }, 60_000)

  it('a file storage failure while erasing leaves the files listed on the tombstone, and the next run deletes them', async () => {
    const { client, access_token: token, patient } = await loginByPhone()
    const form = new FormData()
    form.append('file', new File([pdfDocument({ title: 'Scan' })], 'scan.pdf'))
    form.append('title', 'Scan')
    form.append('type', 'report')
    await expectOk(await client.postForm('/v1/records', form, { token }), 201, WithId)
    const [{ key }] = (await runSql<{ key: string }>(sql`select storage_key as key from records where patient_id = ${patient.id}`)) as [
      { key: string },
    ]
    await expectOk(await client.delete('/v1/me', { token }), 202, Deletion)
    await runSql(sql`update patients set erase_at = now() - interval '1 second' where id = ${patient.id}`)
    const bucket = (env as unknown as { RECORDS: R2Bucket }).RECORDS
    const spy = vi.spyOn(bucket, 'delete').mockRejectedValue(new Error('We encountered an internal error. Please try again.'))
    await runHourlyCron()
    spy.mockRestore()
    expect(Object.entries(await rowsOf(patient.id)).filter(([, n]) => n > 0)).toEqual([])
    const pending = async () =>
      (await runSql<{ pending_files: string[] }>(sql`select pending_files from erased_accounts where patient_id = ${patient.id}`))[0]!
        .pending_files
    expect(await pending()).toEqual([key])
    expect(await bucket.head(key)).not.toBeNull()
    await runHourlyCron()
    expect(await pending()).toEqual([])
    expect(await bucket.head(key)).toBeNull()
  })
})
