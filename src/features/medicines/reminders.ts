import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { inLanguage, noteEveryShard, pushShardSql } from '../../core/notify'
import type { Services } from '../../core/types'
import { timingTime } from './timings'

// Dose reminders, set-based: one statement finds every dose whose local time (the patient's
// routine, in their time zone, DST included) has come within the catch-up window, records it in
// medication_reminders (its key: medication, local date, timing, so overlapping or repeated runs
// make each reminder once) and writes the notifications of the ones it recorded. Paused, ended,
// deleted or already-logged doses are never announced; a dose older than the window is not either.
// It reads only the medicines with something to do (an index range of medications.next_reminder_at:
// due by now, or not worked out since they or their patient's routine or time zone changed) and sets
// each one's next dose time, so a run costs what is due, not how many medicines there are.

/** The local time of each timing, from the routine (30 minutes either side of a meal) read with the medicine. */
const TIMING_TIME = timingTime(sql`t.timing`, 'c')

/** A timing as a Hindi reader says it. */
const TIMING_HI = sql`case f.timing
    when 'before_breakfast' then 'नाश्ते से पहले'
    when 'after_breakfast' then 'नाश्ते के बाद'
    when 'before_lunch' then 'दोपहर के खाने से पहले'
    when 'after_lunch' then 'दोपहर के खाने के बाद'
    when 'before_dinner' then 'रात के खाने से पहले'
    when 'after_dinner' then 'रात के खाने के बाद'
    else 'सोते समय' end`

export async function remindDoses(services: Services, run: { at: Date }) {
  const at = run.at.toISOString()
  const window = services.config.MEDICATION_REMINDER_CATCH_UP_MINUTES
  const [result] = await queryRows<{ reminded: number; looked_at: number }>(
    services.db,
    // A time more than three days ahead was set by a run whose clock was ahead of this one's: looked at again.
    sql`with candidates as (
          select m.id, m.patient_id, m.timings, m.start_date, m.end_date, p.timezone,
                 (${at}::timestamptz at time zone p.timezone)::date as today,
                 coalesce(pr.breakfast_at, '08:00') as breakfast_at, coalesce(pr.lunch_at, '13:00') as lunch_at,
                 coalesce(pr.dinner_at, '20:00') as dinner_at, coalesce(pr.bed_at, '22:30') as bed_at
          from medications m
          join patients p on p.id = m.patient_id
          left join patient_routines pr on pr.patient_id = m.patient_id
          where m.reminders_enabled
            and (m.next_reminder_at is null or m.next_reminder_at <= ${at}::timestamptz
                 or m.next_reminder_at > ${at}::timestamptz + interval '3 days')
          -- Overlapping runs share the work, never wait on (or deadlock with) each other; a medicine being
          -- changed at this moment is left to the next run, its time cleared by the change.
          for update of m skip locked
        ), doses as (
          select c.id as medication_id, c.patient_id, t.timing, d.local_date,
                 ((d.local_date + ${TIMING_TIME}) at time zone c.timezone) as due_at
          from candidates c
          cross join lateral unnest(c.timings) as t(timing)
          cross join lateral (values (c.today - 1), (c.today), (c.today + 1)) as d(local_date)
          where c.start_date <= d.local_date and (c.end_date is null or c.end_date >= d.local_date)
        ), fresh as (
          insert into medication_reminders (medication_id, dose_date, timing, patient_id, due_at)
          select medication_id, local_date, timing, patient_id, due_at from doses
          where due_at <= ${at}::timestamptz and due_at > ${at}::timestamptz - make_interval(mins => ${window})
            and not exists (
              select 1 from medication_doses x
              where x.medication_id = doses.medication_id and x.dose_date = doses.local_date and x.timing = doses.timing)
          on conflict do nothing
          returning medication_id, dose_date, timing, patient_id
        ), sent as (
          insert into notifications (id, patient_id, type, title, body, link, dedupe_key, priority, push_shard)
          select gen_random_uuid(), f.patient_id, 'medication_due',
                 ${inLanguage(sql`'Time for ' || m.name`, sql`m.name || ' लेने का समय'`)},
                 ${inLanguage(sql`m.dosage || ', ' || replace(f.timing, '_', ' ')`, sql`m.dosage || ', ' || ${TIMING_HI}`)},
                 jsonb_build_object('kind', 'medication', 'id', m.id, 'date', f.dose_date::text, 'timing', f.timing),
                 'dose:' || m.id || ':' || f.dose_date || ':' || f.timing, 'high', ${pushShardSql(sql`f.patient_id`)}
          from fresh f join medications m on m.id = f.medication_id join patients p on p.id = f.patient_id
          on conflict (patient_id, dedupe_key) where dedupe_key is not null do nothing
          returning 1
        ), next as (
          -- The next dose after now (today's or tomorrow's); none (not started, or ended): look again in a day.
          select c.id, min(d.due_at) filter (where d.due_at > ${at}::timestamptz) as due_at
          from candidates c left join doses d on d.medication_id = c.id
          group by c.id
        ), scheduled as (
          update medications m set next_reminder_at = coalesce(n.due_at, ${at}::timestamptz + interval '1 day')
          from next n
          where m.id = n.id
          returning 1
        )
        select (select count(*) from sent)::int as reminded, (select count(*) from scheduled)::int as looked_at`,
  )
  if (result?.reminded) noteEveryShard()
  return { reminded: result?.reminded ?? 0, looked_at: result?.looked_at ?? 0 }
}

/** Refill reminders: stock that lasts MEDICATION_REFILL_DAYS or fewer, once until restocked. */
export async function remindRefills(services: Services, run: { at: Date }) {
  const [result] = await queryRows<{ reminded: number }>(
    services.db,
    sql`with low as (
          update medications m set refill_notified_at = ${run.at.toISOString()}::timestamptz
          from patients p
          where p.id = m.patient_id and m.reminders_enabled and m.quantity_on_hand is not null and m.refill_notified_at is null
            and (m.end_date is null or m.end_date >= (${run.at.toISOString()}::timestamptz at time zone p.timezone)::date)
            and m.quantity_on_hand / (m.units_per_dose * greatest(1, cardinality(m.timings))) <= ${services.config.MEDICATION_REFILL_DAYS}
          returning m.id, m.patient_id, m.name, m.quantity_on_hand, m.units_per_dose, cardinality(m.timings) as per_day
        ), sent as (
          insert into notifications (id, patient_id, type, title, body, link, dedupe_key, priority, push_shard)
          select gen_random_uuid(), l.patient_id, 'medication_refill',
                 ${inLanguage(sql`'Time to refill ' || l.name`, sql`l.name || ' दोबारा मँगाने का समय'`)},
                 ${inLanguage(
                   sql`'About ' || floor(l.quantity_on_hand / (l.units_per_dose * greatest(1, l.per_day)))::int || ' days left.'`,
                   sql`'लगभग ' || floor(l.quantity_on_hand / (l.units_per_dose * greatest(1, l.per_day)))::int || ' दिन की दवा बची है।'`,
                 )},
                 jsonb_build_object('kind', 'medication', 'id', l.id),
                 'refill:' || l.id || ':' || ${run.at.toISOString()}, 'normal', ${pushShardSql(sql`l.patient_id`)}
          from low l join patients p on p.id = l.patient_id
          on conflict (patient_id, dedupe_key) where dedupe_key is not null do nothing
          returning 1
        )
        select (select count(*) from sent)::int as reminded`,
  )
  if (result?.reminded) noteEveryShard()
  return { reminded: result?.reminded ?? 0 }
}
