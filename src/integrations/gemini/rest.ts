import { z } from 'zod'
import { bytesToBase64 } from '../../core/crypto'
import { ApiError, type ErrorCode } from '../../core/errors'
import type { Logger } from '../../core/logger'
import { readUpstreamJson, readUpstreamText } from '../../core/upstream'
import type { Gemini, GeminiPart } from './port'

const SERVICE = 'Gemini'

export type GeminiOptions = {
  baseUrl: string
  apiVersion: string
  model: string
  apiKey: string
  timeoutMs: number
  /** Prompts whose files add up to more go through the Files API (resumable upload) instead of inline. */
  inlineMaxBytes: number
  log: Logger
}

const Answer = z.object({
  candidates: z
    .array(
      z.object({
        content: z.object({ parts: z.array(z.object({ text: z.string().optional() }).passthrough()).optional() }).optional(),
        finishReason: z.string().optional(),
      }),
    )
    .optional(),
  promptFeedback: z.object({ blockReason: z.string().optional() }).optional(),
})
const UploadedFile = z.object({
  file: z.object({ name: z.string().regex(/^files\/[A-Za-z0-9_-]+$/), uri: z.string().url(), state: z.string().optional() }),
})
const FileState = z.object({ name: z.string(), uri: z.string().url(), state: z.string().optional() })

/**
 * Gemini's REST API over fetch (generateContent, and the Files API for large files): about 1 KB
 * instead of the 80+ KB of @google/genai. Statuses map to ours: 429/503 → 503, 504 or our own
 * timeout → 504, anything else unexpected → 502. Gemini's own error text is logged, never shown.
 */
export function geminiRest(options: GeminiOptions): Gemini {
  const deadlineOf = () => Date.now() + options.timeoutMs

  async function call(url: string, init: RequestInit, deadline: number): Promise<Response> {
    const left = deadline - Date.now()
    if (left <= 0) throw new ApiError('upstream_timeout', `${SERVICE} did not answer in time.`, { details: { service: SERVICE } })
    let response: Response
    try {
      response = await fetch(url, {
        ...init,
        headers: { 'x-goog-api-key': options.apiKey, ...init.headers },
        signal: AbortSignal.timeout(left),
      })
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
      throw new ApiError(
        timedOut ? 'upstream_timeout' : 'upstream_unavailable',
        timedOut ? `${SERVICE} did not answer in time.` : `${SERVICE} is not reachable.`,
        { details: { service: SERVICE }, cause: error, headers: timedOut ? {} : { 'Retry-After': '5' } },
      )
    }
    if (response.ok) return response
    const text = (await readUpstreamText(SERVICE, response, 64 * 1024).catch(() => '')).slice(0, 500)
    options.log.log('warn', 'Gemini refused a call', { status: response.status, answer: text })
    const code: ErrorCode =
      response.status === 429 || response.status === 503
        ? 'upstream_unavailable'
        : response.status === 504
          ? 'upstream_timeout'
          : 'upstream_error'
    throw new ApiError(
      code,
      code === 'upstream_unavailable'
        ? `${SERVICE} is busy; please try again in a minute.`
        : code === 'upstream_timeout'
          ? `${SERVICE} did not answer in time.`
          : `${SERVICE} failed (status ${response.status}).`,
      { details: { service: SERVICE }, headers: code === 'upstream_unavailable' ? { 'Retry-After': '30' } : {} },
    )
  }

  /** Files API, resumable: start (metadata) → upload and finalize (bytes) → wait until ACTIVE. */
  async function upload(bytes: Uint8Array, mimeType: string, deadline: number) {
    const start = await call(
      `${options.baseUrl}/upload/${options.apiVersion}/files`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-goog-upload-protocol': 'resumable',
          'x-goog-upload-command': 'start',
          'x-goog-upload-header-content-length': String(bytes.length),
          'x-goog-upload-header-content-type': mimeType,
        },
        body: JSON.stringify({ file: { display_name: `phr-edge-${crypto.randomUUID()}` } }),
      },
      deadline,
    )
    await start.body?.cancel()
    const uploadUrl = start.headers.get('x-goog-upload-url')
    if (!uploadUrl || !uploadUrl.startsWith(`${options.baseUrl}/`))
      throw new ApiError('upstream_error', `${SERVICE} gave no upload address.`, { details: { service: SERVICE } })
    const done = await call(
      uploadUrl,
      {
        method: 'POST',
        headers: { 'content-type': mimeType, 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '0' },
        body: bytes,
      },
      deadline,
    )
    let file = (await readUpstreamJson(SERVICE, done, UploadedFile)).file
    // Video containers (m4a, 3gp, webm) are processed before use; audio and PDFs are ACTIVE at once.
    for (let wait = 250; file.state === 'PROCESSING'; wait = Math.min(wait * 2, 2000)) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, Math.max(0, deadline - Date.now()))))
      file = await readUpstreamJson(
        SERVICE,
        await call(`${options.baseUrl}/${options.apiVersion}/${file.name}`, { method: 'GET' }, deadline),
        FileState,
      )
    }
    if (file.state === 'FAILED')
      throw new ApiError('upstream_error', `${SERVICE} could not read the file.`, { details: { service: SERVICE } })
    return file
  }

  return {
    model: options.model,
    async generate(request) {
      const deadline = deadlineOf()
      const fileBytes = request.parts.reduce((n, p) => n + ('bytes' in p ? p.bytes.length : 0), 0)
      const viaFiles = fileBytes > options.inlineMaxBytes
      const uploaded: string[] = []
      try {
        const parts = []
        for (const part of request.parts as GeminiPart[]) {
          if ('text' in part) parts.push({ text: part.text })
          else if (!viaFiles) parts.push({ inline_data: { mime_type: part.mimeType, data: bytesToBase64(part.bytes) } })
          else {
            const file = await upload(part.bytes, part.mimeType, deadline)
            uploaded.push(file.name)
            parts.push({ file_data: { mime_type: part.mimeType, file_uri: file.uri } })
          }
        }
        const response = await call(
          `${options.baseUrl}/${options.apiVersion}/models/${options.model}:generateContent`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              ...(request.system ? { system_instruction: { parts: [{ text: request.system }] } } : {}),
              contents: [{ role: 'user', parts }],
              generationConfig: {
                temperature: request.temperature ?? 0,
                ...(request.responseSchema ? { responseMimeType: 'application/json', responseSchema: request.responseSchema } : {}),
              },
            }),
          },
          deadline,
        )
        const answer = await readUpstreamJson(SERVICE, response, Answer)
        const candidate = answer.candidates?.[0]
        const text = candidate?.content?.parts?.map((p) => p.text ?? '').join('') ?? ''
        const blocked = answer.promptFeedback?.blockReason ?? (candidate?.finishReason === 'SAFETY' ? 'SAFETY' : undefined)
        if (blocked || !text.trim()) {
          options.log.log('warn', 'Gemini gave no answer', {
            block_reason: blocked ?? null,
            finish_reason: candidate?.finishReason ?? null,
          })
          throw new ApiError('upstream_error', `${SERVICE} gave no answer${blocked ? ` (blocked: ${blocked})` : ''}.`, {
            details: { service: SERVICE },
          })
        }
        return text
      } finally {
        // Uploaded files expire on their own after 48 h; removing them now is a courtesy, and best effort.
        for (const name of uploaded) {
          await fetch(`${options.baseUrl}/${options.apiVersion}/${name}`, {
            method: 'DELETE',
            headers: { 'x-goog-api-key': options.apiKey },
            signal: AbortSignal.timeout(2000),
          })
            .then((r) => r.body?.cancel())
            .catch(() => {})
        }
      }
    },
  }
}
