-- Objects that know each other: an appointment answers its prescription (the newest the hospital
-- posted for it) and GET /v1/records?appointment_id= lists them, through this index. No foreign keys.

create index records_appointment_idx on records (appointment_id, created_at desc) where appointment_id is not null;
