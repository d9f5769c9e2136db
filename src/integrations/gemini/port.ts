/** A part of a prompt: text, or a file's bytes (audio, PDF, image) with its MIME type. */
export type GeminiPart = { text: string } | { bytes: Uint8Array; mimeType: string }

export type GeminiRequest = {
  /** The system instruction. */
  system?: string
  parts: GeminiPart[]
  /** Asks for JSON in this shape (Gemini's `responseSchema`, an OpenAPI-subset schema). */
  responseSchema?: Record<string, unknown>
  temperature?: number
}

/**
 * Google's Gemini, the one model port of the project. A failure surfaces as a 502/503/504
 * ApiError; calls are never retried (each costs the caller, and none is idempotent).
 */
export interface Gemini {
  /** The model name answers come from, for the record. */
  readonly model: string
  /** The text of the first candidate (JSON when `responseSchema` is given). */
  generate(request: GeminiRequest): Promise<string>
}
