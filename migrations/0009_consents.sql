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
  summary text not null,
  model text not null,
  created_at timestamptz(3) not null default now()
);
create index record_summaries_patient_created_idx on record_summaries (patient_id, created_at desc, id desc);
