-- Linking a patient's visits at an ABDM hospital (user-initiated linking): one row per discovery,
-- from the hospital's search through the OTP to linked. Each call we send is stored with its
-- REQUEST-ID before it is sent, so the gateway's answer (a callback naming that id) finds its row
-- even when it arrives before the call returns. No foreign keys.
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
