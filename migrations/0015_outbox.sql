-- One outbox for every feature, delivered through a Cloudflare Queue (core/outbox): today's HMIS
-- jobs move into it (the hospital becomes the partition, the appointment, check, lab booking or
-- order the subject) and hmis_outbox goes.
create table outbox (
  id uuid primary key,
  kind text not null check (kind ~ '^[a-z][a-z0-9_]{1,60}$'),
  partition_key text not null,
  subject_id uuid not null,
  status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  history jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- The sweeper: pending jobs by when they are due (its cost grows with the due work, not the table).
create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending';
create index outbox_subject_idx on outbox (subject_id);

insert into outbox (id, kind, partition_key, subject_id, status, attempts, next_attempt_at, locked_until, last_error, created_at, updated_at)
select id, kind, 'hospital:' || hospital_id,
       case kind
         when 'share_symptom_check' then symptom_check_id
         when 'request_lab_booking' then lab_booking_id
         when 'place_medicine_order' then medicine_order_id
         else appointment_id
       end,
       status, attempts, next_attempt_at, locked_until, last_error, created_at, updated_at
from hmis_outbox
where coalesce(symptom_check_id, lab_booking_id, medicine_order_id, appointment_id) is not null;

drop table hmis_outbox;
