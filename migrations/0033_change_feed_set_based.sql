-- The change feed's triggers, set-based: a statement that inserts or deletes many rows (the dose
-- reminders' one insert of 100,000 notifications, an account's erasure) notes its changes in one
-- insert from the statement's transition table, instead of one trigger call and one insert per row
-- (which made the reminder run 1.5x slower). Updates stay row-level: few rows a statement, an update
-- that changed nothing is told apart, and the notifications' push-state updates must not fire at
-- all, which needs a column list (not allowed with transition tables). No foreign keys.

-- Statement-level: one set-based insert for all the rows a statement inserted or deleted (its
-- transition table `changed_rows`). Arguments as note_patient_change's.
create function note_patient_changes() returns trigger language plpgsql as $$
declare
  resource text := '';
begin
  for i in 2 .. tg_nargs - 1 loop
    -- Spelled as the row trigger spells them (to_jsonb's text: ISO dates whatever the DateStyle).
    resource := resource || case when i > 2 then ' || ''/'' || ' else '' end
      || format('coalesce(to_jsonb(%I) #>> ''{}'', '''')', tg_argv[i]);
  end loop;
  execute format('insert into patient_changes (patient_id, kind, resource_id, change) select %I, %L, %s, %L from changed_rows',
    tg_argv[1], tg_argv[0], resource, case when tg_op = 'DELETE' then 'deleted' else 'upserted' end);
  return null;
end $$;

drop trigger patients_changes on patients;
create trigger patients_changes after update on patients
  for each row execute function note_patient_change('profile', 'id', 'id');
create trigger patients_inserts_changes after insert on patients referencing new table as changed_rows
  for each statement execute function note_patient_changes('profile', 'id', 'id');
create trigger patients_deletes_changes after delete on patients referencing old table as changed_rows
  for each statement execute function note_patient_changes('profile', 'id', 'id');
drop trigger notification_preferences_changes on notification_preferences;
create trigger notification_preferences_changes after update on notification_preferences
  for each row execute function note_patient_change('notification_preferences', 'patient_id', 'patient_id');
create trigger notification_preferences_inserts_changes after insert on notification_preferences referencing new table as changed_rows
  for each statement execute function note_patient_changes('notification_preferences', 'patient_id', 'patient_id');
create trigger notification_preferences_deletes_changes after delete on notification_preferences referencing old table as changed_rows
  for each statement execute function note_patient_changes('notification_preferences', 'patient_id', 'patient_id');
drop trigger patient_routines_changes on patient_routines;
create trigger patient_routines_changes after update on patient_routines
  for each row execute function note_patient_change('routine', 'patient_id', 'patient_id');
create trigger patient_routines_inserts_changes after insert on patient_routines referencing new table as changed_rows
  for each statement execute function note_patient_changes('routine', 'patient_id', 'patient_id');
create trigger patient_routines_deletes_changes after delete on patient_routines referencing old table as changed_rows
  for each statement execute function note_patient_changes('routine', 'patient_id', 'patient_id');
drop trigger hospital_shares_changes on hospital_shares;
create trigger hospital_shares_changes after update on hospital_shares
  for each row execute function note_patient_change('share', 'patient_id', 'id');
create trigger hospital_shares_inserts_changes after insert on hospital_shares referencing new table as changed_rows
  for each statement execute function note_patient_changes('share', 'patient_id', 'id');
create trigger hospital_shares_deletes_changes after delete on hospital_shares referencing old table as changed_rows
  for each statement execute function note_patient_changes('share', 'patient_id', 'id');
drop trigger appointments_changes on appointments;
create trigger appointments_changes after update on appointments
  for each row execute function note_patient_change('appointment', 'patient_id', 'id');
create trigger appointments_inserts_changes after insert on appointments referencing new table as changed_rows
  for each statement execute function note_patient_changes('appointment', 'patient_id', 'id');
create trigger appointments_deletes_changes after delete on appointments referencing old table as changed_rows
  for each statement execute function note_patient_changes('appointment', 'patient_id', 'id');
drop trigger symptom_checks_changes on symptom_checks;
create trigger symptom_checks_changes after update on symptom_checks
  for each row execute function note_patient_change('symptom_check', 'patient_id', 'id');
create trigger symptom_checks_inserts_changes after insert on symptom_checks referencing new table as changed_rows
  for each statement execute function note_patient_changes('symptom_check', 'patient_id', 'id');
create trigger symptom_checks_deletes_changes after delete on symptom_checks referencing old table as changed_rows
  for each statement execute function note_patient_changes('symptom_check', 'patient_id', 'id');
drop trigger records_changes on records;
create trigger records_changes after update on records
  for each row execute function note_patient_change('record', 'patient_id', 'id');
create trigger records_inserts_changes after insert on records referencing new table as changed_rows
  for each statement execute function note_patient_changes('record', 'patient_id', 'id');
create trigger records_deletes_changes after delete on records referencing old table as changed_rows
  for each statement execute function note_patient_changes('record', 'patient_id', 'id');
drop trigger record_summaries_changes on record_summaries;
create trigger record_summaries_changes after update on record_summaries
  for each row execute function note_patient_change('record_summary', 'patient_id', 'id');
create trigger record_summaries_inserts_changes after insert on record_summaries referencing new table as changed_rows
  for each statement execute function note_patient_changes('record_summary', 'patient_id', 'id');
create trigger record_summaries_deletes_changes after delete on record_summaries referencing old table as changed_rows
  for each statement execute function note_patient_changes('record_summary', 'patient_id', 'id');
drop trigger consents_changes on consents;
create trigger consents_changes after update on consents
  for each row execute function note_patient_change('consent', 'patient_id', 'id');
create trigger consents_inserts_changes after insert on consents referencing new table as changed_rows
  for each statement execute function note_patient_changes('consent', 'patient_id', 'id');
create trigger consents_deletes_changes after delete on consents referencing old table as changed_rows
  for each statement execute function note_patient_changes('consent', 'patient_id', 'id');
drop trigger medications_changes on medications;
create trigger medications_changes after update on medications
  for each row execute function note_patient_change('medication', 'patient_id', 'id');
create trigger medications_inserts_changes after insert on medications referencing new table as changed_rows
  for each statement execute function note_patient_changes('medication', 'patient_id', 'id');
create trigger medications_deletes_changes after delete on medications referencing old table as changed_rows
  for each statement execute function note_patient_changes('medication', 'patient_id', 'id');
drop trigger medication_doses_changes on medication_doses;
create trigger medication_doses_changes after update on medication_doses
  for each row execute function note_patient_change('dose', 'patient_id', 'medication_id', 'dose_date', 'timing');
create trigger medication_doses_inserts_changes after insert on medication_doses referencing new table as changed_rows
  for each statement execute function note_patient_changes('dose', 'patient_id', 'medication_id', 'dose_date', 'timing');
create trigger medication_doses_deletes_changes after delete on medication_doses referencing old table as changed_rows
  for each statement execute function note_patient_changes('dose', 'patient_id', 'medication_id', 'dose_date', 'timing');
drop trigger vitals_changes on vitals;
create trigger vitals_changes after update on vitals
  for each row execute function note_patient_change('vital', 'patient_id', 'id');
create trigger vitals_inserts_changes after insert on vitals referencing new table as changed_rows
  for each statement execute function note_patient_changes('vital', 'patient_id', 'id');
create trigger vitals_deletes_changes after delete on vitals referencing old table as changed_rows
  for each statement execute function note_patient_changes('vital', 'patient_id', 'id');
drop trigger notifications_changes on notifications;
create trigger notifications_changes after update of type, title, body, link, read_at on notifications
  for each row execute function note_patient_change('notification', 'patient_id', 'id');
create trigger notifications_inserts_changes after insert on notifications referencing new table as changed_rows
  for each statement execute function note_patient_changes('notification', 'patient_id', 'id');
create trigger notifications_deletes_changes after delete on notifications referencing old table as changed_rows
  for each statement execute function note_patient_changes('notification', 'patient_id', 'id');
drop trigger medicine_orders_changes on medicine_orders;
create trigger medicine_orders_changes after update on medicine_orders
  for each row execute function note_patient_change('medicine_order', 'patient_id', 'id');
create trigger medicine_orders_inserts_changes after insert on medicine_orders referencing new table as changed_rows
  for each statement execute function note_patient_changes('medicine_order', 'patient_id', 'id');
create trigger medicine_orders_deletes_changes after delete on medicine_orders referencing old table as changed_rows
  for each statement execute function note_patient_changes('medicine_order', 'patient_id', 'id');
drop trigger lab_bookings_changes on lab_bookings;
create trigger lab_bookings_changes after update on lab_bookings
  for each row execute function note_patient_change('lab_booking', 'patient_id', 'id');
create trigger lab_bookings_inserts_changes after insert on lab_bookings referencing new table as changed_rows
  for each statement execute function note_patient_changes('lab_booking', 'patient_id', 'id');
create trigger lab_bookings_deletes_changes after delete on lab_bookings referencing old table as changed_rows
  for each statement execute function note_patient_changes('lab_booking', 'patient_id', 'id');
drop trigger ambulance_bookings_changes on ambulance_bookings;
create trigger ambulance_bookings_changes after update on ambulance_bookings
  for each row execute function note_patient_change('ambulance_booking', 'patient_id', 'id');
create trigger ambulance_bookings_inserts_changes after insert on ambulance_bookings referencing new table as changed_rows
  for each statement execute function note_patient_changes('ambulance_booking', 'patient_id', 'id');
create trigger ambulance_bookings_deletes_changes after delete on ambulance_bookings referencing old table as changed_rows
  for each statement execute function note_patient_changes('ambulance_booking', 'patient_id', 'id');
drop trigger care_package_applications_changes on care_package_applications;
create trigger care_package_applications_changes after update on care_package_applications
  for each row execute function note_patient_change('care_package_application', 'patient_id', 'id');
create trigger care_package_applications_inserts_changes after insert on care_package_applications referencing new table as changed_rows
  for each statement execute function note_patient_changes('care_package_application', 'patient_id', 'id');
create trigger care_package_applications_deletes_changes after delete on care_package_applications referencing old table as changed_rows
  for each statement execute function note_patient_changes('care_package_application', 'patient_id', 'id');
drop trigger data_exports_changes on data_exports;
create trigger data_exports_changes after update on data_exports
  for each row execute function note_patient_change('data_export', 'patient_id', 'id');
create trigger data_exports_inserts_changes after insert on data_exports referencing new table as changed_rows
  for each statement execute function note_patient_changes('data_export', 'patient_id', 'id');
create trigger data_exports_deletes_changes after delete on data_exports referencing old table as changed_rows
  for each statement execute function note_patient_changes('data_export', 'patient_id', 'id');
