-- Demo data for `npm run dev` (idempotent). Log in as the demo patient with phone 9999900001:
-- the OTP appears at http://localhost:8787/dev/outbox?to=%2B919999900001
insert into patients (id, name, gender, date_of_birth, blood_group, phone, timezone)
values ('00000000-0000-4000-8000-000000000001', 'Asha Verma (demo)', 'female', '1990-04-12', 'B+', '+919999900001', 'Asia/Kolkata')
on conflict (id) do nothing;

insert into patient_identities (id, patient_id, channel, identifier)
values ('00000000-0000-4000-8000-000000000101', '00000000-0000-4000-8000-000000000001', 'phone', '+919999900001')
on conflict (channel, identifier) do nothing;
