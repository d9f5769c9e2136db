-- Account deletion (DPDP): DELETE /v1/me sets erase_at (after a grace period; logging in again
-- clears it), and the hourly housekeeping erases what is due with erase_patient(): every row of
-- the patient in every table with a patient_id (found in the catalog, so a new table is covered),
-- what hangs off those rows (refresh tokens, push deliveries, outbox jobs), the login codes and
-- development messages sent to their identities, the change feed, and the patient. What stays is
-- a tombstone without personal data: the patient's random id and when. No foreign keys.

alter table patients
  -- When the patient asked to delete the account, and when it is erased (null: not asked, or cancelled by logging in).
  add column erase_requested_at timestamptz,
  add column erase_at timestamptz;
create index patients_erase_at_idx on patients (erase_at) where erase_at is not null;

create table erased_accounts (
  patient_id uuid primary key,
  requested_at timestamptz not null,
  erased_at timestamptz not null default now(),
  rows_erased integer not null,
  -- File storage (R2) keys still to delete (random ids, no personal data); emptied once deleted.
  pending_files text[] not null default '{}'
);
create index erased_accounts_pending_idx on erased_accounts (erased_at) where cardinality(pending_files) > 0;

-- Deletes every row of one patient; the number of rows. Run in a transaction that has locked the patient's row.
create function erase_patient(p uuid) returns integer language plpgsql as $$
declare
  t record;
  n integer;
  total integer := 0;
begin
  -- What hangs off the patient's rows, before those rows go.
  delete from refresh_tokens where session_id in (select id from auth_sessions where patient_id = p);
  get diagnostics n = row_count; total := total + n;
  delete from push_deliveries where notification_id in (select id from notifications where patient_id = p)
    or device_id in (select id from devices where patient_id = p);
  get diagnostics n = row_count; total := total + n;
  delete from otp_challenges where identifier in (select identifier from patient_identities where patient_id = p);
  get diagnostics n = row_count; total := total + n;
  delete from dev_outbox where recipient in (select identifier from patient_identities where patient_id = p);
  get diagnostics n = row_count; total := total + n;
  -- Outbox jobs about the patient or any of their rows (every table with a patient_id and a uuid id).
  delete from outbox where subject_id = p;
  get diagnostics n = row_count; total := total + n;
  for t in
    select c.table_name from information_schema.columns c
    where c.table_schema = current_schema() and c.column_name = 'patient_id'
      and exists (select 1 from information_schema.columns i
                  where i.table_schema = c.table_schema and i.table_name = c.table_name and i.column_name = 'id' and i.data_type = 'uuid')
  loop
    execute format('delete from outbox where subject_id in (select id from %I where patient_id = $1)', t.table_name) using p;
    get diagnostics n = row_count; total := total + n;
  end loop;
  -- Every table with a patient_id, the change feed last (the deletes above and below note changes in it).
  for t in
    select c.table_name from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
    where c.table_schema = current_schema() and c.column_name = 'patient_id' and c.table_name <> 'patient_changes'
      and c.table_name <> 'erased_accounts'
  loop
    execute format('delete from %I where patient_id = $1', t.table_name) using p;
    get diagnostics n = row_count; total := total + n;
  end loop;
  delete from patients where id = p;
  get diagnostics n = row_count; total := total + n;
  delete from patient_changes where patient_id = p;
  return total;
end $$;
