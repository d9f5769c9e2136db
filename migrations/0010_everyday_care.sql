-- Everyday care: the patient's routine and medicines (doses logged, each reminder sent once),
-- vitals with critical thresholds kept as data, ambulance providers and bookings, care packages.
-- No foreign keys.

create table patient_routines (
  patient_id uuid primary key,
  breakfast_at time not null default '08:00',
  lunch_at time not null default '13:00',
  dinner_at time not null default '20:00',
  bed_at time not null default '22:30',
  updated_at timestamptz not null default now()
);

create table medications (
  id uuid primary key,
  patient_id uuid not null,
  name text not null,
  dosage text not null,
  timings text[] not null,
  start_date date not null,
  end_date date,
  reminders_enabled boolean not null default true,
  -- Optional stock: the tablets (or other units) on hand, and how many one dose takes.
  quantity_on_hand numeric,
  units_per_dose numeric not null default 1,
  refill_notified_at timestamptz,
  source_record_id uuid,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);
create index medications_patient_created_idx on medications (patient_id, created_at desc, id desc);
create index medications_reminding_idx on medications (patient_id) where reminders_enabled;

-- What the patient said about a dose.
create table medication_doses (
  medication_id uuid not null,
  dose_date date not null,
  timing text not null,
  patient_id uuid not null,
  status text not null check (status in ('taken', 'skipped')),
  recorded_at timestamptz not null default now(),
  primary key (medication_id, dose_date, timing)
);

-- Each dose's reminder, made once (the key) by the every-minute cron.
create table medication_reminders (
  medication_id uuid not null,
  dose_date date not null,
  timing text not null,
  patient_id uuid not null,
  due_at timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (medication_id, dose_date, timing)
);
create index medication_reminders_created_idx on medication_reminders (created_at);

create table vitals (
  id uuid primary key,
  patient_id uuid not null,
  type text not null,
  -- In the type's standard unit (mmHg, bpm, %, °C, mg/dL, kg, cm); blood pressure: systolic in value, diastolic in value2.
  value numeric not null,
  value2 numeric,
  unit text not null,
  measured_at timestamptz not null,
  critical_rules text[] not null default '{}',
  created_at timestamptz(3) not null default now()
);
create index vitals_patient_type_measured_idx on vitals (patient_id, type, measured_at desc);
create index vitals_patient_created_idx on vitals (patient_id, created_at desc, id desc);

-- Critical values, as data: a reading at or beyond `value` (by `op`) of `field` is flagged.
create table vital_thresholds (
  id text primary key,
  type text not null,
  field text not null check (field in ('value', 'value2')),
  op text not null check (op in ('gte', 'lte', 'lt', 'gt')),
  value numeric not null,
  message text not null
);

create table ambulance_providers (
  id text primary key,
  name text not null,
  phone text not null,
  types text[] not null,
  coverage text not null,
  position integer not null default 0
);

create table ambulance_bookings (
  id uuid primary key,
  patient_id uuid not null,
  provider_id text,
  pickup_address text not null,
  pickup_lat numeric,
  pickup_lng numeric,
  pickup_time timestamptz not null,
  ambulance_type text not null check (ambulance_type in ('bls', 'als', 'patient_transport')),
  notes text,
  status text not null default 'requested' check (status in ('requested', 'cancelled')),
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz not null default now()
);
create index ambulance_bookings_patient_created_idx on ambulance_bookings (patient_id, created_at desc, id desc);

create table care_packages (
  id text primary key,
  name text not null,
  description text not null,
  includes text[] not null,
  price_inr integer not null,
  duration_days integer not null,
  position integer not null default 0
);

create table care_package_applications (
  id uuid primary key,
  patient_id uuid not null,
  package_id text not null,
  status text not null default 'applied' check (status in ('applied')),
  created_at timestamptz(3) not null default now(),
  constraint care_package_applications_patient_package_key unique (patient_id, package_id)
);
create index care_package_applications_patient_created_idx on care_package_applications (patient_id, created_at desc, id desc);

insert into vital_thresholds (id, type, field, op, value, message) values
  ('bp.crisis_systolic', 'blood_pressure', 'value', 'gte', 180, 'Blood pressure in the hypertensive-crisis range (systolic 180 or more)'),
  ('bp.crisis_diastolic', 'blood_pressure', 'value2', 'gte', 120, 'Blood pressure in the hypertensive-crisis range (diastolic 120 or more)'),
  ('bp.low', 'blood_pressure', 'value', 'lt', 90, 'Low blood pressure (systolic below 90)'),
  ('pulse.high', 'pulse', 'value', 'gt', 130, 'Very fast pulse (above 130 per minute at rest)'),
  ('pulse.low', 'pulse', 'value', 'lt', 40, 'Very slow pulse (below 40 per minute)'),
  ('spo2.low', 'spo2', 'value', 'lt', 90, 'Oxygen saturation below 90 %'),
  ('temperature.high', 'temperature', 'value', 'gte', 39.5, 'Fever of 39.5 °C or more'),
  ('temperature.low', 'temperature', 'value', 'lt', 35, 'Body temperature below 35 °C'),
  ('glucose.low', 'blood_sugar_fasting', 'value', 'lt', 70, 'Blood sugar below 70 mg/dL'),
  ('glucose.high', 'blood_sugar_fasting', 'value', 'gt', 300, 'Blood sugar above 300 mg/dL'),
  ('glucose_random.low', 'blood_sugar_random', 'value', 'lt', 70, 'Blood sugar below 70 mg/dL'),
  ('glucose_random.high', 'blood_sugar_random', 'value', 'gt', 300, 'Blood sugar above 300 mg/dL'),
  ('glucose_post_meal.low', 'blood_sugar_post_meal', 'value', 'lt', 70, 'Blood sugar below 70 mg/dL'),
  ('glucose_post_meal.high', 'blood_sugar_post_meal', 'value', 'gt', 300, 'Blood sugar above 300 mg/dL');

insert into ambulance_providers (id, name, phone, types, coverage, position) values
  ('dial-108', '108 Emergency Ambulance (state service, free)', '108', array['bls', 'als'], 'Most states of India, 24×7', 1),
  ('dial-102', '102 Ambulance (mothers and infants, free)', '102', array['patient_transport'], 'Pregnant women and sick infants, most states', 2),
  ('dial-112', '112 National Emergency Number', '112', array['bls', 'als'], 'All of India: police, fire and ambulance', 3),
  ('ziqitza', 'Ziqitza Health Care (1298)', '1298', array['bls', 'als', 'patient_transport'], 'Mumbai, Pune and other cities', 4),
  ('redhealth', 'RED.Health Emergency', '+918069471111', array['bls', 'als', 'patient_transport'], 'Bengaluru, Delhi NCR, Hyderabad, Pune and other cities', 5);

insert into care_packages (id, name, description, includes, price_inr, duration_days, position) values
  ('diabetes', 'Diabetes care', 'A year of regular check-ups and tests to keep blood sugar in range.', array['4 physician consultations', '4 HbA1c tests', 'Fasting and post-meal blood sugar every quarter', 'Annual eye (retina) and foot examination', 'Diet counselling'], 6999, 365, 1),
  ('hypertension', 'Hypertension care', 'Blood pressure under control, with the tests that watch heart and kidneys.', array['4 physician consultations', 'Lipid profile and kidney function twice a year', 'ECG once a year', 'Home BP monitoring review'], 4999, 365, 2),
  ('heart', 'Heart care', 'For people with heart disease or high risk of it.', array['4 cardiologist consultations', 'ECG and echocardiogram', 'Treadmill test', 'Lipid profile twice a year'], 12999, 365, 3),
  ('maternity', 'Maternity care', 'Antenatal care through pregnancy.', array['Monthly obstetrician visits', 'Routine antenatal tests', '3 ultrasound scans', 'Nutrition counselling'], 24999, 280, 4),
  ('senior', 'Senior care', 'Yearly health review for people over 60.', array['2 geriatric consultations', 'Full-body blood tests', 'Bone density scan', 'Vision and hearing check', 'Home sample collection'], 8999, 365, 5);
