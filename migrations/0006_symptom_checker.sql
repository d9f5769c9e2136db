-- The symptom checker: its catalog (sections, symptoms, per-complaint questions with show-if
-- conditions, red-flag triage rules; all in English and Hindi) and the patients' checks. The
-- catalog's content is data (migrations/0007_symptom_catalog.sql). No foreign keys.

create table symptom_sections (
  code text primary key check (code ~ '^[a-z0-9_]{1,40}$'),
  position integer not null,
  name_en text not null,
  name_hi text not null
);

create table symptoms (
  code text primary key check (code ~ '^[a-z0-9_]{1,40}$'),
  section_code text not null,
  position integer not null,
  name_en text not null,
  name_hi text not null,
  -- The triage level of the complaint before any answer.
  base_level text not null check (base_level in ('emergency_ambulance', 'emergency', 'consultation_24h', 'consultation', 'self_care')),
  -- Words patients use for it (Hinglish, Hindi): hints for voice detection.
  keywords text[] not null default '{}'
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
  show_if jsonb
);
create index symptom_questions_symptom_idx on symptom_questions (symptom_code, position);

-- Red flags: a check whose answers meet every condition gets at least this level.
create table triage_rules (
  id text primary key,
  level text not null check (level in ('emergency_ambulance', 'emergency', 'consultation_24h', 'consultation', 'self_care')),
  reason_en text not null,
  reason_hi text not null,
  -- [{question_id, op, value} | {symptom_code}]
  conditions jsonb not null
);

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
  -- Sharing with the appointment's hospital (through hmis_outbox).
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

-- The HMIS outbox also carries symptom checks to the hospital.
alter table hmis_outbox drop constraint hmis_outbox_kind_check;
alter table hmis_outbox add constraint hmis_outbox_kind_check check (kind in ('book_appointment', 'cancel_appointment', 'share_symptom_check'));
alter table hmis_outbox add column symptom_check_id uuid;
