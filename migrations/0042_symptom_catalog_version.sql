-- The symptom checker's catalog version: one row, raised by any statement that changes the catalog
-- (sections, symptoms, questions, rules). A Worker keeps the catalog it read with its version and
-- asks for it again only when the version it reads with a check differs. No foreign keys.
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
