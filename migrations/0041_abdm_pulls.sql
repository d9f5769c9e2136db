-- Pulling the patient's own records from ABDM hospitals as an HIU (purpose PATRQT): one row per
-- pull (a consent request at ABDM), one per hospital's consent artefact (a transfer: the artefact
-- fetched, the health information asked for with our Fidelius key material, the hospital's pages
-- received). Each call is stored with its REQUEST-ID before it is sent, as for linking. Records
-- that arrive are `source = 'abdm'` and carry the consent's erase date. No foreign keys.
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

-- Records pulled through ABDM: their own source, erased on the consent's date.
alter table records drop constraint records_source_check;
alter table records add constraint records_source_check check (source in ('received', 'uploaded', 'abdm'));
alter table records add column erase_at timestamptz;
create index records_erase_at_idx on records (erase_at) where erase_at is not null;
-- One record per bundle a hospital sent under one consent: a page sent again stores nothing new.
create unique index records_patient_abdm_external_key on records (patient_id, external_id) where source = 'abdm';
