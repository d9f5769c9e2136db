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
  updated_at timestamptz not null default now(),
  -- The language of notifications and pushes.
  language text not null default 'en' check (language in ('en', 'hi')),
  -- When the patient asked to delete the account, and when it is erased (null: not asked, or cancelled by logging in).
  erase_requested_at timestamptz,
  erase_at timestamptz,
  -- A photo uploaded to PHR Edge (PUT /v1/me/photo): its R2 key and type; photo_url then names GET /v1/me/photo.
  photo_key text,
  photo_type text check (photo_type in ('image/png', 'image/jpeg')),
  -- The health profile: [{substance, reaction?, severity?}], [{name, since?}], [{relation, condition}].
  allergies jsonb not null default '[]',
  conditions jsonb not null default '[]',
  family_history jsonb not null default '[]'
);
create index patients_erase_at_idx on patients (erase_at) where erase_at is not null;

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
  -- abha_mobile: an ABHA login by mobile (ABDM lists the ABHA addresses on it; one is chosen).
  channel text not null check (channel in ('phone', 'email', 'abha_number', 'abha_address', 'abha_mobile')),
  identifier text not null,
  otp_hash text,
  provider_txn_id text,
  deliverable boolean not null default true,
  attempts integer not null default 0,
  max_attempts integer not null,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  client_ip text,
  -- An ABHA login by mobile (migration 0036): the addresses ABDM listed, its transfer token (sealed
  -- with ABDM_TOKENS_KEY, cleared once chosen), the hash of the app's choice token, its deadline, the choice.
  abha_accounts jsonb,
  abha_transfer_token text,
  choice_hash text,
  choice_expires_at timestamptz,
  chosen_at timestamptz,
  -- A code that links an ABHA to this patient (migration 0037), never a login.
  link_patient_id uuid,
  created_at timestamptz not null default now()
);
create index otp_challenges_expires_at_idx on otp_challenges (expires_at);
create unique index otp_challenges_choice_key on otp_challenges (choice_hash) where choice_hash is not null;

create table auth_sessions (
  id uuid primary key,
  patient_id uuid not null,
  channel text not null,
  user_agent text,
  client_ip text,
  created_at timestamptz not null default now(),
  last_refreshed_at timestamptz,
  revoked_at timestamptz,
  revoked_reason text,
  -- A session switched into a profile: the account acting, the management it acts under (migration 0035).
  actor_id uuid,
  management_id uuid
);
create index auth_sessions_patient_id_idx on auth_sessions (patient_id);
create index auth_sessions_management_idx on auth_sessions (management_id) where management_id is not null;
create index auth_sessions_actor_idx on auth_sessions (actor_id) where actor_id is not null;

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

-- A share that ended (revoked by the patient, or the account erased), until its hospital is told
-- (outbox kind revoke_share). No patient_id: it outlives an erased account until then.
create table share_revocations (
  id uuid primary key,
  -- Our patient id (random; the erased account's tombstone keeps it too).
  phr_patient_id uuid not null,
  hospital_id uuid not null,
  -- The share that ended (null when the hospital only had open bookings, no share).
  share_id uuid,
  -- The hospital's id of the patient; null once told, or when there was no share.
  hmis_patient_id text,
  reason text not null check (reason in ('revoked_by_patient', 'account_erased')),
  -- [{kind, ref}]: what the hospital holds that is still open (bookings, orders), to cancel first.
  open_refs jsonb not null default '[]',
  revoked_at timestamptz not null default now(),
  told_at timestamptz,
  created_at timestamptz not null default now()
);

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
  updated_at timestamptz not null default now(),
  -- A move the patient asked for, until the hospital confirms it (then it is the slot) or refuses it.
  reschedule_slot_start timestamptz,
  reschedule_mode text check (reschedule_mode in ('in_person', 'online'))
);
create index appointments_patient_created_idx on appointments (patient_id, created_at, id);
create index appointments_patient_slot_idx on appointments (patient_id, slot_start);
create index appointments_slot_start_idx on appointments (slot_start) where status in ('booked', 'symptoms_shared', 'reviewed');
create unique index appointments_hospital_ref_key on appointments (hospital_id, hmis_appointment_ref) where hmis_appointment_ref is not null;

-- The one outbox of every feature (core/outbox): work that must reach another system (a hospital's
-- HMIS, …), written in the same transaction as the change it belongs to, delivered through a
-- Cloudflare Queue; `partition_key` names who it goes to (`hospital:<id>`), `subject_id` the row it is
-- about; `history` lists every failed attempt and the give-up.
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
create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending';
create index outbox_subject_idx on outbox (subject_id);

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
  source text not null check (source in ('received', 'uploaded', 'abdm')),
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
  created_at timestamptz(3) not null default now(),
  metadata jsonb,
  prescribed_medicines jsonb,
  -- Pulled through ABDM: erased on the consent's date (migration 0041).
  erase_at timestamptz
);
create index records_patient_created_idx on records (patient_id, created_at, id);
create index records_erase_at_idx on records (erase_at) where erase_at is not null;
-- One record per bundle a hospital sent under one ABDM consent.
create unique index records_patient_abdm_external_key on records (patient_id, external_id) where source = 'abdm';
create unique index records_hospital_patient_external_key on records (hospital_id, patient_id, external_id) where external_id is not null;
create unique index records_patient_upload_sha256_key on records (patient_id, sha256) where source = 'uploaded';
-- An appointment's prescription, and GET /v1/records?appointment_id=.
create index records_appointment_idx on records (appointment_id, created_at desc) where appointment_id is not null;

create table notifications (
  id uuid primary key,
  patient_id uuid not null,
  type text not null,
  title text not null,
  body text not null,
  link jsonb,
  dedupe_key text,
  read_at timestamptz,
  created_at timestamptz(3) not null default now(),
  -- The way to the phone (core/push): urgency, state, the push queue's shard (by patient), when it
  -- may go (quiet hours hold it), attempts, the consumer's lease, what happened.
  priority text not null default 'normal' check (priority in ('critical', 'high', 'normal')),
  push_state text not null default 'pending' check (push_state in ('pending', 'held', 'done', 'skipped', 'failed')),
  push_shard smallint not null default 0 check (push_shard between 0 and 63),
  push_after timestamptz not null default now(),
  push_attempts integer not null default 0,
  push_locked_until timestamptz,
  push_note text,
  -- A manager's copy of a managed profile's notification names that profile (migration 0035).
  subject_id uuid
);
create index notifications_patient_created_idx on notifications (patient_id, created_at, id);
create index notifications_patient_unread_idx on notifications (patient_id) where read_at is null;
create unique index notifications_patient_dedupe_key on notifications (patient_id, dedupe_key) where dedupe_key is not null;
create index notifications_push_due_idx on notifications (push_shard, push_after) where push_state in ('pending', 'held');

create table devices (
  id uuid primary key,
  patient_id uuid not null,
  platform text not null check (platform in ('android', 'ios')),
  -- The FCM registration token: a secret (never logged, never answered whole).
  push_token text not null,
  app_version text,
  locale text,
  created_at timestamptz(3) not null default now(),
  last_registered_at timestamptz not null default now()
);
create unique index devices_push_token_key on devices (push_token);
create index devices_patient_idx on devices (patient_id, last_registered_at desc);
-- FCM treats a token not refreshed for 270 days as stale: housekeeping drops those devices.
create index devices_stale_idx on devices (last_registered_at);

create table notification_preferences (
  patient_id uuid primary key,
  push_off text[] not null default '{}',
  quiet_start time,
  quiet_end time,
  updated_at timestamptz not null default now(),
  check ((quiet_start is null) = (quiet_end is null))
);

create table push_deliveries (
  notification_id uuid not null,
  device_id uuid not null,
  status text not null check (status in ('sending', 'sent', 'failed', 'unknown')),
  fcm_message text,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (notification_id, device_id)
);
-- Housekeeping drops rows past every notification's TTL (the longest is 7 days).
create index push_deliveries_created_idx on push_deliveries (created_at);

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

-- The symptom checker: its catalog (sections, symptoms, per-complaint questions with show-if
-- conditions, red-flag triage rules; all in English and Hindi) and the patients' checks. The
-- catalog's content is data: the generated block further down. No foreign keys.

create table symptom_sections (
  code text primary key check (code ~ '^[a-z0-9_]{1,40}$'),
  position integer not null,
  name_en text not null,
  name_hi text not null
);

create table symptoms (
  code text primary key check (code ~ '^[a-z0-9_]{1,40}$'),
  -- complaint: a patient chooses it (in a section); screen: the danger signs every check asks first.
  kind text not null default 'complaint' check (kind in ('complaint', 'screen')),
  section_code text,
  position integer not null,
  name_en text not null,
  name_hi text not null,
  -- The triage level of the complaint before any answer.
  base_level text not null check (base_level in ('emergency_ambulance', 'emergency', 'consultation_24h', 'consultation', 'self_care')),
  -- Words patients use for it (Hinglish, Hindi): hints for voice detection.
  keywords text[] not null default '{}',
  -- The specialties it suggests, likeliest first: [{code, name_en, name_hi, pattern}] (pattern: what
  -- GET /v1/doctors?specialty= sends to hospitals).
  specialties jsonb not null default '[]'
);
create index symptoms_section_idx on symptoms (section_code, position);

create table symptom_questions (
  id text primary key check (id ~ '^[a-z0-9_]+\.[a-z0-9_]+$'),
  symptom_code text not null,
  position integer not null,
  type text not null check (type in ('yes_no', 'single_choice', 'multi_choice', 'number', 'duration', 'text')),
  text_en text not null,
  text_hi text not null,
  required boolean not null default true,
  -- [{value, en, hi}] for single_choice and multi_choice.
  options jsonb,
  min_value numeric,
  max_value numeric,
  unit text,
  -- [{question_id, op, value}]: asked only when every condition on earlier answers holds.
  show_if jsonb,
  -- What of the profile answers it when a check starts (the patient may change it).
  prefill text check (prefill in ('age_years', 'age_months', 'sex'))
);
create index symptom_questions_symptom_idx on symptom_questions (symptom_code, position);

-- Red flags: a check whose answers meet every condition gets at least this level.
create table triage_rules (
  id text primary key,
  level text not null check (level in ('emergency_ambulance', 'emergency', 'consultation_24h', 'consultation', 'self_care')),
  reason_en text not null,
  reason_hi text not null,
  -- [{question_id, op, value} | {symptom_code}]
  conditions jsonb not null,
  -- The clinical guidance the rule comes from (NICE CKS, NHS 111, WHO IMCI, …).
  source text not null
);

-- The catalog's version: one row, raised by any statement that changes the catalog. A Worker keeps
-- the catalog it read with its version and reads it again only when the version it reads with a
-- check differs.
create table symptom_catalog_version (
  id smallint primary key default 1 check (id = 1),
  version bigint not null default 1
);
insert into symptom_catalog_version (id, version) values (1, 1);

create function bump_symptom_catalog_version() returns trigger language plpgsql as $$
begin
  update symptom_catalog_version set version = version + 1 where id = 1;
  return null;
end $$;

create trigger symptom_sections_catalog_version after insert or update or delete or truncate on symptom_sections
  for each statement execute function bump_symptom_catalog_version();
create trigger symptoms_catalog_version after insert or update or delete or truncate on symptoms
  for each statement execute function bump_symptom_catalog_version();
create trigger symptom_questions_catalog_version after insert or update or delete or truncate on symptom_questions
  for each statement execute function bump_symptom_catalog_version();
create trigger triage_rules_catalog_version after insert or update or delete or truncate on triage_rules
  for each statement execute function bump_symptom_catalog_version();

create table symptom_checks (
  id uuid primary key,
  patient_id uuid not null,
  appointment_id uuid,
  symptom_codes text[] not null,
  status text not null default 'draft' check (status in ('draft', 'submitted')),
  -- {question_id: value}
  answers jsonb not null default '{}',
  triage_level text not null check (triage_level in ('emergency_ambulance', 'emergency', 'consultation_24h', 'consultation', 'self_care')),
  triage_rules text[] not null default '{}',
  allergies text,
  family_history text,
  extra_info text,
  -- Sharing with the appointment's hospital (through the outbox).
  share_status text check (share_status in ('pending', 'shared', 'failed')),
  share_error text,
  shared_at timestamptz,
  submitted_at timestamptz,
  -- Optimistic concurrency: each write moves it on.
  version integer not null default 1,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);
create index symptom_checks_patient_created_idx on symptom_checks (patient_id, created_at desc, id desc);
create index symptom_checks_appointment_idx on symptom_checks (appointment_id) where appointment_id is not null;

insert into chat_rooms (id, name, description, rules, position) values
  ('anxiety', 'Anxiety', 'For worry, panic and racing thoughts: share what helps and what is hard.', 'Be kind. No medical advice beyond your own experience. Do not share contact details. In an emergency call 112.', 1),
  ('stress', 'Stress', 'Work, exams, family, money: talk it through with people who understand.', 'Be kind. Listen before advising. Do not share contact details. In an emergency call 112.', 2),
  ('grief', 'Grief and loss', 'For anyone who has lost someone or something that mattered.', 'Be gentle. Every loss is different. Do not share contact details. In an emergency call 112.', 3),
  ('sleep', 'Sleep', 'Trouble falling or staying asleep: routines, worries, small wins.', 'Be kind. No medicine recommendations. Do not share contact details. In an emergency call 112.', 4),
  ('general', 'General support', 'Anything on your mind, with people who will listen.', 'Be kind and respectful. Do not share contact details. In an emergency call 112; Tele-MANAS 14416.', 5);

-- Consent before a hospital reads a patient's records, an append-only log of every access by
-- anyone but the patient, and AI summaries of records. No foreign keys.

create table consents (
  id uuid primary key,
  patient_id uuid not null,
  hospital_id uuid not null,
  -- The hospital's own id of its request: asking again with it answers the same consent.
  request_ref text not null,
  purpose text not null,
  record_types text[] not null,
  date_from date,
  date_to date,
  requested_expires_at timestamptz not null,
  -- requested → granted | denied; granted → revoked; a granted consent past expires_at reads as expired.
  status text not null default 'requested' check (status in ('requested', 'granted', 'denied', 'revoked')),
  granted_types text[],
  granted_record_ids uuid[],
  expires_at timestamptz,
  decided_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now(),
  constraint consents_hospital_request_key unique (hospital_id, request_ref)
);
create index consents_patient_created_idx on consents (patient_id, created_at desc, id desc);

-- Appended by the app, never updated or deleted.
create table record_access_log (
  id uuid primary key,
  patient_id uuid not null,
  hospital_id uuid not null,
  action text not null check (action in ('document_posted', 'consent_requested', 'consent_read', 'records_listed', 'record_downloaded')),
  record_id uuid,
  consent_id uuid,
  created_at timestamptz(3) not null default now()
);
create index record_access_log_patient_created_idx on record_access_log (patient_id, created_at desc, id desc);

create table record_summaries (
  id uuid primary key,
  patient_id uuid not null,
  record_ids uuid[] not null,
  unreadable_record_ids uuid[] not null default '{}',
  -- Null until the queue has written it (status ready).
  summary text,
  model text,
  created_at timestamptz(3) not null default now(),
  status text not null default 'ready' check (status in ('pending', 'ready', 'failed')),
  status_reason text,
  completed_at timestamptz
);
create index record_summaries_patient_created_idx on record_summaries (patient_id, created_at desc, id desc);

-- Everyday care: the patient's routine and medicines (doses logged, each reminder sent once),
-- vitals with critical thresholds kept as data, ambulance providers and bookings, care packages.
-- No foreign keys.

create table patient_routines (
  patient_id uuid primary key,
  breakfast_at time not null default '08:00',
  lunch_at time not null default '13:00',
  dinner_at time not null default '20:00',
  bed_at time not null default '22:30',
  updated_at timestamptz not null default now()
);

create table medications (
  id uuid primary key,
  patient_id uuid not null,
  name text not null,
  dosage text not null,
  timings text[] not null,
  start_date date not null,
  end_date date,
  reminders_enabled boolean not null default true,
  -- Optional stock: the tablets (or other units) on hand, and how many one dose takes.
  quantity_on_hand numeric,
  units_per_dose numeric not null default 1,
  refill_notified_at timestamptz,
  source_record_id uuid,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now(),
  -- When the next dose falls, set by the dose-reminder run; null after any other change to the
  -- medicine, '-infinity' after a new routine or time zone of its patient (triggers below): the next
  -- run works it out again.
  next_reminder_at timestamptz
);
create index medications_patient_created_idx on medications (patient_id, created_at desc, id desc);
create index medications_reminding_idx on medications (patient_id) where reminders_enabled;
-- The dose-reminder run's range: not worked out (null, '-infinity'), due by now, or set by a clock in the future.
create index medications_next_reminder_idx on medications (next_reminder_at) where reminders_enabled;

-- What the patient said about a dose.
create table medication_doses (
  medication_id uuid not null,
  dose_date date not null,
  timing text not null,
  patient_id uuid not null,
  status text not null check (status in ('taken', 'skipped')),
  recorded_at timestamptz not null default now(),
  primary key (medication_id, dose_date, timing)
);

-- Each dose's reminder, made once (the key) by the every-minute cron.
create table medication_reminders (
  medication_id uuid not null,
  dose_date date not null,
  timing text not null,
  patient_id uuid not null,
  due_at timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (medication_id, dose_date, timing)
);
create index medication_reminders_created_idx on medication_reminders (created_at);

create table vitals (
  id uuid primary key,
  patient_id uuid not null,
  type text not null,
  -- In the type's standard unit (mmHg, bpm, %, °C, mg/dL, kg, cm); blood pressure: systolic in value, diastolic in value2.
  value numeric not null,
  value2 numeric,
  unit text not null,
  measured_at timestamptz not null,
  critical_rules text[] not null default '{}',
  created_at timestamptz(3) not null default now()
);
create index vitals_patient_type_measured_idx on vitals (patient_id, type, measured_at desc);
create index vitals_patient_created_idx on vitals (patient_id, created_at desc, id desc);
-- A page of one type's readings (GET /v1/vitals?type=): one index range scan.
create index vitals_patient_type_created_idx on vitals (patient_id, type, created_at desc, id desc);

-- Critical values, as data: a reading at or beyond `value` (by `op`) of `field` is flagged.
create table vital_thresholds (
  id text primary key,
  type text not null,
  field text not null check (field in ('value', 'value2')),
  op text not null check (op in ('gte', 'lte', 'lt', 'gt')),
  value numeric not null,
  message text not null,
  message_hi text not null
);

create table ambulance_providers (
  id text primary key,
  name text not null,
  phone text not null,
  types text[] not null,
  coverage text not null,
  position integer not null default 0,
  kind text not null default 'helpline' check (kind in ('helpline', 'operator', 'hospital')),
  -- The operator's dispatch desk, which gets the booking by SMS (E.164); never shown to patients.
  dispatcher_phone text,
  -- For kind 'hospital': the hospital whose HMIS takes the pre-bookings (npm run hospitals -- offer-ambulance).
  hospital_id uuid
);

create table ambulance_bookings (
  id uuid primary key,
  patient_id uuid not null,
  provider_id text,
  pickup_address text not null,
  pickup_lat numeric,
  pickup_lng numeric,
  pickup_time timestamptz not null,
  ambulance_type text not null check (ambulance_type in ('bls', 'als', 'patient_transport')),
  notes text,
  status text not null default 'requested',
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now(),
  -- Why it is declined (the dispatcher's words, or that the operator could not be reached).
  status_reason text,
  -- [{status, at, by}], oldest first: what the patient and the dispatcher did, and when.
  history jsonb not null default '[]',
  -- When the dispatcher's SMS went out, or the hospital got it (a cancellation is sent only after it).
  dispatched_at timestamptz,
  -- The request's reference in the hospital's HMIS (a hospital provider), once it got it.
  hmis_request_ref text,
  constraint ambulance_bookings_status_check
    check (status in ('requested', 'accepted', 'declined', 'arrived', 'completed', 'cancelled', 'expired'))
);
create index ambulance_bookings_patient_created_idx on ambulance_bookings (patient_id, created_at desc, id desc);
-- The expiry sweep: requests nobody accepted, by pickup time.
create index ambulance_bookings_requested_pickup_idx on ambulance_bookings (pickup_time) where status = 'requested';
-- A hospital's events name its request reference.
create index ambulance_bookings_hmis_ref_idx on ambulance_bookings (provider_id, hmis_request_ref) where hmis_request_ref is not null;

create table care_packages (
  id text primary key,
  name text not null,
  description text not null,
  includes text[] not null,
  price_inr integer not null,
  duration_days integer not null,
  position integer not null default 0,
  -- The hospital that offers it (registered with `npm run hospitals -- offer-package`); a package
  -- no hospital offers is not listed.
  hospital_id uuid,
  -- The package's code in the hospital's HMIS (what the application names).
  hmis_code text,
  active boolean not null default true
);
create unique index care_packages_hospital_code_key on care_packages (hospital_id, hmis_code);
create index care_packages_offered_idx on care_packages (position) where hospital_id is not null and active;

create table care_package_applications (
  id uuid primary key,
  patient_id uuid not null,
  package_id text not null,
  -- applied → contacted → enrolled | declined (by the hospital, with signed events), or withdrawn.
  status text not null default 'applied' check (status in ('applied', 'contacted', 'enrolled', 'declined', 'withdrawn')),
  created_at timestamptz(3) not null default now(),
  hospital_id uuid,
  -- Why it was declined (the hospital's words) or withdrawn (the patient's).
  status_reason text,
  -- The application's reference in the hospital's HMIS, once it got it.
  hmis_application_ref text,
  -- When the hospital acknowledged it (null while the outbox is still trying).
  sent_at timestamptz,
  updated_at timestamptz not null default now()
);
create index care_package_applications_patient_created_idx on care_package_applications (patient_id, created_at desc, id desc);
-- One live application per patient and package; after a withdrawal or a decline, a new one.
create unique index care_package_applications_live_key on care_package_applications (patient_id, package_id)
  where status in ('applied', 'contacted', 'enrolled');
create index care_package_applications_hospital_ref_idx on care_package_applications (hospital_id, hmis_application_ref);

insert into vital_thresholds (id, type, field, op, value, message, message_hi) values
  ('bp.crisis_systolic', 'blood_pressure', 'value', 'gte', 180, 'Blood pressure in the hypertensive-crisis range (systolic 180 or more)', 'ब्लड प्रेशर बहुत ज़्यादा (ऊपर का 180 या अधिक)'),
  ('bp.crisis_diastolic', 'blood_pressure', 'value2', 'gte', 120, 'Blood pressure in the hypertensive-crisis range (diastolic 120 or more)', 'ब्लड प्रेशर बहुत ज़्यादा (नीचे का 120 या अधिक)'),
  ('bp.low', 'blood_pressure', 'value', 'lt', 90, 'Low blood pressure (systolic below 90)', 'ब्लड प्रेशर कम (ऊपर का 90 से कम)'),
  ('pulse.high', 'pulse', 'value', 'gt', 130, 'Very fast pulse (above 130 per minute at rest)', 'नब्ज़ बहुत तेज़ (आराम में 130 प्रति मिनट से अधिक)'),
  ('pulse.low', 'pulse', 'value', 'lt', 40, 'Very slow pulse (below 40 per minute)', 'नब्ज़ बहुत धीमी (40 प्रति मिनट से कम)'),
  ('spo2.low', 'spo2', 'value', 'lt', 90, 'Oxygen saturation below 90 %', 'ऑक्सीजन 90 % से कम'),
  ('temperature.high', 'temperature', 'value', 'gte', 39.5, 'Fever of 39.5 °C or more', '39.5 °C या उससे अधिक बुखार'),
  ('temperature.low', 'temperature', 'value', 'lt', 35, 'Body temperature below 35 °C', 'शरीर का तापमान 35 °C से कम'),
  ('glucose.low', 'blood_sugar_fasting', 'value', 'lt', 70, 'Blood sugar below 70 mg/dL', 'ब्लड शुगर 70 mg/dL से कम'),
  ('glucose.high', 'blood_sugar_fasting', 'value', 'gt', 300, 'Blood sugar above 300 mg/dL', 'ब्लड शुगर 300 mg/dL से अधिक'),
  ('glucose_random.low', 'blood_sugar_random', 'value', 'lt', 70, 'Blood sugar below 70 mg/dL', 'ब्लड शुगर 70 mg/dL से कम'),
  ('glucose_random.high', 'blood_sugar_random', 'value', 'gt', 300, 'Blood sugar above 300 mg/dL', 'ब्लड शुगर 300 mg/dL से अधिक'),
  ('glucose_post_meal.low', 'blood_sugar_post_meal', 'value', 'lt', 70, 'Blood sugar below 70 mg/dL', 'ब्लड शुगर 70 mg/dL से कम'),
  ('glucose_post_meal.high', 'blood_sugar_post_meal', 'value', 'gt', 300, 'Blood sugar above 300 mg/dL', 'ब्लड शुगर 300 mg/dL से अधिक');

insert into ambulance_providers (id, name, phone, types, coverage, position) values
  ('dial-108', '108 Emergency Ambulance (state service, free)', '108', array['bls', 'als'], 'Most states of India, 24×7', 1),
  ('dial-102', '102 Ambulance (mothers and infants, free)', '102', array['patient_transport'], 'Pregnant women and sick infants, most states', 2),
  ('dial-112', '112 National Emergency Number', '112', array['bls', 'als'], 'All of India: police, fire and ambulance', 3),
  ('ziqitza', 'Ziqitza Health Care (1298)', '1298', array['bls', 'als', 'patient_transport'], 'Mumbai, Pune and other cities', 4),
  ('redhealth', 'RED.Health Emergency', '+918069471111', array['bls', 'als', 'patient_transport'], 'Bengaluru, Delhi NCR, Hyderabad, Pune and other cities', 5);
update ambulance_providers set kind = 'operator', dispatcher_phone = '+919999912980' where id = 'ziqitza';
update ambulance_providers set kind = 'operator', dispatcher_phone = '+919999947111' where id = 'redhealth';

insert into care_packages (id, name, description, includes, price_inr, duration_days, position) values
  ('diabetes', 'Diabetes care', 'A year of regular check-ups and tests to keep blood sugar in range.', array['4 physician consultations', '4 HbA1c tests', 'Fasting and post-meal blood sugar every quarter', 'Annual eye (retina) and foot examination', 'Diet counselling'], 6999, 365, 1),
  ('hypertension', 'Hypertension care', 'Blood pressure under control, with the tests that watch heart and kidneys.', array['4 physician consultations', 'Lipid profile and kidney function twice a year', 'ECG once a year', 'Home BP monitoring review'], 4999, 365, 2),
  ('heart', 'Heart care', 'For people with heart disease or high risk of it.', array['4 cardiologist consultations', 'ECG and echocardiogram', 'Treadmill test', 'Lipid profile twice a year'], 12999, 365, 3),
  ('maternity', 'Maternity care', 'Antenatal care through pregnancy.', array['Monthly obstetrician visits', 'Routine antenatal tests', '3 ultrasound scans', 'Nutrition counselling'], 24999, 280, 4),
  ('senior', 'Senior care', 'Yearly health review for people over 60.', array['2 geriatric consultations', 'Full-body blood tests', 'Bone density scan', 'Vision and hearing check', 'Home sample collection'], 8999, 365, 5);

-- The store: a lab-test catalog and bookings, medicine orders with an uploaded prescription, both
-- sent to the hospital through the HMIS outbox; medicines a hospital prescribed, with a document.
-- No foreign keys.

create table lab_tests (
  id text primary key check (id ~ '^[a-z0-9_]{1,40}$'),
  name text not null,
  description text not null,
  sample_type text not null,
  fasting_hours integer not null default 0,
  turnaround_hours integer not null,
  price_inr integer not null,
  position integer not null default 0
);

create table lab_bookings (
  id uuid primary key,
  patient_id uuid not null,
  hospital_id uuid not null,
  doctor_id text,
  test_ids text[] not null,
  preferred_slot timestamptz not null,
  status text not null default 'pending_sync' check (status in ('pending_sync', 'requested', 'confirmed', 'sampled', 'results_ready', 'rejected', 'cancelled')),
  status_reason text,
  hmis_booking_ref text,
  confirmed_slot timestamptz,
  result_record_id uuid,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);
create index lab_bookings_patient_created_idx on lab_bookings (patient_id, created_at desc, id desc);
create index lab_bookings_hospital_ref_idx on lab_bookings (hospital_id, hmis_booking_ref);

create table medicine_orders (
  id uuid primary key,
  patient_id uuid not null,
  hospital_id uuid not null,
  delivery_address text not null,
  prescription_key text not null,
  prescription_type text not null,
  prescription_sha256 text not null,
  status text not null default 'pending_sync' check (status in ('pending_sync', 'placed', 'accepted', 'dispatched', 'delivered', 'rejected', 'cancelled')),
  status_reason text,
  hmis_order_ref text,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now(),
  -- The prescription record the order was made from (its file is the one the pharmacy fetches).
  prescription_record_id uuid,
  -- [{name, dosage}] from that record's prescribed medicines, when the hospital sent them.
  medicines jsonb
);
create index medicine_orders_patient_created_idx on medicine_orders (patient_id, created_at desc, id desc);
create index medicine_orders_hospital_ref_idx on medicine_orders (hospital_id, hmis_order_ref);

insert into lab_tests (id, name, description, sample_type, fasting_hours, turnaround_hours, price_inr, position) values
  ('cbc', 'Complete blood count (CBC)', 'Haemoglobin, white cells, platelets: anaemia and infection.', 'blood', 0, 12, 350, 1),
  ('lipid_profile', 'Lipid profile', 'Total, LDL and HDL cholesterol, triglycerides.', 'blood', 10, 24, 600, 2),
  ('hba1c', 'HbA1c', 'Average blood sugar over three months.', 'blood', 0, 24, 500, 3),
  ('fbs', 'Fasting blood sugar', 'Blood glucose after an overnight fast.', 'blood', 8, 6, 120, 4),
  ('thyroid_profile', 'Thyroid profile (T3, T4, TSH)', 'How the thyroid is working.', 'blood', 0, 24, 550, 5),
  ('lft', 'Liver function test (LFT)', 'Bilirubin, liver enzymes, proteins.', 'blood', 8, 24, 700, 6),
  ('kft', 'Kidney function test (KFT)', 'Urea, creatinine, electrolytes.', 'blood', 0, 24, 650, 7),
  ('vitamin_d', 'Vitamin D (25-OH)', 'Vitamin D level.', 'blood', 0, 48, 1200, 8),
  ('vitamin_b12', 'Vitamin B12', 'Vitamin B12 level.', 'blood', 0, 48, 900, 9),
  ('urine_routine', 'Urine routine and microscopy', 'Infection, sugar, protein in urine.', 'urine', 0, 12, 200, 10),
  ('crp', 'C-reactive protein (CRP)', 'Inflammation.', 'blood', 0, 12, 450, 11),
  ('dengue_ns1', 'Dengue NS1 antigen', 'Early dengue infection.', 'blood', 0, 12, 600, 12);

-- The change feed (GET /v1/changes): every insert, update and delete of a patient's resources is
-- noted by a trigger, in the same transaction, with the writing transaction's id. The feed reads
-- only changes of transactions older than every transaction still running (the snapshot's xmin),
-- ordered by (xid, seq): a change committed late can never land behind a cursor already given out.
-- No foreign keys. Needs PostgreSQL 13 or later (xid8, pg_current_xact_id).

create table patient_changes (
  patient_id uuid not null,
  -- The writing transaction (its 64-bit id) and the order within the whole table.
  xid xid8 not null default pg_current_xact_id(),
  seq bigint generated always as identity,
  -- What changed: the API's name for it and its id (a dose: medication id/date/timing).
  kind text not null,
  resource_id text not null,
  change text not null check (change in ('upserted', 'deleted')),
  at timestamptz not null default now(),
  primary key (patient_id, xid, seq)
);
-- The housekeeping's pruning, oldest first.
create index patient_changes_at_idx on patient_changes (at);

-- Trigger arguments: the kind, the column holding the patient's id, then the column(s) of the resource's id.
create function note_patient_change() returns trigger language plpgsql as $$
declare
  r jsonb := to_jsonb(case when tg_op = 'DELETE' then old else new end);
  resource text := '';
begin
  -- An update that changed nothing is no change.
  if tg_op = 'UPDATE' and to_jsonb(new) = to_jsonb(old) then
    return null;
  end if;
  for i in 2 .. tg_nargs - 1 loop
    resource := resource || case when i > 2 then '/' else '' end || coalesce(r ->> tg_argv[i], '');
  end loop;
  insert into patient_changes (patient_id, kind, resource_id, change)
  values ((r ->> tg_argv[1])::uuid, tg_argv[0], resource, case when tg_op = 'DELETE' then 'deleted' else 'upserted' end);
  return null;
end $$;

-- Statement-level: one set-based insert for all the rows a statement inserted or deleted (its
-- transition table `changed_rows`). Arguments as note_patient_change's.
create function note_patient_changes() returns trigger language plpgsql as $$
declare
  resource text := '';
begin
  for i in 2 .. tg_nargs - 1 loop
    -- Spelled as the row trigger spells them (to_jsonb's text: ISO dates whatever the DateStyle).
    resource := resource || case when i > 2 then ' || ''/'' || ' else '' end
      || format('coalesce(to_jsonb(%I) #>> ''{}'', '''')', tg_argv[i]);
  end loop;
  execute format('insert into patient_changes (patient_id, kind, resource_id, change) select %I, %L, %s, %L from changed_rows',
    tg_argv[1], tg_argv[0], resource, case when tg_op = 'DELETE' then 'deleted' else 'upserted' end);
  return null;
end $$;

create trigger patients_changes after update on patients
  for each row execute function note_patient_change('profile', 'id', 'id');
create trigger patients_inserts_changes after insert on patients referencing new table as changed_rows
  for each statement execute function note_patient_changes('profile', 'id', 'id');
create trigger patients_deletes_changes after delete on patients referencing old table as changed_rows
  for each statement execute function note_patient_changes('profile', 'id', 'id');
create trigger notification_preferences_changes after update on notification_preferences
  for each row execute function note_patient_change('notification_preferences', 'patient_id', 'patient_id');
create trigger notification_preferences_inserts_changes after insert on notification_preferences referencing new table as changed_rows
  for each statement execute function note_patient_changes('notification_preferences', 'patient_id', 'patient_id');
create trigger notification_preferences_deletes_changes after delete on notification_preferences referencing old table as changed_rows
  for each statement execute function note_patient_changes('notification_preferences', 'patient_id', 'patient_id');
create trigger patient_routines_changes after update on patient_routines
  for each row execute function note_patient_change('routine', 'patient_id', 'patient_id');
create trigger patient_routines_inserts_changes after insert on patient_routines referencing new table as changed_rows
  for each statement execute function note_patient_changes('routine', 'patient_id', 'patient_id');
create trigger patient_routines_deletes_changes after delete on patient_routines referencing old table as changed_rows
  for each statement execute function note_patient_changes('routine', 'patient_id', 'patient_id');
create trigger hospital_shares_changes after update on hospital_shares
  for each row execute function note_patient_change('share', 'patient_id', 'id');
create trigger hospital_shares_inserts_changes after insert on hospital_shares referencing new table as changed_rows
  for each statement execute function note_patient_changes('share', 'patient_id', 'id');
create trigger hospital_shares_deletes_changes after delete on hospital_shares referencing old table as changed_rows
  for each statement execute function note_patient_changes('share', 'patient_id', 'id');
create trigger appointments_changes after update on appointments
  for each row execute function note_patient_change('appointment', 'patient_id', 'id');
create trigger appointments_inserts_changes after insert on appointments referencing new table as changed_rows
  for each statement execute function note_patient_changes('appointment', 'patient_id', 'id');
create trigger appointments_deletes_changes after delete on appointments referencing old table as changed_rows
  for each statement execute function note_patient_changes('appointment', 'patient_id', 'id');
create trigger symptom_checks_changes after update on symptom_checks
  for each row execute function note_patient_change('symptom_check', 'patient_id', 'id');
create trigger symptom_checks_inserts_changes after insert on symptom_checks referencing new table as changed_rows
  for each statement execute function note_patient_changes('symptom_check', 'patient_id', 'id');
create trigger symptom_checks_deletes_changes after delete on symptom_checks referencing old table as changed_rows
  for each statement execute function note_patient_changes('symptom_check', 'patient_id', 'id');
create trigger records_changes after update on records
  for each row execute function note_patient_change('record', 'patient_id', 'id');
create trigger records_inserts_changes after insert on records referencing new table as changed_rows
  for each statement execute function note_patient_changes('record', 'patient_id', 'id');
create trigger records_deletes_changes after delete on records referencing old table as changed_rows
  for each statement execute function note_patient_changes('record', 'patient_id', 'id');
create trigger record_summaries_changes after update on record_summaries
  for each row execute function note_patient_change('record_summary', 'patient_id', 'id');
create trigger record_summaries_inserts_changes after insert on record_summaries referencing new table as changed_rows
  for each statement execute function note_patient_changes('record_summary', 'patient_id', 'id');
create trigger record_summaries_deletes_changes after delete on record_summaries referencing old table as changed_rows
  for each statement execute function note_patient_changes('record_summary', 'patient_id', 'id');
create trigger consents_changes after update on consents
  for each row execute function note_patient_change('consent', 'patient_id', 'id');
create trigger consents_inserts_changes after insert on consents referencing new table as changed_rows
  for each statement execute function note_patient_changes('consent', 'patient_id', 'id');
create trigger consents_deletes_changes after delete on consents referencing old table as changed_rows
  for each statement execute function note_patient_changes('consent', 'patient_id', 'id');
-- A medicine changes when the patient (or a hospital) changes it: those updates, and only those, leave
-- next_reminder_at null (medication_reminder_moved, below); the reminder run's bookkeeping sets a time,
-- a new routine '-infinity'.
create trigger medications_changes after update on medications
  for each row when (new.next_reminder_at is null) execute function note_patient_change('medication', 'patient_id', 'id');
create trigger medications_inserts_changes after insert on medications referencing new table as changed_rows
  for each statement execute function note_patient_changes('medication', 'patient_id', 'id');
create trigger medications_deletes_changes after delete on medications referencing old table as changed_rows
  for each statement execute function note_patient_changes('medication', 'patient_id', 'id');
create trigger medication_doses_changes after update on medication_doses
  for each row execute function note_patient_change('dose', 'patient_id', 'medication_id', 'dose_date', 'timing');
create trigger medication_doses_inserts_changes after insert on medication_doses referencing new table as changed_rows
  for each statement execute function note_patient_changes('dose', 'patient_id', 'medication_id', 'dose_date', 'timing');
create trigger medication_doses_deletes_changes after delete on medication_doses referencing old table as changed_rows
  for each statement execute function note_patient_changes('dose', 'patient_id', 'medication_id', 'dose_date', 'timing');
create trigger vitals_changes after update on vitals
  for each row execute function note_patient_change('vital', 'patient_id', 'id');
create trigger vitals_inserts_changes after insert on vitals referencing new table as changed_rows
  for each statement execute function note_patient_changes('vital', 'patient_id', 'id');
create trigger vitals_deletes_changes after delete on vitals referencing old table as changed_rows
  for each statement execute function note_patient_changes('vital', 'patient_id', 'id');
-- Only what the app reads: the push state's many updates are no change (migration 0030).
create trigger notifications_changes after update of type, title, body, link, read_at on notifications
  for each row execute function note_patient_change('notification', 'patient_id', 'id');
create trigger notifications_inserts_changes after insert on notifications referencing new table as changed_rows
  for each statement execute function note_patient_changes('notification', 'patient_id', 'id');
create trigger notifications_deletes_changes after delete on notifications referencing old table as changed_rows
  for each statement execute function note_patient_changes('notification', 'patient_id', 'id');
create trigger medicine_orders_changes after update on medicine_orders
  for each row execute function note_patient_change('medicine_order', 'patient_id', 'id');
create trigger medicine_orders_inserts_changes after insert on medicine_orders referencing new table as changed_rows
  for each statement execute function note_patient_changes('medicine_order', 'patient_id', 'id');
create trigger medicine_orders_deletes_changes after delete on medicine_orders referencing old table as changed_rows
  for each statement execute function note_patient_changes('medicine_order', 'patient_id', 'id');
create trigger lab_bookings_changes after update on lab_bookings
  for each row execute function note_patient_change('lab_booking', 'patient_id', 'id');
create trigger lab_bookings_inserts_changes after insert on lab_bookings referencing new table as changed_rows
  for each statement execute function note_patient_changes('lab_booking', 'patient_id', 'id');
create trigger lab_bookings_deletes_changes after delete on lab_bookings referencing old table as changed_rows
  for each statement execute function note_patient_changes('lab_booking', 'patient_id', 'id');
create trigger ambulance_bookings_changes after update on ambulance_bookings
  for each row execute function note_patient_change('ambulance_booking', 'patient_id', 'id');
create trigger ambulance_bookings_inserts_changes after insert on ambulance_bookings referencing new table as changed_rows
  for each statement execute function note_patient_changes('ambulance_booking', 'patient_id', 'id');
create trigger ambulance_bookings_deletes_changes after delete on ambulance_bookings referencing old table as changed_rows
  for each statement execute function note_patient_changes('ambulance_booking', 'patient_id', 'id');
create trigger care_package_applications_changes after update on care_package_applications
  for each row execute function note_patient_change('care_package_application', 'patient_id', 'id');
create trigger care_package_applications_inserts_changes after insert on care_package_applications referencing new table as changed_rows
  for each statement execute function note_patient_changes('care_package_application', 'patient_id', 'id');
create trigger care_package_applications_deletes_changes after delete on care_package_applications referencing old table as changed_rows
  for each statement execute function note_patient_changes('care_package_application', 'patient_id', 'id');

-- Account deletion (DPDP): what stays of an erased account, and the function that erases one
-- (migration 0025).

create table erased_accounts (
  patient_id uuid primary key,
  requested_at timestamptz not null,
  erased_at timestamptz not null default now(),
  rows_erased integer not null,
  -- File storage (R2) keys still to delete (random ids, no personal data); emptied once deleted.
  pending_files text[] not null default '{}'
);
create index erased_accounts_pending_idx on erased_accounts (erased_at) where cardinality(pending_files) > 0;

-- Deletes every row of one patient; the number of rows. Run in a transaction that has locked the patient's row.
create function erase_patient(p uuid) returns integer language plpgsql as $$
declare
  t record;
  n integer;
  total integer := 0;
begin
  -- What hangs off the patient's rows, before those rows go.
  delete from refresh_tokens where session_id in (select id from auth_sessions where patient_id = p or actor_id = p);
  get diagnostics n = row_count; total := total + n;
  delete from auth_sessions where actor_id = p;
  get diagnostics n = row_count; total := total + n;
  -- A child's profile that nobody else manages (and with no login of its own) follows its manager:
  -- due for erasure at once, by the same hourly run (its files and hospitals too).
  update patients set erase_requested_at = coalesce(erase_requested_at, now()), erase_at = coalesce(erase_at, now())
  where id in (select m.patient_id from profile_managers m where m.manager_id = p and m.kind = 'dependant' and m.status = 'active'
      and not exists (select 1 from profile_managers o where o.patient_id = m.patient_id and o.manager_id <> p and o.status = 'active')
      and not exists (select 1 from patient_identities i where i.patient_id = m.patient_id));
  delete from profile_managers where manager_id = p;
  get diagnostics n = row_count; total := total + n;
  delete from push_deliveries where notification_id in (select id from notifications where patient_id = p or subject_id = p)
    or device_id in (select id from devices where patient_id = p);
  get diagnostics n = row_count; total := total + n;
  delete from notifications where subject_id = p;
  get diagnostics n = row_count; total := total + n;
  delete from otp_challenges where identifier in (select identifier from patient_identities where patient_id = p);
  get diagnostics n = row_count; total := total + n;
  delete from dev_outbox where recipient in (select identifier from patient_identities where patient_id = p);
  get diagnostics n = row_count; total := total + n;
  -- Outbox jobs about the patient or any of their rows (every table with a patient_id and a uuid id).
  delete from outbox where subject_id = p;
  get diagnostics n = row_count; total := total + n;
  for t in
    select c.table_name from information_schema.columns c
    where c.table_schema = current_schema() and c.column_name = 'patient_id'
      and exists (select 1 from information_schema.columns i
                  where i.table_schema = c.table_schema and i.table_name = c.table_name and i.column_name = 'id' and i.data_type = 'uuid')
  loop
    execute format('delete from outbox where subject_id in (select id from %I where patient_id = $1)', t.table_name) using p;
    get diagnostics n = row_count; total := total + n;
  end loop;
  -- Every table with a patient_id, the change feed last (the deletes above and below note changes in it).
  for t in
    select c.table_name from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
    where c.table_schema = current_schema() and c.column_name = 'patient_id' and c.table_name <> 'patient_changes'
      and c.table_name <> 'erased_accounts'
  loop
    execute format('delete from %I where patient_id = $1', t.table_name) using p;
    get diagnostics n = row_count; total := total + n;
  end loop;
  delete from patients where id = p;
  get diagnostics n = row_count; total := total + n;
  delete from patient_changes where patient_id = p;
  return total;
end $$;

-- The patient's data export: a ZIP in R2, written by the queue (migration 0029).

create table data_exports (
  id uuid primary key,
  patient_id uuid not null,
  status text not null default 'pending' check (status in ('pending', 'ready', 'failed')),
  status_reason text,
  storage_key text,
  size_bytes bigint,
  file_count integer,
  created_at timestamptz(3) not null default now(),
  completed_at timestamptz,
  expires_at timestamptz
);
create index data_exports_patient_created_idx on data_exports (patient_id, created_at desc);
create index data_exports_expires_idx on data_exports (expires_at) where expires_at is not null;
-- One export being written per patient at a time.
create unique index data_exports_pending_key on data_exports (patient_id) where status = 'pending';

create trigger data_exports_changes after update on data_exports
  for each row execute function note_patient_change('data_export', 'patient_id', 'id');
create trigger data_exports_inserts_changes after insert on data_exports referencing new table as changed_rows
  for each statement execute function note_patient_changes('data_export', 'patient_id', 'id');
create trigger data_exports_deletes_changes after delete on data_exports referencing old table as changed_rows
  for each statement execute function note_patient_changes('data_export', 'patient_id', 'id');

-- Families on one phone (migration 0035): the profiles an account manages, the writes made for
-- another profile, and managers' copies of a managed profile's notifications.

create table profile_managers (
  id uuid primary key,
  -- The account that manages (its own patient id) and the profile managed (null: an invitation not yet accepted).
  manager_id uuid not null,
  patient_id uuid,
  relationship text not null check (relationship in ('child', 'parent', 'spouse', 'sibling', 'grandparent', 'grandchild', 'other')),
  -- dependant: a profile the manager made (a child; no login of its own). invited: an adult who accepted.
  -- abha: another ABHA account on the mobile the manager logged in with (migration 0036).
  kind text not null check (kind in ('dependant', 'invited', 'abha')),
  status text not null check (status in ('invited', 'active', 'declined', 'ended')),
  -- What the manager may see and do: any of appointments, medicines, records, vitals, profile.
  permissions text[] not null,
  -- A child's profile: when the manager declared being the parent or guardian (the account is manager_id).
  guardian_declared_at timestamptz,
  -- An invitation: to whom (a phone in E.164 or a lower-case email), until when.
  invited_channel text check (invited_channel in ('phone', 'email')),
  invited_identifier text,
  invite_expires_at timestamptz,
  -- When the managed person accepted (an invitation; or a child, once an adult, keeping the management).
  accepted_at timestamptz,
  ended_at timestamptz,
  ended_by uuid,
  ended_reason text check (ended_reason in ('stopped_by_manager', 'ended_by_patient', 'came_of_age', 'account_erased')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index profile_managers_manager_idx on profile_managers (manager_id, created_at) where status in ('invited', 'active');
create index profile_managers_patient_idx on profile_managers (patient_id) where status in ('invited', 'active');
create index profile_managers_invited_idx on profile_managers (invited_identifier) where status = 'invited';
-- One open invitation per account and person invited.
create unique index profile_managers_invitation_key on profile_managers (manager_id, invited_identifier) where status = 'invited';
create index profile_managers_dependants_idx on profile_managers (created_at) where status = 'active' and kind = 'dependant' and accepted_at is null;
-- One live management per account and profile.
create unique index profile_managers_pair_key on profile_managers (manager_id, patient_id) where status = 'active';

-- Writes made by one account for another profile.
create table profile_activity (
  id uuid primary key,
  -- The profile written to (the subject) and the account that wrote (the actor).
  patient_id uuid not null,
  actor_id uuid not null,
  management_id uuid not null,
  operation text not null,
  method text not null,
  path text not null,
  status smallint not null,
  created_at timestamptz(3) not null default now()
);
create index profile_activity_patient_created_idx on profile_activity (patient_id, created_at desc, id desc);

-- What a notification type is about, as the managers' permissions name it (a test pins the area of
-- every kind in src/core/notification-kinds.ts).
create function notification_area(type text) returns text language sql immutable as $$
  select case
    when type like 'medication%' or type like 'medicine%' then 'medicines'
    when type like 'vital%' then 'vitals'
    when type like 'profile%' then 'profile'
    when type like 'appointment%' or type like 'triage%' or type like 'symptom%' or type like 'ambulance%' or type like 'care%' then 'appointments'
    when type = 'lab_results_ready' then 'records'
    when type like 'lab%' then 'appointments'
    else 'records'
  end
$$;

-- Copies of a managed profile's new notifications for each of its managers who may see them, named
-- with the profile's name; once (the dedupe key names the original). Copies are not copied again,
-- nor is news of a management (it is between that manager and the profile: migration 0036).
create function copy_notifications_to_managers() returns trigger language plpgsql as $$
begin
  -- The copies' own insert fires this again (a statement trigger fires for no rows too): stop there.
  if not exists (select 1 from changed_rows where subject_id is null) then
    return null;
  end if;
  insert into notifications (id, patient_id, subject_id, type, title, body, link, dedupe_key, priority, push_shard)
  select gen_random_uuid(), m.manager_id, n.patient_id, n.type,
         left(coalesce(nullif(p.name, ''), 'Family member') || ': ' || n.title, 300), n.body, n.link,
         'managed:' || n.id::text, n.priority, (get_byte(uuid_send(m.manager_id), 0) % 64)::smallint
  from changed_rows n
  join profile_managers m on m.patient_id = n.patient_id and m.status = 'active'
    and (m.kind = 'dependant' or notification_area(n.type) = any (m.permissions))
  join patients p on p.id = n.patient_id
  where n.subject_id is null and n.type <> 'profile_management_changed'
  on conflict (patient_id, dedupe_key) where dedupe_key is not null do nothing;
  return null;
end $$;
create trigger notifications_copy_to_managers after insert on notifications referencing new table as changed_rows
  for each statement execute function copy_notifications_to_managers();


-- BEGIN symptom catalog (generated by npm run symptoms:build from scripts/symptoms/catalog.mjs)
delete from triage_rules;
delete from symptom_questions;
delete from symptoms;
delete from symptom_sections;
insert into symptom_sections (code, position, name_en, name_hi) values
  ('general', 1, 'General', 'सामान्य'),
  ('head_nervous', 2, 'Head and Nervous', 'सिर और तंत्रिका तंत्र'),
  ('chest_breathing', 3, 'Chest and Breathing', 'छाती और साँस'),
  ('stomach_digestion', 4, 'Stomach and Digestion', 'पेट और पाचन'),
  ('skin', 5, 'Skin', 'त्वचा'),
  ('bones_joints', 6, 'Bones and Joints', 'हड्डियाँ और जोड़'),
  ('ent', 7, 'Ear, Nose and Throat', 'कान, नाक और गला'),
  ('eyes', 8, 'Eyes', 'आँखें'),
  ('urinary', 9, 'Urinary', 'मूत्र'),
  ('womens_health', 10, 'Women''s Health', 'महिलाओं का स्वास्थ्य'),
  ('mental_health', 11, 'Mental Health', 'मानसिक स्वास्थ्य');
insert into symptoms (code, kind, section_code, position, name_en, name_hi, base_level, keywords, specialties) values
  ('screen', 'screen', null, 1, 'Danger signs', 'ख़तरे के लक्षण', 'self_care', array[]::text[], '[]'::jsonb),
  ('fever', 'complaint', 'general', 2, 'Fever', 'बुखार', 'consultation', array['bukhar', 'bukhaar', 'tap', 'temperature', 'बुखार', 'ताप']::text[], '[{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('fatigue', 'complaint', 'general', 3, 'Tiredness and weakness', 'थकान और कमज़ोरी', 'consultation', array['kamzori', 'thakan', 'weakness', 'कमज़ोरी', 'थकान']::text[], '[{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('weight_loss', 'complaint', 'general', 4, 'Unexplained weight loss', 'बिना कारण वज़न घटना', 'consultation', array['vajan kam', 'wazan ghat', 'वज़न']::text[], '[{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('body_ache', 'complaint', 'general', 5, 'Body ache', 'बदन दर्द', 'self_care', array['badan dard', 'body pain', 'बदन दर्द']::text[], '[{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('night_sweats', 'complaint', 'general', 6, 'Night sweats', 'रात में पसीना', 'consultation', array['raat ko pasina', 'पसीना']::text[], '[{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('bite_sting', 'complaint', 'general', 7, 'Bite or sting', 'काटना या डंक', 'self_care', array['saanp', 'saap ne kata', 'bichhu', 'kutte ne kata', 'dank', 'साँप', 'बिच्छू', 'कुत्ते ने काटा', 'डंक']::text[], '[{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('heat_illness', 'complaint', 'general', 8, 'Illness from heat', 'गर्मी से बीमारी (लू)', 'self_care', array['loo', 'loo lagna', 'garmi', 'heat stroke', 'लू', 'गर्मी']::text[], '[{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('headache', 'complaint', 'head_nervous', 9, 'Headache', 'सिरदर्द', 'self_care', array['sir dard', 'sar dard', 'sirdard', 'सिरदर्द', 'सिर दर्द', 'migraine']::text[], '[{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"},{"code":"neurology","name_en":"Neurology","name_hi":"तंत्रिका रोग","pattern":"neuro"}]'::jsonb),
  ('dizziness', 'complaint', 'head_nervous', 10, 'Dizziness', 'चक्कर आना', 'consultation', array['chakkar', 'ghabrahat', 'चक्कर']::text[], '[{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"},{"code":"neurology","name_en":"Neurology","name_hi":"तंत्रिका रोग","pattern":"neuro"}]'::jsonb),
  ('fainting', 'complaint', 'head_nervous', 11, 'Fainting', 'बेहोशी', 'consultation_24h', array['behosh', 'behoshi', 'बेहोश']::text[], '[{"code":"neurology","name_en":"Neurology","name_hi":"तंत्रिका रोग","pattern":"neuro"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('numbness_weakness', 'complaint', 'head_nervous', 12, 'Numbness or weakness', 'सुन्नपन या कमज़ोरी', 'consultation_24h', array['sunn', 'lakwa', 'paralysis', 'सुन्न', 'लकवा']::text[], '[{"code":"neurology","name_en":"Neurology","name_hi":"तंत्रिका रोग","pattern":"neuro"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('seizure', 'complaint', 'head_nervous', 13, 'Seizure (fit)', 'दौरा (मिर्गी)', 'emergency', array['daura', 'mirgi', 'fits', 'दौरा', 'मिर्गी']::text[], '[{"code":"neurology","name_en":"Neurology","name_hi":"तंत्रिका रोग","pattern":"neuro"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('confusion', 'complaint', 'head_nervous', 14, 'Confusion', 'भ्रम (उलझन)', 'consultation', array['bhram', 'uljhan', 'bahki bahki baatein', 'भ्रम', 'उलझन']::text[], '[{"code":"neurology","name_en":"Neurology","name_hi":"तंत्रिका रोग","pattern":"neuro"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('cough', 'complaint', 'chest_breathing', 15, 'Cough', 'खाँसी', 'self_care', array['khansi', 'khaansi', 'khasi', 'खाँसी', 'खांसी']::text[], '[{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"},{"code":"pulmonology","name_en":"Pulmonology (chest)","name_hi":"फेफड़ों के रोग","pattern":"pulmo|chest|respirat"}]'::jsonb),
  ('breathlessness', 'complaint', 'chest_breathing', 16, 'Shortness of breath', 'साँस फूलना', 'consultation_24h', array['saans', 'sans phoolna', 'dam ghutna', 'साँस', 'सांस']::text[], '[{"code":"pulmonology","name_en":"Pulmonology (chest)","name_hi":"फेफड़ों के रोग","pattern":"pulmo|chest|respirat"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('chest_pain', 'complaint', 'chest_breathing', 17, 'Chest pain', 'सीने में दर्द', 'consultation_24h', array['seene mein dard', 'chhati mein dard', 'heart pain', 'सीने', 'छाती']::text[], '[{"code":"cardiology","name_en":"Cardiology (heart)","name_hi":"हृदय रोग","pattern":"cardio"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('palpitations', 'complaint', 'chest_breathing', 18, 'Palpitations (racing heart)', 'धड़कन तेज़ होना', 'consultation', array['dhadkan', 'ghabrahat', 'धड़कन']::text[], '[{"code":"cardiology","name_en":"Cardiology (heart)","name_hi":"हृदय रोग","pattern":"cardio"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('wheezing', 'complaint', 'chest_breathing', 19, 'Wheezing', 'साँस में सीटी', 'consultation', array['seeti', 'dama', 'asthma', 'दमा']::text[], '[{"code":"pulmonology","name_en":"Pulmonology (chest)","name_hi":"फेफड़ों के रोग","pattern":"pulmo|chest|respirat"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('abdominal_pain', 'complaint', 'stomach_digestion', 20, 'Stomach pain', 'पेट दर्द', 'consultation', array['pet dard', 'pet me dard', 'stomach ache', 'पेट दर्द', 'पेट']::text[], '[{"code":"gastroenterology","name_en":"Gastroenterology (stomach)","name_hi":"पेट के रोग","pattern":"gastro|digestive"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('vomiting', 'complaint', 'stomach_digestion', 21, 'Vomiting', 'उल्टी', 'self_care', array['ulti', 'ulati', 'vomit', 'उल्टी', 'जी मिचलाना']::text[], '[{"code":"gastroenterology","name_en":"Gastroenterology (stomach)","name_hi":"पेट के रोग","pattern":"gastro|digestive"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('diarrhoea', 'complaint', 'stomach_digestion', 22, 'Loose motions (diarrhoea)', 'दस्त', 'self_care', array['dast', 'loose motion', 'pet kharab', 'दस्त']::text[], '[{"code":"gastroenterology","name_en":"Gastroenterology (stomach)","name_hi":"पेट के रोग","pattern":"gastro|digestive"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('constipation', 'complaint', 'stomach_digestion', 23, 'Constipation', 'कब्ज़', 'self_care', array['kabz', 'kabj', 'कब्ज़', 'कब्ज']::text[], '[{"code":"gastroenterology","name_en":"Gastroenterology (stomach)","name_hi":"पेट के रोग","pattern":"gastro|digestive"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('heartburn', 'complaint', 'stomach_digestion', 24, 'Acidity and heartburn', 'एसिडिटी और सीने में जलन', 'self_care', array['acidity', 'jalan', 'khatti dakar', 'एसिडिटी', 'जलन']::text[], '[{"code":"gastroenterology","name_en":"Gastroenterology (stomach)","name_hi":"पेट के रोग","pattern":"gastro|digestive"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('blood_in_stool', 'complaint', 'stomach_digestion', 25, 'Blood in stool', 'मल में खून', 'consultation_24h', array['khoon', 'potty mein khoon', 'मल में खून']::text[], '[{"code":"gastroenterology","name_en":"Gastroenterology (stomach)","name_hi":"पेट के रोग","pattern":"gastro|digestive"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('rash', 'complaint', 'skin', 26, 'Rash', 'चकत्ते (दाने)', 'self_care', array['daane', 'chakatte', 'khujli wale daane', 'दाने', 'चकत्ते']::text[], '[{"code":"dermatology","name_en":"Dermatology (skin)","name_hi":"त्वचा रोग","pattern":"dermat|skin"}]'::jsonb),
  ('itching', 'complaint', 'skin', 27, 'Itching', 'खुजली', 'self_care', array['khujli', 'itch', 'खुजली']::text[], '[{"code":"dermatology","name_en":"Dermatology (skin)","name_hi":"त्वचा रोग","pattern":"dermat|skin"}]'::jsonb),
  ('skin_infection', 'complaint', 'skin', 28, 'Boil, wound or skin infection', 'फोड़ा, घाव या त्वचा संक्रमण', 'consultation', array['phoda', 'ghav', 'फोड़ा', 'घाव']::text[], '[{"code":"dermatology","name_en":"Dermatology (skin)","name_hi":"त्वचा रोग","pattern":"dermat|skin"}]'::jsonb),
  ('yellow_skin_eyes', 'complaint', 'skin', 29, 'Yellow skin or eyes (jaundice)', 'त्वचा या आँखों में पीलापन (पीलिया)', 'consultation_24h', array['piliya', 'peeliya', 'jaundice', 'पीलिया']::text[], '[{"code":"gastroenterology","name_en":"Gastroenterology (stomach)","name_hi":"पेट के रोग","pattern":"gastro|digestive"},{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"}]'::jsonb),
  ('allergic_reaction', 'complaint', 'skin', 30, 'Allergic reaction', 'एलर्जी', 'self_care', array['allergy', 'pitti', 'ellergy', 'एलर्जी', 'पित्ती']::text[], '[{"code":"general_medicine","name_en":"General Medicine","name_hi":"सामान्य चिकित्सा","pattern":"general|internal|family"},{"code":"dermatology","name_en":"Dermatology (skin)","name_hi":"त्वचा रोग","pattern":"dermat|skin"}]'::jsonb),
  ('joint_pain', 'complaint', 'bones_joints', 31, 'Joint pain', 'जोड़ों का दर्द', 'self_care', array['jodon mein dard', 'ghutne mein dard', 'joint pain', 'जोड़ों']::text[], '[{"code":"orthopaedics","name_en":"Orthopaedics (bones)","name_hi":"हड्डी रोग","pattern":"orthop"}]'::jsonb),
  ('back_pain', 'complaint', 'bones_joints', 32, 'Back pain', 'कमर दर्द', 'self_care', array['kamar dard', 'peeth dard', 'कमर दर्द', 'पीठ दर्द']::text[], '[{"code":"orthopaedics","name_en":"Orthopaedics (bones)","name_hi":"हड्डी रोग","pattern":"orthop"}]'::jsonb),
  ('neck_pain', 'complaint', 'bones_joints', 33, 'Neck pain', 'गर्दन दर्द', 'self_care', array['gardan dard', 'गर्दन']::text[], '[{"code":"orthopaedics","name_en":"Orthopaedics (bones)","name_hi":"हड्डी रोग","pattern":"orthop"}]'::jsonb),
  ('injury', 'complaint', 'bones_joints', 34, 'Injury or fall', 'चोट या गिरना', 'consultation_24h', array['chot', 'gir gaya', 'gir gayi', 'चोट']::text[], '[{"code":"orthopaedics","name_en":"Orthopaedics (bones)","name_hi":"हड्डी रोग","pattern":"orthop"}]'::jsonb),
  ('sore_throat', 'complaint', 'ent', 35, 'Sore throat', 'गले में ख़राश', 'self_care', array['gala kharab', 'gale mein dard', 'gale me kharash', 'गला', 'ख़राश']::text[], '[{"code":"ent","name_en":"Ear, Nose and Throat","name_hi":"कान, नाक और गला","pattern":"^ent$|otolaryng|ear, nose"}]'::jsonb),
  ('ear_pain', 'complaint', 'ent', 36, 'Ear pain', 'कान दर्द', 'self_care', array['kaan dard', 'kaan mein dard', 'कान']::text[], '[{"code":"ent","name_en":"Ear, Nose and Throat","name_hi":"कान, नाक और गला","pattern":"^ent$|otolaryng|ear, nose"}]'::jsonb),
  ('runny_nose', 'complaint', 'ent', 37, 'Cold and runny nose', 'ज़ुकाम और नाक बहना', 'self_care', array['zukam', 'jukam', 'sardi', 'naak behna', 'ज़ुकाम', 'सर्दी']::text[], '[{"code":"ent","name_en":"Ear, Nose and Throat","name_hi":"कान, नाक और गला","pattern":"^ent$|otolaryng|ear, nose"}]'::jsonb),
  ('nosebleed', 'complaint', 'ent', 38, 'Nosebleed', 'नाक से खून', 'self_care', array['naak se khoon', 'nakseer', 'नकसीर']::text[], '[{"code":"ent","name_en":"Ear, Nose and Throat","name_hi":"कान, नाक और गला","pattern":"^ent$|otolaryng|ear, nose"}]'::jsonb),
  ('mouth_ulcers', 'complaint', 'ent', 39, 'Mouth ulcers', 'मुँह के छाले', 'self_care', array['munh ke chhale', 'chhale', 'मुँह के छाले', 'छाले']::text[], '[{"code":"ent","name_en":"Ear, Nose and Throat","name_hi":"कान, नाक और गला","pattern":"^ent$|otolaryng|ear, nose"}]'::jsonb),
  ('eye_redness', 'complaint', 'eyes', 40, 'Red or painful eye', 'आँख लाल होना या दर्द', 'self_care', array['aankh lal', 'aankh aana', 'आँख']::text[], '[{"code":"ophthalmology","name_en":"Ophthalmology (eyes)","name_hi":"नेत्र रोग","pattern":"ophthalm|^eye"}]'::jsonb),
  ('blurred_vision', 'complaint', 'eyes', 41, 'Blurred or lost vision', 'धुंधला दिखना या दिखना बंद होना', 'consultation', array['dhundhla', 'kam dikhna', 'धुंधला']::text[], '[{"code":"ophthalmology","name_en":"Ophthalmology (eyes)","name_hi":"नेत्र रोग","pattern":"ophthalm|^eye"}]'::jsonb),
  ('painful_urination', 'complaint', 'urinary', 42, 'Burning or pain when passing urine', 'पेशाब में जलन या दर्द', 'consultation', array['peshab mein jalan', 'jalan', 'uti', 'पेशाब में जलन']::text[], '[{"code":"urology","name_en":"Urology","name_hi":"मूत्र रोग","pattern":"urolog|nephrolog"}]'::jsonb),
  ('frequent_urination', 'complaint', 'urinary', 43, 'Passing urine often', 'बार-बार पेशाब आना', 'consultation', array['baar baar peshab', 'बार-बार पेशाब']::text[], '[{"code":"urology","name_en":"Urology","name_hi":"मूत्र रोग","pattern":"urolog|nephrolog"}]'::jsonb),
  ('blood_in_urine', 'complaint', 'urinary', 44, 'Blood in urine', 'पेशाब में खून', 'consultation_24h', array['peshab mein khoon', 'पेशाब में खून']::text[], '[{"code":"urology","name_en":"Urology","name_hi":"मूत्र रोग","pattern":"urolog|nephrolog"}]'::jsonb),
  ('period_problems', 'complaint', 'womens_health', 45, 'Period problems', 'माहवारी की समस्या', 'consultation', array['mahvari', 'periods', 'mc', 'माहवारी', 'पीरियड']::text[], '[{"code":"gynaecology","name_en":"Obstetrics and Gynaecology","name_hi":"स्त्री रोग","pattern":"gyn|obstet"}]'::jsonb),
  ('pregnancy_concern', 'complaint', 'womens_health', 46, 'Problem in pregnancy', 'गर्भावस्था में समस्या', 'consultation_24h', array['pregnancy', 'garbh', 'pet se hoon', 'गर्भ', 'गर्भावस्था']::text[], '[{"code":"gynaecology","name_en":"Obstetrics and Gynaecology","name_hi":"स्त्री रोग","pattern":"gyn|obstet"}]'::jsonb),
  ('vaginal_discharge', 'complaint', 'womens_health', 47, 'Vaginal discharge', 'योनि स्राव', 'consultation', array['safed pani', 'white discharge', 'सफ़ेद पानी']::text[], '[{"code":"gynaecology","name_en":"Obstetrics and Gynaecology","name_hi":"स्त्री रोग","pattern":"gyn|obstet"}]'::jsonb),
  ('breast_lump', 'complaint', 'womens_health', 48, 'Breast lump or change', 'स्तन में गाँठ या बदलाव', 'consultation', array['gaanth', 'स्तन', 'गाँठ']::text[], '[{"code":"gynaecology","name_en":"Obstetrics and Gynaecology","name_hi":"स्त्री रोग","pattern":"gyn|obstet"}]'::jsonb),
  ('low_mood', 'complaint', 'mental_health', 49, 'Low mood or sadness', 'उदासी या मन उदास रहना', 'consultation', array['udaas', 'depression', 'man nahi lagta', 'उदास', 'डिप्रेशन']::text[], '[{"code":"psychiatry","name_en":"Psychiatry","name_hi":"मनोरोग","pattern":"psychiat|mental"}]'::jsonb),
  ('anxiety', 'complaint', 'mental_health', 50, 'Anxiety or panic', 'घबराहट या बेचैनी', 'consultation', array['ghabrahat', 'bechaini', 'tension', 'घबराहट', 'बेचैनी']::text[], '[{"code":"psychiatry","name_en":"Psychiatry","name_hi":"मनोरोग","pattern":"psychiat|mental"}]'::jsonb),
  ('sleep_problems', 'complaint', 'mental_health', 51, 'Sleep problems', 'नींद की समस्या', 'self_care', array['neend nahi aati', 'anidra', 'नींद']::text[], '[{"code":"psychiatry","name_en":"Psychiatry","name_hi":"मनोरोग","pattern":"psychiat|mental"}]'::jsonb);
insert into symptom_questions (id, symptom_code, position, type, text_en, text_hi, required, options, min_value, max_value, unit, show_if, prefill) values
  ('screen.age_years', 'screen', 1, 'number', 'Age in years (0 for a baby under one)', 'उम्र साल में (एक साल से छोटे बच्चे के लिए 0)', true, null, 0, 120, 'years', null, 'age_years'),
  ('screen.age_months', 'screen', 2, 'number', 'Age in months (for a child under two)', 'उम्र महीनों में (दो साल से छोटे बच्चे के लिए)', true, null, 0, 23, 'months', '[{"question_id":"screen.age_years","op":"lte","value":1}]'::jsonb, 'age_months'),
  ('screen.sex', 'screen', 3, 'single_choice', 'Sex', 'लिंग', true, '[{"value":"female","en":"Female","hi":"महिला"},{"value":"male","en":"Male","hi":"पुरुष"},{"value":"other","en":"Other","hi":"अन्य"}]'::jsonb, null, null, null, null, 'sex'),
  ('screen.pregnant', 'screen', 4, 'yes_no', 'Are you pregnant, or could you be?', 'क्या आप गर्भवती हैं, या हो सकती हैं?', true, null, null, null, null, '[{"question_id":"screen.sex","op":"eq","value":"female"},{"question_id":"screen.age_years","op":"gte","value":12},{"question_id":"screen.age_years","op":"lte","value":55}]'::jsonb, null),
  ('screen.danger', 'screen', 5, 'multi_choice', 'Is any of these happening now? Choose all that apply, or none.', 'क्या इनमें से कुछ अभी हो रहा है? जितने लागू हों सब चुनें, या कोई नहीं।', true, '[{"value":"breathless_at_rest","en":"Struggling to breathe even at rest, or cannot say a full sentence","hi":"आराम में भी साँस लेने में बहुत तकलीफ़, या पूरा वाक्य नहीं बोल पाते"},{"value":"blue_lips","en":"Blue or grey lips, tongue or face","hi":"होंठ, जीभ या चेहरा नीला या धूसर"},{"value":"confused","en":"Newly confused, very drowsy or hard to wake","hi":"अचानक भ्रम, बहुत ज़्यादा सुस्ती या जगाने में कठिनाई"},{"value":"chest_pain","en":"Chest pain that feels heavy or tight, or spreads to the arm, jaw, neck or back","hi":"सीने में भारी या जकड़न वाला दर्द, या दर्द जो बाँह, जबड़े, गर्दन या पीठ तक जाए"},{"value":"stroke_signs","en":"Sudden weakness or numbness of the face, arm or leg, or slurred speech","hi":"चेहरे, हाथ या पैर में अचानक कमज़ोरी या सुन्नपन, या लड़खड़ाती बोली"},{"value":"thunderclap_headache","en":"A sudden, very severe headache, the worst ever","hi":"अचानक, बहुत तेज़ सिरदर्द, अब तक का सबसे बुरा"},{"value":"heavy_bleeding","en":"Heavy bleeding that does not stop with firm pressure","hi":"ज़ोर से दबाने पर भी न रुकने वाला भारी खून"},{"value":"vomiting_blood","en":"Vomiting blood, or black, tarry stools","hi":"खून की उल्टी, या काला, तारकोल जैसा मल"},{"value":"seizure","en":"A fit (seizure) now or in the last 24 hours","hi":"अभी या पिछले 24 घंटों में दौरा (मिर्गी)"},{"value":"face_swelling","en":"Sudden swelling of the lips, tongue, face or throat","hi":"होंठ, जीभ, चेहरे या गले में अचानक सूजन"},{"value":"no_urine","en":"No urine, or very little, for 12 hours (8 hours in a child)","hi":"12 घंटे से (बच्चे में 8 घंटे से) पेशाब नहीं या बहुत कम"},{"value":"collapsed","en":"Fainted or collapsed today","hi":"आज बेहोश हुए या गिर पड़े"},{"value":"self_harm","en":"Thoughts of ending your life, or you have harmed yourself","hi":"जीवन ख़त्म करने के विचार, या ख़ुद को चोट पहुँचाई है"}]'::jsonb, null, null, null, null, null),
  ('screen.fever', 'screen', 6, 'yes_no', 'Do you have a fever, or feel hot and shivery?', 'क्या बुखार है, या गरमी और कँपकँपी लग रही है?', true, null, null, null, null, null, null),
  ('screen.measured', 'screen', 7, 'yes_no', 'Did you measure the temperature with a thermometer?', 'क्या थर्मामीटर से तापमान नापा?', true, null, null, null, null, '[{"question_id":"screen.fever","op":"eq","value":true}]'::jsonb, null),
  ('screen.temperature', 'screen', 8, 'number', 'Highest temperature measured (°C)', 'सबसे ज़्यादा नापा गया तापमान (°C)', true, null, 34, 43, '°C', '[{"question_id":"screen.measured","op":"eq","value":true}]'::jsonb, null),
  ('screen.fever_signs', 'screen', 9, 'multi_choice', 'With the fever, is there any of these? Choose all that apply, or none.', 'बुखार के साथ क्या इनमें से कुछ है? जितने लागू हों सब चुनें, या कोई नहीं।', true, '[{"value":"stiff_neck","en":"A stiff neck, painful to bend forward","hi":"अकड़ी गर्दन, आगे झुकाने में दर्द"},{"value":"rash_not_fading","en":"A rash of spots that do not fade when a glass is pressed on them","hi":"ऐसे दाने जो गिलास से दबाने पर भी नहीं मिटते"},{"value":"bleeding","en":"Bleeding from the gums or nose, or red spots under the skin","hi":"मसूड़ों या नाक से खून, या त्वचा के नीचे लाल धब्बे"},{"value":"belly_pain","en":"Severe or constant pain in the belly","hi":"पेट में तेज़ या लगातार दर्द"},{"value":"vomiting","en":"Vomiting three times or more in a day","hi":"एक दिन में तीन या ज़्यादा बार उल्टी"},{"value":"cold_hands","en":"Cold, clammy hands and feet","hi":"ठंडे और चिपचिपे हाथ-पैर"},{"value":"yellow_eyes","en":"Yellow eyes or skin","hi":"पीली आँखें या त्वचा"}]'::jsonb, null, null, null, '[{"question_id":"screen.fever","op":"eq","value":true}]'::jsonb, null),
  ('screen.malaria_area', 'screen', 10, 'yes_no', 'In the last month, have you lived in or visited a place with malaria (forest or tribal areas, the north-east, or a town with cases)?', 'क्या पिछले एक महीने में ऐसी जगह रहे या गए जहाँ मलेरिया होता है (जंगल या आदिवासी इलाक़े, पूर्वोत्तर, या मामलों वाला शहर)?', true, null, null, null, null, '[{"question_id":"screen.fever","op":"eq","value":true}]'::jsonb, null),
  ('screen.heat', 'screen', 11, 'yes_no', 'In the last day, have you been out in strong heat or sun, or worked hard in the heat?', 'क्या पिछले एक दिन में तेज़ गर्मी या धूप में रहे, या गर्मी में भारी काम किया?', true, null, null, null, null, null, null),
  ('screen.bite', 'screen', 12, 'yes_no', 'In the last three days, were you bitten or stung by a snake, scorpion, dog or other animal or insect?', 'क्या पिछले तीन दिनों में साँप, बिच्छू, कुत्ते या किसी और जानवर या कीड़े ने काटा या डंक मारा?', true, null, null, null, null, null, null),
  ('screen.bite_kind', 'screen', 13, 'single_choice', 'What bit or stung you?', 'किसने काटा या डंक मारा?', true, '[{"value":"bee_wasp","en":"A bee, wasp or hornet","hi":"मधुमक्खी, ततैया या बर्र"},{"value":"other_insect","en":"Another insect or a spider","hi":"कोई और कीड़ा या मकड़ी"},{"value":"mammal","en":"A dog, cat, monkey, bat or other animal","hi":"कुत्ता, बिल्ली, बंदर, चमगादड़ या कोई और जानवर"},{"value":"scorpion","en":"A scorpion","hi":"बिच्छू"},{"value":"snake","en":"A snake, or it might have been one","hi":"साँप, या साँप हो सकता है"}]'::jsonb, null, null, null, '[{"question_id":"screen.bite","op":"eq","value":true}]'::jsonb, null),
  ('screen.child', 'screen', 14, 'multi_choice', 'Does the child have any of these? Choose all that apply, or none.', 'क्या बच्चे में इनमें से कुछ है? जितने लागू हों सब चुनें, या कोई नहीं।', true, '[{"value":"cannot_drink","en":"Not able to drink or breastfeed","hi":"पानी नहीं पी पा रहा या स्तनपान नहीं कर पा रहा"},{"value":"vomits_everything","en":"Vomits everything","hi":"सब कुछ उल्टी कर देता है"},{"value":"lethargic","en":"Unusually sleepy, floppy or hard to wake","hi":"असामान्य रूप से सुस्त, ढीला या जगाने में कठिनाई"},{"value":"restless","en":"Restless and irritable","hi":"बेचैन और चिड़चिड़ा"},{"value":"sunken_eyes","en":"Sunken eyes","hi":"धँसी हुई आँखें"},{"value":"very_thirsty","en":"Very thirsty, drinks eagerly","hi":"बहुत प्यासा, जल्दी-जल्दी पीता है"},{"value":"slow_skin_pinch","en":"A pinch of skin on the belly goes back slowly","hi":"पेट की त्वचा चुटकी से उठाने पर धीरे वापस जाती है"},{"value":"fast_breathing","en":"Breathing fast, or the chest pulls in with each breath","hi":"तेज़ साँस, या हर साँस में छाती अंदर धँसती है"}]'::jsonb, null, null, null, '[{"question_id":"screen.age_years","op":"lte","value":4}]'::jsonb, null),
  ('fever.duration', 'fever', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('fever.severity', 'fever', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('fever.chills', 'fever', 3, 'yes_no', 'Do you get shaking chills (kapkapi)?', 'क्या कँपकँपी के साथ ठंड लगती है?', true, null, null, null, null, null, null),
  ('fever.comes_goes', 'fever', 4, 'yes_no', 'Does the fever come and go, with sweating and feeling better in between?', 'क्या बुखार आता-जाता है, बीच में पसीना आकर ठीक लगता है?', true, null, null, null, null, null, null),
  ('fatigue.duration', 'fatigue', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('fatigue.severity', 'fatigue', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('fatigue.breathless_on_effort', 'fatigue', 3, 'yes_no', 'Do you get breathless doing things you used to do easily?', 'क्या जो काम पहले आसानी से करते थे, उनमें साँस फूलती है?', true, null, null, null, null, null, null),
  ('fatigue.weight_loss', 'fatigue', 4, 'yes_no', 'Have you lost weight without trying?', 'क्या बिना कोशिश के वज़न घटा है?', true, null, null, null, null, null, null),
  ('fatigue.pale', 'fatigue', 5, 'yes_no', 'Have you or others noticed you look pale?', 'क्या आप या दूसरों ने देखा कि आप पीले/फीके दिखते हैं?', true, null, null, null, null, null, null),
  ('fatigue.thirst_urination', 'fatigue', 6, 'yes_no', 'More thirst and passing urine more often than usual?', 'क्या सामान्य से ज़्यादा प्यास और बार-बार पेशाब हो रहा है?', true, null, null, null, null, null, null),
  ('weight_loss.duration', 'weight_loss', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('weight_loss.severity', 'weight_loss', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('weight_loss.kg_lost', 'weight_loss', 3, 'number', 'About how many kilograms have you lost?', 'लगभग कितने किलो वज़न घटा है?', true, null, 0, 60, 'kg', null, null),
  ('weight_loss.appetite_loss', 'weight_loss', 4, 'yes_no', 'Have you lost your appetite?', 'क्या भूख कम हो गई है?', true, null, null, null, null, null, null),
  ('weight_loss.cough_3_weeks', 'weight_loss', 5, 'yes_no', 'Have you had a cough for more than three weeks?', 'क्या तीन हफ़्ते से ज़्यादा से खाँसी है?', true, null, null, null, null, null, null),
  ('weight_loss.night_sweats', 'weight_loss', 6, 'yes_no', 'Do you sweat heavily at night?', 'क्या रात में बहुत पसीना आता है?', true, null, null, null, null, null, null),
  ('body_ache.duration', 'body_ache', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('body_ache.severity', 'body_ache', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('body_ache.dark_urine', 'body_ache', 3, 'yes_no', 'Is your urine dark like cola, or very little?', 'क्या पेशाब कोला जैसा गहरा या बहुत कम है?', true, null, null, null, null, null, null),
  ('body_ache.after_exercise', 'body_ache', 4, 'yes_no', 'Did it start after unusually hard exercise or work?', 'क्या यह बहुत ज़्यादा मेहनत या व्यायाम के बाद शुरू हुआ?', true, null, null, null, null, null, null),
  ('night_sweats.duration', 'night_sweats', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('night_sweats.severity', 'night_sweats', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('night_sweats.cough', 'night_sweats', 3, 'yes_no', 'Do you have a cough?', 'क्या खाँसी है?', true, null, null, null, null, null, null),
  ('night_sweats.weight_loss', 'night_sweats', 4, 'yes_no', 'Have you lost weight without trying?', 'क्या बिना कोशिश के वज़न घटा है?', true, null, null, null, null, null, null),
  ('bite_sting.duration', 'bite_sting', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('bite_sting.severity', 'bite_sting', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('bite_sting.snake_signs', 'bite_sting', 3, 'multi_choice', 'Since the snake bite, have any of these appeared?', 'साँप के काटने के बाद क्या इनमें से कुछ हुआ है?', false, '[{"value":"swelling_spreading","en":"Swelling spreading up the limb","hi":"सूजन अंग में ऊपर की ओर फैल रही है"},{"value":"bleeding","en":"Bleeding from the bite, gums or nose","hi":"काटी जगह, मसूड़ों या नाक से खून"},{"value":"eyelids","en":"Drooping eyelids, double vision or difficulty swallowing","hi":"पलकें झुकना, दोहरा दिखना या निगलने में कठिनाई"}]'::jsonb, null, null, null, '[{"question_id":"screen.bite_kind","op":"eq","value":"snake"}]'::jsonb, null),
  ('bite_sting.skin_broken', 'bite_sting', 4, 'yes_no', 'Did the bite or scratch break the skin or make it bleed?', 'क्या काटने या खरोंच से त्वचा कटी या खून निकला?', true, null, null, null, null, '[{"question_id":"screen.bite_kind","op":"eq","value":"mammal"}]'::jsonb, null),
  ('bite_sting.head_hands', 'bite_sting', 5, 'yes_no', 'Is it on the face, head, neck or hands?', 'क्या यह चेहरे, सिर, गर्दन या हाथों पर है?', true, null, null, null, null, '[{"question_id":"screen.bite_kind","op":"eq","value":"mammal"}]'::jsonb, null),
  ('bite_sting.rabies_vaccine', 'bite_sting', 6, 'yes_no', 'Have you had a full course of rabies vaccine before?', 'क्या पहले रेबीज़ के टीके का पूरा कोर्स लगा है?', true, null, null, null, null, '[{"question_id":"screen.bite_kind","op":"eq","value":"mammal"}]'::jsonb, null),
  ('bite_sting.scorpion_signs', 'bite_sting', 7, 'multi_choice', 'Since the scorpion sting, have any of these appeared?', 'बिच्छू के डंक के बाद क्या इनमें से कुछ हुआ है?', false, '[{"value":"sweating_vomiting","en":"Heavy sweating or vomiting","hi":"बहुत पसीना या उल्टी"},{"value":"cold_limbs","en":"Cold hands and feet","hi":"ठंडे हाथ-पैर"},{"value":"breathless","en":"Breathlessness or cough with froth","hi":"साँस फूलना या झाग वाली खाँसी"}]'::jsonb, null, null, null, '[{"question_id":"screen.bite_kind","op":"eq","value":"scorpion"}]'::jsonb, null),
  ('bite_sting.many_stings', 'bite_sting', 8, 'yes_no', 'More than ten stings?', 'क्या दस से ज़्यादा डंक लगे?', true, null, null, null, null, '[{"question_id":"screen.bite_kind","op":"eq","value":"bee_wasp"}]'::jsonb, null),
  ('bite_sting.allergic_before', 'bite_sting', 9, 'yes_no', 'Have you had a serious allergic reaction to a sting before?', 'क्या पहले किसी डंक से गंभीर एलर्जी हुई है?', true, null, null, null, null, '[{"question_id":"screen.bite_kind","op":"eq","value":"bee_wasp"}]'::jsonb, null),
  ('heat_illness.duration', 'heat_illness', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('heat_illness.severity', 'heat_illness', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('heat_illness.hot_dry_skin', 'heat_illness', 3, 'yes_no', 'Hot, dry skin, no longer sweating?', 'क्या त्वचा गरम और सूखी है, पसीना आना बंद हो गया?', true, null, null, null, null, null, null),
  ('heat_illness.cannot_drink', 'heat_illness', 4, 'yes_no', 'Unable to drink, or vomiting what you drink?', 'क्या पानी नहीं पी पा रहे, या जो पीते हैं उल्टी हो जाती है?', true, null, null, null, null, null, null),
  ('heat_illness.cramps', 'heat_illness', 5, 'yes_no', 'Painful muscle cramps?', 'क्या मांसपेशियों में दर्द वाली ऐंठन है?', true, null, null, null, null, null, null),
  ('heat_illness.headache_nausea', 'heat_illness', 6, 'yes_no', 'Headache, nausea or weakness?', 'क्या सिरदर्द, जी मिचलाना या कमज़ोरी है?', true, null, null, null, null, null, null),
  ('heat_illness.not_better', 'heat_illness', 7, 'yes_no', 'Still unwell after 30 minutes of rest in a cool place with fluids?', 'क्या ठंडी जगह आराम और पानी के 30 मिनट बाद भी तबीयत ठीक नहीं?', true, null, null, null, null, null, null),
  ('headache.duration', 'headache', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('headache.severity', 'headache', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('headache.worst_ever', 'headache', 3, 'yes_no', 'Is this the worst headache of your life?', 'क्या यह आपकी ज़िंदगी का सबसे तेज़ सिरदर्द है?', true, null, null, null, null, null, null),
  ('headache.sudden_onset', 'headache', 4, 'yes_no', 'Did it reach full strength within a minute (like a thunderclap)?', 'क्या दर्द एक मिनट के अंदर पूरी तेज़ी पर पहुँच गया (अचानक धमाके जैसा)?', true, null, null, null, null, null, null),
  ('headache.weakness', 'headache', 5, 'yes_no', 'Any weakness, numbness, drooping face or slurred speech?', 'क्या कमज़ोरी, सुन्नपन, चेहरे का टेढ़ापन या लड़खड़ाती बोली है?', true, null, null, null, null, null, null),
  ('headache.fever_stiff_neck', 'headache', 6, 'yes_no', 'Fever with a stiff neck?', 'क्या गर्दन की अकड़न के साथ बुखार है?', true, null, null, null, null, null, null),
  ('headache.head_injury', 'headache', 7, 'yes_no', 'Did it start after a blow to the head?', 'क्या यह सिर पर चोट लगने के बाद शुरू हुआ?', true, null, null, null, null, null, null),
  ('headache.vision', 'headache', 8, 'yes_no', 'Blurred or double vision with the headache?', 'क्या सिरदर्द के साथ धुंधला या दोहरा दिखता है?', true, null, null, null, null, null, null),
  ('headache.light_hurts', 'headache', 9, 'yes_no', 'Does light hurt your eyes?', 'क्या रोशनी से आँखों में दर्द होता है?', true, null, null, null, null, null, null),
  ('headache.jaw_scalp', 'headache', 10, 'yes_no', 'Pain in the jaw when chewing, or a tender scalp or temple?', 'क्या चबाते समय जबड़े में दर्द, या सिर की त्वचा या कनपटी छूने पर दर्द है?', true, null, null, null, null, null, null),
  ('headache.pattern', 'headache', 11, 'single_choice', 'Have you had headaches like this before?', 'क्या पहले भी ऐसा सिरदर्द हुआ है?', true, '[{"value":"often","en":"Yes, often","hi":"हाँ, अक्सर"},{"value":"sometimes","en":"A few times","hi":"कुछ बार"},{"value":"never","en":"Never like this","hi":"ऐसा कभी नहीं"}]'::jsonb, null, null, null, null, null),
  ('dizziness.duration', 'dizziness', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('dizziness.severity', 'dizziness', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('dizziness.kind', 'dizziness', 3, 'single_choice', 'What does it feel like?', 'कैसा महसूस होता है?', true, '[{"value":"spinning","en":"The room spins","hi":"कमरा घूमता हुआ लगता है"},{"value":"lightheaded","en":"Light-headed, as if about to faint","hi":"सिर हल्का, जैसे बेहोश हो जाएँगे"},{"value":"unsteady","en":"Unsteady on my feet","hi":"पैरों पर संतुलन नहीं रहता"}]'::jsonb, null, null, null, null, null),
  ('dizziness.weakness_speech', 'dizziness', 4, 'yes_no', 'Any weakness on one side, slurred speech or double vision?', 'क्या एक तरफ़ कमज़ोरी, लड़खड़ाती बोली या दोहरा दिखना है?', true, null, null, null, null, null, null),
  ('dizziness.chest_pain', 'dizziness', 5, 'yes_no', 'Chest pain or a racing heart with it?', 'क्या साथ में सीने में दर्द या तेज़ धड़कन है?', true, null, null, null, null, null, null),
  ('dizziness.on_standing', 'dizziness', 6, 'yes_no', 'Does it happen mostly when you stand up?', 'क्या यह ज़्यादातर खड़े होने पर होता है?', true, null, null, null, null, null, null),
  ('fainting.duration', 'fainting', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('fainting.severity', 'fainting', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('fainting.during_exertion', 'fainting', 3, 'yes_no', 'Did you faint during exercise or exertion?', 'क्या मेहनत या व्यायाम करते समय बेहोश हुए?', true, null, null, null, null, null, null),
  ('fainting.chest_pain_palpitations', 'fainting', 4, 'yes_no', 'Chest pain or a racing heart before fainting?', 'क्या बेहोशी से पहले सीने में दर्द या तेज़ धड़कन हुई?', true, null, null, null, null, null, null),
  ('fainting.injury', 'fainting', 5, 'yes_no', 'Were you hurt when you fell?', 'क्या गिरने पर चोट लगी?', true, null, null, null, null, null, null),
  ('numbness_weakness.duration', 'numbness_weakness', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('numbness_weakness.severity', 'numbness_weakness', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('numbness_weakness.one_side', 'numbness_weakness', 3, 'yes_no', 'Is it on one side of the body (arm, leg or face)?', 'क्या यह शरीर की एक तरफ़ (हाथ, पैर या चेहरा) है?', true, null, null, null, null, null, null),
  ('numbness_weakness.face_speech', 'numbness_weakness', 4, 'yes_no', 'Drooping face or difficulty speaking?', 'क्या चेहरा टेढ़ा है या बोलने में कठिनाई है?', true, null, null, null, null, null, null),
  ('numbness_weakness.started', 'numbness_weakness', 5, 'single_choice', 'When did it start?', 'यह कब शुरू हुआ?', true, '[{"value":"within_hours","en":"In the last few hours","hi":"पिछले कुछ घंटों में"},{"value":"days","en":"Days ago","hi":"कुछ दिन पहले"},{"value":"long","en":"Weeks or more","hi":"हफ़्तों या उससे पहले"}]'::jsonb, null, null, null, null, null),
  ('seizure.duration', 'seizure', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('seizure.severity', 'seizure', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('seizure.first_ever', 'seizure', 3, 'yes_no', 'Is this the first seizure ever?', 'क्या यह पहला दौरा है?', true, null, null, null, null, null, null),
  ('seizure.over_5_minutes', 'seizure', 4, 'yes_no', 'Did it last more than 5 minutes, or did fits follow each other without waking?', 'क्या दौरा 5 मिनट से ज़्यादा चला, या बिना होश आए बार-बार आया?', true, null, null, null, null, null, null),
  ('seizure.not_awake', 'seizure', 5, 'yes_no', 'Is the person still not fully awake?', 'क्या व्यक्ति अभी भी पूरी तरह होश में नहीं है?', true, null, null, null, null, null, null),
  ('confusion.duration', 'confusion', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('confusion.severity', 'confusion', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('confusion.started', 'confusion', 3, 'single_choice', 'When did the confusion start?', 'भ्रम कब शुरू हुआ?', true, '[{"value":"weeks","en":"Slowly, over weeks or months","hi":"धीरे-धीरे, हफ़्तों या महीनों में"},{"value":"days","en":"In the last few days","hi":"पिछले कुछ दिनों में"},{"value":"hours","en":"Today, within hours","hi":"आज, कुछ घंटों में"}]'::jsonb, null, null, null, null, null),
  ('confusion.head_injury', 'confusion', 4, 'yes_no', 'A fall or a blow to the head recently?', 'क्या हाल में गिरे या सिर पर चोट लगी?', true, null, null, null, null, null, null),
  ('confusion.diabetes', 'confusion', 5, 'yes_no', 'Diabetes treated with insulin or sugar tablets?', 'क्या डायबिटीज़ है जिसके लिए इंसुलिन या शुगर की गोलियाँ लेते हैं?', true, null, null, null, null, null, null),
  ('confusion.new_medicine_alcohol', 'confusion', 6, 'yes_no', 'A new medicine, or stopping or drinking a lot of alcohol?', 'कोई नई दवा, या शराब छोड़ना या बहुत ज़्यादा पीना?', true, null, null, null, null, null, null),
  ('cough.duration', 'cough', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('cough.severity', 'cough', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('cough.type', 'cough', 3, 'single_choice', 'Is the cough dry or with phlegm?', 'खाँसी सूखी है या बलगम वाली?', true, '[{"value":"dry","en":"Dry","hi":"सूखी"},{"value":"wet","en":"With phlegm","hi":"बलगम वाली"}]'::jsonb, null, null, null, null, null),
  ('cough.phlegm_colour', 'cough', 4, 'single_choice', 'What colour is the phlegm?', 'बलगम का रंग कैसा है?', true, '[{"value":"clear","en":"Clear or white","hi":"साफ़ या सफ़ेद"},{"value":"yellow_green","en":"Yellow or green","hi":"पीला या हरा"},{"value":"rusty","en":"Rust-coloured or pink and frothy","hi":"जंग जैसा या गुलाबी झागदार"}]'::jsonb, null, null, null, '[{"question_id":"cough.type","op":"eq","value":"wet"}]'::jsonb, null),
  ('cough.blood', 'cough', 5, 'yes_no', 'Have you coughed up blood?', 'क्या खाँसी में खून आया है?', true, null, null, null, null, null, null),
  ('cough.breathing_difficulty', 'cough', 6, 'single_choice', 'Do you have difficulty breathing?', 'क्या साँस लेने में तकलीफ़ है?', true, '[{"value":"none","en":"No","hi":"नहीं"},{"value":"on_effort","en":"Only when walking or climbing stairs","hi":"सिर्फ़ चलने या सीढ़ी चढ़ने पर"},{"value":"at_rest","en":"Even at rest, or cannot finish a sentence","hi":"आराम करते हुए भी, या वाक्य पूरा नहीं कर पाते"}]'::jsonb, null, null, null, null, null),
  ('cough.chest_pain', 'cough', 7, 'yes_no', 'Chest pain when you breathe or cough?', 'क्या साँस लेने या खाँसने पर सीने में दर्द होता है?', true, null, null, null, null, null, null),
  ('cough.weight_loss', 'cough', 8, 'yes_no', 'Have you lost weight without trying?', 'क्या बिना कोशिश के वज़न घटा है?', true, null, null, null, null, null, null),
  ('cough.night_sweats', 'cough', 9, 'yes_no', 'Do you sweat heavily at night?', 'क्या रात में बहुत पसीना आता है?', true, null, null, null, null, null, null),
  ('cough.tb_contact', 'cough', 10, 'yes_no', 'Has someone you live with had TB?', 'क्या आपके साथ रहने वाले किसी को टीबी हुई है?', true, null, null, null, null, null, null),
  ('breathlessness.duration', 'breathlessness', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('breathlessness.severity', 'breathlessness', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('breathlessness.when', 'breathlessness', 3, 'single_choice', 'When are you short of breath?', 'साँस कब फूलती है?', true, '[{"value":"effort","en":"On effort only","hi":"सिर्फ़ मेहनत करने पर"},{"value":"lying_flat","en":"When lying flat, or it wakes me at night","hi":"लेटने पर, या रात में नींद खुल जाती है"},{"value":"at_rest","en":"At rest, all the time","hi":"आराम में भी, हर समय"}]'::jsonb, null, null, null, null, null),
  ('breathlessness.chest_pain', 'breathlessness', 4, 'yes_no', 'Chest pain with it?', 'क्या साथ में सीने में दर्द है?', true, null, null, null, null, null, null),
  ('breathlessness.swollen_legs', 'breathlessness', 5, 'yes_no', 'Are both legs swollen?', 'क्या दोनों पैरों में सूजन है?', true, null, null, null, null, null, null),
  ('breathlessness.asthma', 'breathlessness', 6, 'yes_no', 'Do you have asthma or COPD?', 'क्या आपको दमा (अस्थमा) या सीओपीडी है?', true, null, null, null, null, null, null),
  ('breathlessness.inhaler', 'breathlessness', 7, 'single_choice', 'Does your reliever inhaler help?', 'क्या आपका राहत वाला इनहेलर काम करता है?', true, '[{"value":"helps","en":"Yes, it helps for hours","hi":"हाँ, घंटों तक राहत देता है"},{"value":"no_inhaler","en":"I have none, or have not used it","hi":"मेरे पास नहीं है, या इस्तेमाल नहीं किया"},{"value":"not_helping","en":"It does not help, or only for minutes","hi":"काम नहीं करता, या बस कुछ मिनट"}]'::jsonb, null, null, null, '[{"question_id":"breathlessness.asthma","op":"eq","value":true}]'::jsonb, null),
  ('breathlessness.one_calf', 'breathlessness', 8, 'yes_no', 'Is one calf swollen, red or painful?', 'क्या एक पिंडली सूजी, लाल या दर्द वाली है?', true, null, null, null, null, null, null),
  ('breathlessness.clot_risk', 'breathlessness', 9, 'yes_no', 'In the last month: an operation, days in bed, a plaster cast or a journey of many hours; or are you pregnant or did you give birth recently?', 'पिछले एक महीने में: कोई ऑपरेशन, कई दिन बिस्तर पर, प्लास्टर, या कई घंटों की यात्रा; या आप गर्भवती हैं या हाल में बच्चा हुआ है?', true, null, null, null, null, null, null),
  ('breathlessness.spo2', 'breathlessness', 10, 'number', 'Oxygen level on a pulse oximeter, if you have one (%)', 'पल्स ऑक्सीमीटर पर ऑक्सीजन स्तर, अगर है (%)', false, null, 50, 100, '%', null, null),
  ('chest_pain.duration', 'chest_pain', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('chest_pain.severity', 'chest_pain', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('chest_pain.character', 'chest_pain', 3, 'single_choice', 'What is the pain like?', 'दर्द कैसा है?', true, '[{"value":"pressure","en":"Pressure, heaviness or squeezing","hi":"दबाव, भारीपन या जकड़न"},{"value":"sharp","en":"Sharp, worse when breathing in","hi":"चुभने वाला, साँस लेने पर बढ़ता है"},{"value":"burning","en":"Burning, after meals","hi":"जलन, खाने के बाद"},{"value":"touch","en":"Sore to touch or on moving","hi":"छूने या हिलने पर दर्द"}]'::jsonb, null, null, null, null, null),
  ('chest_pain.spreading', 'chest_pain', 4, 'yes_no', 'Does it spread to the arm, jaw, neck or back?', 'क्या दर्द बाँह, जबड़े, गर्दन या पीठ तक जाता है?', true, null, null, null, null, null, null),
  ('chest_pain.sweating', 'chest_pain', 5, 'yes_no', 'Sweating, nausea or feeling faint with it?', 'क्या साथ में पसीना, जी मिचलाना या बेहोशी जैसा लगता है?', true, null, null, null, null, null, null),
  ('chest_pain.at_rest', 'chest_pain', 6, 'yes_no', 'Did it come on at rest, or has it lasted more than 15 minutes?', 'क्या दर्द आराम में शुरू हुआ, या 15 मिनट से ज़्यादा रहा?', true, null, null, null, null, null, null),
  ('chest_pain.heart_history', 'chest_pain', 7, 'yes_no', 'Do you have heart disease, diabetes or high blood pressure?', 'क्या आपको हृदय रोग, मधुमेह या उच्च रक्तचाप है?', true, null, null, null, null, null, null),
  ('palpitations.duration', 'palpitations', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('palpitations.severity', 'palpitations', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('palpitations.fainting', 'palpitations', 3, 'yes_no', 'Have you fainted or nearly fainted?', 'क्या आप बेहोश हुए या होने वाले थे?', true, null, null, null, null, null, null),
  ('palpitations.chest_pain_breathless', 'palpitations', 4, 'yes_no', 'Chest pain or breathlessness with it?', 'क्या साथ में सीने में दर्द या साँस फूलना है?', true, null, null, null, null, null, null),
  ('palpitations.ongoing', 'palpitations', 5, 'yes_no', 'Is it happening right now, for more than 20 minutes?', 'क्या यह अभी हो रहा है, 20 मिनट से ज़्यादा से?', true, null, null, null, null, null, null),
  ('palpitations.irregular', 'palpitations', 6, 'yes_no', 'Does the beat feel irregular?', 'क्या धड़कन अनियमित लगती है?', true, null, null, null, null, null, null),
  ('wheezing.duration', 'wheezing', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('wheezing.severity', 'wheezing', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('wheezing.known_asthma', 'wheezing', 3, 'yes_no', 'Have you been told you have asthma or COPD?', 'क्या आपको बताया गया है कि आपको दमा या सीओपीडी है?', true, null, null, null, null, null, null),
  ('wheezing.inhaler_not_helping', 'wheezing', 4, 'yes_no', 'Is your usual inhaler not helping?', 'क्या आपका सामान्य इनहेलर काम नहीं कर रहा?', true, null, null, null, null, null, null),
  ('wheezing.night_waking', 'wheezing', 5, 'yes_no', 'Does it wake you at night?', 'क्या इससे रात में नींद खुलती है?', true, null, null, null, null, null, null),
  ('abdominal_pain.duration', 'abdominal_pain', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('abdominal_pain.severity', 'abdominal_pain', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('abdominal_pain.location', 'abdominal_pain', 3, 'single_choice', 'Where is the pain?', 'दर्द कहाँ है?', true, '[{"value":"upper","en":"Upper belly","hi":"पेट के ऊपरी हिस्से में"},{"value":"lower_right","en":"Lower right","hi":"नीचे दाईं ओर"},{"value":"lower_left","en":"Lower left","hi":"नीचे बाईं ओर"},{"value":"around_navel","en":"Around the navel","hi":"नाभि के आसपास"},{"value":"all_over","en":"All over","hi":"पूरे पेट में"}]'::jsonb, null, null, null, null, null),
  ('abdominal_pain.rigid', 'abdominal_pain', 4, 'yes_no', 'Is the belly hard, or does walking or coughing make it much worse?', 'क्या पेट सख़्त है, या चलने/खाँसने से दर्द बहुत बढ़ता है?', true, null, null, null, null, null, null),
  ('abdominal_pain.vomiting_blood', 'abdominal_pain', 5, 'yes_no', 'Vomiting blood or black stools?', 'क्या खून की उल्टी या काला मल है?', true, null, null, null, null, null, null),
  ('abdominal_pain.no_stool_gas', 'abdominal_pain', 6, 'yes_no', 'No stool or gas passed, with a swollen belly?', 'क्या मल या गैस नहीं निकल रही और पेट फूला है?', true, null, null, null, null, null, null),
  ('vomiting.duration', 'vomiting', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('vomiting.severity', 'vomiting', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('vomiting.times_today', 'vomiting', 3, 'number', 'How many times in the last 24 hours?', 'पिछले 24 घंटों में कितनी बार?', true, null, 0, 100, 'times', null, null),
  ('vomiting.blood', 'vomiting', 4, 'yes_no', 'Blood or coffee-ground material in the vomit?', 'क्या उल्टी में खून या कॉफ़ी जैसे कण हैं?', true, null, null, null, null, null, null),
  ('vomiting.no_fluids', 'vomiting', 5, 'yes_no', 'Unable to keep even water down?', 'क्या पानी भी पेट में नहीं टिकता?', true, null, null, null, null, null, null),
  ('vomiting.dry_dizzy', 'vomiting', 6, 'yes_no', 'A very dry mouth, or dizzy when you stand up?', 'क्या मुँह बहुत सूखा है, या खड़े होने पर चक्कर आते हैं?', true, null, null, null, null, null, null),
  ('vomiting.head_injury', 'vomiting', 7, 'yes_no', 'Did it start after a head injury?', 'क्या यह सिर की चोट के बाद शुरू हुआ?', true, null, null, null, null, null, null),
  ('diarrhoea.duration', 'diarrhoea', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('diarrhoea.severity', 'diarrhoea', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('diarrhoea.times_today', 'diarrhoea', 3, 'number', 'How many loose stools in the last 24 hours?', 'पिछले 24 घंटों में कितनी बार पतला मल?', true, null, 0, 100, 'times', null, null),
  ('diarrhoea.blood', 'diarrhoea', 4, 'yes_no', 'Blood or mucus in the stool?', 'क्या मल में खून या आँव है?', true, null, null, null, null, null, null),
  ('diarrhoea.dry_dizzy', 'diarrhoea', 5, 'yes_no', 'A very dry mouth, or dizzy when you stand up?', 'क्या मुँह बहुत सूखा है, या खड़े होने पर चक्कर आते हैं?', true, null, null, null, null, null, null),
  ('diarrhoea.rice_water', 'diarrhoea', 6, 'yes_no', 'Large watery stools like rice water?', 'क्या चावल के पानी जैसे बहुत पतले दस्त हैं?', true, null, null, null, null, null, null),
  ('constipation.duration', 'constipation', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('constipation.severity', 'constipation', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('constipation.no_gas', 'constipation', 3, 'yes_no', 'No gas passed, with vomiting or a swollen belly?', 'क्या गैस नहीं निकल रही, साथ में उल्टी या पेट फूला है?', true, null, null, null, null, null, null),
  ('constipation.blood', 'constipation', 4, 'yes_no', 'Blood in the stool?', 'क्या मल में खून है?', true, null, null, null, null, null, null),
  ('constipation.weight_loss', 'constipation', 5, 'yes_no', 'Weight loss or a recent change in bowel habit (age over 45)?', 'क्या वज़न घटा है या हाल में मल की आदत बदली है (45 से ज़्यादा उम्र)?', true, null, null, null, null, null, null),
  ('heartburn.duration', 'heartburn', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('heartburn.severity', 'heartburn', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('heartburn.swallowing', 'heartburn', 3, 'yes_no', 'Difficulty or pain swallowing food?', 'क्या खाना निगलने में कठिनाई या दर्द है?', true, null, null, null, null, null, null),
  ('heartburn.black_stool', 'heartburn', 4, 'yes_no', 'Black stools or vomiting blood?', 'क्या काला मल या खून की उल्टी है?', true, null, null, null, null, null, null),
  ('heartburn.exertion', 'heartburn', 5, 'yes_no', 'Does it come on with walking or exertion?', 'क्या यह चलने या मेहनत करने पर होती है?', true, null, null, null, null, null, null),
  ('heartburn.painkillers', 'heartburn', 6, 'yes_no', 'Do you take painkillers (like ibuprofen or diclofenac) often?', 'क्या आप अक्सर दर्द निवारक (जैसे आइबुप्रोफ़ेन, डाइक्लोफ़ेनाक) लेते हैं?', true, null, null, null, null, null, null),
  ('blood_in_stool.duration', 'blood_in_stool', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('blood_in_stool.severity', 'blood_in_stool', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('blood_in_stool.appearance', 'blood_in_stool', 3, 'single_choice', 'What does it look like?', 'यह कैसा दिखता है?', true, '[{"value":"bright_red","en":"Bright red, on the paper or stool","hi":"चमकीला लाल, मल पर या कागज़ पर"},{"value":"mixed_dark","en":"Dark red, mixed in","hi":"गहरा लाल, मल में मिला हुआ"},{"value":"black_tarry","en":"Black and sticky like tar","hi":"तारकोल जैसा काला और चिपचिपा"}]'::jsonb, null, null, null, null, null),
  ('blood_in_stool.faint', 'blood_in_stool', 4, 'yes_no', 'Feeling faint or dizzy?', 'क्या बेहोशी या चक्कर जैसा लग रहा है?', true, null, null, null, null, null, null),
  ('blood_in_stool.large_amount', 'blood_in_stool', 5, 'yes_no', 'More than a few spoonfuls?', 'क्या कुछ चम्मच से ज़्यादा खून है?', true, null, null, null, null, null, null),
  ('rash.duration', 'rash', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('rash.severity', 'rash', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('rash.not_fading', 'rash', 3, 'yes_no', 'Does it stay when you press a glass on it?', 'क्या गिलास से दबाने पर भी दाने नहीं मिटते?', true, null, null, null, null, null, null),
  ('rash.blisters', 'rash', 4, 'yes_no', 'Blisters on the skin, or skin peeling off?', 'क्या त्वचा पर छाले हैं, या त्वचा उतर रही है?', true, null, null, null, null, null, null),
  ('rash.mucosal_sores', 'rash', 5, 'yes_no', 'Sores in the mouth, eyes or genitals?', 'क्या मुँह, आँखों या जननांगों में घाव हैं?', true, null, null, null, null, null, null),
  ('rash.new_medicine', 'rash', 6, 'yes_no', 'Did you start a new medicine in the last two weeks?', 'क्या पिछले दो हफ़्तों में कोई नई दवा शुरू की?', true, null, null, null, null, null, null),
  ('itching.duration', 'itching', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('itching.severity', 'itching', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('itching.night_family', 'itching', 3, 'yes_no', 'Worse at night, or others at home itch too?', 'क्या रात में ज़्यादा है, या घर में दूसरों को भी खुजली है?', true, null, null, null, null, null, null),
  ('itching.yellow_eyes', 'itching', 4, 'yes_no', 'Yellow eyes or dark urine?', 'क्या आँखें पीली या पेशाब गहरा है?', true, null, null, null, null, null, null),
  ('itching.where', 'itching', 5, 'multi_choice', 'Where is it?', 'कहाँ है?', false, '[{"value":"scalp","en":"Scalp","hi":"सिर की त्वचा"},{"value":"hands","en":"Hands or between fingers","hi":"हाथ या उँगलियों के बीच"},{"value":"groin","en":"Groin or folds","hi":"जांघों के बीच या सिलवटों में"},{"value":"all_over","en":"All over","hi":"पूरे शरीर में"}]'::jsonb, null, null, null, null, null),
  ('skin_infection.duration', 'skin_infection', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('skin_infection.severity', 'skin_infection', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('skin_infection.spreading_red', 'skin_infection', 3, 'yes_no', 'Is the redness spreading quickly?', 'क्या लालिमा तेज़ी से फैल रही है?', true, null, null, null, null, null, null),
  ('skin_infection.diabetes', 'skin_infection', 4, 'yes_no', 'Do you have diabetes?', 'क्या आपको मधुमेह (डायबिटीज़) है?', true, null, null, null, null, null, null),
  ('skin_infection.animal_bite', 'skin_infection', 5, 'yes_no', 'Is it from an animal bite (dog, cat, monkey)?', 'क्या यह किसी जानवर (कुत्ता, बिल्ली, बंदर) के काटने से है?', true, null, null, null, null, null, null),
  ('yellow_skin_eyes.duration', 'yellow_skin_eyes', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('yellow_skin_eyes.severity', 'yellow_skin_eyes', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('yellow_skin_eyes.confusion', 'yellow_skin_eyes', 3, 'yes_no', 'Confusion or unusual sleepiness?', 'क्या भ्रम या असामान्य नींद है?', true, null, null, null, null, null, null),
  ('yellow_skin_eyes.bleeding', 'yellow_skin_eyes', 4, 'yes_no', 'Bleeding or easy bruising?', 'क्या खून बहना या आसानी से नील पड़ना है?', true, null, null, null, null, null, null),
  ('yellow_skin_eyes.pain_fever', 'yellow_skin_eyes', 5, 'yes_no', 'Pain in the upper right belly with fever?', 'क्या बुखार के साथ पेट के ऊपर दाईं ओर दर्द है?', true, null, null, null, null, null, null),
  ('allergic_reaction.duration', 'allergic_reaction', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('allergic_reaction.severity', 'allergic_reaction', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('allergic_reaction.trigger', 'allergic_reaction', 3, 'single_choice', 'What do you think caused it?', 'आपके हिसाब से यह किससे हुआ?', true, '[{"value":"unknown","en":"I do not know","hi":"पता नहीं"},{"value":"food","en":"A food","hi":"कोई खाना"},{"value":"medicine","en":"A medicine","hi":"कोई दवा"},{"value":"sting","en":"An insect sting","hi":"कीड़े का डंक"}]'::jsonb, null, null, null, null, null),
  ('allergic_reaction.hives', 'allergic_reaction', 4, 'yes_no', 'An itchy, raised rash (hives) spreading over the body?', 'क्या खुजली वाले उभरे दाने (पित्ती) पूरे शरीर में फैल रहे हैं?', true, null, null, null, null, null, null),
  ('allergic_reaction.vomiting_cramps', 'allergic_reaction', 5, 'yes_no', 'Vomiting or stomach cramps since it started?', 'क्या शुरू होने के बाद से उल्टी या पेट में ऐंठन है?', true, null, null, null, null, null, null),
  ('allergic_reaction.faint', 'allergic_reaction', 6, 'yes_no', 'Feeling faint, dizzy or very weak?', 'क्या बेहोशी, चक्कर या बहुत कमज़ोरी लग रही है?', true, null, null, null, null, null, null),
  ('allergic_reaction.anaphylaxis_before', 'allergic_reaction', 7, 'yes_no', 'Have you had a severe allergic reaction (anaphylaxis) before?', 'क्या पहले कभी गंभीर एलर्जी (एनाफ़िलैक्सिस) हुई है?', true, null, null, null, null, null, null),
  ('joint_pain.duration', 'joint_pain', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('joint_pain.severity', 'joint_pain', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('joint_pain.hot_swollen', 'joint_pain', 3, 'yes_no', 'Is one joint hot, red and swollen?', 'क्या कोई जोड़ गरम, लाल और सूजा हुआ है?', true, null, null, null, null, null, null),
  ('joint_pain.morning_stiffness', 'joint_pain', 4, 'yes_no', 'Stiff for more than 30 minutes in the morning?', 'क्या सुबह 30 मिनट से ज़्यादा जकड़न रहती है?', true, null, null, null, null, null, null),
  ('joint_pain.joints', 'joint_pain', 5, 'multi_choice', 'Which joints?', 'कौन से जोड़?', false, '[{"value":"knees","en":"Knees","hi":"घुटने"},{"value":"hands","en":"Hands and wrists","hi":"हाथ और कलाई"},{"value":"hips","en":"Hips","hi":"कूल्हे"},{"value":"shoulders","en":"Shoulders","hi":"कंधे"},{"value":"ankles_feet","en":"Ankles and feet","hi":"टखने और पैर"}]'::jsonb, null, null, null, null, null),
  ('back_pain.duration', 'back_pain', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('back_pain.severity', 'back_pain', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('back_pain.bladder_bowel', 'back_pain', 3, 'yes_no', 'Trouble controlling urine or stool, or numbness between the legs?', 'क्या पेशाब या मल पर नियंत्रण में दिक्कत, या जांघों के बीच सुन्नपन है?', true, null, null, null, null, null, null),
  ('back_pain.leg_weakness', 'back_pain', 4, 'yes_no', 'Weakness in the legs?', 'क्या पैरों में कमज़ोरी है?', true, null, null, null, null, null, null),
  ('back_pain.fever_weight_loss', 'back_pain', 5, 'yes_no', 'Fever or weight loss with it?', 'क्या साथ में बुखार या वज़न घटना है?', true, null, null, null, null, null, null),
  ('back_pain.after_fall', 'back_pain', 6, 'yes_no', 'Did it start after a fall or accident?', 'क्या यह गिरने या दुर्घटना के बाद शुरू हुआ?', true, null, null, null, null, null, null),
  ('neck_pain.duration', 'neck_pain', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('neck_pain.severity', 'neck_pain', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('neck_pain.arm_weakness', 'neck_pain', 3, 'yes_no', 'Weakness or numbness in the arms?', 'क्या बाँहों में कमज़ोरी या सुन्नपन है?', true, null, null, null, null, null, null),
  ('neck_pain.fever_headache', 'neck_pain', 4, 'yes_no', 'Fever and headache with a stiff neck?', 'क्या अकड़ी गर्दन के साथ बुखार और सिरदर्द है?', true, null, null, null, null, null, null),
  ('neck_pain.after_injury', 'neck_pain', 5, 'yes_no', 'Did it start after an injury?', 'क्या यह चोट के बाद शुरू हुआ?', true, null, null, null, null, null, null),
  ('injury.duration', 'injury', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('injury.severity', 'injury', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('injury.head_hit', 'injury', 3, 'yes_no', 'Did you hit your head?', 'क्या सिर पर चोट लगी?', true, null, null, null, null, null, null),
  ('injury.unconscious', 'injury', 4, 'yes_no', 'Were you knocked out, even briefly?', 'क्या आप थोड़ी देर के लिए भी बेहोश हुए?', true, null, null, null, null, null, null),
  ('injury.deformity', 'injury', 5, 'yes_no', 'Is a limb bent out of shape, or can you not put weight on it?', 'क्या हाथ-पैर टेढ़ा दिख रहा है, या उस पर वज़न नहीं डाल पाते?', true, null, null, null, null, null, null),
  ('injury.blood_thinners', 'injury', 6, 'yes_no', 'Do you take blood thinners?', 'क्या आप खून पतला करने की दवा लेते हैं?', true, null, null, null, null, null, null),
  ('sore_throat.duration', 'sore_throat', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('sore_throat.severity', 'sore_throat', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('sore_throat.drooling', 'sore_throat', 3, 'yes_no', 'Cannot swallow your own saliva, or drooling?', 'क्या अपना थूक भी नहीं निगल पाते, या लार टपकती है?', true, null, null, null, null, null, null),
  ('sore_throat.breathing_noise', 'sore_throat', 4, 'yes_no', 'Noisy breathing or difficulty breathing?', 'क्या साँस लेने में आवाज़ या कठिनाई है?', true, null, null, null, null, null, null),
  ('sore_throat.cannot_open_mouth', 'sore_throat', 5, 'yes_no', 'Cannot open your mouth fully?', 'क्या मुँह पूरा नहीं खुल रहा?', true, null, null, null, null, null, null),
  ('sore_throat.white_patches', 'sore_throat', 6, 'yes_no', 'White patches or pus on the tonsils?', 'क्या टॉन्सिल पर सफ़ेद धब्बे या मवाद है?', true, null, null, null, null, null, null),
  ('sore_throat.tender_nodes', 'sore_throat', 7, 'yes_no', 'Swollen, tender glands in the front of the neck?', 'क्या गर्दन के आगे की गाँठें सूजी और दर्द वाली हैं?', true, null, null, null, null, null, null),
  ('sore_throat.cough', 'sore_throat', 8, 'yes_no', 'Do you also have a cough?', 'क्या साथ में खाँसी भी है?', true, null, null, null, null, null, null),
  ('ear_pain.duration', 'ear_pain', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('ear_pain.severity', 'ear_pain', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('ear_pain.discharge', 'ear_pain', 3, 'yes_no', 'Discharge from the ear?', 'क्या कान से पानी या मवाद आ रहा है?', true, null, null, null, null, null, null),
  ('ear_pain.hearing_loss', 'ear_pain', 4, 'yes_no', 'Sudden loss of hearing?', 'क्या अचानक सुनाई देना कम हो गया?', true, null, null, null, null, null, null),
  ('ear_pain.swelling_behind', 'ear_pain', 5, 'yes_no', 'Swelling or redness behind the ear?', 'क्या कान के पीछे सूजन या लालिमा है?', true, null, null, null, null, null, null),
  ('runny_nose.duration', 'runny_nose', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('runny_nose.severity', 'runny_nose', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('runny_nose.facial_pain', 'runny_nose', 3, 'yes_no', 'Pain over the cheeks or forehead?', 'क्या गालों या माथे पर दर्द है?', true, null, null, null, null, null, null),
  ('runny_nose.eye_swelling', 'runny_nose', 4, 'yes_no', 'Swelling or redness around one eye?', 'क्या एक आँख के आसपास सूजन या लालिमा है?', true, null, null, null, null, null, null),
  ('nosebleed.duration', 'nosebleed', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('nosebleed.severity', 'nosebleed', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('nosebleed.over_20_minutes', 'nosebleed', 3, 'yes_no', 'Has it bled for more than 20 minutes despite pinching the nose?', 'क्या नाक दबाने के बाद भी 20 मिनट से ज़्यादा खून बह रहा है?', true, null, null, null, null, null, null),
  ('nosebleed.blood_thinners', 'nosebleed', 4, 'yes_no', 'Do you take blood thinners?', 'क्या आप खून पतला करने की दवा लेते हैं?', true, null, null, null, null, null, null),
  ('nosebleed.after_injury', 'nosebleed', 5, 'yes_no', 'After an injury to the head or face?', 'क्या सिर या चेहरे की चोट के बाद?', true, null, null, null, null, null, null),
  ('nosebleed.high_bp', 'nosebleed', 6, 'yes_no', 'Do you have high blood pressure?', 'क्या आपको उच्च रक्तचाप है?', true, null, null, null, null, null, null),
  ('mouth_ulcers.duration', 'mouth_ulcers', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('mouth_ulcers.severity', 'mouth_ulcers', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('mouth_ulcers.cannot_drink', 'mouth_ulcers', 3, 'yes_no', 'Too painful to eat or drink?', 'क्या इतना दर्द है कि खा-पी नहीं पाते?', true, null, null, null, null, null, null),
  ('mouth_ulcers.skin_eyes', 'mouth_ulcers', 4, 'yes_no', 'Blisters on the skin, or sore red eyes, as well?', 'क्या साथ में त्वचा पर छाले, या लाल दर्द वाली आँखें हैं?', true, null, null, null, null, null, null),
  ('mouth_ulcers.tobacco', 'mouth_ulcers', 5, 'yes_no', 'Do you chew tobacco, gutka or paan, or smoke?', 'क्या आप तंबाकू, गुटखा या पान चबाते हैं, या धूम्रपान करते हैं?', true, null, null, null, null, null, null),
  ('mouth_ulcers.lump_patch', 'mouth_ulcers', 6, 'yes_no', 'A lump, or a white or red patch, that does not go away?', 'क्या कोई गाँठ, या सफ़ेद या लाल धब्बा है जो ठीक नहीं होता?', true, null, null, null, null, null, null),
  ('eye_redness.duration', 'eye_redness', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('eye_redness.severity', 'eye_redness', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('eye_redness.vision_loss', 'eye_redness', 3, 'yes_no', 'Is your vision reduced?', 'क्या दिखाई देना कम हो गया है?', true, null, null, null, null, null, null),
  ('eye_redness.severe_pain', 'eye_redness', 4, 'yes_no', 'Severe pain, or pain with headache and vomiting?', 'क्या तेज़ दर्द है, या सिरदर्द और उल्टी के साथ दर्द है?', true, null, null, null, null, null, null),
  ('eye_redness.chemical_injury', 'eye_redness', 5, 'yes_no', 'Did a chemical, or something sharp, get into the eye?', 'क्या आँख में कोई रसायन या नुकीली चीज़ गई?', true, null, null, null, null, null, null),
  ('eye_redness.contact_lenses', 'eye_redness', 6, 'yes_no', 'Do you wear contact lenses?', 'क्या आप कॉन्टैक्ट लेंस पहनते हैं?', true, null, null, null, null, null, null),
  ('blurred_vision.duration', 'blurred_vision', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('blurred_vision.severity', 'blurred_vision', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('blurred_vision.sudden', 'blurred_vision', 3, 'yes_no', 'Did it come on suddenly (within hours)?', 'क्या यह अचानक (कुछ घंटों में) हुआ?', true, null, null, null, null, null, null),
  ('blurred_vision.curtain_flashes', 'blurred_vision', 4, 'yes_no', 'A curtain over part of your vision, or new flashes and floaters?', 'क्या नज़र के एक हिस्से पर पर्दा सा, या नई चमक और तैरते धब्बे दिखते हैं?', true, null, null, null, null, null, null),
  ('blurred_vision.diabetes', 'blurred_vision', 5, 'yes_no', 'Do you have diabetes?', 'क्या आपको मधुमेह है?', true, null, null, null, null, null, null),
  ('blurred_vision.weakness_speech', 'blurred_vision', 6, 'yes_no', 'Weakness, numbness or slurred speech with it?', 'क्या साथ में कमज़ोरी, सुन्नपन या लड़खड़ाती बोली है?', true, null, null, null, null, null, null),
  ('painful_urination.duration', 'painful_urination', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('painful_urination.severity', 'painful_urination', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('painful_urination.flank_pain', 'painful_urination', 3, 'yes_no', 'Pain in the side of the back, below the ribs?', 'क्या पीठ के बगल में, पसलियों के नीचे दर्द है?', true, null, null, null, null, null, null),
  ('painful_urination.blood', 'painful_urination', 4, 'yes_no', 'Blood in the urine?', 'क्या पेशाब में खून है?', true, null, null, null, null, null, null),
  ('painful_urination.cannot_pass', 'painful_urination', 5, 'yes_no', 'Unable to pass urine at all?', 'क्या पेशाब बिल्कुल नहीं हो रहा?', true, null, null, null, null, null, null),
  ('frequent_urination.duration', 'frequent_urination', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('frequent_urination.severity', 'frequent_urination', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('frequent_urination.thirst_weight_loss', 'frequent_urination', 3, 'yes_no', 'Very thirsty, or losing weight?', 'क्या बहुत प्यास लगती है, या वज़न घट रहा है?', true, null, null, null, null, null, null),
  ('frequent_urination.weak_stream', 'frequent_urination', 4, 'yes_no', 'Weak stream or difficulty starting?', 'क्या धार कमज़ोर है या शुरू करने में कठिनाई है?', true, null, null, null, null, null, null),
  ('frequent_urination.night', 'frequent_urination', 5, 'yes_no', 'Do you wake at night to pass urine more than twice?', 'क्या रात में दो बार से ज़्यादा पेशाब के लिए उठते हैं?', true, null, null, null, null, null, null),
  ('blood_in_urine.duration', 'blood_in_urine', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('blood_in_urine.severity', 'blood_in_urine', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('blood_in_urine.clots', 'blood_in_urine', 3, 'yes_no', 'Clots, or unable to pass urine?', 'क्या थक्के हैं, या पेशाब नहीं हो पा रहा?', true, null, null, null, null, null, null),
  ('blood_in_urine.pain', 'blood_in_urine', 4, 'yes_no', 'Severe pain in the side or lower belly?', 'क्या बगल या पेट के निचले हिस्से में तेज़ दर्द है?', true, null, null, null, null, null, null),
  ('period_problems.duration', 'period_problems', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('period_problems.severity', 'period_problems', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('period_problems.problem', 'period_problems', 3, 'single_choice', 'What is the problem?', 'क्या समस्या है?', true, '[{"value":"heavy","en":"Very heavy bleeding","hi":"बहुत ज़्यादा खून"},{"value":"irregular","en":"Irregular or missed periods","hi":"अनियमित या रुकी हुई माहवारी"},{"value":"painful","en":"Very painful periods","hi":"बहुत दर्द वाली माहवारी"},{"value":"after_menopause","en":"Bleeding after menopause","hi":"रजोनिवृत्ति के बाद खून"}]'::jsonb, null, null, null, null, null),
  ('period_problems.soaking', 'period_problems', 4, 'yes_no', 'Soaking a pad every hour, or feeling faint?', 'क्या हर घंटे पैड भीग जाता है, या बेहोशी जैसा लगता है?', true, null, null, null, null, null, null),
  ('pregnancy_concern.duration', 'pregnancy_concern', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('pregnancy_concern.severity', 'pregnancy_concern', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('pregnancy_concern.weeks', 'pregnancy_concern', 3, 'number', 'How many weeks pregnant?', 'गर्भावस्था का कौन सा हफ़्ता है?', true, null, 1, 45, 'weeks', null, null),
  ('pregnancy_concern.bleeding', 'pregnancy_concern', 4, 'yes_no', 'Any bleeding from the vagina?', 'क्या योनि से खून आ रहा है?', true, null, null, null, null, null, null),
  ('pregnancy_concern.severe_pain', 'pregnancy_concern', 5, 'yes_no', 'Severe belly pain?', 'क्या पेट में तेज़ दर्द है?', true, null, null, null, null, null, null),
  ('pregnancy_concern.headache_vision', 'pregnancy_concern', 6, 'yes_no', 'Severe headache, blurred vision or swelling of face and hands?', 'क्या तेज़ सिरदर्द, धुंधला दिखना या चेहरे और हाथों पर सूजन है?', true, null, null, null, null, null, null),
  ('pregnancy_concern.fewer_movements', 'pregnancy_concern', 7, 'yes_no', 'Is the baby moving less than usual?', 'क्या बच्चे की हलचल सामान्य से कम है?', true, null, null, null, null, '[{"question_id":"pregnancy_concern.weeks","op":"gte","value":24}]'::jsonb, null),
  ('pregnancy_concern.fluid_leak', 'pregnancy_concern', 8, 'yes_no', 'Leaking fluid from the vagina?', 'क्या योनि से पानी रिस रहा है?', true, null, null, null, null, null, null),
  ('vaginal_discharge.duration', 'vaginal_discharge', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('vaginal_discharge.severity', 'vaginal_discharge', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('vaginal_discharge.smell_colour', 'vaginal_discharge', 3, 'yes_no', 'Bad smell, or green or grey colour?', 'क्या बदबू है, या रंग हरा या धूसर है?', true, null, null, null, null, null, null),
  ('vaginal_discharge.lower_pain', 'vaginal_discharge', 4, 'yes_no', 'Pain in the lower belly?', 'क्या पेट के निचले हिस्से में दर्द है?', true, null, null, null, null, null, null),
  ('breast_lump.duration', 'breast_lump', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('breast_lump.severity', 'breast_lump', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('breast_lump.skin_nipple', 'breast_lump', 3, 'yes_no', 'Skin dimpling, or nipple turned in or bleeding?', 'क्या त्वचा में गड्ढा, या निप्पल अंदर मुड़ा या उससे खून आ रहा है?', true, null, null, null, null, null, null),
  ('breast_lump.armpit_lump', 'breast_lump', 4, 'yes_no', 'A lump in the armpit?', 'क्या बगल में गाँठ है?', true, null, null, null, null, null, null),
  ('breast_lump.breastfeeding_fever', 'breast_lump', 5, 'yes_no', 'Breastfeeding, with a red painful area and fever?', 'क्या स्तनपान करा रही हैं, और लाल दर्द वाली जगह के साथ बुखार है?', true, null, null, null, null, null, null),
  ('low_mood.duration', 'low_mood', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('low_mood.severity', 'low_mood', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('low_mood.self_harm', 'low_mood', 3, 'yes_no', 'Have you had thoughts of harming yourself or ending your life?', 'क्या आपके मन में ख़ुद को नुक़सान पहुँचाने या जीवन ख़त्म करने के विचार आए हैं?', true, null, null, null, null, null, null),
  ('low_mood.plan', 'low_mood', 4, 'yes_no', 'Do you have a plan, or the means, to do it?', 'क्या आपने इसकी कोई योजना बनाई है, या साधन है?', true, null, null, null, null, '[{"question_id":"low_mood.self_harm","op":"eq","value":true}]'::jsonb, null),
  ('low_mood.most_days', 'low_mood', 5, 'yes_no', 'Have you felt this way most days for two weeks or more?', 'क्या दो हफ़्ते या ज़्यादा समय से ज़्यादातर दिन ऐसा महसूस होता है?', true, null, null, null, null, null, null),
  ('low_mood.no_interest', 'low_mood', 6, 'yes_no', 'Lost interest in things you used to enjoy?', 'क्या उन चीज़ों में रुचि ख़त्म हो गई जो पहले अच्छी लगती थीं?', true, null, null, null, null, null, null),
  ('low_mood.support', 'low_mood', 7, 'text', 'Is there someone you can talk to? (optional)', 'क्या कोई है जिससे आप बात कर सकें? (वैकल्पिक)', false, null, null, null, null, null, null),
  ('anxiety.duration', 'anxiety', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('anxiety.severity', 'anxiety', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('anxiety.panic_attacks', 'anxiety', 3, 'yes_no', 'Sudden attacks of intense fear with a racing heart?', 'क्या अचानक तेज़ डर के दौरे आते हैं, साथ में तेज़ धड़कन?', true, null, null, null, null, null, null),
  ('anxiety.chest_pain', 'anxiety', 4, 'yes_no', 'Chest pain with it?', 'क्या साथ में सीने में दर्द है?', true, null, null, null, null, null, null),
  ('anxiety.self_harm', 'anxiety', 5, 'yes_no', 'Thoughts of harming yourself?', 'क्या ख़ुद को नुक़सान पहुँचाने के विचार आते हैं?', true, null, null, null, null, null, null),
  ('anxiety.daily_life', 'anxiety', 6, 'yes_no', 'Is it stopping you from work, study or going out?', 'क्या यह आपको काम, पढ़ाई या बाहर जाने से रोक रहा है?', true, null, null, null, null, null, null),
  ('sleep_problems.duration', 'sleep_problems', 1, 'duration', 'How long have you had this?', 'यह तकलीफ़ कब से है?', true, null, null, null, null, null, null),
  ('sleep_problems.severity', 'sleep_problems', 2, 'single_choice', 'How bad is it?', 'यह कितनी गंभीर है?', true, '[{"value":"mild","en":"Mild: I can do my usual work","hi":"हल्की: रोज़ का काम कर पा रहे हैं"},{"value":"moderate","en":"Moderate: it gets in the way","hi":"मध्यम: काम में रुकावट आती है"},{"value":"severe","en":"Severe: I cannot do my usual work","hi":"गंभीर: रोज़ का काम नहीं कर पा रहे हैं"}]'::jsonb, null, null, null, null, null),
  ('sleep_problems.kind', 'sleep_problems', 3, 'single_choice', 'What happens?', 'क्या होता है?', true, '[{"value":"falling_asleep","en":"Cannot fall asleep","hi":"नींद नहीं आती"},{"value":"waking","en":"Waking in the night or too early","hi":"रात में या बहुत जल्दी नींद खुल जाती है"},{"value":"snoring","en":"Loud snoring, choking or stopping breathing in sleep","hi":"तेज़ खर्राटे, नींद में दम घुटना या साँस रुकना"},{"value":"too_much","en":"Sleeping too much","hi":"बहुत ज़्यादा सोना"}]'::jsonb, null, null, null, null, null),
  ('sleep_problems.daytime_sleepy', 'sleep_problems', 4, 'yes_no', 'Falling asleep during the day, even while driving?', 'क्या दिन में, गाड़ी चलाते समय भी, नींद आ जाती है?', true, null, null, null, null, null, null),
  ('sleep_problems.low_mood', 'sleep_problems', 5, 'yes_no', 'Feeling low or anxious as well?', 'क्या साथ में उदासी या घबराहट भी है?', true, null, null, null, null, null, null);
insert into triage_rules (id, level, reason_en, reason_hi, conditions, source) values
  ('screen.breathless_at_rest', 'emergency_ambulance', 'Struggling to breathe at rest', 'आराम में भी साँस लेने में बहुत तकलीफ़', '[{"question_id":"screen.danger","op":"includes","value":"breathless_at_rest"}]'::jsonb, 'NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('screen.blue_lips', 'emergency_ambulance', 'Blue or grey lips, tongue or face', 'नीले या धूसर होंठ, जीभ या चेहरा', '[{"question_id":"screen.danger","op":"includes","value":"blue_lips"}]'::jsonb, 'NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('screen.confused', 'emergency_ambulance', 'New confusion or drowsiness', 'अचानक भ्रम या सुस्ती', '[{"question_id":"screen.danger","op":"includes","value":"confused"}]'::jsonb, 'NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('screen.heavy_bleeding', 'emergency_ambulance', 'Bleeding that does not stop with pressure', 'दबाने पर भी न रुकने वाला खून', '[{"question_id":"screen.danger","op":"includes","value":"heavy_bleeding"}]'::jsonb, 'NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('screen.collapsed', 'consultation_24h', 'Fainted or collapsed today', 'आज बेहोश हुए या गिर पड़े', '[{"question_id":"screen.danger","op":"includes","value":"collapsed"}]'::jsonb, 'NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('screen.chest_pain', 'emergency_ambulance', 'Heavy or tight chest pain, or pain spreading to the arm, jaw or back (possible heart attack)', 'सीने में भारी या जकड़न वाला दर्द, या बाँह, जबड़े या पीठ तक जाता दर्द (दिल के दौरे की आशंका)', '[{"question_id":"screen.danger","op":"includes","value":"chest_pain"}]'::jsonb, 'NICE CG95 Recent-onset chest pain of suspected cardiac origin (2016); NICE CKS Chest pain'),
  ('screen.stroke', 'emergency_ambulance', 'Sudden weakness, numbness or slurred speech (possible stroke)', 'अचानक कमज़ोरी, सुन्नपन या लड़खड़ाती बोली (लकवे की आशंका)', '[{"question_id":"screen.danger","op":"includes","value":"stroke_signs"}]'::jsonb, 'NICE NG128 Stroke and TIA (2019, updated 2022): FAST'),
  ('screen.thunderclap', 'emergency_ambulance', 'A sudden, very severe headache', 'अचानक, बहुत तेज़ सिरदर्द', '[{"question_id":"screen.danger","op":"includes","value":"thunderclap_headache"}]'::jsonb, 'NICE CKS Headache – assessment (2024); NICE CG150 Headaches in over 12s'),
  ('screen.gi_bleeding', 'emergency', 'Vomiting blood or black stools', 'खून की उल्टी या काला मल', '[{"question_id":"screen.danger","op":"includes","value":"vomiting_blood"}]'::jsonb, 'NICE CG141 Acute upper gastrointestinal bleeding in over 16s (2012, updated 2016)'),
  ('screen.seizure', 'emergency', 'A fit (seizure)', 'दौरा (मिर्गी)', '[{"question_id":"screen.danger","op":"includes","value":"seizure"}]'::jsonb, 'NICE NG217 Epilepsies in children, young people and adults (2022)'),
  ('screen.face_swelling', 'emergency_ambulance', 'Sudden swelling of the lips, tongue or throat (possible anaphylaxis)', 'होंठ, जीभ या गले में अचानक सूजन (गंभीर एलर्जी की आशंका)', '[{"question_id":"screen.danger","op":"includes","value":"face_swelling"}]'::jsonb, 'Resuscitation Council UK: Emergency treatment of anaphylaxis (2021)'),
  ('screen.self_harm', 'emergency', 'Thoughts of ending your life: please talk to someone now (Tele-MANAS 14416)', 'जीवन ख़त्म करने के विचार: कृपया अभी किसी से बात करें (टेली-मानस 14416)', '[{"question_id":"screen.danger","op":"includes","value":"self_harm"}]'::jsonb, 'NICE NG225 Self-harm (2022); Tele-MANAS, Ministry of Health and Family Welfare'),
  ('screen.no_urine', 'consultation_24h', 'Very little or no urine (dehydration or kidney trouble)', 'बहुत कम या बिल्कुल पेशाब नहीं (पानी की कमी या गुर्दे की समस्या)', '[{"question_id":"screen.danger","op":"includes","value":"no_urine"}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s'),
  ('screen.no_urine_vomiting', 'emergency', 'No urine with vomiting (severe dehydration)', 'उल्टी के साथ पेशाब न होना (पानी की गंभीर कमी)', '[{"question_id":"screen.danger","op":"includes","value":"no_urine"},{"symptom_code":"vomiting"}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s'),
  ('screen.no_urine_diarrhoea', 'emergency', 'No urine with loose motions (severe dehydration)', 'दस्त के साथ पेशाब न होना (पानी की गंभीर कमी)', '[{"question_id":"screen.danger","op":"includes","value":"no_urine"},{"symptom_code":"diarrhoea"}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s'),
  ('fever.high', 'consultation_24h', 'Fever of 39.5 °C or more', '39.5 °C या उससे ज़्यादा बुखार', '[{"question_id":"screen.temperature","op":"gte","value":39.5}]'::jsonb, 'NICE CKS Fever in adults; NICE NG51 Suspected sepsis: recognition, diagnosis and early management (2024)'),
  ('fever.very_high', 'emergency', 'Fever of 41 °C or more', '41 °C या उससे ज़्यादा बुखार', '[{"question_id":"screen.temperature","op":"gte","value":41}]'::jsonb, 'NICE CKS Fever in adults; NICE NG51 Suspected sepsis: recognition, diagnosis and early management (2024)'),
  ('screen.fever_elderly', 'consultation_24h', 'Fever at 75 or older', '75 साल या ज़्यादा उम्र में बुखार', '[{"question_id":"screen.fever","op":"eq","value":true},{"question_id":"screen.age_years","op":"gte","value":75}]'::jsonb, 'NICE CKS Fever in adults; NICE NG51 Suspected sepsis: recognition, diagnosis and early management (2024)'),
  ('screen.fever_pregnant', 'consultation_24h', 'Fever in pregnancy', 'गर्भावस्था में बुखार', '[{"question_id":"screen.fever","op":"eq","value":true},{"question_id":"screen.pregnant","op":"eq","value":true}]'::jsonb, 'NICE CKS Fever in adults; NICE NG51 Suspected sepsis: recognition, diagnosis and early management (2024)'),
  ('fever.stiff_neck', 'emergency', 'Fever with a stiff neck (possible meningitis)', 'गर्दन की अकड़न के साथ बुखार (मेनिन्जाइटिस की आशंका)', '[{"question_id":"screen.fever_signs","op":"includes","value":"stiff_neck"}]'::jsonb, 'NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('fever.high_stiff_neck', 'emergency_ambulance', 'Fever of 39.5 °C or more with a stiff neck', '39.5 °C या ज़्यादा बुखार के साथ गर्दन की अकड़न', '[{"question_id":"screen.temperature","op":"gte","value":39.5},{"question_id":"screen.fever_signs","op":"includes","value":"stiff_neck"}]'::jsonb, 'NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('fever.rash_not_fading', 'emergency', 'Fever with a rash that does not fade under pressure', 'बुखार के साथ दाने जो दबाने पर नहीं मिटते', '[{"question_id":"screen.fever_signs","op":"includes","value":"rash_not_fading"}]'::jsonb, 'NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('fever.bleeding', 'emergency', 'Fever with bleeding (possible severe dengue)', 'बुखार के साथ खून आना (गंभीर डेंगू की आशंका)', '[{"question_id":"screen.fever_signs","op":"includes","value":"bleeding"}]'::jsonb, 'WHO Dengue: guidelines for diagnosis, treatment, prevention and control (2009): warning signs; NCVBDC (India) dengue guidelines'),
  ('screen.fever_young_infant', 'emergency', 'Fever in a baby under three months', 'तीन महीने से छोटे शिशु को बुखार', '[{"question_id":"screen.fever","op":"eq","value":true},{"question_id":"screen.age_years","op":"lte","value":0},{"question_id":"screen.age_months","op":"lte","value":2}]'::jsonb, 'NICE NG143 Fever in under 5s: traffic-light system (2019, updated 2021)'),
  ('screen.fever_infant_39', 'consultation_24h', 'Fever of 39 °C or more in a baby under six months', 'छह महीने से छोटे शिशु को 39 °C या ज़्यादा बुखार', '[{"question_id":"screen.age_years","op":"lte","value":0},{"question_id":"screen.age_months","op":"lte","value":5},{"question_id":"screen.temperature","op":"gte","value":39}]'::jsonb, 'NICE NG143 Fever in under 5s: traffic-light system (2019, updated 2021)'),
  ('screen.heat_stroke', 'emergency_ambulance', 'Confusion after heat exposure (possible heat stroke): cool the body now', 'गर्मी के बाद भ्रम (लू लगने की आशंका): शरीर को अभी ठंडा करें', '[{"question_id":"screen.heat","op":"eq","value":true},{"question_id":"screen.danger","op":"includes","value":"confused"}]'::jsonb, 'NCDC/NPCCHH National Action Plan on Heat-Related Illnesses (2021): heat stroke, heat exhaustion'),
  ('screen.heat_temperature', 'emergency_ambulance', 'A temperature of 40 °C or more after heat exposure (possible heat stroke)', 'गर्मी के बाद 40 °C या ज़्यादा तापमान (लू लगने की आशंका)', '[{"question_id":"screen.heat","op":"eq","value":true},{"question_id":"screen.temperature","op":"gte","value":40}]'::jsonb, 'NCDC/NPCCHH National Action Plan on Heat-Related Illnesses (2021): heat stroke, heat exhaustion'),
  ('screen.heat_collapse', 'emergency', 'Fainting or collapse in the heat', 'गर्मी में बेहोशी या गिर पड़ना', '[{"question_id":"screen.heat","op":"eq","value":true},{"question_id":"screen.danger","op":"includes","value":"collapsed"}]'::jsonb, 'NCDC/NPCCHH National Action Plan on Heat-Related Illnesses (2021): heat stroke, heat exhaustion'),
  ('screen.snake', 'emergency_ambulance', 'A snake bite: go to hospital now for anti-venom; keep the limb still', 'साँप का काटना: एंटी-वेनम के लिए अभी अस्पताल जाएँ; अंग को हिलाएँ नहीं', '[{"question_id":"screen.bite_kind","op":"eq","value":"snake"}]'::jsonb, 'WHO SEARO Guidelines for the management of snakebites (2nd ed., 2016); ICMR Standard Treatment Workflow: Snakebite (2019)'),
  ('screen.scorpion', 'emergency', 'A scorpion sting: go to hospital now', 'बिच्छू का डंक: अभी अस्पताल जाएँ', '[{"question_id":"screen.bite_kind","op":"eq","value":"scorpion"}]'::jsonb, 'ICMR Standard Treatment Workflow: Scorpion sting (2019)'),
  ('screen.scorpion_child', 'emergency_ambulance', 'A scorpion sting in a child', 'बच्चे को बिच्छू का डंक', '[{"question_id":"screen.bite_kind","op":"eq","value":"scorpion"},{"question_id":"screen.age_years","op":"lte","value":14}]'::jsonb, 'ICMR Standard Treatment Workflow: Scorpion sting (2019)'),
  ('screen.animal_bite', 'consultation_24h', 'An animal bite: wash it for 15 minutes and get rabies vaccine today', 'जानवर का काटना: 15 मिनट धोएँ और आज ही रेबीज़ का टीका लगवाएँ', '[{"question_id":"screen.bite_kind","op":"eq","value":"mammal"}]'::jsonb, 'NCDC National Guidelines for Rabies Prophylaxis (2019); WHO position paper on rabies vaccines (2018)'),
  ('child.cannot_drink', 'emergency', 'A child who cannot drink or breastfeed', 'बच्चा पानी नहीं पी पा रहा या स्तनपान नहीं कर पा रहा', '[{"question_id":"screen.child","op":"includes","value":"cannot_drink"}]'::jsonb, 'WHO IMCI Chart Booklet (2014): general danger signs; assess and classify dehydration; cough or difficult breathing'),
  ('child.vomits_everything', 'emergency', 'A child who vomits everything', 'बच्चा सब कुछ उल्टी कर देता है', '[{"question_id":"screen.child","op":"includes","value":"vomits_everything"}]'::jsonb, 'WHO IMCI Chart Booklet (2014): general danger signs; assess and classify dehydration; cough or difficult breathing'),
  ('child.lethargic', 'emergency', 'A child who is unusually sleepy or hard to wake', 'बच्चा असामान्य रूप से सुस्त या जगाने में कठिनाई', '[{"question_id":"screen.child","op":"includes","value":"lethargic"}]'::jsonb, 'WHO IMCI Chart Booklet (2014): general danger signs; assess and classify dehydration; cough or difficult breathing'),
  ('child.dehydration_eyes_thirst', 'consultation_24h', 'Some dehydration in a child: sunken eyes and thirst', 'बच्चे में पानी की कमी: धँसी आँखें और प्यास', '[{"question_id":"screen.child","op":"includes","value":"sunken_eyes"},{"question_id":"screen.child","op":"includes","value":"very_thirsty"}]'::jsonb, 'WHO IMCI Chart Booklet (2014): general danger signs; assess and classify dehydration; cough or difficult breathing'),
  ('child.dehydration_eyes_pinch', 'consultation_24h', 'Some dehydration in a child: sunken eyes and a slow skin pinch', 'बच्चे में पानी की कमी: धँसी आँखें और धीरे लौटती त्वचा', '[{"question_id":"screen.child","op":"includes","value":"sunken_eyes"},{"question_id":"screen.child","op":"includes","value":"slow_skin_pinch"}]'::jsonb, 'WHO IMCI Chart Booklet (2014): general danger signs; assess and classify dehydration; cough or difficult breathing'),
  ('child.dehydration_thirst_pinch', 'consultation_24h', 'Some dehydration in a child: thirst and a slow skin pinch', 'बच्चे में पानी की कमी: प्यास और धीरे लौटती त्वचा', '[{"question_id":"screen.child","op":"includes","value":"very_thirsty"},{"question_id":"screen.child","op":"includes","value":"slow_skin_pinch"}]'::jsonb, 'WHO IMCI Chart Booklet (2014): general danger signs; assess and classify dehydration; cough or difficult breathing'),
  ('child.dehydration_restless', 'consultation_24h', 'Some dehydration in a child: restless with sunken eyes', 'बच्चे में पानी की कमी: बेचैनी और धँसी आँखें', '[{"question_id":"screen.child","op":"includes","value":"restless"},{"question_id":"screen.child","op":"includes","value":"sunken_eyes"}]'::jsonb, 'WHO IMCI Chart Booklet (2014): general danger signs; assess and classify dehydration; cough or difficult breathing'),
  ('child.fast_breathing', 'consultation_24h', 'Fast breathing or chest in-drawing in a child (possible pneumonia)', 'बच्चे में तेज़ साँस या छाती धँसना (निमोनिया की आशंका)', '[{"question_id":"screen.child","op":"includes","value":"fast_breathing"}]'::jsonb, 'WHO IMCI Chart Booklet (2014): general danger signs; assess and classify dehydration; cough or difficult breathing'),
  ('fever.three_days', 'consultation_24h', 'Fever for three days or more', 'तीन दिन या ज़्यादा से बुखार', '[{"question_id":"fever.duration","op":"gte_days","value":3}]'::jsonb, 'NICE CKS Fever in adults; NICE NG51 Suspected sepsis: recognition, diagnosis and early management (2024); NICE NG240 Bacterial meningitis and meningococcal disease (2024); WHO Dengue: guidelines for diagnosis, treatment, prevention and control (2009): warning signs; NCVBDC (India) dengue guidelines'),
  ('fever.chills', 'consultation_24h', 'Fever with shaking chills (test for malaria)', 'कँपकँपी के साथ बुखार (मलेरिया की जाँच कराएँ)', '[{"question_id":"fever.chills","op":"eq","value":true}]'::jsonb, 'NICE CKS Fever in adults; NICE NG51 Suspected sepsis: recognition, diagnosis and early management (2024); NICE NG240 Bacterial meningitis and meningococcal disease (2024); WHO Dengue: guidelines for diagnosis, treatment, prevention and control (2009): warning signs; NCVBDC (India) dengue guidelines'),
  ('fatigue.thirst', 'consultation', 'Thirst and frequent urination (check blood sugar)', 'प्यास और बार-बार पेशाब (ब्लड शुगर जाँचें)', '[{"question_id":"fatigue.thirst_urination","op":"eq","value":true}]'::jsonb, 'NICE CKS Tiredness/fatigue in adults (2021); NICE NG28 Type 2 diabetes'),
  ('weight_loss.tb_signs', 'consultation_24h', 'Weight loss with a long cough or night sweats (test for TB)', 'लंबी खाँसी या रात के पसीने के साथ वज़न घटना (टीबी की जाँच कराएँ)', '[{"question_id":"weight_loss.cough_3_weeks","op":"eq","value":true}]'::jsonb, 'NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023); India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('weight_loss.night_sweats', 'consultation_24h', 'Weight loss with night sweats', 'रात के पसीने के साथ वज़न घटना', '[{"question_id":"weight_loss.night_sweats","op":"eq","value":true}]'::jsonb, 'NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023); India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('night_sweats.cough', 'consultation_24h', 'Night sweats with a cough (test for TB)', 'खाँसी के साथ रात में पसीना (टीबी की जाँच कराएँ)', '[{"question_id":"night_sweats.cough","op":"eq","value":true}]'::jsonb, 'India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('body_ache.dark_urine', 'emergency', 'Muscle pain with dark or scanty urine', 'गहरे या कम पेशाब के साथ मांसपेशियों में दर्द', '[{"question_id":"body_ache.dark_urine","op":"eq","value":true}]'::jsonb, 'NICE CKS Rhabdomyolysis / NHS: rhabdomyolysis'),
  ('headache.thunderclap', 'emergency_ambulance', 'Sudden, worst-ever headache (possible bleeding in the brain)', 'अचानक, अब तक का सबसे तेज़ सिरदर्द (दिमाग़ में रक्तस्राव की आशंका)', '[{"question_id":"headache.sudden_onset","op":"eq","value":true}]'::jsonb, 'NICE CKS Headache – assessment (2024); NICE CG150 Headaches in over 12s'),
  ('headache.worst_ever', 'emergency', 'The worst headache of your life', 'ज़िंदगी का सबसे तेज़ सिरदर्द', '[{"question_id":"headache.worst_ever","op":"eq","value":true}]'::jsonb, 'NICE CKS Headache – assessment (2024); NICE CG150 Headaches in over 12s'),
  ('headache.weakness', 'emergency_ambulance', 'Headache with weakness, numbness or slurred speech (possible stroke)', 'कमज़ोरी, सुन्नपन या लड़खड़ाती बोली के साथ सिरदर्द (स्ट्रोक की आशंका)', '[{"question_id":"headache.weakness","op":"eq","value":true}]'::jsonb, 'NICE CKS Headache – assessment (2024); NICE CG150 Headaches in over 12s'),
  ('headache.fever_stiff_neck', 'emergency', 'Headache with fever and a stiff neck', 'बुखार और गर्दन की अकड़न के साथ सिरदर्द', '[{"question_id":"headache.fever_stiff_neck","op":"eq","value":true}]'::jsonb, 'NICE CKS Headache – assessment (2024); NICE CG150 Headaches in over 12s'),
  ('headache.injury', 'emergency', 'Headache after a head injury', 'सिर की चोट के बाद सिरदर्द', '[{"question_id":"headache.head_injury","op":"eq","value":true}]'::jsonb, 'NICE CKS Headache – assessment (2024); NICE CG150 Headaches in over 12s'),
  ('headache.vision', 'consultation_24h', 'Headache with changes in vision', 'नज़र में बदलाव के साथ सिरदर्द', '[{"question_id":"headache.vision","op":"eq","value":true}]'::jsonb, 'NICE CKS Headache – assessment (2024); NICE CG150 Headaches in over 12s'),
  ('headache.new_pattern', 'consultation', 'A new kind of headache', 'नए तरह का सिरदर्द', '[{"question_id":"headache.pattern","op":"eq","value":"never"}]'::jsonb, 'NICE CKS Headache – assessment (2024); NICE CG150 Headaches in over 12s'),
  ('dizziness.neuro', 'emergency_ambulance', 'Dizziness with weakness, slurred speech or double vision (possible stroke)', 'कमज़ोरी, लड़खड़ाती बोली या दोहरे दिखने के साथ चक्कर (स्ट्रोक की आशंका)', '[{"question_id":"dizziness.weakness_speech","op":"eq","value":true}]'::jsonb, 'NICE CKS Vertigo (2023); NICE NG128 Stroke and TIA (2019, updated 2022): FAST'),
  ('dizziness.heart', 'emergency', 'Dizziness with chest pain or a racing heart', 'सीने में दर्द या तेज़ धड़कन के साथ चक्कर', '[{"question_id":"dizziness.chest_pain","op":"eq","value":true}]'::jsonb, 'NICE CKS Vertigo (2023); NICE NG128 Stroke and TIA (2019, updated 2022): FAST'),
  ('fainting.exertion', 'emergency', 'Fainting during exertion', 'मेहनत करते समय बेहोशी', '[{"question_id":"fainting.during_exertion","op":"eq","value":true}]'::jsonb, 'NICE CG109 Transient loss of consciousness in over 16s (2010, updated 2023)'),
  ('fainting.heart', 'emergency_ambulance', 'Fainting with chest pain or palpitations', 'सीने में दर्द या धड़कन के साथ बेहोशी', '[{"question_id":"fainting.chest_pain_palpitations","op":"eq","value":true}]'::jsonb, 'NICE CG109 Transient loss of consciousness in over 16s (2010, updated 2023)'),
  ('fainting.pregnant', 'emergency', 'Fainting in possible pregnancy', 'संभावित गर्भावस्था में बेहोशी', '[{"symptom_code":"fainting"},{"question_id":"screen.pregnant","op":"eq","value":true}]'::jsonb, 'NICE CG109 Transient loss of consciousness in over 16s (2010, updated 2023)'),
  ('numbness.stroke', 'emergency_ambulance', 'Drooping face or difficulty speaking (possible stroke: every minute counts)', 'चेहरे का टेढ़ापन या बोलने में कठिनाई (स्ट्रोक की आशंका: हर मिनट क़ीमती है)', '[{"question_id":"numbness_weakness.face_speech","op":"eq","value":true}]'::jsonb, 'NICE NG128 Stroke and TIA (2019, updated 2022): FAST'),
  ('numbness.one_side_recent', 'emergency_ambulance', 'Weakness on one side that began in the last hours', 'पिछले कुछ घंटों में शुरू हुई एक तरफ़ की कमज़ोरी', '[{"question_id":"numbness_weakness.one_side","op":"eq","value":true},{"question_id":"numbness_weakness.started","op":"eq","value":"within_hours"}]'::jsonb, 'NICE NG128 Stroke and TIA (2019, updated 2022): FAST'),
  ('numbness.one_side', 'emergency', 'Weakness or numbness on one side of the body', 'शरीर की एक तरफ़ कमज़ोरी या सुन्नपन', '[{"question_id":"numbness_weakness.one_side","op":"eq","value":true}]'::jsonb, 'NICE NG128 Stroke and TIA (2019, updated 2022): FAST'),
  ('seizure.long', 'emergency_ambulance', 'A seizure longer than 5 minutes, or repeated without waking', '5 मिनट से लंबा दौरा, या बिना होश आए बार-बार', '[{"question_id":"seizure.over_5_minutes","op":"eq","value":true}]'::jsonb, 'NICE NG217 Epilepsies in children, young people and adults (2022)'),
  ('seizure.not_awake', 'emergency_ambulance', 'Not fully awake after a seizure', 'दौरे के बाद पूरी तरह होश नहीं आया', '[{"question_id":"seizure.not_awake","op":"eq","value":true}]'::jsonb, 'NICE NG217 Epilepsies in children, young people and adults (2022)'),
  ('seizure.pregnant', 'emergency_ambulance', 'A seizure in pregnancy (possible eclampsia)', 'गर्भावस्था में दौरा (एक्लेम्पसिया की आशंका)', '[{"symptom_code":"seizure"},{"question_id":"screen.pregnant","op":"eq","value":true}]'::jsonb, 'NICE NG217 Epilepsies in children, young people and adults (2022)'),
  ('seizure.first', 'emergency', 'A first-ever seizure', 'पहली बार दौरा', '[{"question_id":"seizure.first_ever","op":"eq","value":true}]'::jsonb, 'NICE NG217 Epilepsies in children, young people and adults (2022)'),
  ('cough.breathless_at_rest', 'emergency_ambulance', 'Breathing difficulty at rest', 'आराम करते हुए भी साँस लेने में तकलीफ़', '[{"question_id":"cough.breathing_difficulty","op":"eq","value":"at_rest"}]'::jsonb, 'NICE CKS Cough – acute (2023); NICE NG138 Pneumonia; India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('cough.blood', 'consultation_24h', 'Coughing up blood', 'खाँसी में खून', '[{"question_id":"cough.blood","op":"eq","value":true}]'::jsonb, 'NICE CKS Cough – acute (2023); NICE NG138 Pneumonia; India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('cough.blood_breathless', 'emergency', 'Coughing up blood with breathing difficulty', 'साँस की तकलीफ़ के साथ खाँसी में खून', '[{"question_id":"cough.blood","op":"eq","value":true},{"question_id":"cough.breathing_difficulty","op":"eq","value":"on_effort"}]'::jsonb, 'NICE CKS Cough – acute (2023); NICE NG138 Pneumonia; India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('cough.breathless_chest_pain', 'emergency_ambulance', 'Breathing difficulty with chest pain', 'सीने में दर्द के साथ साँस लेने में तकलीफ़', '[{"question_id":"cough.breathing_difficulty","op":"eq","value":"on_effort"},{"question_id":"cough.chest_pain","op":"eq","value":true}]'::jsonb, 'NICE CKS Cough – acute (2023); NICE NG138 Pneumonia; India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('cough.pink_frothy', 'emergency', 'Pink, frothy phlegm', 'गुलाबी, झागदार बलगम', '[{"question_id":"cough.phlegm_colour","op":"eq","value":"rusty"}]'::jsonb, 'NICE CKS Cough – acute (2023); NICE NG138 Pneumonia; India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('cough.tb', 'consultation', 'Cough for two weeks or more (get tested for TB)', 'दो हफ़्ते या ज़्यादा से खाँसी (टीबी की जाँच कराएँ)', '[{"question_id":"cough.duration","op":"gte_days","value":14}]'::jsonb, 'NICE CKS Cough – acute (2023); NICE NG138 Pneumonia; India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('cough.tb_weight_loss', 'consultation_24h', 'Cough with weight loss (get tested for TB)', 'वज़न घटने के साथ खाँसी (टीबी की जाँच कराएँ)', '[{"question_id":"cough.weight_loss","op":"eq","value":true}]'::jsonb, 'NICE CKS Cough – acute (2023); NICE NG138 Pneumonia; India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('cough.tb_night_sweats', 'consultation_24h', 'Cough with night sweats (get tested for TB)', 'रात के पसीने के साथ खाँसी (टीबी की जाँच कराएँ)', '[{"question_id":"cough.night_sweats","op":"eq","value":true}]'::jsonb, 'NICE CKS Cough – acute (2023); NICE NG138 Pneumonia; India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('cough.tb_contact', 'consultation', 'Cough in someone living with a TB patient (get tested for TB)', 'टीबी मरीज़ के साथ रहने वाले को खाँसी (टीबी की जाँच कराएँ)', '[{"question_id":"cough.tb_contact","op":"eq","value":true}]'::jsonb, 'NICE CKS Cough – acute (2023); NICE NG138 Pneumonia; India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('cough.fever_phlegm', 'consultation_24h', 'Fever with coloured phlegm (possible pneumonia)', 'रंगीन बलगम के साथ बुखार (निमोनिया की आशंका)', '[{"question_id":"screen.fever","op":"eq","value":true},{"question_id":"cough.phlegm_colour","op":"eq","value":"yellow_green"}]'::jsonb, 'NICE CKS Cough – acute (2023); NICE NG138 Pneumonia; India NTEP: presumptive TB (cough ≥ 2 weeks, weight loss, night sweats, blood in sputum); Technical and Operational Guidelines (2021)'),
  ('breathless.at_rest', 'emergency_ambulance', 'Short of breath at rest', 'आराम में भी साँस फूलना', '[{"question_id":"breathlessness.when","op":"eq","value":"at_rest"}]'::jsonb, 'NICE CKS Breathlessness (2023); NICE NG106 Chronic heart failure'),
  ('breathless.chest_pain', 'emergency_ambulance', 'Shortness of breath with chest pain', 'सीने में दर्द के साथ साँस फूलना', '[{"question_id":"breathlessness.chest_pain","op":"eq","value":true}]'::jsonb, 'NICE CKS Breathlessness (2023); NICE NG106 Chronic heart failure'),
  ('breathless.low_spo2', 'emergency_ambulance', 'Oxygen level below 92 %', 'ऑक्सीजन स्तर 92 % से कम', '[{"question_id":"breathlessness.spo2","op":"lte","value":91}]'::jsonb, 'NICE CKS Breathlessness (2023); NICE NG106 Chronic heart failure'),
  ('breathless.lying_flat', 'emergency', 'Breathless lying flat or waking breathless (possible heart failure)', 'लेटने पर साँस फूलना या रात में साँस फूलकर नींद खुलना (हृदय की कमज़ोरी की आशंका)', '[{"question_id":"breathlessness.when","op":"eq","value":"lying_flat"}]'::jsonb, 'NICE CKS Breathlessness (2023); NICE NG106 Chronic heart failure'),
  ('pair.chest_pain_breathless', 'emergency_ambulance', 'Chest pain together with shortness of breath', 'सीने में दर्द के साथ साँस फूलना', '[{"symptom_code":"chest_pain"},{"symptom_code":"breathlessness"}]'::jsonb, 'NICE CG95 Recent-onset chest pain of suspected cardiac origin (2016); NICE CKS Chest pain'),
  ('chest_pain.spreading', 'emergency_ambulance', 'Chest pain spreading to the arm, jaw, neck or back (possible heart attack)', 'बाँह, जबड़े, गर्दन या पीठ तक जाता सीने का दर्द (दिल के दौरे की आशंका)', '[{"question_id":"chest_pain.spreading","op":"eq","value":true}]'::jsonb, 'NICE CG95 Recent-onset chest pain of suspected cardiac origin (2016); NICE CKS Chest pain'),
  ('chest_pain.sweating', 'emergency_ambulance', 'Chest pain with sweating, nausea or faintness', 'पसीने, जी मिचलाने या बेहोशी के साथ सीने में दर्द', '[{"question_id":"chest_pain.sweating","op":"eq","value":true}]'::jsonb, 'NICE CG95 Recent-onset chest pain of suspected cardiac origin (2016); NICE CKS Chest pain'),
  ('chest_pain.pressure_rest', 'emergency_ambulance', 'Pressing chest pain at rest or longer than 15 minutes', 'आराम में या 15 मिनट से ज़्यादा रहने वाला दबाव जैसा सीने का दर्द', '[{"question_id":"chest_pain.character","op":"eq","value":"pressure"},{"question_id":"chest_pain.at_rest","op":"eq","value":true}]'::jsonb, 'NICE CG95 Recent-onset chest pain of suspected cardiac origin (2016); NICE CKS Chest pain'),
  ('chest_pain.pressure', 'emergency', 'Pressing or squeezing chest pain', 'दबाव या जकड़न जैसा सीने का दर्द', '[{"question_id":"chest_pain.character","op":"eq","value":"pressure"}]'::jsonb, 'NICE CG95 Recent-onset chest pain of suspected cardiac origin (2016); NICE CKS Chest pain'),
  ('chest_pain.risk', 'emergency', 'Chest pain with heart disease, diabetes or high blood pressure', 'हृदय रोग, मधुमेह या उच्च रक्तचाप के साथ सीने में दर्द', '[{"question_id":"chest_pain.heart_history","op":"eq","value":true}]'::jsonb, 'NICE CG95 Recent-onset chest pain of suspected cardiac origin (2016); NICE CKS Chest pain'),
  ('palpitations.fainting', 'emergency_ambulance', 'Racing heart with fainting', 'बेहोशी के साथ तेज़ धड़कन', '[{"question_id":"palpitations.fainting","op":"eq","value":true}]'::jsonb, 'NICE CKS Palpitations (2020)'),
  ('palpitations.chest_pain', 'emergency', 'Racing heart with chest pain or breathlessness', 'सीने में दर्द या साँस फूलने के साथ तेज़ धड़कन', '[{"question_id":"palpitations.chest_pain_breathless","op":"eq","value":true}]'::jsonb, 'NICE CKS Palpitations (2020)'),
  ('palpitations.ongoing', 'emergency', 'A racing heart for more than 20 minutes now', '20 मिनट से ज़्यादा से तेज़ धड़कन', '[{"question_id":"palpitations.ongoing","op":"eq","value":true}]'::jsonb, 'NICE CKS Palpitations (2020)'),
  ('palpitations.irregular', 'consultation_24h', 'An irregular heartbeat', 'अनियमित धड़कन', '[{"question_id":"palpitations.irregular","op":"eq","value":true}]'::jsonb, 'NICE CKS Palpitations (2020)'),
  ('wheezing.inhaler', 'emergency', 'Wheezing not relieved by your inhaler', 'इनहेलर से भी न रुकने वाली साँस की सीटी', '[{"question_id":"wheezing.inhaler_not_helping","op":"eq","value":true}]'::jsonb, 'BTS/SIGN 158 British guideline on the management of asthma (2019): acute asthma'),
  ('abdomen.rigid', 'emergency', 'A hard belly, or pain much worse on moving', 'सख़्त पेट, या हिलने पर बहुत बढ़ता दर्द', '[{"question_id":"abdominal_pain.rigid","op":"eq","value":true}]'::jsonb, 'NICE CKS Acute abdominal pain; NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('abdomen.bleeding', 'emergency', 'Stomach pain with vomiting blood or black stools', 'खून की उल्टी या काले मल के साथ पेट दर्द', '[{"question_id":"abdominal_pain.vomiting_blood","op":"eq","value":true}]'::jsonb, 'NICE CKS Acute abdominal pain; NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('abdomen.pregnant', 'emergency', 'Stomach pain in possible pregnancy (rule out ectopic pregnancy)', 'संभावित गर्भावस्था में पेट दर्द (अस्थानिक गर्भ की जाँच)', '[{"symptom_code":"abdominal_pain"},{"question_id":"screen.pregnant","op":"eq","value":true}]'::jsonb, 'NICE CKS Acute abdominal pain; NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('abdomen.obstruction', 'emergency', 'No stool or gas with a swollen belly', 'पेट फूलने के साथ मल या गैस न निकलना', '[{"question_id":"abdominal_pain.no_stool_gas","op":"eq","value":true}]'::jsonb, 'NICE CKS Acute abdominal pain; NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('abdomen.appendix', 'consultation_24h', 'Pain low on the right with fever (possible appendicitis)', 'बुखार के साथ नीचे दाईं ओर दर्द (अपेंडिसाइटिस की आशंका)', '[{"question_id":"abdominal_pain.location","op":"eq","value":"lower_right"},{"question_id":"screen.fever","op":"eq","value":true}]'::jsonb, 'NICE CKS Acute abdominal pain; NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('vomiting.blood', 'emergency', 'Vomiting blood', 'खून की उल्टी', '[{"question_id":"vomiting.blood","op":"eq","value":true}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s; NICE NG232 Head injury: assessment and early management (2023)'),
  ('vomiting.dehydration', 'consultation_24h', 'Some signs of dehydration', 'पानी की कमी के कुछ लक्षण', '[{"question_id":"vomiting.dry_dizzy","op":"eq","value":true}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s; NICE NG232 Head injury: assessment and early management (2023)'),
  ('vomiting.no_fluids', 'consultation_24h', 'Cannot keep fluids down', 'पानी भी पेट में न टिकना', '[{"question_id":"vomiting.no_fluids","op":"eq","value":true}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s; NICE NG232 Head injury: assessment and early management (2023)'),
  ('vomiting.head_injury', 'emergency', 'Vomiting after a head injury', 'सिर की चोट के बाद उल्टी', '[{"question_id":"vomiting.head_injury","op":"eq","value":true}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s; NICE NG232 Head injury: assessment and early management (2023)'),
  ('diarrhoea.dehydration', 'consultation_24h', 'Some signs of dehydration', 'पानी की कमी के कुछ लक्षण', '[{"question_id":"diarrhoea.dry_dizzy","op":"eq","value":true}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s; WHO Cholera fact sheet (2023)'),
  ('diarrhoea.rice_water', 'emergency', 'Rice-water stools (possible cholera)', 'चावल के पानी जैसे दस्त (हैज़े की आशंका)', '[{"question_id":"diarrhoea.rice_water","op":"eq","value":true}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s; WHO Cholera fact sheet (2023)'),
  ('diarrhoea.blood', 'consultation_24h', 'Blood or mucus in loose stools', 'दस्त में खून या आँव', '[{"question_id":"diarrhoea.blood","op":"eq","value":true}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s; WHO Cholera fact sheet (2023)'),
  ('diarrhoea.many', 'consultation_24h', 'Ten or more loose stools in a day', 'एक दिन में दस या ज़्यादा दस्त', '[{"question_id":"diarrhoea.times_today","op":"gte","value":10}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s; WHO Cholera fact sheet (2023)'),
  ('constipation.obstruction', 'emergency', 'No gas passed, with vomiting or a swollen belly', 'उल्टी या पेट फूलने के साथ गैस न निकलना', '[{"question_id":"constipation.no_gas","op":"eq","value":true}]'::jsonb, 'NICE CKS Constipation (2023); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('constipation.red_flags', 'consultation', 'Blood, weight loss or a change in bowel habit', 'खून, वज़न घटना या मल की आदत में बदलाव', '[{"question_id":"constipation.weight_loss","op":"eq","value":true}]'::jsonb, 'NICE CKS Constipation (2023); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('heartburn.black_stool', 'emergency', 'Black stools or vomiting blood', 'काला मल या खून की उल्टी', '[{"question_id":"heartburn.black_stool","op":"eq","value":true}]'::jsonb, 'NICE CG184 Dyspepsia and GORD (2019); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('heartburn.exertion', 'emergency', '"Acidity" that comes on with exertion may be the heart', 'मेहनत करने पर होने वाली "एसिडिटी" दिल की समस्या हो सकती है', '[{"question_id":"heartburn.exertion","op":"eq","value":true}]'::jsonb, 'NICE CG184 Dyspepsia and GORD (2019); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('heartburn.swallowing', 'consultation', 'Difficulty swallowing', 'निगलने में कठिनाई', '[{"question_id":"heartburn.swallowing","op":"eq","value":true}]'::jsonb, 'NICE CG184 Dyspepsia and GORD (2019); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('stool_blood.black', 'emergency', 'Black, tarry stools (bleeding in the gut)', 'तारकोल जैसा काला मल (आँतों में रक्तस्राव)', '[{"question_id":"blood_in_stool.appearance","op":"eq","value":"black_tarry"}]'::jsonb, 'NICE CG141 Acute upper gastrointestinal bleeding in over 16s (2012, updated 2016); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('stool_blood.faint', 'emergency_ambulance', 'Blood in stool with faintness', 'बेहोशी के साथ मल में खून', '[{"question_id":"blood_in_stool.faint","op":"eq","value":true}]'::jsonb, 'NICE CG141 Acute upper gastrointestinal bleeding in over 16s (2012, updated 2016); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('stool_blood.large', 'emergency', 'A large amount of blood in the stool', 'मल में बहुत ज़्यादा खून', '[{"question_id":"blood_in_stool.large_amount","op":"eq","value":true}]'::jsonb, 'NICE CG141 Acute upper gastrointestinal bleeding in over 16s (2012, updated 2016); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('rash.fever_not_fading', 'emergency', 'Fever with a rash that does not fade under pressure', 'बुखार के साथ दाने जो दबाने पर नहीं मिटते', '[{"question_id":"screen.fever","op":"eq","value":true},{"question_id":"rash.not_fading","op":"eq","value":true}]'::jsonb, 'NICE CKS Stevens–Johnson syndrome / BAD guidelines for SJS/TEN (2016); NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('rash.sjs', 'emergency', 'Blisters with sores in the mouth, eyes or genitals (possible Stevens–Johnson syndrome)', 'मुँह, आँखों या जननांगों के घावों के साथ छाले (स्टीवंस–जॉनसन सिंड्रोम की आशंका)', '[{"question_id":"rash.blisters","op":"eq","value":true},{"question_id":"rash.mucosal_sores","op":"eq","value":true}]'::jsonb, 'NICE CKS Stevens–Johnson syndrome / BAD guidelines for SJS/TEN (2016); NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('rash.mucosal_medicine', 'emergency', 'Sores in the mouth, eyes or genitals after a new medicine', 'नई दवा के बाद मुँह, आँखों या जननांगों में घाव', '[{"question_id":"rash.mucosal_sores","op":"eq","value":true},{"question_id":"rash.new_medicine","op":"eq","value":true}]'::jsonb, 'NICE CKS Stevens–Johnson syndrome / BAD guidelines for SJS/TEN (2016); NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('rash.mucosal', 'consultation_24h', 'A rash with sores in the mouth, eyes or genitals', 'मुँह, आँखों या जननांगों के घावों के साथ दाने', '[{"question_id":"rash.mucosal_sores","op":"eq","value":true}]'::jsonb, 'NICE CKS Stevens–Johnson syndrome / BAD guidelines for SJS/TEN (2016); NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('rash.new_medicine', 'consultation_24h', 'A rash after a new medicine', 'नई दवा के बाद दाने', '[{"question_id":"rash.new_medicine","op":"eq","value":true}]'::jsonb, 'NICE CKS Stevens–Johnson syndrome / BAD guidelines for SJS/TEN (2016); NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('rash.fever', 'consultation_24h', 'Rash with fever', 'बुखार के साथ दाने', '[{"symptom_code":"rash"},{"question_id":"screen.fever","op":"eq","value":true}]'::jsonb, 'NICE CKS Stevens–Johnson syndrome / BAD guidelines for SJS/TEN (2016); NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('itching.jaundice', 'consultation_24h', 'Itching with yellow eyes or dark urine', 'पीली आँखों या गहरे पेशाब के साथ खुजली', '[{"question_id":"itching.yellow_eyes","op":"eq","value":true}]'::jsonb, 'NICE CKS Itch – widespread (2021)'),
  ('skin.spreading', 'consultation_24h', 'Redness spreading quickly', 'तेज़ी से फैलती लालिमा', '[{"question_id":"skin_infection.spreading_red","op":"eq","value":true}]'::jsonb, 'NICE NG141 Cellulitis and erysipelas (2019); NCDC National Guidelines for Rabies Prophylaxis (2019); WHO position paper on rabies vaccines (2018)'),
  ('skin.spreading_fever', 'emergency', 'Spreading redness with fever', 'बुखार के साथ फैलती लालिमा', '[{"question_id":"skin_infection.spreading_red","op":"eq","value":true},{"question_id":"screen.fever","op":"eq","value":true}]'::jsonb, 'NICE NG141 Cellulitis and erysipelas (2019); NCDC National Guidelines for Rabies Prophylaxis (2019); WHO position paper on rabies vaccines (2018)'),
  ('skin.diabetes', 'consultation_24h', 'A skin infection with diabetes', 'मधुमेह के साथ त्वचा संक्रमण', '[{"question_id":"skin_infection.diabetes","op":"eq","value":true}]'::jsonb, 'NICE NG141 Cellulitis and erysipelas (2019); NCDC National Guidelines for Rabies Prophylaxis (2019); WHO position paper on rabies vaccines (2018)'),
  ('skin.animal_bite', 'consultation_24h', 'An animal bite: wash it for 15 minutes and get rabies vaccine today', 'जानवर का काटना: 15 मिनट धोएँ और आज ही रेबीज़ का टीका लगवाएँ', '[{"question_id":"skin_infection.animal_bite","op":"eq","value":true}]'::jsonb, 'NICE NG141 Cellulitis and erysipelas (2019); NCDC National Guidelines for Rabies Prophylaxis (2019); WHO position paper on rabies vaccines (2018)'),
  ('jaundice.confusion', 'emergency', 'Jaundice with confusion or drowsiness', 'भ्रम या सुस्ती के साथ पीलिया', '[{"question_id":"yellow_skin_eyes.confusion","op":"eq","value":true}]'::jsonb, 'NICE CKS Jaundice in adults (2022)'),
  ('jaundice.bleeding', 'emergency', 'Jaundice with bleeding', 'ख़ून बहने के साथ पीलिया', '[{"question_id":"yellow_skin_eyes.bleeding","op":"eq","value":true}]'::jsonb, 'NICE CKS Jaundice in adults (2022)'),
  ('jaundice.pregnant', 'emergency', 'Jaundice in pregnancy', 'गर्भावस्था में पीलिया', '[{"symptom_code":"yellow_skin_eyes"},{"question_id":"screen.pregnant","op":"eq","value":true}]'::jsonb, 'NICE CKS Jaundice in adults (2022)'),
  ('joint.septic', 'emergency', 'A hot, swollen joint with fever (possible joint infection)', 'बुखार के साथ गरम, सूजा जोड़ (जोड़ में संक्रमण की आशंका)', '[{"question_id":"joint_pain.hot_swollen","op":"eq","value":true},{"question_id":"screen.fever","op":"eq","value":true}]'::jsonb, 'NICE CKS Septic arthritis; NICE CKS Gout'),
  ('joint.hot', 'consultation_24h', 'A hot, red, swollen joint', 'गरम, लाल, सूजा हुआ जोड़', '[{"question_id":"joint_pain.hot_swollen","op":"eq","value":true}]'::jsonb, 'NICE CKS Septic arthritis; NICE CKS Gout'),
  ('back.cauda_equina', 'emergency', 'Back pain with loss of bladder or bowel control or numbness between the legs', 'पेशाब/मल पर नियंत्रण खोने या जांघों के बीच सुन्नपन के साथ कमर दर्द', '[{"question_id":"back_pain.bladder_bowel","op":"eq","value":true}]'::jsonb, 'NICE NG59 Low back pain and sciatica (2016, updated 2020): red flags, cauda equina'),
  ('back.leg_weakness', 'emergency', 'Back pain with weakness in the legs', 'पैरों की कमज़ोरी के साथ कमर दर्द', '[{"question_id":"back_pain.leg_weakness","op":"eq","value":true}]'::jsonb, 'NICE NG59 Low back pain and sciatica (2016, updated 2020): red flags, cauda equina'),
  ('back.fever_weight', 'consultation_24h', 'Back pain with fever or weight loss', 'बुखार या वज़न घटने के साथ कमर दर्द', '[{"question_id":"back_pain.fever_weight_loss","op":"eq","value":true}]'::jsonb, 'NICE NG59 Low back pain and sciatica (2016, updated 2020): red flags, cauda equina'),
  ('back.fall', 'consultation_24h', 'Back pain after a fall or accident', 'गिरने या दुर्घटना के बाद कमर दर्द', '[{"question_id":"back_pain.after_fall","op":"eq","value":true}]'::jsonb, 'NICE NG59 Low back pain and sciatica (2016, updated 2020): red flags, cauda equina'),
  ('neck.meningitis', 'emergency', 'Stiff neck with fever and headache', 'बुखार और सिरदर्द के साथ अकड़ी गर्दन', '[{"question_id":"neck_pain.fever_headache","op":"eq","value":true}]'::jsonb, 'NICE CKS Neck pain (2023); NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('neck.arm_weakness', 'consultation_24h', 'Neck pain with weakness or numbness in the arms', 'बाँहों में कमज़ोरी या सुन्नपन के साथ गर्दन दर्द', '[{"question_id":"neck_pain.arm_weakness","op":"eq","value":true}]'::jsonb, 'NICE CKS Neck pain (2023); NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('neck.injury', 'emergency', 'Neck pain after an injury: keep the neck still', 'चोट के बाद गर्दन दर्द: गर्दन को हिलाएँ नहीं', '[{"question_id":"neck_pain.after_injury","op":"eq","value":true}]'::jsonb, 'NICE CKS Neck pain (2023); NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('injury.unconscious', 'emergency_ambulance', 'Knocked out after an injury', 'चोट के बाद बेहोशी', '[{"question_id":"injury.unconscious","op":"eq","value":true}]'::jsonb, 'NICE NG232 Head injury: assessment and early management (2023); NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('injury.deformity', 'emergency', 'A deformed limb or unable to bear weight (possible fracture)', 'टेढ़ा अंग या वज़न न डाल पाना (हड्डी टूटने की आशंका)', '[{"question_id":"injury.deformity","op":"eq","value":true}]'::jsonb, 'NICE NG232 Head injury: assessment and early management (2023); NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('injury.head_thinners', 'emergency', 'A head injury while on blood thinners', 'खून पतला करने की दवा लेते हुए सिर की चोट', '[{"question_id":"injury.head_hit","op":"eq","value":true},{"question_id":"injury.blood_thinners","op":"eq","value":true}]'::jsonb, 'NICE NG232 Head injury: assessment and early management (2023); NHS: When to call 999 and go to A&E (nhs.uk); NHS 111 online'),
  ('throat.airway', 'emergency_ambulance', 'Noisy or difficult breathing with a sore throat', 'गले की ख़राश के साथ साँस लेने में आवाज़ या कठिनाई', '[{"question_id":"sore_throat.breathing_noise","op":"eq","value":true}]'::jsonb, 'NICE NG84 Sore throat (acute): FeverPAIN and Centor criteria (2018); NICE CKS Quinsy, epiglottitis'),
  ('throat.drooling', 'emergency', 'Cannot swallow saliva', 'थूक भी न निगल पाना', '[{"question_id":"sore_throat.drooling","op":"eq","value":true}]'::jsonb, 'NICE NG84 Sore throat (acute): FeverPAIN and Centor criteria (2018); NICE CKS Quinsy, epiglottitis'),
  ('throat.trismus', 'consultation_24h', 'Cannot open the mouth (possible abscess)', 'मुँह न खुलना (फोड़े की आशंका)', '[{"question_id":"sore_throat.cannot_open_mouth","op":"eq","value":true}]'::jsonb, 'NICE NG84 Sore throat (acute): FeverPAIN and Centor criteria (2018); NICE CKS Quinsy, epiglottitis'),
  ('ear.mastoid', 'emergency', 'Swelling behind the ear', 'कान के पीछे सूजन', '[{"question_id":"ear_pain.swelling_behind","op":"eq","value":true}]'::jsonb, 'NICE CKS Otitis media – acute (2022): mastoiditis; sudden sensorineural hearing loss'),
  ('ear.sudden_deafness', 'consultation_24h', 'Sudden loss of hearing (treat within days)', 'अचानक सुनाई कम होना (कुछ दिनों में इलाज ज़रूरी)', '[{"question_id":"ear_pain.hearing_loss","op":"eq","value":true}]'::jsonb, 'NICE CKS Otitis media – acute (2022): mastoiditis; sudden sensorineural hearing loss'),
  ('nose.orbital', 'emergency', 'Swelling around an eye with a cold', 'ज़ुकाम के साथ आँख के आसपास सूजन', '[{"question_id":"runny_nose.eye_swelling","op":"eq","value":true}]'::jsonb, 'NICE NG79 Sinusitis (2017): orbital complications'),
  ('nosebleed.long', 'emergency', 'A nosebleed longer than 20 minutes', '20 मिनट से लंबा नाक से खून', '[{"question_id":"nosebleed.over_20_minutes","op":"eq","value":true}]'::jsonb, 'NICE CKS Epistaxis (2024)'),
  ('nosebleed.thinners', 'consultation_24h', 'A nosebleed on blood thinners', 'खून पतला करने की दवा के साथ नाक से खून', '[{"question_id":"nosebleed.blood_thinners","op":"eq","value":true}]'::jsonb, 'NICE CKS Epistaxis (2024)'),
  ('eye.vision_loss', 'emergency', 'A red eye with reduced vision', 'कम दिखने के साथ लाल आँख', '[{"question_id":"eye_redness.vision_loss","op":"eq","value":true}]'::jsonb, 'NICE CKS Red eye (2022); Royal College of Ophthalmologists'),
  ('eye.glaucoma', 'emergency', 'Severe eye pain with headache or vomiting (possible glaucoma)', 'सिरदर्द या उल्टी के साथ आँख में तेज़ दर्द (ग्लूकोमा की आशंका)', '[{"question_id":"eye_redness.severe_pain","op":"eq","value":true}]'::jsonb, 'NICE CKS Red eye (2022); Royal College of Ophthalmologists'),
  ('eye.chemical', 'emergency', 'A chemical or sharp injury to the eye: rinse with clean water now', 'आँख में रसायन या नुकीली चोट: अभी साफ़ पानी से धोएँ', '[{"question_id":"eye_redness.chemical_injury","op":"eq","value":true}]'::jsonb, 'NICE CKS Red eye (2022); Royal College of Ophthalmologists'),
  ('eye.lenses', 'consultation_24h', 'A red eye with contact lenses', 'कॉन्टैक्ट लेंस के साथ लाल आँख', '[{"question_id":"eye_redness.contact_lenses","op":"eq","value":true}]'::jsonb, 'NICE CKS Red eye (2022); Royal College of Ophthalmologists'),
  ('vision.sudden', 'emergency', 'Sudden loss of vision', 'अचानक दिखना कम होना', '[{"question_id":"blurred_vision.sudden","op":"eq","value":true}]'::jsonb, 'NICE CKS Retinal detachment; NICE NG128 Stroke and TIA (2019, updated 2022): FAST'),
  ('vision.detachment', 'emergency', 'A curtain, flashes or floaters (possible retinal detachment)', 'पर्दा, चमक या तैरते धब्बे (रेटिना खिसकने की आशंका)', '[{"question_id":"blurred_vision.curtain_flashes","op":"eq","value":true}]'::jsonb, 'NICE CKS Retinal detachment; NICE NG128 Stroke and TIA (2019, updated 2022): FAST'),
  ('vision.stroke', 'emergency_ambulance', 'Vision loss with weakness or slurred speech (possible stroke)', 'कमज़ोरी या लड़खड़ाती बोली के साथ दिखना कम होना (स्ट्रोक की आशंका)', '[{"question_id":"blurred_vision.weakness_speech","op":"eq","value":true}]'::jsonb, 'NICE CKS Retinal detachment; NICE NG128 Stroke and TIA (2019, updated 2022): FAST'),
  ('urine.kidney', 'consultation_24h', 'A urine infection with fever and pain in the side (possible kidney infection)', 'बुखार और बगल में दर्द के साथ पेशाब का संक्रमण (गुर्दे के संक्रमण की आशंका)', '[{"question_id":"painful_urination.flank_pain","op":"eq","value":true},{"question_id":"screen.fever","op":"eq","value":true}]'::jsonb, 'NICE NG109 UTI (lower) and NG111 Pyelonephritis (2018)'),
  ('urine.pregnant', 'consultation_24h', 'A urine infection in pregnancy', 'गर्भावस्था में पेशाब का संक्रमण', '[{"symptom_code":"painful_urination"},{"question_id":"screen.pregnant","op":"eq","value":true}]'::jsonb, 'NICE NG109 UTI (lower) and NG111 Pyelonephritis (2018)'),
  ('urine.retention', 'emergency', 'Unable to pass urine', 'पेशाब बिल्कुल न होना', '[{"question_id":"painful_urination.cannot_pass","op":"eq","value":true}]'::jsonb, 'NICE NG109 UTI (lower) and NG111 Pyelonephritis (2018)'),
  ('urine.clots', 'emergency', 'Clots in urine or unable to pass it', 'पेशाब में थक्के या पेशाब न होना', '[{"question_id":"blood_in_urine.clots","op":"eq","value":true}]'::jsonb, 'NICE CKS Haematuria; NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('urine.blood_pain', 'consultation_24h', 'Blood in urine with severe pain', 'तेज़ दर्द के साथ पेशाब में खून', '[{"question_id":"blood_in_urine.pain","op":"eq","value":true}]'::jsonb, 'NICE CKS Haematuria; NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('urine.diabetes_signs', 'consultation', 'Thirst and weight loss (check blood sugar)', 'प्यास और वज़न घटना (ब्लड शुगर जाँचें)', '[{"question_id":"frequent_urination.thirst_weight_loss","op":"eq","value":true}]'::jsonb, 'NICE NG28 Type 2 diabetes; NICE CG97 Lower urinary tract symptoms in men'),
  ('period.heavy', 'emergency', 'Very heavy bleeding or faintness', 'बहुत ज़्यादा खून या बेहोशी जैसा लगना', '[{"question_id":"period_problems.soaking","op":"eq","value":true}]'::jsonb, 'NICE NG88 Heavy menstrual bleeding (2018); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('period.postmenopausal', 'consultation', 'Bleeding after menopause', 'रजोनिवृत्ति के बाद खून', '[{"question_id":"period_problems.problem","op":"eq","value":"after_menopause"}]'::jsonb, 'NICE NG88 Heavy menstrual bleeding (2018); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('period.pregnancy', 'consultation_24h', 'Bleeding or pain in possible pregnancy', 'संभावित गर्भावस्था में खून या दर्द', '[{"symptom_code":"period_problems"},{"question_id":"screen.pregnant","op":"eq","value":true}]'::jsonb, 'NICE NG88 Heavy menstrual bleeding (2018); NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('pregnancy.bleeding', 'emergency_ambulance', 'Bleeding in pregnancy', 'गर्भावस्था में खून आना', '[{"question_id":"pregnancy_concern.bleeding","op":"eq","value":true}]'::jsonb, 'NICE NG126 Ectopic pregnancy and miscarriage (2019); NICE NG133 Hypertension in pregnancy (2019); NICE NG201 Antenatal care (2021)'),
  ('pregnancy.pain', 'emergency', 'Severe belly pain in pregnancy', 'गर्भावस्था में पेट में तेज़ दर्द', '[{"question_id":"pregnancy_concern.severe_pain","op":"eq","value":true}]'::jsonb, 'NICE NG126 Ectopic pregnancy and miscarriage (2019); NICE NG133 Hypertension in pregnancy (2019); NICE NG201 Antenatal care (2021)'),
  ('pregnancy.preeclampsia', 'emergency', 'Severe headache, blurred vision or swelling in pregnancy (possible pre-eclampsia)', 'गर्भावस्था में तेज़ सिरदर्द, धुंधला दिखना या सूजन (प्री-एक्लेम्पसिया की आशंका)', '[{"question_id":"pregnancy_concern.headache_vision","op":"eq","value":true}]'::jsonb, 'NICE NG126 Ectopic pregnancy and miscarriage (2019); NICE NG133 Hypertension in pregnancy (2019); NICE NG201 Antenatal care (2021)'),
  ('pregnancy.movements', 'emergency', 'The baby is moving less than usual', 'बच्चे की हलचल सामान्य से कम', '[{"question_id":"pregnancy_concern.fewer_movements","op":"eq","value":true}]'::jsonb, 'NICE NG126 Ectopic pregnancy and miscarriage (2019); NICE NG133 Hypertension in pregnancy (2019); NICE NG201 Antenatal care (2021)'),
  ('pregnancy.fluid', 'emergency', 'Leaking fluid in pregnancy', 'गर्भावस्था में पानी रिसना', '[{"question_id":"pregnancy_concern.fluid_leak","op":"eq","value":true}]'::jsonb, 'NICE NG126 Ectopic pregnancy and miscarriage (2019); NICE NG133 Hypertension in pregnancy (2019); NICE NG201 Antenatal care (2021)'),
  ('discharge.pid', 'consultation_24h', 'Discharge with lower belly pain and fever (possible pelvic infection)', 'पेट के निचले दर्द और बुखार के साथ स्राव (श्रोणि संक्रमण की आशंका)', '[{"question_id":"vaginal_discharge.lower_pain","op":"eq","value":true},{"question_id":"screen.fever","op":"eq","value":true}]'::jsonb, 'NICE CKS Pelvic inflammatory disease (2022)'),
  ('breast.mastitis', 'consultation_24h', 'A red, painful breast with fever while breastfeeding', 'स्तनपान के दौरान बुखार के साथ लाल, दर्द वाला स्तन', '[{"question_id":"breast_lump.breastfeeding_fever","op":"eq","value":true}]'::jsonb, 'NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023); NICE CKS Mastitis'),
  ('breast.signs', 'consultation', 'Skin or nipple changes with a breast lump', 'स्तन की गाँठ के साथ त्वचा या निप्पल में बदलाव', '[{"question_id":"breast_lump.skin_nipple","op":"eq","value":true}]'::jsonb, 'NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023); NICE CKS Mastitis'),
  ('mood.self_harm_plan', 'emergency_ambulance', 'Thoughts of ending your life with a plan: you deserve help right now', 'योजना के साथ जीवन ख़त्म करने के विचार: आपको अभी मदद का हक़ है', '[{"question_id":"low_mood.self_harm","op":"eq","value":true},{"question_id":"low_mood.plan","op":"eq","value":true}]'::jsonb, 'NICE NG225 Self-harm (2022); Tele-MANAS, Ministry of Health and Family Welfare; NICE NG222 Depression in adults (2022)'),
  ('mood.self_harm', 'emergency', 'Thoughts of harming yourself: please talk to someone now (Tele-MANAS 14416)', 'ख़ुद को नुक़सान पहुँचाने के विचार: कृपया अभी किसी से बात करें (टेली-मानस 14416)', '[{"question_id":"low_mood.self_harm","op":"eq","value":true}]'::jsonb, 'NICE NG225 Self-harm (2022); Tele-MANAS, Ministry of Health and Family Welfare; NICE NG222 Depression in adults (2022)'),
  ('anxiety.self_harm', 'emergency', 'Thoughts of harming yourself: please talk to someone now (Tele-MANAS 14416)', 'ख़ुद को नुक़सान पहुँचाने के विचार: कृपया अभी किसी से बात करें (टेली-मानस 14416)', '[{"question_id":"anxiety.self_harm","op":"eq","value":true}]'::jsonb, 'NICE NG225 Self-harm (2022); Tele-MANAS, Ministry of Health and Family Welfare; NICE CG113 Generalised anxiety disorder and panic'),
  ('anxiety.chest_pain', 'emergency', 'Chest pain should be checked even when it feels like panic', 'घबराहट जैसा लगे तब भी सीने के दर्द की जाँच ज़रूरी है', '[{"question_id":"anxiety.chest_pain","op":"eq","value":true}]'::jsonb, 'NICE NG225 Self-harm (2022); Tele-MANAS, Ministry of Health and Family Welfare; NICE CG113 Generalised anxiety disorder and panic'),
  ('mood.two_weeks', 'consultation', 'Low mood most days for two weeks or more', 'दो हफ़्ते या ज़्यादा से ज़्यादातर दिन उदासी', '[{"question_id":"low_mood.most_days","op":"eq","value":true}]'::jsonb, 'NICE NG225 Self-harm (2022); Tele-MANAS, Ministry of Health and Family Welfare; NICE NG222 Depression in adults (2022)'),
  ('sleep.apnoea', 'consultation', 'Snoring with pauses in breathing (possible sleep apnoea)', 'साँस रुकने के साथ खर्राटे (स्लीप एप्निया की आशंका)', '[{"question_id":"sleep_problems.kind","op":"eq","value":"snoring"}]'::jsonb, 'NICE NG202 Obstructive sleep apnoea (2021); DVLA/MoRTH fitness to drive'),
  ('sleep.driving', 'consultation_24h', 'Falling asleep while driving: do not drive until checked', 'गाड़ी चलाते समय नींद आना: जाँच तक गाड़ी न चलाएँ', '[{"question_id":"sleep_problems.daytime_sleepy","op":"eq","value":true}]'::jsonb, 'NICE NG202 Obstructive sleep apnoea (2021); DVLA/MoRTH fitness to drive'),
  ('pair.fever_headache_neck', 'emergency', 'Fever with headache and a stiff neck', 'बुखार के साथ सिरदर्द और अकड़ी गर्दन', '[{"question_id":"screen.fever","op":"eq","value":true},{"question_id":"neck_pain.fever_headache","op":"eq","value":true}]'::jsonb, 'NICE CKS Neck pain (2023); NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('pair.fever_jaundice', 'emergency', 'Fever together with jaundice', 'बुखार के साथ पीलिया', '[{"question_id":"screen.fever","op":"eq","value":true},{"symptom_code":"yellow_skin_eyes"}]'::jsonb, 'NICE CKS Jaundice in adults (2022)'),
  ('pair.vomiting_diarrhoea_dehydration', 'emergency', 'Vomiting and loose motions together with signs of dehydration', 'पानी की कमी के लक्षणों के साथ उल्टी और दस्त', '[{"symptom_code":"vomiting"},{"question_id":"diarrhoea.dry_dizzy","op":"eq","value":true}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s; NICE NG232 Head injury: assessment and early management (2023)'),
  ('pair.palpitations_breathless', 'emergency', 'A racing heart together with shortness of breath', 'साँस फूलने के साथ तेज़ धड़कन', '[{"symptom_code":"palpitations"},{"symptom_code":"breathlessness"}]'::jsonb, 'NICE CKS Palpitations (2020)'),
  ('pair.pregnancy_abdominal_pain', 'emergency', 'Stomach pain in pregnancy', 'गर्भावस्था में पेट दर्द', '[{"symptom_code":"pregnancy_concern"},{"symptom_code":"abdominal_pain"}]'::jsonb, 'NICE NG126 Ectopic pregnancy and miscarriage (2019); NICE NG133 Hypertension in pregnancy (2019); NICE NG201 Antenatal care (2021)'),
  ('fever.dengue_belly', 'emergency', 'Fever with severe belly pain (a dengue warning sign)', 'बुखार के साथ पेट में तेज़ दर्द (डेंगू का चेतावनी लक्षण)', '[{"question_id":"screen.fever_signs","op":"includes","value":"belly_pain"}]'::jsonb, 'WHO Dengue: guidelines for diagnosis, treatment, prevention and control (2009): warning signs; NCVBDC (India) dengue guidelines'),
  ('fever.dengue_vomiting', 'emergency', 'Fever with repeated vomiting (a dengue warning sign)', 'बुखार के साथ बार-बार उल्टी (डेंगू का चेतावनी लक्षण)', '[{"question_id":"screen.fever_signs","op":"includes","value":"vomiting"}]'::jsonb, 'WHO Dengue: guidelines for diagnosis, treatment, prevention and control (2009): warning signs; NCVBDC (India) dengue guidelines'),
  ('fever.shock', 'emergency_ambulance', 'Fever with cold, clammy hands and feet (possible shock)', 'ठंडे, चिपचिपे हाथ-पैर के साथ बुखार (शॉक की आशंका)', '[{"question_id":"screen.fever_signs","op":"includes","value":"cold_hands"}]'::jsonb, 'WHO Dengue: guidelines for diagnosis, treatment, prevention and control (2009): warning signs; NCVBDC (India) dengue guidelines'),
  ('fever.relapsing', 'consultation_24h', 'A fever that comes and goes with sweats: get a malaria test today', 'पसीने के साथ आता-जाता बुखार: आज ही मलेरिया की जाँच कराएँ', '[{"question_id":"fever.comes_goes","op":"eq","value":true}]'::jsonb, 'NCVBDC (India) National Drug Policy on Malaria and WHO Guidelines for malaria (2023): test every fever in a malarious area; severe malaria'),
  ('fever.malaria_area', 'consultation_24h', 'Fever after being in a malaria area: get a malaria test today', 'मलेरिया वाले इलाक़े के बाद बुखार: आज ही मलेरिया की जाँच कराएँ', '[{"question_id":"screen.malaria_area","op":"eq","value":true}]'::jsonb, 'NCVBDC (India) National Drug Policy on Malaria and WHO Guidelines for malaria (2023): test every fever in a malarious area; severe malaria'),
  ('fever.jaundice', 'emergency', 'Fever with yellow eyes (possible severe malaria, hepatitis or leptospirosis)', 'पीली आँखों के साथ बुखार (गंभीर मलेरिया, हेपेटाइटिस या लेप्टोस्पायरोसिस की आशंका)', '[{"question_id":"screen.fever_signs","op":"includes","value":"yellow_eyes"}]'::jsonb, 'NCVBDC (India) National Drug Policy on Malaria and WHO Guidelines for malaria (2023): test every fever in a malarious area; severe malaria'),
  ('headache.light_fever', 'emergency', 'Headache with fever and light hurting the eyes (possible meningitis)', 'बुखार और रोशनी से आँखों में दर्द के साथ सिरदर्द (मेनिन्जाइटिस की आशंका)', '[{"question_id":"headache.light_hurts","op":"eq","value":true},{"question_id":"screen.fever","op":"eq","value":true}]'::jsonb, 'NICE NG240 Bacterial meningitis and meningococcal disease (2024)'),
  ('headache.temporal_arteritis', 'consultation_24h', 'A new headache over 50 with jaw pain or a tender scalp (possible giant cell arteritis)', '50 से ज़्यादा उम्र में जबड़े के दर्द या सिर की त्वचा में दर्द के साथ सिरदर्द (जायंट सेल आर्टेराइटिस की आशंका)', '[{"question_id":"headache.jaw_scalp","op":"eq","value":true},{"question_id":"screen.age_years","op":"gte","value":50}]'::jsonb, 'NICE CKS Giant cell arteritis (2024)'),
  ('breathless.inhaler_failing', 'emergency', 'Asthma whose reliever inhaler no longer helps', 'दमा जिसमें राहत वाला इनहेलर अब काम नहीं करता', '[{"question_id":"breathlessness.inhaler","op":"eq","value":"not_helping"}]'::jsonb, 'BTS/SIGN 158 British guideline on the management of asthma (2019): acute asthma'),
  ('breathless.calf', 'emergency', 'Breathlessness with a swollen or painful calf (possible blood clot)', 'सूजी या दर्द वाली पिंडली के साथ साँस फूलना (खून के थक्के की आशंका)', '[{"question_id":"breathlessness.one_calf","op":"eq","value":true}]'::jsonb, 'NICE NG158 Venous thromboembolic diseases: diagnosis and management (2020, updated 2023)'),
  ('breathless.clot_risk', 'emergency', 'Breathlessness after an operation, bed rest, a long journey or childbirth (possible blood clot)', 'ऑपरेशन, बिस्तर पर आराम, लंबी यात्रा या प्रसव के बाद साँस फूलना (खून के थक्के की आशंका)', '[{"question_id":"breathlessness.clot_risk","op":"eq","value":true}]'::jsonb, 'NICE NG158 Venous thromboembolic diseases: diagnosis and management (2020, updated 2023)'),
  ('throat.bacterial', 'consultation', 'Fever, pus on the tonsils and tender glands without a cough (may need antibiotics)', 'बुखार, टॉन्सिल पर मवाद और दर्द वाली गाँठें, खाँसी नहीं (एंटीबायोटिक की ज़रूरत हो सकती है)', '[{"question_id":"screen.fever","op":"eq","value":true},{"question_id":"sore_throat.white_patches","op":"eq","value":true},{"question_id":"sore_throat.tender_nodes","op":"eq","value":true},{"question_id":"sore_throat.cough","op":"eq","value":false}]'::jsonb, 'NICE NG84 Sore throat (acute): FeverPAIN and Centor criteria (2018)'),
  ('injury.head_elderly', 'emergency', 'A head injury at 65 or older', '65 साल या ज़्यादा उम्र में सिर की चोट', '[{"question_id":"injury.head_hit","op":"eq","value":true},{"question_id":"screen.age_years","op":"gte","value":65}]'::jsonb, 'NICE NG232 Head injury: assessment and early management (2023)'),
  ('bite.snake_envenomed', 'emergency_ambulance', 'Swelling, bleeding or weakness after a snake bite (venom is acting)', 'साँप के काटने के बाद सूजन, खून या कमज़ोरी (ज़हर असर कर रहा है)', '[{"question_id":"bite_sting.snake_signs","op":"includes","value":"eyelids"}]'::jsonb, 'WHO SEARO Guidelines for the management of snakebites (2nd ed., 2016); ICMR Standard Treatment Workflow: Snakebite (2019)'),
  ('bite.snake_bleeding', 'emergency_ambulance', 'Bleeding after a snake bite', 'साँप के काटने के बाद खून बहना', '[{"question_id":"bite_sting.snake_signs","op":"includes","value":"bleeding"}]'::jsonb, 'WHO SEARO Guidelines for the management of snakebites (2nd ed., 2016); ICMR Standard Treatment Workflow: Snakebite (2019)'),
  ('bite.deep', 'consultation_24h', 'A bite or scratch that broke the skin: rabies vaccine and immunoglobulin today', 'त्वचा काटने वाला घाव या खरोंच: आज ही रेबीज़ का टीका और इम्युनोग्लोबुलिन', '[{"question_id":"bite_sting.skin_broken","op":"eq","value":true}]'::jsonb, 'NCDC National Guidelines for Rabies Prophylaxis (2019); WHO position paper on rabies vaccines (2018)'),
  ('bite.scorpion_breathless', 'emergency_ambulance', 'Breathlessness after a scorpion sting', 'बिच्छू के डंक के बाद साँस फूलना', '[{"question_id":"bite_sting.scorpion_signs","op":"includes","value":"breathless"}]'::jsonb, 'ICMR Standard Treatment Workflow: Scorpion sting (2019)'),
  ('bite.scorpion_cold', 'emergency_ambulance', 'Cold limbs after a scorpion sting', 'बिच्छू के डंक के बाद ठंडे हाथ-पैर', '[{"question_id":"bite_sting.scorpion_signs","op":"includes","value":"cold_limbs"}]'::jsonb, 'ICMR Standard Treatment Workflow: Scorpion sting (2019)'),
  ('bite.allergic_before', 'emergency', 'A sting after a serious allergic reaction to one before', 'पहले डंक से गंभीर एलर्जी के बाद फिर डंक', '[{"question_id":"bite_sting.allergic_before","op":"eq","value":true}]'::jsonb, 'Resuscitation Council UK: Emergency treatment of anaphylaxis (2021)'),
  ('bite.many_stings', 'emergency', 'More than ten stings', 'दस से ज़्यादा डंक', '[{"question_id":"bite_sting.many_stings","op":"eq","value":true}]'::jsonb, 'Resuscitation Council UK: Emergency treatment of anaphylaxis (2021)'),
  ('allergy.gut', 'emergency', 'Hives with vomiting or cramps (possible anaphylaxis)', 'उल्टी या ऐंठन के साथ पित्ती (गंभीर एलर्जी की आशंका)', '[{"question_id":"allergic_reaction.hives","op":"eq","value":true},{"question_id":"allergic_reaction.vomiting_cramps","op":"eq","value":true}]'::jsonb, 'Resuscitation Council UK: Emergency treatment of anaphylaxis (2021)'),
  ('allergy.faint', 'emergency_ambulance', 'Feeling faint during an allergic reaction (possible anaphylaxis)', 'एलर्जी के दौरान बेहोशी जैसा लगना (गंभीर एलर्जी की आशंका)', '[{"question_id":"allergic_reaction.faint","op":"eq","value":true}]'::jsonb, 'Resuscitation Council UK: Emergency treatment of anaphylaxis (2021)'),
  ('allergy.previous', 'emergency', 'A new reaction after anaphylaxis before', 'पहले गंभीर एलर्जी के बाद नई प्रतिक्रिया', '[{"question_id":"allergic_reaction.anaphylaxis_before","op":"eq","value":true}]'::jsonb, 'Resuscitation Council UK: Emergency treatment of anaphylaxis (2021)'),
  ('allergy.medicine', 'consultation_24h', 'Hives after a medicine', 'दवा के बाद पित्ती', '[{"question_id":"allergic_reaction.hives","op":"eq","value":true},{"question_id":"allergic_reaction.trigger","op":"eq","value":"medicine"}]'::jsonb, 'Resuscitation Council UK: Emergency treatment of anaphylaxis (2021)'),
  ('heat.stroke', 'emergency_ambulance', 'Hot, dry skin after heat (possible heat stroke): cool the body now', 'गर्मी के बाद गरम, सूखी त्वचा (लू की आशंका): शरीर को अभी ठंडा करें', '[{"question_id":"heat_illness.hot_dry_skin","op":"eq","value":true}]'::jsonb, 'NCDC/NPCCHH National Action Plan on Heat-Related Illnesses (2021): heat stroke, heat exhaustion'),
  ('heat.cannot_drink', 'emergency', 'Unable to drink after heat exposure', 'गर्मी के बाद पानी न पी पाना', '[{"question_id":"heat_illness.cannot_drink","op":"eq","value":true}]'::jsonb, 'NCDC/NPCCHH National Action Plan on Heat-Related Illnesses (2021): heat stroke, heat exhaustion'),
  ('heat.not_better', 'emergency', 'Not better after 30 minutes of cooling and fluids', 'ठंडक और पानी के 30 मिनट बाद भी ठीक नहीं', '[{"question_id":"heat_illness.not_better","op":"eq","value":true}]'::jsonb, 'NCDC/NPCCHH National Action Plan on Heat-Related Illnesses (2021): heat stroke, heat exhaustion'),
  ('mouth.sjs', 'emergency', 'Mouth ulcers with skin blisters or sore eyes (possible Stevens–Johnson syndrome)', 'त्वचा के छालों या आँखों के दर्द के साथ मुँह के छाले (स्टीवंस–जॉनसन सिंड्रोम की आशंका)', '[{"question_id":"mouth_ulcers.skin_eyes","op":"eq","value":true}]'::jsonb, 'NICE CKS Stevens–Johnson syndrome / BAD guidelines for SJS/TEN (2016)'),
  ('mouth.cannot_drink', 'consultation_24h', 'Mouth ulcers too painful to drink', 'इतने दर्द वाले छाले कि पानी न पी सकें', '[{"question_id":"mouth_ulcers.cannot_drink","op":"eq","value":true}]'::jsonb, 'NICE CKS Gastroenteritis (2024); NICE CG84 Diarrhoea and vomiting in under 5s'),
  ('mouth.three_weeks', 'consultation', 'A mouth ulcer for three weeks or more (needs checking)', 'तीन हफ़्ते या ज़्यादा से मुँह का छाला (जाँच ज़रूरी)', '[{"question_id":"mouth_ulcers.duration","op":"gte_days","value":21}]'::jsonb, 'NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('mouth.patch', 'consultation', 'A lump or patch in the mouth that does not go away', 'मुँह में गाँठ या धब्बा जो ठीक नहीं होता', '[{"question_id":"mouth_ulcers.lump_patch","op":"eq","value":true}]'::jsonb, 'NICE NG12 Suspected cancer: recognition and referral (2015, updated 2023)'),
  ('confusion.hours', 'emergency_ambulance', 'Confusion that began today', 'आज शुरू हुआ भ्रम', '[{"question_id":"confusion.started","op":"eq","value":"hours"}]'::jsonb, 'NICE CG103 Delirium (2010, updated 2023); NICE NG97 Dementia (2018)'),
  ('confusion.days', 'emergency', 'Confusion that began in the last few days (possible delirium)', 'पिछले कुछ दिनों में शुरू हुआ भ्रम (डिलीरियम की आशंका)', '[{"question_id":"confusion.started","op":"eq","value":"days"}]'::jsonb, 'NICE CG103 Delirium (2010, updated 2023); NICE NG97 Dementia (2018)'),
  ('confusion.weeks', 'consultation', 'Confusion growing over weeks or months (needs a memory assessment)', 'हफ़्तों या महीनों में बढ़ता भ्रम (याददाश्त की जाँच ज़रूरी)', '[{"question_id":"confusion.started","op":"eq","value":"weeks"}]'::jsonb, 'NICE CG103 Delirium (2010, updated 2023); NICE NG97 Dementia (2018)'),
  ('confusion.head_injury', 'emergency', 'Confusion after a fall or head injury', 'गिरने या सिर की चोट के बाद भ्रम', '[{"question_id":"confusion.head_injury","op":"eq","value":true}]'::jsonb, 'NICE CG103 Delirium (2010, updated 2023); NICE NG97 Dementia (2018)'),
  ('confusion.diabetes', 'emergency', 'New confusion on diabetes treatment (possible low sugar): give sugar if able to swallow', 'डायबिटीज़ के इलाज में नया भ्रम (शुगर कम होने की आशंका): निगल सकें तो चीनी दें', '[{"question_id":"confusion.diabetes","op":"eq","value":true},{"question_id":"confusion.started","op":"in","value":["hours","days"]}]'::jsonb, 'NICE CG103 Delirium (2010, updated 2023); NICE NG97 Dementia (2018)'),
  ('fever.severe', 'consultation_24h', 'Severe fever', 'गंभीर बुखार', '[{"question_id":"fever.severity","op":"eq","value":"severe"},{"question_id":"fever.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('fever.two_weeks', 'consultation', 'Fever for two weeks or more', 'दो हफ़्ते या ज़्यादा से बुखार', '[{"question_id":"fever.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('fatigue.severe', 'consultation_24h', 'Severe tiredness and weakness', 'गंभीर थकान और कमज़ोरी', '[{"question_id":"fatigue.severity","op":"eq","value":"severe"},{"question_id":"fatigue.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('fatigue.two_weeks', 'consultation', 'Tiredness and weakness for two weeks or more', 'दो हफ़्ते या ज़्यादा से थकान और कमज़ोरी', '[{"question_id":"fatigue.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('weight_loss.severe', 'consultation_24h', 'Severe unexplained weight loss', 'गंभीर बिना कारण वज़न घटना', '[{"question_id":"weight_loss.severity","op":"eq","value":"severe"},{"question_id":"weight_loss.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('weight_loss.two_weeks', 'consultation', 'Unexplained weight loss for two weeks or more', 'दो हफ़्ते या ज़्यादा से बिना कारण वज़न घटना', '[{"question_id":"weight_loss.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('body_ache.severe', 'consultation_24h', 'Severe body ache', 'गंभीर बदन दर्द', '[{"question_id":"body_ache.severity","op":"eq","value":"severe"},{"question_id":"body_ache.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('body_ache.two_weeks', 'consultation', 'Body ache for two weeks or more', 'दो हफ़्ते या ज़्यादा से बदन दर्द', '[{"question_id":"body_ache.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('night_sweats.severe', 'consultation_24h', 'Severe night sweats', 'गंभीर रात में पसीना', '[{"question_id":"night_sweats.severity","op":"eq","value":"severe"},{"question_id":"night_sweats.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('night_sweats.two_weeks', 'consultation', 'Night sweats for two weeks or more', 'दो हफ़्ते या ज़्यादा से रात में पसीना', '[{"question_id":"night_sweats.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('bite_sting.severe', 'consultation_24h', 'Severe bite or sting', 'गंभीर काटना या डंक', '[{"question_id":"bite_sting.severity","op":"eq","value":"severe"},{"question_id":"bite_sting.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('bite_sting.two_weeks', 'consultation', 'Bite or sting for two weeks or more', 'दो हफ़्ते या ज़्यादा से काटना या डंक', '[{"question_id":"bite_sting.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('heat_illness.severe', 'consultation_24h', 'Severe illness from heat', 'गंभीर गर्मी से बीमारी (लू)', '[{"question_id":"heat_illness.severity","op":"eq","value":"severe"},{"question_id":"heat_illness.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('heat_illness.two_weeks', 'consultation', 'Illness from heat for two weeks or more', 'दो हफ़्ते या ज़्यादा से गर्मी से बीमारी (लू)', '[{"question_id":"heat_illness.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('headache.severe', 'consultation_24h', 'Severe headache', 'गंभीर सिरदर्द', '[{"question_id":"headache.severity","op":"eq","value":"severe"},{"question_id":"headache.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('headache.two_weeks', 'consultation', 'Headache for two weeks or more', 'दो हफ़्ते या ज़्यादा से सिरदर्द', '[{"question_id":"headache.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('dizziness.severe', 'consultation_24h', 'Severe dizziness', 'गंभीर चक्कर आना', '[{"question_id":"dizziness.severity","op":"eq","value":"severe"},{"question_id":"dizziness.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('dizziness.two_weeks', 'consultation', 'Dizziness for two weeks or more', 'दो हफ़्ते या ज़्यादा से चक्कर आना', '[{"question_id":"dizziness.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('fainting.severe', 'consultation_24h', 'Severe fainting', 'गंभीर बेहोशी', '[{"question_id":"fainting.severity","op":"eq","value":"severe"},{"question_id":"fainting.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('fainting.two_weeks', 'consultation', 'Fainting for two weeks or more', 'दो हफ़्ते या ज़्यादा से बेहोशी', '[{"question_id":"fainting.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('numbness_weakness.severe', 'consultation_24h', 'Severe numbness or weakness', 'गंभीर सुन्नपन या कमज़ोरी', '[{"question_id":"numbness_weakness.severity","op":"eq","value":"severe"},{"question_id":"numbness_weakness.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('numbness_weakness.two_weeks', 'consultation', 'Numbness or weakness for two weeks or more', 'दो हफ़्ते या ज़्यादा से सुन्नपन या कमज़ोरी', '[{"question_id":"numbness_weakness.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('seizure.severe', 'consultation_24h', 'Severe seizure (fit)', 'गंभीर दौरा (मिर्गी)', '[{"question_id":"seizure.severity","op":"eq","value":"severe"},{"question_id":"seizure.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('seizure.two_weeks', 'consultation', 'Seizure (fit) for two weeks or more', 'दो हफ़्ते या ज़्यादा से दौरा (मिर्गी)', '[{"question_id":"seizure.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('confusion.severe', 'consultation_24h', 'Severe confusion', 'गंभीर भ्रम (उलझन)', '[{"question_id":"confusion.severity","op":"eq","value":"severe"},{"question_id":"confusion.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('confusion.two_weeks', 'consultation', 'Confusion for two weeks or more', 'दो हफ़्ते या ज़्यादा से भ्रम (उलझन)', '[{"question_id":"confusion.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('cough.severe', 'consultation_24h', 'Severe cough', 'गंभीर खाँसी', '[{"question_id":"cough.severity","op":"eq","value":"severe"},{"question_id":"cough.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('cough.two_weeks', 'consultation', 'Cough for two weeks or more', 'दो हफ़्ते या ज़्यादा से खाँसी', '[{"question_id":"cough.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('breathlessness.severe', 'consultation_24h', 'Severe shortness of breath', 'गंभीर साँस फूलना', '[{"question_id":"breathlessness.severity","op":"eq","value":"severe"},{"question_id":"breathlessness.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('breathlessness.two_weeks', 'consultation', 'Shortness of breath for two weeks or more', 'दो हफ़्ते या ज़्यादा से साँस फूलना', '[{"question_id":"breathlessness.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('chest_pain.severe', 'consultation_24h', 'Severe chest pain', 'गंभीर सीने में दर्द', '[{"question_id":"chest_pain.severity","op":"eq","value":"severe"},{"question_id":"chest_pain.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('chest_pain.two_weeks', 'consultation', 'Chest pain for two weeks or more', 'दो हफ़्ते या ज़्यादा से सीने में दर्द', '[{"question_id":"chest_pain.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('palpitations.severe', 'consultation_24h', 'Severe palpitations (racing heart)', 'गंभीर धड़कन तेज़ होना', '[{"question_id":"palpitations.severity","op":"eq","value":"severe"},{"question_id":"palpitations.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('palpitations.two_weeks', 'consultation', 'Palpitations (racing heart) for two weeks or more', 'दो हफ़्ते या ज़्यादा से धड़कन तेज़ होना', '[{"question_id":"palpitations.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('wheezing.severe', 'consultation_24h', 'Severe wheezing', 'गंभीर साँस में सीटी', '[{"question_id":"wheezing.severity","op":"eq","value":"severe"},{"question_id":"wheezing.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('wheezing.two_weeks', 'consultation', 'Wheezing for two weeks or more', 'दो हफ़्ते या ज़्यादा से साँस में सीटी', '[{"question_id":"wheezing.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('abdominal_pain.severe', 'consultation_24h', 'Severe stomach pain', 'गंभीर पेट दर्द', '[{"question_id":"abdominal_pain.severity","op":"eq","value":"severe"},{"question_id":"abdominal_pain.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('abdominal_pain.two_weeks', 'consultation', 'Stomach pain for two weeks or more', 'दो हफ़्ते या ज़्यादा से पेट दर्द', '[{"question_id":"abdominal_pain.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('vomiting.severe', 'consultation_24h', 'Severe vomiting', 'गंभीर उल्टी', '[{"question_id":"vomiting.severity","op":"eq","value":"severe"},{"question_id":"vomiting.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('vomiting.two_weeks', 'consultation', 'Vomiting for two weeks or more', 'दो हफ़्ते या ज़्यादा से उल्टी', '[{"question_id":"vomiting.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('diarrhoea.severe', 'consultation_24h', 'Severe loose motions (diarrhoea)', 'गंभीर दस्त', '[{"question_id":"diarrhoea.severity","op":"eq","value":"severe"},{"question_id":"diarrhoea.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('diarrhoea.two_weeks', 'consultation', 'Loose motions (diarrhoea) for two weeks or more', 'दो हफ़्ते या ज़्यादा से दस्त', '[{"question_id":"diarrhoea.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('constipation.severe', 'consultation_24h', 'Severe constipation', 'गंभीर कब्ज़', '[{"question_id":"constipation.severity","op":"eq","value":"severe"},{"question_id":"constipation.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('constipation.two_weeks', 'consultation', 'Constipation for two weeks or more', 'दो हफ़्ते या ज़्यादा से कब्ज़', '[{"question_id":"constipation.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('heartburn.severe', 'consultation_24h', 'Severe acidity and heartburn', 'गंभीर एसिडिटी और सीने में जलन', '[{"question_id":"heartburn.severity","op":"eq","value":"severe"},{"question_id":"heartburn.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('heartburn.two_weeks', 'consultation', 'Acidity and heartburn for two weeks or more', 'दो हफ़्ते या ज़्यादा से एसिडिटी और सीने में जलन', '[{"question_id":"heartburn.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('blood_in_stool.severe', 'consultation_24h', 'Severe blood in stool', 'गंभीर मल में खून', '[{"question_id":"blood_in_stool.severity","op":"eq","value":"severe"},{"question_id":"blood_in_stool.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('blood_in_stool.two_weeks', 'consultation', 'Blood in stool for two weeks or more', 'दो हफ़्ते या ज़्यादा से मल में खून', '[{"question_id":"blood_in_stool.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('rash.severe', 'consultation_24h', 'Severe rash', 'गंभीर चकत्ते (दाने)', '[{"question_id":"rash.severity","op":"eq","value":"severe"},{"question_id":"rash.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('rash.two_weeks', 'consultation', 'Rash for two weeks or more', 'दो हफ़्ते या ज़्यादा से चकत्ते (दाने)', '[{"question_id":"rash.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('itching.severe', 'consultation_24h', 'Severe itching', 'गंभीर खुजली', '[{"question_id":"itching.severity","op":"eq","value":"severe"},{"question_id":"itching.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('itching.two_weeks', 'consultation', 'Itching for two weeks or more', 'दो हफ़्ते या ज़्यादा से खुजली', '[{"question_id":"itching.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('skin_infection.severe', 'consultation_24h', 'Severe boil, wound or skin infection', 'गंभीर फोड़ा, घाव या त्वचा संक्रमण', '[{"question_id":"skin_infection.severity","op":"eq","value":"severe"},{"question_id":"skin_infection.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('skin_infection.two_weeks', 'consultation', 'Boil, wound or skin infection for two weeks or more', 'दो हफ़्ते या ज़्यादा से फोड़ा, घाव या त्वचा संक्रमण', '[{"question_id":"skin_infection.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('yellow_skin_eyes.severe', 'consultation_24h', 'Severe yellow skin or eyes (jaundice)', 'गंभीर त्वचा या आँखों में पीलापन (पीलिया)', '[{"question_id":"yellow_skin_eyes.severity","op":"eq","value":"severe"},{"question_id":"yellow_skin_eyes.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('yellow_skin_eyes.two_weeks', 'consultation', 'Yellow skin or eyes (jaundice) for two weeks or more', 'दो हफ़्ते या ज़्यादा से त्वचा या आँखों में पीलापन (पीलिया)', '[{"question_id":"yellow_skin_eyes.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('allergic_reaction.severe', 'consultation_24h', 'Severe allergic reaction', 'गंभीर एलर्जी', '[{"question_id":"allergic_reaction.severity","op":"eq","value":"severe"},{"question_id":"allergic_reaction.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('allergic_reaction.two_weeks', 'consultation', 'Allergic reaction for two weeks or more', 'दो हफ़्ते या ज़्यादा से एलर्जी', '[{"question_id":"allergic_reaction.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('joint_pain.severe', 'consultation_24h', 'Severe joint pain', 'गंभीर जोड़ों का दर्द', '[{"question_id":"joint_pain.severity","op":"eq","value":"severe"},{"question_id":"joint_pain.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('joint_pain.two_weeks', 'consultation', 'Joint pain for two weeks or more', 'दो हफ़्ते या ज़्यादा से जोड़ों का दर्द', '[{"question_id":"joint_pain.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('back_pain.severe', 'consultation_24h', 'Severe back pain', 'गंभीर कमर दर्द', '[{"question_id":"back_pain.severity","op":"eq","value":"severe"},{"question_id":"back_pain.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('back_pain.two_weeks', 'consultation', 'Back pain for two weeks or more', 'दो हफ़्ते या ज़्यादा से कमर दर्द', '[{"question_id":"back_pain.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('neck_pain.severe', 'consultation_24h', 'Severe neck pain', 'गंभीर गर्दन दर्द', '[{"question_id":"neck_pain.severity","op":"eq","value":"severe"},{"question_id":"neck_pain.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('neck_pain.two_weeks', 'consultation', 'Neck pain for two weeks or more', 'दो हफ़्ते या ज़्यादा से गर्दन दर्द', '[{"question_id":"neck_pain.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('injury.severe', 'consultation_24h', 'Severe injury or fall', 'गंभीर चोट या गिरना', '[{"question_id":"injury.severity","op":"eq","value":"severe"},{"question_id":"injury.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('injury.two_weeks', 'consultation', 'Injury or fall for two weeks or more', 'दो हफ़्ते या ज़्यादा से चोट या गिरना', '[{"question_id":"injury.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('sore_throat.severe', 'consultation_24h', 'Severe sore throat', 'गंभीर गले में ख़राश', '[{"question_id":"sore_throat.severity","op":"eq","value":"severe"},{"question_id":"sore_throat.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('sore_throat.two_weeks', 'consultation', 'Sore throat for two weeks or more', 'दो हफ़्ते या ज़्यादा से गले में ख़राश', '[{"question_id":"sore_throat.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('ear_pain.severe', 'consultation_24h', 'Severe ear pain', 'गंभीर कान दर्द', '[{"question_id":"ear_pain.severity","op":"eq","value":"severe"},{"question_id":"ear_pain.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('ear_pain.two_weeks', 'consultation', 'Ear pain for two weeks or more', 'दो हफ़्ते या ज़्यादा से कान दर्द', '[{"question_id":"ear_pain.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('runny_nose.severe', 'consultation_24h', 'Severe cold and runny nose', 'गंभीर ज़ुकाम और नाक बहना', '[{"question_id":"runny_nose.severity","op":"eq","value":"severe"},{"question_id":"runny_nose.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('runny_nose.two_weeks', 'consultation', 'Cold and runny nose for two weeks or more', 'दो हफ़्ते या ज़्यादा से ज़ुकाम और नाक बहना', '[{"question_id":"runny_nose.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('nosebleed.severe', 'consultation_24h', 'Severe nosebleed', 'गंभीर नाक से खून', '[{"question_id":"nosebleed.severity","op":"eq","value":"severe"},{"question_id":"nosebleed.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('nosebleed.two_weeks', 'consultation', 'Nosebleed for two weeks or more', 'दो हफ़्ते या ज़्यादा से नाक से खून', '[{"question_id":"nosebleed.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('mouth_ulcers.severe', 'consultation_24h', 'Severe mouth ulcers', 'गंभीर मुँह के छाले', '[{"question_id":"mouth_ulcers.severity","op":"eq","value":"severe"},{"question_id":"mouth_ulcers.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('mouth_ulcers.two_weeks', 'consultation', 'Mouth ulcers for two weeks or more', 'दो हफ़्ते या ज़्यादा से मुँह के छाले', '[{"question_id":"mouth_ulcers.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('eye_redness.severe', 'consultation_24h', 'Severe red or painful eye', 'गंभीर आँख लाल होना या दर्द', '[{"question_id":"eye_redness.severity","op":"eq","value":"severe"},{"question_id":"eye_redness.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('eye_redness.two_weeks', 'consultation', 'Red or painful eye for two weeks or more', 'दो हफ़्ते या ज़्यादा से आँख लाल होना या दर्द', '[{"question_id":"eye_redness.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('blurred_vision.severe', 'consultation_24h', 'Severe blurred or lost vision', 'गंभीर धुंधला दिखना या दिखना बंद होना', '[{"question_id":"blurred_vision.severity","op":"eq","value":"severe"},{"question_id":"blurred_vision.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('blurred_vision.two_weeks', 'consultation', 'Blurred or lost vision for two weeks or more', 'दो हफ़्ते या ज़्यादा से धुंधला दिखना या दिखना बंद होना', '[{"question_id":"blurred_vision.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('painful_urination.severe', 'consultation_24h', 'Severe burning or pain when passing urine', 'गंभीर पेशाब में जलन या दर्द', '[{"question_id":"painful_urination.severity","op":"eq","value":"severe"},{"question_id":"painful_urination.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('painful_urination.two_weeks', 'consultation', 'Burning or pain when passing urine for two weeks or more', 'दो हफ़्ते या ज़्यादा से पेशाब में जलन या दर्द', '[{"question_id":"painful_urination.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('frequent_urination.severe', 'consultation_24h', 'Severe passing urine often', 'गंभीर बार-बार पेशाब आना', '[{"question_id":"frequent_urination.severity","op":"eq","value":"severe"},{"question_id":"frequent_urination.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('frequent_urination.two_weeks', 'consultation', 'Passing urine often for two weeks or more', 'दो हफ़्ते या ज़्यादा से बार-बार पेशाब आना', '[{"question_id":"frequent_urination.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('blood_in_urine.severe', 'consultation_24h', 'Severe blood in urine', 'गंभीर पेशाब में खून', '[{"question_id":"blood_in_urine.severity","op":"eq","value":"severe"},{"question_id":"blood_in_urine.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('blood_in_urine.two_weeks', 'consultation', 'Blood in urine for two weeks or more', 'दो हफ़्ते या ज़्यादा से पेशाब में खून', '[{"question_id":"blood_in_urine.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('period_problems.severe', 'consultation_24h', 'Severe period problems', 'गंभीर माहवारी की समस्या', '[{"question_id":"period_problems.severity","op":"eq","value":"severe"},{"question_id":"period_problems.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('period_problems.two_weeks', 'consultation', 'Period problems for two weeks or more', 'दो हफ़्ते या ज़्यादा से माहवारी की समस्या', '[{"question_id":"period_problems.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('pregnancy_concern.severe', 'consultation_24h', 'Severe problem in pregnancy', 'गंभीर गर्भावस्था में समस्या', '[{"question_id":"pregnancy_concern.severity","op":"eq","value":"severe"},{"question_id":"pregnancy_concern.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('pregnancy_concern.two_weeks', 'consultation', 'Problem in pregnancy for two weeks or more', 'दो हफ़्ते या ज़्यादा से गर्भावस्था में समस्या', '[{"question_id":"pregnancy_concern.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('vaginal_discharge.severe', 'consultation_24h', 'Severe vaginal discharge', 'गंभीर योनि स्राव', '[{"question_id":"vaginal_discharge.severity","op":"eq","value":"severe"},{"question_id":"vaginal_discharge.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('vaginal_discharge.two_weeks', 'consultation', 'Vaginal discharge for two weeks or more', 'दो हफ़्ते या ज़्यादा से योनि स्राव', '[{"question_id":"vaginal_discharge.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('breast_lump.severe', 'consultation_24h', 'Severe breast lump or change', 'गंभीर स्तन में गाँठ या बदलाव', '[{"question_id":"breast_lump.severity","op":"eq","value":"severe"},{"question_id":"breast_lump.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('breast_lump.two_weeks', 'consultation', 'Breast lump or change for two weeks or more', 'दो हफ़्ते या ज़्यादा से स्तन में गाँठ या बदलाव', '[{"question_id":"breast_lump.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('low_mood.severe', 'consultation_24h', 'Severe low mood or sadness', 'गंभीर उदासी या मन उदास रहना', '[{"question_id":"low_mood.severity","op":"eq","value":"severe"},{"question_id":"low_mood.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('low_mood.two_weeks', 'consultation', 'Low mood or sadness for two weeks or more', 'दो हफ़्ते या ज़्यादा से उदासी या मन उदास रहना', '[{"question_id":"low_mood.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('anxiety.severe', 'consultation_24h', 'Severe anxiety or panic', 'गंभीर घबराहट या बेचैनी', '[{"question_id":"anxiety.severity","op":"eq","value":"severe"},{"question_id":"anxiety.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('anxiety.two_weeks', 'consultation', 'Anxiety or panic for two weeks or more', 'दो हफ़्ते या ज़्यादा से घबराहट या बेचैनी', '[{"question_id":"anxiety.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('sleep_problems.severe', 'consultation_24h', 'Severe sleep problems', 'गंभीर नींद की समस्या', '[{"question_id":"sleep_problems.severity","op":"eq","value":"severe"},{"question_id":"sleep_problems.duration","op":"lte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)'),
  ('sleep_problems.two_weeks', 'consultation', 'Sleep problems for two weeks or more', 'दो हफ़्ते या ज़्यादा से नींद की समस्या', '[{"question_id":"sleep_problems.duration","op":"gte_days","value":14}]'::jsonb, 'NHS 111 / NICE CKS: how soon to be seen by severity and duration (triage practice)');
-- END symptom catalog

-- The patient's ABDM user token (X-token) and refresh token, kept from an ABHA login or link and
-- sealed under ABDM_TOKENS_KEY: the consent manager (HIE-CM) takes it as X-AUTH-TOKEN for the
-- patient's consent inbox. One per patient (the ABHA they last signed in or linked). Migration 0038.
create table abdm_sessions (
  patient_id uuid primary key,
  abha_address text not null,
  -- Sealed JSON {token, refreshToken?}; never shown to the app.
  tokens text not null,
  expires_at timestamptz not null,
  refresh_expires_at timestamptz,
  updated_at timestamptz not null default now()
);
create index abdm_sessions_abha_address_idx on abdm_sessions (abha_address);

-- Linking a patient's visits at an ABDM hospital (user-initiated linking): one row per discovery,
-- from the hospital's search through the OTP to linked. Each call we send is stored with its
-- REQUEST-ID before it is sent, so the gateway's answer (a callback naming that id) finds its row
-- even when it arrives before the call returns. Migration 0039.
create table abdm_discoveries (
  id uuid primary key,
  patient_id uuid not null,
  hip_id text not null,
  hip_name text,
  -- searching → found | not_found | failed; found → linking → otp_sent → confirming → linked | failed
  status text not null default 'searching'
    check (status in ('searching', 'found', 'not_found', 'linking', 'otp_sent', 'confirming', 'linked', 'failed')),
  discover_request_id uuid not null,
  link_request_id uuid,
  confirm_request_id uuid,
  transaction_id text,
  -- What the hospital found: [{reference, display, hiType, careContexts: [{reference, display}]}].
  patients jsonb,
  -- The visits chosen to link (the same shape), and ABDM's link reference for the OTP.
  chosen jsonb,
  link_reference text,
  otp_expires_at timestamptz,
  error text,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);
create index abdm_discoveries_patient_idx on abdm_discoveries (patient_id, created_at desc);
create unique index abdm_discoveries_discover_request_idx on abdm_discoveries (discover_request_id);
create unique index abdm_discoveries_link_request_idx on abdm_discoveries (link_request_id) where link_request_id is not null;
create unique index abdm_discoveries_confirm_request_idx on abdm_discoveries (confirm_request_id) where confirm_request_id is not null;

-- Each gateway callback applied once: ABDM retries them, so its REQUEST-ID is kept for a week.
create table abdm_callbacks (
  request_id text primary key,
  path text not null,
  received_at timestamptz not null default now()
);
create index abdm_callbacks_received_idx on abdm_callbacks (received_at);

-- The patient's answer to "let my own pulls through without asking each time" (ABDM's auto-approval
-- policy for our HIU): asked once (a row), switchable, ABDM's policy id once made. Migration 0040.
create table abdm_auto_approvals (
  patient_id uuid primary key,
  enabled boolean not null default false,
  policy_id text,
  updated_at timestamptz not null default now()
);

-- Pulling the patient's own records from ABDM hospitals as an HIU (PATRQT): a pull per consent
-- request, a transfer per hospital's artefact. Migration 0041.
create table abdm_pulls (
  id uuid primary key,
  patient_id uuid not null,
  abha_address text not null,
  -- Hospitals chosen (empty: every hospital linked at the time), record types, dates.
  hip_ids text[] not null default '{}',
  hi_types text[] not null,
  date_from timestamptz not null,
  date_to timestamptz not null,
  erase_at timestamptz not null,
  -- requesting → awaiting_approval → granted → done; or denied | expired | failed
  status text not null default 'requesting'
    check (status in ('requesting', 'awaiting_approval', 'granted', 'done', 'denied', 'expired', 'failed')),
  init_request_id uuid not null,
  consent_request_id text,
  -- The REQUEST-ID of ABDM's grant notification, which our acknowledgement answers.
  notify_request_id text,
  error text,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);
create index abdm_pulls_patient_idx on abdm_pulls (patient_id, created_at desc, id);
create unique index abdm_pulls_init_request_idx on abdm_pulls (init_request_id);
create unique index abdm_pulls_consent_request_idx on abdm_pulls (consent_request_id) where consent_request_id is not null;
-- The hourly tidy: requests ABDM never answered.
create index abdm_pulls_requesting_idx on abdm_pulls (updated_at) where status = 'requesting';

create table abdm_transfers (
  id uuid primary key,
  pull_id uuid not null,
  patient_id uuid not null,
  consent_id text not null,
  hip_id text,
  hip_name text,
  -- fetching → requesting → receiving → transferred | failed; revoked (its records erased)
  status text not null default 'fetching'
    check (status in ('fetching', 'requesting', 'receiving', 'transferred', 'failed', 'revoked')),
  fetch_request_id uuid not null,
  hi_request_id uuid,
  transaction_id text,
  -- The artefact as granted: [{patientReference, careContextReference}], its dates and erase date.
  care_contexts jsonb,
  hi_types text[],
  date_from timestamptz,
  date_to timestamptz,
  erase_at timestamptz,
  -- Our key material for this transfer (sealed with ABDM_TOKENS_KEY), and the hash of the secret in our data push URL.
  key_material text,
  push_token_hash text,
  page_count integer,
  pages_received integer[] not null default '{}',
  -- Per visit: [{careContextReference, ok, description}] as the hospital's pages came.
  outcomes jsonb not null default '[]',
  records_received integer not null default 0,
  error text,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);
create index abdm_transfers_pull_idx on abdm_transfers (pull_id, created_at);
create index abdm_transfers_patient_idx on abdm_transfers (patient_id);
create unique index abdm_transfers_consent_idx on abdm_transfers (consent_id);
create unique index abdm_transfers_fetch_request_idx on abdm_transfers (fetch_request_id);
create unique index abdm_transfers_hi_request_idx on abdm_transfers (hi_request_id) where hi_request_id is not null;
create unique index abdm_transfers_push_token_idx on abdm_transfers (push_token_hash) where push_token_hash is not null;
-- The hourly tidy: transfers that stopped half-way.
create index abdm_transfers_active_idx on abdm_transfers (updated_at) where status in ('fetching', 'requesting', 'receiving');

-- The dose-reminder run reads only the medicines with a dose due (medications.next_reminder_at):
-- any update but the run's own (which sets next_reminder_at) may have moved a dose.
create function medication_reminder_moved() returns trigger language plpgsql as $$
begin
  if new.next_reminder_at is not distinct from old.next_reminder_at then
    new.next_reminder_at := null;
  end if;
  return new;
end $$;
create trigger medications_reminder_moved before update on medications
  for each row execute function medication_reminder_moved();

-- A new routine or time zone moves every dose of the patient's medicines. Argument: the column
-- holding the patient's id.
create function patient_doses_moved() returns trigger language plpgsql as $$
begin
  update medications set next_reminder_at = '-infinity'
  where patient_id = (to_jsonb(new) ->> tg_argv[0])::uuid and next_reminder_at > '-infinity';
  return null;
end $$;
create trigger patient_routines_doses_moved after insert or update on patient_routines
  for each row execute function patient_doses_moved('patient_id');
create trigger patients_doses_moved after update of timezone on patients
  for each row when (old.timezone is distinct from new.timezone) execute function patient_doses_moved('id');

insert into schema_migrations (version) values
  ('0001_foundation'),
  ('0002_hardening'),
  ('0003_hospitals'),
  ('0004_appointments'),
  ('0005_mindscape'),
  ('0006_symptom_checker'),
  ('0007_symptom_catalog'),
  ('0008_record_uploads'),
  ('0009_consents'),
  ('0010_everyday_care'),
  ('0011_store'),
  ('0012_hardening_ii'),
  ('0013_triage_safety'),
  ('0014_symptom_catalog_v2'),
  ('0015_outbox'),
  ('0016_push'),
  ('0017_ambulance_dispatch'),
  ('0018_store_lifecycle'),
  ('0019_care_packages_at_hospitals'),
  ('0020_linked_objects'),
  ('0021_symptom_specialties'),
  ('0022_symptom_catalog_v3'),
  ('0023_hospital_ambulances'),
  ('0024_change_feed'),
  ('0025_account_erasure'),
  ('0026_profile_photo'),
  ('0027_health_profile'),
  ('0028_summaries_in_queue'),
  ('0029_data_exports'),
  ('0030_change_feed_quiet_push'),
  ('0031_appointment_reschedule'),
  ('0032_share_revocations'),
  ('0033_change_feed_set_based'),
  ('0034_vitals_by_type_in_order'),
  ('0035_profiles'),
  ('0036_abha_mobile_login'),
  ('0037_abha_link'),
  ('0038_abdm_sessions'),
  ('0039_abdm_linking'),
  ('0040_abdm_auto_approval'),
  ('0041_abdm_pulls'),
  ('0042_symptom_catalog_version'),
  ('0043_dose_reminders_by_due_time');

commit;

