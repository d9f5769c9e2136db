// Dates and instants in a named zone (hospitals and patients each have one).

const FORMATS = {
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  offset: { timeZoneName: 'longOffset' },
  instant: { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>

/**
 * One formatter per kind and zone for the isolate's life: building an Intl.DateTimeFormat with a
 * time zone costs far more than using one, and a doctor's week of slots formats hundreds of times.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(kind: keyof typeof FORMATS, timeZone: string) {
  const key = `${kind} ${timeZone}`
  let format = formatters.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(kind === 'offset' ? 'en-US' : 'en-CA', { timeZone, ...FORMATS[kind] })
    // A bound on the zones kept (patients choose theirs): far more than the world has.
    if (formatters.size >= 1000) formatters.clear()
    formatters.set(key, format)
  }
  return format
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  return formatter('date', timeZone).format(instant)
}

/** The zone's UTC offset at an instant, as +05:30. */
export function offsetAt(instant: Date, timeZone: string): string {
  const name = formatter('offset', timeZone)
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')
  return name?.value.match(/GMT([+-]\d{2}:\d{2})/)?.[1] ?? '+00:00'
}

/** An instant written in a zone: RFC 3339 with that zone's offset, to the second. */
export function inZone(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter('instant', timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offsetAt(instant, timeZone)}`
}

/** The instant a local date begins in a zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const guess = new Date(`${date}T00:00:00Z`)
  const offset = offsetAt(guess, timeZone)
  const shifted = new Date(`${date}T00:00:00${offset}`)
  // Across an offset change near midnight, the offset at the shifted instant is the right one.
  return new Date(`${date}T00:00:00${offsetAt(shifted, timeZone)}`)
}

/** A local date plus days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
