-- A hospital may run ambulances: its provider row (kind 'hospital', registered with `npm run
-- hospitals -- offer-ambulance`) names it, and a pre-booking goes to its HMIS through the outbox
-- (request_hospital_ambulance, cancel_hospital_ambulance); the hospital moves it on with signed
-- events (accepted, declined, arrived, completed). No foreign keys.

alter table ambulance_providers drop constraint ambulance_providers_kind_check;
alter table ambulance_providers add constraint ambulance_providers_kind_check check (kind in ('helpline', 'operator', 'hospital'));
alter table ambulance_providers
  -- For kind 'hospital': the hospital whose HMIS takes the pre-bookings.
  add column hospital_id uuid;

alter table ambulance_bookings
  -- The request's reference in the hospital's HMIS (a hospital provider), once it got it.
  add column hmis_request_ref text;
create index ambulance_bookings_hmis_ref_idx on ambulance_bookings (provider_id, hmis_request_ref) where hmis_request_ref is not null;
