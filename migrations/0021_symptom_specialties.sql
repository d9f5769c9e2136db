-- The specialties a complaint suggests (resolved from its own or its section's in the catalog), with
-- the pattern the cross-hospital doctor search sends: the triage names them, so that the
-- symptoms-first flow lands on a doctor list in one call. The catalog that fills them follows
-- (0022_symptom_catalog_v3). No foreign keys.

alter table symptoms add column specialties jsonb not null default '[]';
