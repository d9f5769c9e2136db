import { sql } from 'drizzle-orm'
import { queryRows, type Db } from './db'
import { invalidField } from './errors'

// Time zone names as patients give them (core/time works in zones; it imports nothing, for the scripts that share it).

/**
 * The IANA spelling of a time zone name, as the database's own tz data knows it (SQL that buckets
 * by the patient's zone uses the same data), or a 400. Offsets such as `+05:30` are not zones
 * (Postgres would read that one as UTC−05:30), nor are the tz database's internal names.
 */
export async function ianaTimeZone(db: Db, name: string): Promise<string> {
  const [zone] = await queryRows<{ name: string }>(
    db,
    sql`select name from pg_timezone_names
        where lower(name) = lower(${name}) and name !~ '^(posix|right)/' and name not in ('Factory', 'posixrules', 'localtime')
        order by name = ${name} desc limit 1`,
  )
  if (!zone || !workerdKnows(zone.name))
    throw invalidField('json', 'timezone', 'must be an IANA time zone such as Asia/Kolkata', 'invalid_timezone')
  return zone.name
}

function workerdKnows(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
