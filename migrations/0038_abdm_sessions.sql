-- The patient's ABDM user token (X-token) and refresh token, kept from an ABHA login or link and
-- sealed under ABDM_TOKENS_KEY: the consent manager (HIE-CM) takes it as X-AUTH-TOKEN for the
-- patient's consent inbox. One per patient (the ABHA they last signed in or linked). No foreign keys.
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
