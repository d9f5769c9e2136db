import { sql, type SQL } from 'drizzle-orm'

// When each dose timing falls in a patient's day: 30 minutes either side of a meal of their
// routine, or their bed time. The reminder run, the day's schedule and adherence all read it here.

/** The local time (a `time`) of `timing`, from the routine columns of `routine` (an alias). */
export const timingTime = (timing: SQL, routine: string) => {
  const r = sql.raw(routine)
  return sql`case ${timing}
    when 'before_breakfast' then ${r}.breakfast_at - interval '30 minutes'
    when 'after_breakfast' then ${r}.breakfast_at + interval '30 minutes'
    when 'before_lunch' then ${r}.lunch_at - interval '30 minutes'
    when 'after_lunch' then ${r}.lunch_at + interval '30 minutes'
    when 'before_dinner' then ${r}.dinner_at - interval '30 minutes'
    when 'after_dinner' then ${r}.dinner_at + interval '30 minutes'
    else ${r}.bed_at end`
}

/** The patient's routine with its defaults and time zone, as a CTE body (`me`): one row, or none once the account is gone. */
export const routineRow = (patientId: string) =>
  sql`select p.timezone, coalesce(r.breakfast_at, '08:00'::time) as breakfast_at, coalesce(r.lunch_at, '13:00'::time) as lunch_at,
             coalesce(r.dinner_at, '20:00'::time) as dinner_at, coalesce(r.bed_at, '22:30'::time) as bed_at
      from patients p left join patient_routines r on r.patient_id = p.id
      where p.id = ${patientId}`
