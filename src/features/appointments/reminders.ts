import { sql } from 'drizzle-orm'
import { queryRows } from '../../core/db'
import { inLanguage, noteEveryShard, pushShardSql } from '../../core/notify'
import type { Services } from '../../core/types'

/**
 * The cron: a reminder 24 hours and 1 hour before each live appointment, each once (a dedupe key
 * per appointment, kind and slot: a moved appointment is reminded of its new time), in one set-based statement; late or missed runs catch up.
 */
export async function remindAppointments(services: Services): Promise<Record<string, number>> {
  const [row] = await queryRows<{ sent: number }>(
    services.db,
    sql`
    with due as (
      select a.id, a.patient_id, a.mode, h.name as hospital, a.doctor_name, a.slot_start,
        to_char(a.slot_start at time zone h.timezone, 'DD Mon YYYY, HH24:MI') as local_time,
        case when a.slot_start <= now() + interval '1 hour' then '1h' else '24h' end as kind
      from appointments a join hospitals h on h.id = a.hospital_id
      where a.status in ('booked', 'symptoms_shared', 'reviewed') and a.slot_start > now() and a.slot_start <= now() + interval '24 hours'
    ), sent as (
      insert into notifications (id, patient_id, type, title, body, link, dedupe_key, priority, push_shard)
      select gen_random_uuid(), d.patient_id, 'appointment_reminder',
        ${inLanguage(
          sql`case when kind = '1h' then 'Your appointment is in less than an hour' else 'Your appointment is tomorrow' end`,
          sql`case when kind = '1h' then 'आपकी अपॉइंटमेंट एक घंटे के अंदर है' else 'आपकी अपॉइंटमेंट कल है' end`,
        )},
        ${inLanguage(
          sql`concat_ws(' ', coalesce(doctor_name, 'Your doctor'), 'at', hospital, 'on', local_time, case when mode = 'online' then '(video call).' else '(in person).' end)`,
          sql`concat(coalesce(doctor_name, 'आपके डॉक्टर'), ', ', hospital, ', ', local_time, case when mode = 'online' then ' (वीडियो कॉल)।' else ' (अस्पताल में)।' end)`,
        )},
        jsonb_build_object('kind', 'appointment', 'id', d.id), concat('reminder-', kind, ':', d.id, ':', extract(epoch from d.slot_start)::bigint),
        -- Within the hour it is critical: it rings through quiet hours.
        case when kind = '1h' then 'critical' else 'high' end, ${pushShardSql(sql`d.patient_id`)}
      from due d join patients p on p.id = d.patient_id
      on conflict (patient_id, dedupe_key) where dedupe_key is not null do nothing
      returning 1
    )
    select count(*)::int as sent from sent`,
  )
  if (row?.sent) noteEveryShard()
  return { reminders_sent: row?.sent ?? 0 }
}

/** Idempotency keys and hospital request signatures past their window (hourly; safe to repeat). */
export async function removeExpiredRequestState(services: Services): Promise<Record<string, number>> {
  const [row] = await queryRows<{ keys: number; signatures: number }>(
    services.db,
    sql`with k as (delete from idempotency_keys where expires_at < now() returning 1),
      s as (delete from hmis_signatures where expires_at < now() returning 1)
      select (select count(*) from k)::int as keys, (select count(*) from s)::int as signatures`,
  )
  return { idempotency_keys: row?.keys ?? 0, hmis_signatures: row?.signatures ?? 0 }
}
