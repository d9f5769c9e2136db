-- Appointments that are never lost (the booking and its HMIS job in one transaction; a cron
-- retries), idempotent requests, hospital events received once, received documents, and the
-- patients' notifications. No foreign keys: ids are checked by the code that writes them.

create table appointments (
  id uuid primary key,
  patient_id uuid not null,
  hospital_id uuid not null,
  doctor_id text not null,
  doctor_name text,
  mode text not null check (mode in ('in_person', 'online')),
  slot_start timestamptz not null,
  slot_end timestamptz not null,
  status text not null check (status in ('pending_sync', 'booked', 'symptoms_shared', 'reviewed', 'completed', 'cancelled', 'rejected', 'missed')),
  status_reason text,
  hmis_appointment_ref text,
  join_url text,
  symptom_check_id uuid,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);
create index appointments_patient_created_idx on appointments (patient_id, created_at, id);
create index appointments_patient_slot_idx on appointments (patient_id, slot_start);
create index appointments_slot_start_idx on appointments (slot_start) where status in ('booked', 'symptoms_shared', 'reviewed');
create unique index appointments_hospital_ref_key on appointments (hospital_id, hmis_appointment_ref) where hmis_appointment_ref is not null;

-- Work for a hospital's HMIS that must survive the HMIS being down: written in the same
-- transaction as the change it belongs to, sent by the request when it can, retried by a cron.
create table hmis_outbox (
  id uuid primary key,
  kind text not null check (kind in ('book_appointment', 'cancel_appointment')),
  hospital_id uuid not null,
  appointment_id uuid not null,
  status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index hmis_outbox_due_idx on hmis_outbox (next_attempt_at) where status = 'pending';
create index hmis_outbox_appointment_idx on hmis_outbox (appointment_id);

-- Idempotency-Key of writes that create something: the first answer, replayed for the same key and body.
create table idempotency_keys (
  patient_id uuid not null,
  key text not null,
  request_hash text not null,
  status text not null check (status in ('in_flight', 'done')),
  response_status integer,
  response_body jsonb,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (patient_id, key)
);
create index idempotency_keys_expires_at_idx on idempotency_keys (expires_at);

-- Calls from hospitals: each event id applied once, each signature accepted once (replays refused).
create table hmis_events (
  hospital_id uuid not null,
  event_id text not null,
  received_at timestamptz not null default now(),
  primary key (hospital_id, event_id)
);
create table hmis_signatures (
  signature text primary key,
  expires_at timestamptz not null
);
create index hmis_signatures_expires_at_idx on hmis_signatures (expires_at);

-- Documents in the patient's records; the file is in R2 under a key that reveals nothing.
create table records (
  id uuid primary key,
  patient_id uuid not null,
  source text not null check (source in ('received', 'uploaded')),
  type text not null check (type in ('prescription', 'handout', 'test_result', 'report', 'other')),
  title text not null,
  hospital_id uuid,
  appointment_id uuid,
  external_id text,
  storage_key text not null,
  content_type text not null,
  size_bytes integer not null,
  sha256 text not null,
  record_date date,
  created_at timestamptz(3) not null default now()
);
create index records_patient_created_idx on records (patient_id, created_at, id);
create unique index records_hospital_external_key on records (hospital_id, external_id) where external_id is not null;

create table notifications (
  id uuid primary key,
  patient_id uuid not null,
  type text not null,
  title text not null,
  body text not null,
  link jsonb,
  dedupe_key text,
  read_at timestamptz,
  created_at timestamptz(3) not null default now()
);
create index notifications_patient_created_idx on notifications (patient_id, created_at, id);
create index notifications_patient_unread_idx on notifications (patient_id) where read_at is null;
create unique index notifications_patient_dedupe_key on notifications (patient_id, dedupe_key) where dedupe_key is not null;
