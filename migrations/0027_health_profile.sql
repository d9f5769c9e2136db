-- The patient's health profile on the profile itself: allergies, long-term conditions and family
-- history (JSON arrays, shaped and capped by the API), shown on the medical ID (GET
-- /v1/me/medical-id) and in the FHIR export. No foreign keys.

alter table patients
  add column allergies jsonb not null default '[]',
  add column conditions jsonb not null default '[]',
  add column family_history jsonb not null default '[]';
