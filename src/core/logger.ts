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
