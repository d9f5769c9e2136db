-- Hospitals and the patients' profile shares with them. A hospital's HMIS is reached through an
-- adapter (our REST contract or FHIR R4) at its base URL; its API key and inbound signing secrets
-- are sealed (AES-GCM, HOSPITAL_SECRETS_KEY). No foreign keys: hospital_shares.patient_id and
-- hospital_id are checked by the code that writes them.

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
