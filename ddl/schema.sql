-- PHR Edge: the complete DDL of every table, for an empty database on any PostgreSQL (13 or newer).
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f ddl/schema.sql
-- It creates the same schema as applying every file of migrations/ in order (a test checks that),
-- and records those migrations as applied, so `npm run db:migrate` later adds only newer ones.
-- No foreign keys anywhere: integrity is kept by the code, unique constraints and indexes.

begin;

-- Migrations applied to this database (version = the file name without .sql). A null checksum
-- marks a baseline created from this file.
create table schema_migrations (
  version text primary key,
  checksum text,
  applied_at timestamptz not null default now()
);

create table patients (
  id uuid primary key,
  name text,
  gender text check (gender in ('male', 'female', 'other', 'undisclosed')),
  date_of_birth date,
  blood_group text check (blood_group in ('A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-')),
  phone text,
  email text,
  abha_number text check (abha_number ~ '^[0-9]{14}$'),
  abha_address text,
  address jsonb,
  emergency_contact jsonb,
  photo_url text,
  timezone text not null default 'Asia/Kolkata',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table patient_identities (
  id uuid primary key,
  patient_id uuid not null,
  channel text not null check (channel in ('phone', 'email', 'abha_number', 'abha_address')),
  identifier text not null,
  verified_at timestamptz not null default now(),
  last_login_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  constraint patient_identities_channel_identifier_key unique (channel, identifier)
);
create index patient_identities_patient_id_idx on patient_identities (patient_id);

create table otp_challenges (
  id uuid primary key,
  channel text not null check (channel in ('phone', 'email', 'abha_number', 'abha_address')),
  identifier text not null,
  otp_hash text,
  provider_txn_id text,
  deliverable boolean not null default true,
  attempts integer not null default 0,
  max_attempts integer not null,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  client_ip text,
  created_at timestamptz not null default now()
);
create index otp_challenges_expires_at_idx on otp_challenges (expires_at);

create table auth_sessions (
  id uuid primary key,
  patient_id uuid not null,
  channel text not null,
  user_agent text,
  client_ip text,
  created_at timestamptz not null default now(),
  last_refreshed_at timestamptz,
  revoked_at timestamptz,
  revoked_reason text
);
create index auth_sessions_patient_id_idx on auth_sessions (patient_id);

create table refresh_tokens (
  id uuid primary key,
  session_id uuid not null,
  issued_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  replaced_by uuid
);
create index refresh_tokens_session_id_idx on refresh_tokens (session_id);
create index refresh_tokens_expires_at_idx on refresh_tokens (expires_at);

create table rate_limits (
  key text primary key,
  hits integer not null,
  window_started_at timestamptz not null,
  expires_at timestamptz not null
);
create index rate_limits_expires_at_idx on rate_limits (expires_at);
create index rate_limits_key_prefix_idx on rate_limits (key text_pattern_ops);

create table dev_outbox (
  id uuid primary key,
  channel text not null check (channel in ('sms', 'email')),
  recipient text not null,
  subject text,
  body text not null,
  created_at timestamptz(3) not null default now()
);
create index dev_outbox_recipient_created_at_idx on dev_outbox (recipient, created_at);
create index dev_outbox_created_at_idx on dev_outbox (created_at);

create table hospitals (
  id uuid primary key,
  hfr_id text not null,
  name text not null,
  address jsonb,
  timezone text not null,
  adapter text not null check (adapter in ('rest', 'fhir-r4')),
  hmis_base_url text not null,
  hmis_timeout_ms integer check (hmis_timeout_ms between 100 and 60000),
  credentials_sealed text not null,
  share_token_ttl_seconds integer not null default 1800 check (share_token_ttl_seconds between 60 and 86400),
  active boolean not null default true,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now(),
  constraint hospitals_hfr_id_key unique (hfr_id)
);
create index hospitals_name_id_idx on hospitals (name, id) where active;

create table hospital_shares (
  id uuid primary key,
  patient_id uuid not null,
  hospital_id uuid not null,
  hmis_patient_id text not null,
  token_number text not null,
  token_expires_at timestamptz not null,
  counter_id text,
  shared_at timestamptz not null default now(),
  revoked_at timestamptz,
  created_at timestamptz(3) not null default now()
);
-- One live share per patient and hospital; revoked ones stay as history.
create unique index hospital_shares_live_key on hospital_shares (patient_id, hospital_id) where revoked_at is null;
create index hospital_shares_patient_created_idx on hospital_shares (patient_id, created_at, id);
create index hospital_shares_hospital_hmis_patient_idx on hospital_shares (hospital_id, hmis_patient_id) where revoked_at is null;

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

create table chat_rooms (
  id text primary key check (id ~ '^[a-z0-9-]{1,40}$'),
  name text not null,
  description text not null,
  rules text not null,
  position integer not null default 0
);

create table chat_tickets (
  id text primary key,
  patient_id uuid not null,
  room_id text not null,
  handle text not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index chat_tickets_expires_at_idx on chat_tickets (expires_at);

create table chat_reports (
  id uuid primary key,
  room_id text not null,
  message_id text not null,
  message_handle text not null,
  message_text text not null,
  reporter_handle text not null,
  reason text,
  created_at timestamptz not null default now(),
  constraint chat_reports_message_reporter_key unique (message_id, reporter_handle)
);
create index chat_reports_room_created_idx on chat_reports (room_id, created_at);

insert into chat_rooms (id, name, description, rules, position) values
  ('anxiety', 'Anxiety', 'For worry, panic and racing thoughts: share what helps and what is hard.', 'Be kind. No medical advice beyond your own experience. Do not share contact details. In an emergency call 112.', 1),
  ('stress', 'Stress', 'Work, exams, family, money: talk it through with people who understand.', 'Be kind. Listen before advising. Do not share contact details. In an emergency call 112.', 2),
  ('grief', 'Grief and loss', 'For anyone who has lost someone or something that mattered.', 'Be gentle. Every loss is different. Do not share contact details. In an emergency call 112.', 3),
  ('sleep', 'Sleep', 'Trouble falling or staying asleep: routines, worries, small wins.', 'Be kind. No medicine recommendations. Do not share contact details. In an emergency call 112.', 4),
  ('general', 'General support', 'Anything on your mind, with people who will listen.', 'Be kind and respectful. Do not share contact details. In an emergency call 112; Tele-MANAS 14416.', 5);

insert into schema_migrations (version) values
  ('0001_foundation'),
  ('0002_hardening'),
  ('0003_hospitals'),
  ('0004_appointments'),
  ('0005_mindscape');

commit;
