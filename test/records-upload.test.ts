import { env } from 'cloudflare:test'
import { unzipSync } from 'fflate'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { loadConfig } from '../src/core/config'
import { issueToken } from '../src/core/tokens'
import { RecordSchema } from '../src/features/records/schema'
import { loginByPhone } from './fixtures/auth'
import { jpegImage, pdfDocument, pdfWithObjectStream, pngImage } from './fixtures/documents'
import { hospitalId, shareWith } from './fixtures/hospitals'
import { expectError, expectOk, type Client } from './harness/client'
import { hmisCall } from './harness/hmis'
import { expectHiddenFromOthers, expectPatientOnly } from './harness/ownership'

const page = z.object({ items: z.array(RecordSchema), next_cursor: z.string().nullable() })

async function upload(
  client: Client,
  token: string,
  bytes: Uint8Array,
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const form = new FormData()
  form.append('file', new File([bytes], 'upload.pdf', { type: 'application/pdf' }))
  for (const [k, v] of Object.entries({ title: 'My report', type: 'report', ...fields })) form.append(k, v)
  const request = new Request('https://phr.test/', { method: 'POST', body: form })
  return client.call('POST', '/v1/records', {
    token,
    headers: { 'content-type': request.headers.get('content-type')!, ...headers },
    body: new Uint8Array(await request.arrayBuffer()),
  })
}

/** Files of megabytes compared by their digest: a deep equality of 5 MB takes the test runner seconds. */
const digestOf = async (bytes: BufferSource) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].join()

describe('record uploads', () => {
  it('takes pdf, png and jpg by their bytes, reads pages, title, date and dimensions, and serves the same bytes back', async () => {
    const { client, access_token: token } = await loginByPhone()
    const pdf = await expectOk(await upload(client, token, pdfDocument({ pages: 2 }), { record_date: '2026-11-20' }), 201, RecordSchema)
    expect(pdf).toMatchObject({ source: 'uploaded', type: 'report', content_type: 'application/pdf', record_date: '2026-11-20' })
    expect(pdf.metadata).toEqual({ page_count: 2, title: 'Blood test', created: '2026-11-20' })
    const streamed = await expectOk(await upload(client, token, await pdfWithObjectStream(3)), 201, RecordSchema)
    expect(streamed.metadata?.page_count).toBe(3)
    const png = await expectOk(await upload(client, token, pngImage(640, 480), { type: 'test_result' }), 201, RecordSchema)
    expect(png).toMatchObject({ content_type: 'image/png', metadata: { width: 640, height: 480 } })
    const jpg = await expectOk(await upload(client, token, jpegImage(800, 600)), 201, RecordSchema)
    expect(jpg).toMatchObject({ content_type: 'image/jpeg', metadata: { width: 800, height: 600 } })

    const file = await client.get(`/v1/records/${pdf.id}/file`, { token })
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdfDocument({ pages: 2 }))

    const uploads = await expectOk(await client.get('/v1/records?source=uploaded&type=report', { token }), 200, page)
    expect(uploads.items.map((r) => r.id)).toEqual([jpg.id, streamed.id, pdf.id])
  })

  it('refuses a renamed executable (415), an empty (422), truncated or corrupt file (422), and an oversize one (413)', async () => {
    const { client, access_token: token } = await loginByPhone()
    const whole = pdfDocument()
    await expectError(
      await upload(client, token, new TextEncoder().encode('MZ\u0090\u0000 this is a program')),
      415,
      'unsupported_media_type',
    )
    await expectError(await upload(client, token, new Uint8Array()), 422, 'unprocessable')
    await expectError(await upload(client, token, whole.slice(0, whole.length - 30)), 422, 'unprocessable')
    const corrupt = new TextDecoder('latin1').decode(whole).replace(/startxref\n\d+/, 'startxref\n7')
    await expectError(await upload(client, token, new Uint8Array([...corrupt].map((c) => c.charCodeAt(0)))), 422, 'unprocessable')
    const png = pngImage()
    await expectError(await upload(client, token, png.slice(0, png.length - 12)), 422, 'unprocessable')
    const jpg = jpegImage()
    await expectError(await upload(client, token, jpg.slice(0, jpg.length - 2)), 422, 'unprocessable')
    const huge = new Uint8Array(11 * 1024 * 1024)
    huge.set(whole)
    await expectError(await upload(client, token, huge), 413, 'payload_too_large')
    // Just over the limit: the form fits the body limit, the file does not.
    await expectError(await upload(client, token, huge.subarray(0, 10 * 1024 * 1024 + 1)), 413, 'payload_too_large')
    await expectError(await upload(client, token, whole, { type: 'selfie' }), 400, 'validation_failed')
    const listed = await expectOk(await client.get('/v1/records?source=uploaded', { token }), 200, page)
    expect(listed.items).toEqual([])
  })

  it('streams a form’s file into storage in parts (never held whole) and serves it back byte for byte; fields sent before the file are checked before it is read', async () => {
    const { client, access_token: token } = await loginByPhone()
    const bucket = (env as unknown as { RECORDS: R2Bucket }).RECORDS
    const parts = vi.spyOn(bucket, 'createMultipartUpload')
    const puts = vi.spyOn(bucket, 'put')
    try {
      // 7 MB: more than one storage part (5 MiB), so stored as an R2 multipart upload.
      const large = pdfDocument({ pages: 4, title: 'Scan', padding: 7 * 1024 * 1024 })
      const form = new FormData()
      form.append('title', 'MRI, 4 pages')
      form.append('type', 'report')
      form.append('file', new File([large], 'mri.pdf'))
      const stored = await expectOk(await client.postForm('/v1/records', form, { token }), 201, RecordSchema)
      expect(stored).toMatchObject({ title: 'MRI, 4 pages', size_bytes: large.length, metadata: { page_count: 4, title: 'Scan' } })
      expect(parts).toHaveBeenCalledTimes(1)
      const served = await client.get(`/v1/records/${stored.id}/file`, { token })
      expect(await digestOf(await served.arrayBuffer())).toBe(await digestOf(large))

      parts.mockClear()
      puts.mockClear()
      const refused = new FormData()
      refused.append('title', 'Selfie')
      refused.append('type', 'selfie')
      refused.append('file', new File([large], 'mri.pdf'))
      await expectError(await client.postForm('/v1/records', refused, { token }), 400, 'validation_failed')
      expect(parts).not.toHaveBeenCalled()
      expect(puts).not.toHaveBeenCalled()
    } finally {
      vi.restoreAllMocks()
    }
  })

  it('stores a form’s file of exactly one part, one part and a byte, and exactly two parts byte for byte', async () => {
    const { client, access_token: token } = await loginByPhone()
    const bucket = (env as unknown as { RECORDS: R2Bucket }).RECORDS
    const multipart = vi.spyOn(bucket, 'createMultipartUpload')
    /** A PDF of exactly `bytes` bytes (its length grows with its padding, one for one). */
    const pdfOf = (bytes: number) => {
      const title = `${bytes} bytes`
      const pdf = pdfDocument({ title, padding: bytes - (pdfDocument({ title, padding: bytes - 4096 }).length - (bytes - 4096)) })
      expect(pdf.length).toBe(bytes)
      return pdf
    }
    const part = 5 * 1024 * 1024
    try {
      for (const [bytes, multiparts] of [
        [part, 0],
        [part + 1, 1],
        [2 * part, 1],
      ] as const) {
        multipart.mockClear()
        const pdf = pdfOf(bytes)
        const form = new FormData()
        form.append('title', `${bytes} bytes`)
        form.append('type', 'report')
        form.append('file', new File([pdf], 'scan.pdf'))
        const stored = await expectOk(await client.postForm('/v1/records', form, { token }), 201, RecordSchema)
        expect(stored.size_bytes).toBe(bytes)
        expect(multipart).toHaveBeenCalledTimes(multiparts)
        const served = await client.get(`/v1/records/${stored.id}/file`, { token })
        expect(await digestOf(await served.arrayBuffer()), `${bytes} bytes`).toBe(await digestOf(pdf))
      }
    } finally {
      vi.restoreAllMocks()
    }
  })

  it('refuses a PDF whose object stream inflates to 128 MB (a decompression bomb) with 422, and keeps nothing', async () => {
    const { client, access_token: token } = await loginByPhone()
    const bomb = await pdfWithObjectStream(3, 128 * 1024 * 1024)
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const error = await expectError(await upload(client, token, bomb), 422, 'unprocessable')
    expect(error.message).toMatch(/decompression bomb/)
    const listed = await expectOk(await client.get('/v1/records?source=uploaded', { token }), 200, page)
    expect(listed.items).toEqual([])
    // Within the caps (its first megabyte), padding inflates and the pages are still counted.
    const padded = await expectOk(await upload(client, token, await pdfWithObjectStream(2, 512 * 1024)), 201, RecordSchema)
    expect(padded.metadata?.page_count).toBe(2)
  })

  it('reads a file a megabyte window at a time: a page object across a window’s seam counts once', async () => {
    const { client, access_token: token } = await loginByPhone()
    const seam = 1024 * 1024
    const first = new TextDecoder('latin1').decode(pdfDocument({ pages: 3, title: 'Across' })).search(/\/Type\s*\/Page(?![a-zA-Z])/)
    const across = pdfDocument({ pages: 3, title: 'Across', padding: seam - 4 - first - 2 })
    expect(new TextDecoder('latin1').decode(across.subarray(seam - 4, seam + 7))).toBe('/Type /Page')
    const counted = await expectOk(await upload(client, token, across), 201, RecordSchema)
    expect(counted.metadata).toMatchObject({ page_count: 3, title: 'Across' })
  })

  it('stores the same file once, honours Idempotency-Key, and keeps uploads to their owner', async () => {
    const owner = await loginByPhone()
    const other = await loginByPhone()
    const bytes = pdfDocument({ title: 'Discharge summary' })
    const first = await expectOk(
      await upload(owner.client, owner.access_token, bytes, {}, { 'idempotency-key': 'up-1' }),
      201,
      RecordSchema,
    )
    const replay = await expectOk(
      await upload(owner.client, owner.access_token, bytes, {}, { 'idempotency-key': 'up-1' }),
      201,
      RecordSchema,
    )
    expect(replay.id).toBe(first.id)
    const again = await expectOk(
      await upload(owner.client, owner.access_token, bytes, { title: 'Same file, other name' }),
      200,
      RecordSchema,
    )
    expect(again.id).toBe(first.id)
    const [a, b] = await Promise.all([
      upload(owner.client, owner.access_token, pngImage(10, 10)),
      upload(owner.client, owner.access_token, pngImage(10, 10)),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 201])
    const list = await expectOk(await owner.client.get('/v1/records?source=uploaded', { token: owner.access_token }), 200, page)
    expect(list.items).toHaveLength(2)

    await expectPatientOnly((token) => owner.client.get(`/v1/records/${first.id}`, { token }), owner)
    await expectHiddenFromOthers((token) => other.client.get(`/v1/records/${first.id}/file`, { token }), other)
    await expectHiddenFromOthers((token) => other.client.delete(`/v1/records/${first.id}`, { token }), other)
    // The other patient's own copy of the same file is their own record.
    const theirs = await expectOk(await upload(other.client, other.access_token, bytes), 201, RecordSchema)
    expect(theirs.id).not.toBe(first.id)
  })

  it('deletes own uploads with their file; documents from a hospital are read-only (403)', async () => {
    const { client, access_token: token } = await loginByPhone()
    const mine = await expectOk(await upload(client, token, pdfDocument({ title: 'Old x-ray' })), 201, RecordSchema)
    const deleted = await client.delete(`/v1/records/${mine.id}`, { token })
    expect(deleted.status).toBe(204)
    await expectError(await client.get(`/v1/records/${mine.id}/file`, { token }), 404, 'not_found')
    await expectError(await client.delete(`/v1/records/${mine.id}`, { token }), 404, 'not_found')

    const share = await shareWith(client, token, hospitalId('sahyadri'))
    const form = new FormData()
    form.append('file', new File([pdfDocument()], 'rx.pdf'))
    form.append('patient_ref', share.hmis_patient_id)
    form.append('type', 'prescription')
    form.append('title', 'Prescription')
    const posted = await hmisCall('sahyadri', 'POST', '/v1/hmis/documents', form)
    const received = await expectOk(posted.response, 201, RecordSchema)
    await expectError(await client.delete(`/v1/records/${received.id}`, { token }), 403, 'forbidden')
  })
})

describe('streamed uploads', () => {
  it('streams a large PDF into storage (Content-Length), checks its type and end, and serves it back', async () => {
    const { client, access_token: token } = await loginByPhone()
    // A 12 MB PDF: over the multipart limit.
    const base = pdfDocument({ title: 'MRI report' })
    const padding = new Uint8Array(12 * 1024 * 1024)
    crypto.getRandomValues(padding.subarray(0, 65536))
    const text = new TextDecoder('latin1').decode(base)
    const cut = text.indexOf('xref')
    const tail = text.slice(cut).replace(/startxref\n(\d+)/, (_m, n: string) => `startxref\n${Number(n) + padding.length + 2}`)
    const tailBytes = new Uint8Array([...tail].map((ch) => ch.charCodeAt(0)))
    const big = new Uint8Array(cut + 2 + padding.length + tailBytes.length)
    big.set(base.subarray(0, cut))
    big.set([0x25, 0x0a], cut) // "%\n": the padding is a comment
    big.set(
      padding.map((b) => (b === 0x0a || b === 0x0d ? 0x20 : b)),
      cut + 2,
    )
    big.set(tailBytes, cut + 2 + padding.length)
    const put = (bytes: Uint8Array, query = 'title=MRI%20report&type=report') =>
      client.call('PUT', `/v1/records/stream?${query}`, { token, headers: { 'content-type': 'application/pdf' }, body: bytes })
    const stored = await expectOk(await put(big), 201, RecordSchema)
    expect(stored).toMatchObject({ source: 'uploaded', content_type: 'application/pdf', size_bytes: big.length })
    // What it says, read back from storage by ranges (never the whole file at once).
    expect(stored.metadata).toEqual({ page_count: 1, title: 'MRI report', created: '2026-11-20' })
    const file = await client.get(`/v1/records/${stored.id}/file`, { token })
    const back = new Uint8Array(await file.arrayBuffer())
    expect(back.length).toBe(big.length)
    expect(back.subarray(0, 1024)).toEqual(big.subarray(0, 1024))
    expect(back.subarray(-1024)).toEqual(big.subarray(-1024))
    expect((await expectOk(await put(big), 200, RecordSchema)).id).toBe(stored.id)

    await expectError(await put(new TextEncoder().encode('MZ\u0090 a program, renamed')), 415, 'unsupported_media_type')
    await expectError(await put(big.slice(0, big.length - 40)), 422, 'unprocessable')
    await expectError(await put(big, 'title=x&type=selfie'), 400, 'validation_failed')
    const listed = await expectOk(await client.get('/v1/records?source=uploaded', { token }), 200, page)
    expect(listed.items.map((r) => r.id)).toEqual([stored.id])
  })
})

describe('file links', () => {
  const FileLink = z.object({ url: z.string(), expires_at: z.string() })
  /** Opens a link as the phone's PDF viewer would: no bearer header. */
  const open = (client: Client, url: string) => client.get(new URL(url).pathname)

  it('open the file without the bearer header for a few minutes, named and inline; deleting the record or logging out ends them', async () => {
    const { client, access_token: token } = await loginByPhone()
    const bytes = pdfDocument({ title: 'Discharge summary' })
    const record = await expectOk(await upload(client, token, bytes, { title: 'Discharge summary — Sahyadri' }), 201, RecordSchema)
    const link = await expectOk(await client.post(`/v1/records/${record.id}/link`, undefined, { token }), 200, FileLink)
    const lifetime = Date.parse(link.expires_at) - Date.now()
    expect(lifetime).toBeGreaterThan(240_000)
    expect(lifetime).toBeLessThanOrEqual(300_000)
    expect(link.url).toMatch(/^https?:\/\/[^/]+\/files\/[A-Za-z0-9_.-]+$/)

    const opened = await open(client, link.url)
    expect(opened.status).toBe(200)
    expect(opened.headers.get('content-type')).toBe('application/pdf')
    expect(opened.headers.get('content-disposition')).toMatch(/^inline; filename="Discharge summary {2}Sahyadri\.pdf"/)
    expect(opened.headers.get('cache-control')).toBe('private, no-store')
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer')
    expect(new Uint8Array(await opened.arrayBuffer())).toEqual(bytes)

    // Another patient cannot make a link to it; a link cut short or of another kind opens nothing.
    const other = await loginByPhone()
    await expectError(await other.client.post(`/v1/records/${record.id}/link`, undefined, { token: other.access_token }), 404, 'not_found')
    await expectError(await open(client, `${link.url.slice(0, -2)}xx`), 401, 'unauthorized')
    await expectError(await client.get(`/files/${token}`), 401, 'unauthorized')

    // Deleting the record ends its links.
    expect((await client.delete(`/v1/records/${record.id}`, { token })).status).toBe(204)
    await expectError(await open(client, link.url), 404, 'not_found')

    // Logging out ends the links that session made.
    const second = await expectOk(await upload(client, token, pngImage(64, 64), { title: 'Rash' }), 201, RecordSchema)
    // A link past its time opens nothing.
    const { sub, sid } = JSON.parse(atob(token.split('.')[1]!.replaceAll('-', '+').replaceAll('_', '/'))) as { sub: string; sid: string }
    const stale = await issueToken(loadConfig(env), { sub, sid, jti: second.id, typ: 'file' }, 300, new Date(Date.now() - 301_000))
    await expectError(await client.get(`/files/${stale}`), 401, 'token_expired')
    const kept = await expectOk(await client.post(`/v1/records/${second.id}/link`, undefined, { token }), 200, FileLink)
    const before = await open(client, kept.url)
    expect(before.status).toBe(200)
    await before.body?.cancel()
    expect((await client.post('/v1/auth/logout', undefined, { token })).status).toBe(204)
    await expectError(await open(client, kept.url), 404, 'not_found')
  })
})

describe('data export', () => {
  const Export = z.object({
    id: z.string(),
    status: z.enum(['pending', 'ready', 'failed']),
    url: z.string().nullable(),
    size_bytes: z.number().nullable(),
    file_count: z.number().nullable(),
  })

  it('writes a ZIP of the FHIR Bundle and every file (over several parts), downloadable by link, one at a time', async () => {
    const { client, access_token: token } = await loginByPhone()
    const big = [
      pdfDocument({ title: 'MRI report', padding: 5 * 1024 * 1024 }),
      pdfDocument({ title: 'CT report', padding: 5 * 1024 * 1024 }),
    ]
    const uploaded = []
    for (const [i, bytes] of big.entries())
      uploaded.push(await expectOk(await upload(client, token, bytes, { title: `Scan ${i + 1}` }), 201, RecordSchema))
    const photo = pngImage(80, 60)
    const form = new FormData()
    form.append('file', new File([photo], 'p.png'))
    form.append('title', 'Rash photo')
    form.append('type', 'other')
    uploaded.push(await expectOk(await client.postForm('/v1/records', form, { token }), 201, RecordSchema))

    const asked = await expectOk(await client.post('/v1/me/export', undefined, { token }), 202, Export)
    expect(asked).toMatchObject({ status: 'pending', url: null })
    // While it is being written, asking again answers the same one.
    expect((await expectOk(await client.post('/v1/me/export', undefined, { token }), 202, Export)).id).toBe(asked.id)
    let ready = asked
    await expect
      .poll(async () => (ready = await expectOk(await client.get(`/v1/me/exports/${asked.id}`, { token }), 200, Export)).status, {
        timeout: 30_000,
      })
      .toBe('ready')
    expect(ready.file_count).toBe(3)
    expect(ready.size_bytes).toBeGreaterThan(10 * 1024 * 1024)

    const download = await client.get(new URL(ready.url!).pathname)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/zip')
    const zip = unzipSync(new Uint8Array(await download.arrayBuffer()))
    const bundle = JSON.parse(new TextDecoder().decode(zip['fhir-bundle.json'])) as {
      resourceType: string
      entry: { resource: { resourceType: string; id: string } }[]
    }
    expect(bundle.resourceType).toBe('Bundle')
    expect(
      bundle.entry
        .filter((e) => e.resource.resourceType === 'DocumentReference')
        .map((e) => e.resource.id)
        .sort(),
    ).toEqual(uploaded.map((r) => r.id).sort())
    const files = Object.entries(zip).filter(([name]) => name.startsWith('files/'))
    expect(files).toHaveLength(3)
    for (const [i, bytes] of [...big, photo].entries()) {
      const name = `files/${uploaded[i]!.title} (${uploaded[i]!.id.slice(0, 8)}).${i < 2 ? 'pdf' : 'png'}`
      expect(zip[name]?.length, name).toBe(bytes.length)
      expect(await digestOf(zip[name]!), name).toBe(await digestOf(bytes))
    }
    const told = (await (await client.get('/v1/notifications', { token })).json()) as { items: { type: string; link: unknown }[] }
    expect(told.items.find((n) => n.type === 'export_ready')?.link).toEqual({ kind: 'data_export', id: asked.id })

    const other = await loginByPhone()
    await expectError(await other.client.get(`/v1/me/exports/${asked.id}`, { token: other.access_token }), 404, 'not_found')
    // A new one may be asked for once this one is written.
    const next = await expectOk(await client.post('/v1/me/export', undefined, { token }), 202, Export)
    expect(next.id).not.toBe(asked.id)
  }, 60_000)
})
