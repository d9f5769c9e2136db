-- Care packages belong to the hospital that offers them (registered with `npm run hospitals --
-- offer-package`, like the hospital itself); a package no hospital offers is not listed. Applying
-- sends the application to that hospital's HMIS through the outbox (send_care_application); the
-- hospital moves it applied → contacted → enrolled | declined with signed events, and the patient
-- may withdraw (withdraw_care_application) while it is applied or contacted. One live application
-- per patient and package; after a withdrawal or a decline the patient may apply again. No foreign keys.

alter table care_packages
  add column hospital_id uuid,
  -- The package's code in the hospital's HMIS (what the application names).
  add column hmis_code text,
  add column active boolean not null default true;
create unique index care_packages_hospital_code_key on care_packages (hospital_id, hmis_code);
create index care_packages_offered_idx on care_packages (position) where hospital_id is not null and active;

alter table care_package_applications drop constraint care_package_applications_patient_package_key;
alter table care_package_applications drop constraint care_package_applications_status_check;
alter table care_package_applications add constraint care_package_applications_status_check
  check (status in ('applied', 'contacted', 'enrolled', 'declined', 'withdrawn'));
alter table care_package_applications
  add column hospital_id uuid,
  -- Why it was declined (the hospital's words) or withdrawn (the patient's).
  add column status_reason text,
  -- The application's reference in the hospital's HMIS, once it got it.
  add column hmis_application_ref text,
  -- When the hospital acknowledged it (null while the outbox is still trying).
  add column sent_at timestamptz,
  add column updated_at timestamptz not null default now();
create unique index care_package_applications_live_key on care_package_applications (patient_id, package_id)
  where status in ('applied', 'contacted', 'enrolled');
create index care_package_applications_hospital_ref_idx on care_package_applications (hospital_id, hmis_application_ref);
