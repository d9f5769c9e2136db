-- The change feed (GET /v1/changes): every insert, update and delete of a patient's resources is
-- noted by a trigger, in the same transaction, with the writing transaction's id. The feed reads
-- only changes of transactions older than every transaction still running (the snapshot's xmin),
-- ordered by (xid, seq): a change committed late can never land behind a cursor already given out.
-- No foreign keys. Needs PostgreSQL 13 or later (xid8, pg_current_xact_id).

create table patient_changes (
  patient_id uuid not null,
  -- The writing transaction (its 64-bit id) and the order within the whole table.
  xid xid8 not null default pg_current_xact_id(),
  seq bigint generated always as identity,
  -- What changed: the API's name for it and its id (a dose: medication id/date/timing).
  kind text not null,
  resource_id text not null,
  change text not null check (change in ('upserted', 'deleted')),
  at timestamptz not null default now(),
  primary key (patient_id, xid, seq)
);
-- The housekeeping's pruning, oldest first.
create index patient_changes_at_idx on patient_changes (at);

-- Trigger arguments: the kind, the column holding the patient's id, then the column(s) of the resource's id.
create function note_patient_change() returns trigger language plpgsql as $$
declare
  r jsonb := to_jsonb(case when tg_op = 'DELETE' then old else new end);
  resource text := '';
begin
  -- An update that changed nothing is no change.
  if tg_op = 'UPDATE' and to_jsonb(new) = to_jsonb(old) then
    return null;
  end if;
  for i in 2 .. tg_nargs - 1 loop
    resource := resource || case when i > 2 then '/' else '' end || coalesce(r ->> tg_argv[i], '');
  end loop;
  insert into patient_changes (patient_id, kind, resource_id, change)
  values ((r ->> tg_argv[1])::uuid, tg_argv[0], resource, case when tg_op = 'DELETE' then 'deleted' else 'upserted' end);
  return null;
end $$;

create trigger patients_changes after insert or update or delete on patients
  for each row execute function note_patient_change('profile', 'id', 'id');
create trigger notification_preferences_changes after insert or update or delete on notification_preferences
  for each row execute function note_patient_change('notification_preferences', 'patient_id', 'patient_id');
create trigger patient_routines_changes after insert or update or delete on patient_routines
  for each row execute function note_patient_change('routine', 'patient_id', 'patient_id');
create trigger hospital_shares_changes after insert or update or delete on hospital_shares
  for each row execute function note_patient_change('share', 'patient_id', 'id');
create trigger appointments_changes after insert or update or delete on appointments
  for each row execute function note_patient_change('appointment', 'patient_id', 'id');
create trigger symptom_checks_changes after insert or update or delete on symptom_checks
  for each row execute function note_patient_change('symptom_check', 'patient_id', 'id');
create trigger records_changes after insert or update or delete on records
  for each row execute function note_patient_change('record', 'patient_id', 'id');
create trigger record_summaries_changes after insert or update or delete on record_summaries
  for each row execute function note_patient_change('record_summary', 'patient_id', 'id');
create trigger consents_changes after insert or update or delete on consents
  for each row execute function note_patient_change('consent', 'patient_id', 'id');
create trigger medications_changes after insert or update or delete on medications
  for each row execute function note_patient_change('medication', 'patient_id', 'id');
create trigger medication_doses_changes after insert or update or delete on medication_doses
  for each row execute function note_patient_change('dose', 'patient_id', 'medication_id', 'dose_date', 'timing');
create trigger vitals_changes after insert or update or delete on vitals
  for each row execute function note_patient_change('vital', 'patient_id', 'id');
create trigger notifications_changes after insert or update or delete on notifications
  for each row execute function note_patient_change('notification', 'patient_id', 'id');
create trigger medicine_orders_changes after insert or update or delete on medicine_orders
  for each row execute function note_patient_change('medicine_order', 'patient_id', 'id');
create trigger lab_bookings_changes after insert or update or delete on lab_bookings
  for each row execute function note_patient_change('lab_booking', 'patient_id', 'id');
create trigger ambulance_bookings_changes after insert or update or delete on ambulance_bookings
  for each row execute function note_patient_change('ambulance_booking', 'patient_id', 'id');
create trigger care_package_applications_changes after insert or update or delete on care_package_applications
  for each row execute function note_patient_change('care_package_application', 'patient_id', 'id');
