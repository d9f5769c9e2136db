-- Ambulance pre-bookings reach someone who can drive. Providers are helplines (108, 102, 112: to
-- call, never pre-booked) or operators whose dispatcher gets an SMS with a signed link to a small
-- page (/dispatch/{token}) to accept or decline, then mark arrived and completed. A booking moves
-- requested → accepted | declined → arrived → completed, or cancelled (by the patient) or expired
-- (nobody accepted before the pickup time); every change is in its history. No foreign keys.

alter table ambulance_providers
  add column kind text not null default 'helpline' check (kind in ('helpline', 'operator')),
  -- The operator's dispatch desk, which gets the booking by SMS (E.164); never shown to patients.
  add column dispatcher_phone text;

update ambulance_providers set kind = 'operator', dispatcher_phone = '+919999912980' where id = 'ziqitza';
update ambulance_providers set kind = 'operator', dispatcher_phone = '+919999947111' where id = 'redhealth';

alter table ambulance_bookings drop constraint ambulance_bookings_status_check;
alter table ambulance_bookings add constraint ambulance_bookings_status_check
  check (status in ('requested', 'accepted', 'declined', 'arrived', 'completed', 'cancelled', 'expired'));
alter table ambulance_bookings
  -- Why it is declined (the dispatcher's words, or that the operator could not be reached).
  add column status_reason text,
  -- [{status, at, by}], oldest first: what the patient and the dispatcher did, and when.
  add column history jsonb not null default '[]',
  -- When the dispatcher's SMS went out (a cancellation is sent only after it).
  add column dispatched_at timestamptz;
-- The expiry sweep: requests nobody accepted, by pickup time.
create index ambulance_bookings_requested_pickup_idx on ambulance_bookings (pickup_time) where status = 'requested';
