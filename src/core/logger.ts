export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void
}

/** One JSON object per line: what Workers Logs and `wrangler tail` index best. */
export function createLogger(base: Record<string, unknown>): Logger {
  return {
    log(level, message, fields = {}) {
      const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...base, ...fields })
      if (level === 'error') console.error(line)
      else if (level === 'warn') console.warn(line)
      else console.log(line)
    },
  }
}

/**
 * An error and its causes for a log line: name, message and code of each, never the query
 * parameters a driver puts in its message (they hold addresses, emails, phone numbers).
 */
export function describeError(error: unknown): { name: string; message: string; code?: string; stack?: string }[] {
  const chain: { name: string; message: string; code?: string; stack?: string }[] = []
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (!(current instanceof Error)) {
      chain.push({ name: typeof current, message: redact(String(current)) })
      break
    }
    const code = (current as { code?: unknown }).code
    chain.push({
      name: current.name,
      message: redact(current.message),
      ...(typeof code === 'string' ? { code } : {}),
      ...(depth === 0 && current.stack ? { stack: redact(current.stack) } : {}),
    })
    current = current.cause
  }
  return chain
}

function redact(text: string): string {
  return text.replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]').slice(0, 2000)
}
