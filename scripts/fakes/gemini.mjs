// Fake Gemini API (generativelanguage.googleapis.com) for tests and `npm run dev`: the same wire
// format — `POST /{version}/models/{model}:generateContent` with inline_data or file_data parts,
// generationConfig.responseSchema for JSON answers, and the Files API's resumable upload
// (start → upload, finalize → GET until ACTIVE → DELETE). It "hears" recordings by a marker in
// their bytes (`SPEECH:<words>|END`), detects symptoms by matching the transcript against the
// catalog lines of the prompt (names, Hindi names, Hinglish keywords; "no X" / "X nahi" denied),
// and reads documents by `TEXT:<words>|END` markers. Controls: /_fake/requests, /_fake/files.
import { randomBytes } from 'node:crypto'
import { startFakeServer } from './server.mjs'

const googleError = (code, status, message) => [code, { error: { code, message, status } }]

export async function startFakeGemini({ apiKey, port = 0, log = (_line) => {} }) {
  const files = new Map() // id -> {name, uri, mimeType, sizeBytes, state, bytes}
  const uploads = new Map() // upload id -> {length, mimeType, displayName}
  const requests = []
  let base

  const authorised = (headers) => headers['x-goog-api-key'] === apiKey

  function markers(buffer, tag) {
    const text = buffer.toString('utf8')
    return [...text.matchAll(new RegExp(`${tag}:([\\s\\S]*?)\\|END`, 'g'))].map((m) => m[1].trim())
  }

  function detect(prompt) {
    const transcript = (prompt.match(/<transcript>\n([\s\S]*?)\n<\/transcript>/)?.[1] ?? '').toLowerCase()
    const found = []
    for (const line of prompt.split('\n')) {
      const m = line.match(/^([a-z0-9_]+): (.+?) \/ (.+?)(?: \(also said as: (.+)\))?$/)
      if (!m) continue
      const terms = [m[2], m[3], ...(m[4]?.split(', ') ?? [])].map((t) => t.toLowerCase())
      let at = -1
      for (const term of terms) {
        const i = transcript.indexOf(term)
        if (i < 0) continue
        const denied = transcript.includes(`no ${term}`) || transcript.includes(`${term} nahi`) || transcript.includes(`${term} नहीं`)
        if (!denied && (at < 0 || i < at)) at = i
      }
      if (at >= 0) found.push({ code: m[1], at })
    }
    const codes = found.sort((a, b) => a.at - b.at).map((f) => f.code)
    // A model that strays outside the enum it was given (tests that such codes are dropped).
    if (transcript.includes('invent')) codes.push('alien_flu')
    return codes
  }

  function generate({ model, body }) {
    const parts = body?.contents?.flatMap((c) => c.parts ?? []) ?? []
    if (!parts.length) return googleError(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified')
    const media = []
    for (const part of parts) {
      if (part.inline_data)
        media.push({ mimeType: part.inline_data.mime_type, bytes: Buffer.from(part.inline_data.data, 'base64'), via: 'inline' })
      else if (part.file_data) {
        const file = [...files.values()].find((f) => f.uri === part.file_data.file_uri)
        if (!file) return googleError(403, 'PERMISSION_DENIED', 'You do not have permission to access the File or it may not exist.')
        if (file.state !== 'ACTIVE') return googleError(400, 'FAILED_PRECONDITION', `The File ${file.name} is not in an ACTIVE state.`)
        media.push({ mimeType: file.mimeType, bytes: file.bytes, via: 'file' })
      } else if (typeof part.text !== 'string') return googleError(400, 'INVALID_ARGUMENT', 'Invalid part')
    }
    const prompt = parts
      .filter((p) => typeof p.text === 'string')
      .map((p) => p.text)
      .join('\n')
    const schema = body.generationConfig?.responseSchema
    requests.push({
      model,
      system: body.system_instruction?.parts?.map((p) => p.text).join('\n') ?? null,
      prompt,
      media: media.map((m) => ({ mimeType: m.mimeType, size: m.bytes.length, via: m.via })),
      responseSchema: schema ?? null,
    })
    if (/BLOCKME/.test(prompt) || media.some((m) => m.bytes.includes('BLOCKME'))) {
      return [200, { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 10, totalTokenCount: 10 } }]
    }
    let text
    const audio = media.filter((m) => /^(audio|video)\//.test(m.mimeType))
    if (audio.length) {
      const transcript = audio.flatMap((m) => markers(m.bytes, 'SPEECH')).join(' ')
      text = schema ? JSON.stringify({ transcript }) : transcript
    } else if (schema?.properties?.symptoms) {
      const allowed = schema.properties.symptoms.items?.enum ?? []
      if (!allowed.length) return googleError(400, 'INVALID_ARGUMENT', 'responseSchema enum is empty')
      text = JSON.stringify({ symptoms: detect(prompt) })
    } else {
      // Documents: each is "read" through its TEXT markers; one without any cannot be read.
      const texts = media.flatMap((m) => markers(m.bytes, 'TEXT'))
      const unreadable = media.map((m, i) => (markers(m.bytes, 'TEXT').length ? 0 : i + 1)).filter(Boolean)
      const summary = media.length
        ? `Summary of ${media.length} document${media.length === 1 ? '' : 's'}. ${texts.join(' ')}`.trim()
        : `Joined: ${prompt.slice(prompt.indexOf('Part 1'), 2000)}`
      text = schema ? JSON.stringify(schema.properties?.unreadable ? { summary, unreadable } : { summary }) : summary
    }
    return [
      200,
      {
        candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 20, totalTokenCount: 120 },
        modelVersion: model,
      },
    ]
  }

  const publicFile = ({ bytes: _bytes, ...file }) => file

  const fake = await startFakeServer(
    'Gemini',
    {
      'GET /_fake/requests': () => [200, requests],
      'GET /_fake/files': () => [200, [...files.values()].map(publicFile)],
      '*': ({ method, path, headers, body, bytes, query }) => {
        if (!authorised(headers)) return googleError(403, 'PERMISSION_DENIED', 'API key not valid. Please pass a valid API key.')
        const generateMatch = path.match(/^\/(v1beta|v1|v1alpha)\/models\/([a-z0-9.-]+):generateContent$/)
        if (method === 'POST' && generateMatch) {
          if (!generateMatch[2].startsWith('gemini-')) return googleError(404, 'NOT_FOUND', `models/${generateMatch[2]} is not found`)
          return generate({ model: generateMatch[2], body })
        }
        const uploadMatch = path.match(/^\/upload\/(v1beta|v1)\/files$/)
        if (method === 'POST' && uploadMatch && headers['x-goog-upload-command'] === 'start') {
          const length = Number(headers['x-goog-upload-header-content-length'])
          const mimeType = headers['x-goog-upload-header-content-type']
          if (headers['x-goog-upload-protocol'] !== 'resumable' || !(length > 0) || !mimeType)
            return googleError(400, 'INVALID_ARGUMENT', 'Missing upload headers')
          const id = randomBytes(12).toString('hex')
          uploads.set(id, { length, mimeType, displayName: body?.file?.display_name ?? null })
          return [
            200,
            {},
            { 'x-goog-upload-url': `${base}/upload/${uploadMatch[1]}/files?upload_id=${id}`, 'x-goog-upload-status': 'active' },
          ]
        }
        if (method === 'POST' && uploadMatch && query.get('upload_id')) {
          const upload = uploads.get(query.get('upload_id'))
          if (!upload) return googleError(404, 'NOT_FOUND', 'No such upload')
          if (headers['x-goog-upload-command'] !== 'upload, finalize' || headers['x-goog-upload-offset'] !== '0')
            return googleError(400, 'INVALID_ARGUMENT', 'Expected one upload, finalize at offset 0')
          if (bytes.length !== upload.length)
            return googleError(400, 'INVALID_ARGUMENT', `Expected ${upload.length} bytes, got ${bytes.length}`)
          uploads.delete(query.get('upload_id'))
          const id = randomBytes(8).toString('hex')
          const file = {
            name: `files/${id}`,
            displayName: upload.displayName,
            mimeType: upload.mimeType,
            sizeBytes: String(bytes.length),
            uri: `${base}/${uploadMatch[1]}/files/${id}`,
            state: upload.mimeType.startsWith('video/') ? 'PROCESSING' : 'ACTIVE',
            bytes,
          }
          files.set(id, file)
          log(`[fake Gemini] stored ${file.name} (${file.mimeType}, ${bytes.length} bytes)`)
          return [200, { file: publicFile(file) }]
        }
        const fileMatch = path.match(/^\/(v1beta|v1)\/files\/([a-z0-9]+)$/)
        if (fileMatch) {
          const file = files.get(fileMatch[2])
          if (!file) return googleError(404, 'NOT_FOUND', 'File not found')
          if (method === 'GET') {
            const seen = publicFile(file)
            file.state = 'ACTIVE' // processed by the next look
            return [200, seen]
          }
          if (method === 'DELETE') {
            files.delete(fileMatch[2])
            return [200, {}]
          }
        }
        return undefined
      },
    },
    { port },
  )
  base = fake.url
  return fake
}
