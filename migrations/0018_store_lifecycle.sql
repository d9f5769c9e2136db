-- A medicine order or lab booking can be opened and cancelled. A cancellation reaches the hospital
-- through the outbox (cancel_medicine_order, cancel_lab_booking) and is refused once the order is
-- dispatched or the sample collected (`sampled`, a new lab event). A medicine order may name a
-- prescription already in the patient's records instead of a new upload; it then carries the
-- medicines the hospital sent with that prescription. No foreign keys.

alter table lab_bookings drop constraint lab_bookings_status_check;
alter table lab_bookings add constraint lab_bookings_status_check
  check (status in ('pending_sync', 'requested', 'confirmed', 'sampled', 'results_ready', 'rejected', 'cancelled'));

alter table medicine_orders
  -- The prescription record the order was made from (its file is the one the pharmacy fetches).
  add column prescription_record_id uuid,
  -- [{name, dosage}] from that record's prescribed medicines, when the hospital sent them.
  add column medicines jsonb;
