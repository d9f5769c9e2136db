-- A profile photo uploaded to PHR Edge (PUT /v1/me/photo): its file storage (R2) key and type. The
-- profile's photo URL (photo_url) then names GET /v1/me/photo. No foreign keys.

alter table patients
  add column photo_key text,
  add column photo_type text check (photo_type in ('image/png', 'image/jpeg'));
