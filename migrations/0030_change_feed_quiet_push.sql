-- A notification's push state (claims, leases, attempts: core/push) changes many times while it
-- goes to the phones; none of that is a change the app shows. The notifications trigger of the
-- change feed now fires only on what the app reads (type, title, body, link, read_at), on inserts
-- and deletes. No foreign keys.

drop trigger notifications_changes on notifications;
create trigger notifications_changes after insert or delete or update of type, title, body, link, read_at on notifications
  for each row execute function note_patient_change('notification', 'patient_id', 'id');
