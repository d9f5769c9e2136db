-- The dose-reminder run reads only the medicines with a dose due, not every medicine each minute:
-- each keeps when its next dose falls (next_reminder_at), set by the run that looked at it. Anything
-- that can move a dose sends the medicine back to the next run: any other change to it (null), and a
-- new routine or time zone of its patient ('-infinity'). No foreign keys.
alter table medications add column next_reminder_at timestamptz;
-- The run's range: not worked out (null, '-infinity') or due by now; it also takes times set more
-- than three days ahead, which only a run with a clock in the future can have set.
create index medications_next_reminder_idx on medications (next_reminder_at) where reminders_enabled;

-- Any update but the run's own (which sets next_reminder_at) may have moved a dose.
create function medication_reminder_moved() returns trigger language plpgsql as $$
begin
  if new.next_reminder_at is not distinct from old.next_reminder_at then
    new.next_reminder_at := null;
  end if;
  return new;
end $$;
create trigger medications_reminder_moved before update on medications
  for each row execute function medication_reminder_moved();

-- A new routine or time zone moves every dose of the patient's medicines. Argument: the column
-- holding the patient's id.
create function patient_doses_moved() returns trigger language plpgsql as $$
begin
  update medications set next_reminder_at = '-infinity'
  where patient_id = (to_jsonb(new) ->> tg_argv[0])::uuid and next_reminder_at > '-infinity';
  return null;
end $$;
create trigger patient_routines_doses_moved after insert or update on patient_routines
  for each row execute function patient_doses_moved('patient_id');
create trigger patients_doses_moved after update of timezone on patients
  for each row when (old.timezone is distinct from new.timezone) execute function patient_doses_moved('id');

-- In the change feed, a medicine changes when the patient (or a hospital) changes it: those updates,
-- and only those, leave next_reminder_at null (the trigger above). The run's bookkeeping sets a time,
-- a new routine '-infinity': neither is a change of the medicine.
drop trigger medications_changes on medications;
create trigger medications_changes after update on medications
  for each row when (new.next_reminder_at is null) execute function note_patient_change('medication', 'patient_id', 'id');
