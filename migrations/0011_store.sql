-- The store: a lab-test catalog and bookings, medicine orders with an uploaded prescription, both
-- sent to the hospital through the HMIS outbox; medicines a hospital prescribed, with a document.
-- No foreign keys.

create table lab_tests (
  id text primary key check (id ~ '^[a-z0-9_]{1,40}$'),
  name text not null,
  description text not null,
  sample_type text not null,
  fasting_hours integer not null default 0,
  turnaround_hours integer not null,
  price_inr integer not null,
  position integer not null default 0
);

create table lab_bookings (
  id uuid primary key,
  patient_id uuid not null,
  hospital_id uuid not null,
  doctor_id text,
  test_ids text[] not null,
  preferred_slot timestamptz not null,
  status text not null default 'pending_sync' check (status in ('pending_sync', 'requested', 'confirmed', 'results_ready', 'rejected', 'cancelled')),
  status_reason text,
  hmis_booking_ref text,
  confirmed_slot timestamptz,
  result_record_id uuid,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);
create index lab_bookings_patient_created_idx on lab_bookings (patient_id, created_at desc, id desc);
create index lab_bookings_hospital_ref_idx on lab_bookings (hospital_id, hmis_booking_ref);

create table medicine_orders (
  id uuid primary key,
  patient_id uuid not null,
  hospital_id uuid not null,
  delivery_address text not null,
  prescription_key text not null,
  prescription_type text not null,
  prescription_sha256 text not null,
  status text not null default 'pending_sync' check (status in ('pending_sync', 'placed', 'accepted', 'dispatched', 'delivered', 'rejected', 'cancelled')),
  status_reason text,
  hmis_order_ref text,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);
create index medicine_orders_patient_created_idx on medicine_orders (patient_id, created_at desc, id desc);
create index medicine_orders_hospital_ref_idx on medicine_orders (hospital_id, hmis_order_ref);

alter table hmis_outbox alter column appointment_id drop not null;
alter table hmis_outbox drop constraint hmis_outbox_kind_check;
alter table hmis_outbox add constraint hmis_outbox_kind_check
  check (kind in ('book_appointment', 'cancel_appointment', 'share_symptom_check', 'request_lab_booking', 'place_medicine_order'));
alter table hmis_outbox add column lab_booking_id uuid;
alter table hmis_outbox add column medicine_order_id uuid;

-- [{name, dosage, timings[], duration_days}] a hospital sent with a prescription.
alter table records add column prescribed_medicines jsonb;

insert into lab_tests (id, name, description, sample_type, fasting_hours, turnaround_hours, price_inr, position) values
  ('cbc', 'Complete blood count (CBC)', 'Haemoglobin, white cells, platelets: anaemia and infection.', 'blood', 0, 12, 350, 1),
  ('lipid_profile', 'Lipid profile', 'Total, LDL and HDL cholesterol, triglycerides.', 'blood', 10, 24, 600, 2),
  ('hba1c', 'HbA1c', 'Average blood sugar over three months.', 'blood', 0, 24, 500, 3),
  ('fbs', 'Fasting blood sugar', 'Blood glucose after an overnight fast.', 'blood', 8, 6, 120, 4),
  ('thyroid_profile', 'Thyroid profile (T3, T4, TSH)', 'How the thyroid is working.', 'blood', 0, 24, 550, 5),
  ('lft', 'Liver function test (LFT)', 'Bilirubin, liver enzymes, proteins.', 'blood', 8, 24, 700, 6),
  ('kft', 'Kidney function test (KFT)', 'Urea, creatinine, electrolytes.', 'blood', 0, 24, 650, 7),
  ('vitamin_d', 'Vitamin D (25-OH)', 'Vitamin D level.', 'blood', 0, 48, 1200, 8),
  ('vitamin_b12', 'Vitamin B12', 'Vitamin B12 level.', 'blood', 0, 48, 900, 9),
  ('urine_routine', 'Urine routine and microscopy', 'Infection, sugar, protein in urine.', 'urine', 0, 12, 200, 10),
  ('crp', 'C-reactive protein (CRP)', 'Inflammation.', 'blood', 0, 12, 450, 11),
  ('dengue_ns1', 'Dengue NS1 antigen', 'Early dengue infection.', 'blood', 0, 12, 600, 12);
