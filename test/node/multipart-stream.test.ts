// The streamed multipart reader (src/core/multipart.ts, behind POST /v1/records): whatever the
// chunks the body arrives in — one byte at a time, or a boundary split across two — it gives back
// the fields and the file exactly as a browser's FormData sent them, never cutting the file at
// something that only looks like a boundary; and a broken body is a 400, not a hang or a 500.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/core/errors'
import { streamMultipart } from '../../src/core/multipart'

const BOUNDARY = '----formdata-phr-0123456789'

/** The body as the runtime encodes a FormData, and its Content-Type. */
async function encoded(parts: [string, string | Uint8Array][]) {
  const form = new FormData()
  for (const [name, value] of parts) {
    if (typeof value === 'string') form.append(name, value)
    else form.append(name, new Blob([value]), 'report.pdf')
  }
  const request = new Request('https://phr.test/', { method: 'POST', body: form })
  return { type: request.headers.get('content-type')!, body: new Uint8Array(await request.arrayBuffer()) }
}

/** A request whose body arrives in chunks of the given sizes (cycled). */
function chunked(type: string, body: Uint8Array, sizes: number[]) {
  let at = 0
  let turn = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= body.length) return controller.close()
      const size = sizes[turn++ % sizes.length]!
      controller.enqueue(body.slice(at, at + size))
      at += size
    },
  })
  return new Request('https://phr.test/', {
    method: 'POST',
    body: stream,
    headers: { 'content-type': type },
    duplex: 'half',
  } as RequestInit)
}

async function read(request: Request) {
  const seen: { before: Record<string, string>; filename: string } = { before: {}, filename: '' }
  const form = await streamMultipart(request, 'multipart please', 'file', async (file, before, chunks) => {
    seen.before = before
    seen.filename = file.filename
    const pieces: number[] = []
    for await (const chunk of chunks) pieces.push(...chunk)
    return new Uint8Array(pieces)
  })
  return { ...form, ...seen }
}

const text = new TextEncoder()
// What a file may hold that looks like the end of its part: the delimiter cut short, or with one byte wrong.
const lookalikes = [`\r\n--${BOUNDARY.slice(0, 10)}`, `\r\n--${BOUNDARY.slice(0, -1)}X`, '\r\n--', '\r\n\r\n', '\r', `--${BOUNDARY}`].map(
  (s) => text.encode(s),
)
const fileBytes = fc
  .array(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constantFrom(...lookalikes)), { maxLength: 30 })
  .map((pieces) => new Uint8Array(pieces.flatMap((p) => [...p])))

describe('the streamed multipart reader', () => {
  it('gives back the fields and the file exactly, in any chunking, fields before and after the file', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 5 }), async (file, sizes) => {
        const { type, body } = await encoded([
          ['title', 'CBC report — नवंबर'],
          ['file', file],
          ['type', 'test_result'],
        ])
        const form = await read(chunked(type, body, sizes))
        expect(form.fields).toEqual({ title: 'CBC report — नवंबर', type: 'test_result' })
        expect(form.before).toEqual({ title: 'CBC report — नवंबर' })
        expect(form.filename).toBe('report.pdf')
        expect(form.file).toEqual(file)
      }),
      { numRuns: 300 },
    )
  })

  it('reads a body with a preamble and an epilogue, a boundary in quotes, and blanks after a boundary', async () => {
    const body = text.encode(
      'preamble to ignore\r\n--xyz  \r\nContent-Disposition: form-data; name="title"\r\n\r\nA\r\n--xyz\r\n' +
        'content-disposition: form-data; name=file; filename=x.pdf\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--xyz--\r\nepilogue',
    )
    for (const sizes of [[1], [3], [body.length]]) {
      const form = await read(chunked('multipart/form-data; boundary="xyz"', body, sizes))
      expect(form.fields).toEqual({ title: 'A' })
      expect(new TextDecoder().decode(form.file)).toBe('%PDF')
    }
  })

  it('refuses what it cannot read with 400 malformed_body, a second file or a file elsewhere with 400 validation_failed', async () => {
    const cases: [string, string, string][] = [
      ['multipart/form-data', '--xyz\r\n', 'malformed_body'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"', 'malformed_body'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end', 'malformed_body'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Type: text/plain\r\n\r\n1\r\n--xyz--', 'malformed_body'],
      [
        'multipart/form-data; boundary=xyz',
        '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyzjunk\r\n',
        'malformed_body',
      ],
      [
        'multipart/form-data; boundary=xyz',
        `--xyz\r\nContent-Disposition: form-data; name="a"\r\n${'X-Pad: y\r\n'.repeat(1000)}\r\n1\r\n--xyz--`,
        'malformed_body',
      ],
      [
        'multipart/form-data; boundary=xyz',
        '--xyz\r\nContent-Disposition: form-data; name="photo"; filename="p.png"\r\n\r\n1\r\n--xyz--',
        'validation_failed',
      ],
      [
        'multipart/form-data; boundary=xyz',
        '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\n1\r\n--xyz\r\nContent-Disposition: form-data; name="file"; filename="b"\r\n\r\n2\r\n--xyz--',
        'validation_failed',
      ],
    ]
    for (const [type, body, code] of cases) {
      const error = await read(chunked(type, text.encode(body), [5])).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error, body).toBeInstanceOf(ApiError)
      expect((error as ApiError).code, body).toBe(code)
    }
    await expect(
      read(new Request('https://phr.test/', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })),
    ).rejects.toMatchObject({
      code: 'unsupported_media_type',
    })
  })

  it('refuses a text field over 16 KB (413) and more than 32 parts (400)', async () => {
    const big = await encoded([['title', 'x'.repeat(17 * 1024)]])
    await expect(read(chunked(big.type, big.body, [4096]))).rejects.toMatchObject({ code: 'payload_too_large' })
    const many = await encoded(Array.from({ length: 40 }, (_, i) => [`f${i}`, 'v'] as [string, string]))
    await expect(read(chunked(many.type, many.body, [4096]))).rejects.toMatchObject({ code: 'malformed_body' })
  })
})
