-- The dose-reminder run reads only the medicines with a dose due, not every medicine each minute:
-- each keeps when its next dose falls (next_reminder_at; null: not worked out yet), set by the run
-- that looked at it. Anything that can move a dose clears it, so that the next run works it out
-- again: any other change to the medicine, and a new routine or time zone of its patient.
-- No foreign keys.
alter table medications add column next_reminder_at timestamptz;
-- The run's range: not worked out, or due by now (the run also takes times set more than three days
-- ahead, which only a run with a clock in the future can have set).
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
  update medications set next_reminder_at = null
  where patient_id = (to_jsonb(new) ->> tg_argv[0])::uuid and next_reminder_at is not null;
  return null;
end $$;
create trigger patient_routines_doses_moved after insert or update on patient_routines
  for each row execute function patient_doses_moved('patient_id');
create trigger patients_doses_moved after update of timezone on patients
  for each row when (old.timezone is distinct from new.timezone) execute function patient_doses_moved('id');

-- When the next dose falls is the run's bookkeeping, not a change of the medicine in the change feed.
drop trigger medications_changes on medications;
create trigger medications_changes after update on medications
  for each row when ((to_jsonb(old) - 'next_reminder_at') is distinct from (to_jsonb(new) - 'next_reminder_at'))
  execute function note_patient_change('medication', 'patient_id', 'id');
