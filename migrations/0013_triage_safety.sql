-- Triage safety: a danger-sign screen asked in every check whatever the complaint (a catalog row
-- of kind 'screen', in no section), and the guidance each red-flag rule comes from.
alter table symptoms add column kind text not null default 'complaint' check (kind in ('complaint', 'screen'));
alter table symptoms alter column section_code drop not null;
-- A question the profile can answer (age, sex) is prefilled when a check starts; the patient may change it.
alter table symptom_questions add column prefill text check (prefill in ('age_years', 'age_months', 'sex'));
alter table triage_rules add column source text not null default '';
alter table triage_rules alter column source drop default;
