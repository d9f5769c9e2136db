-- Patients' own uploads: what was read from the file itself (pages, title, dimensions), and one
-- copy per patient of the same file.
alter table records add column metadata jsonb;
create unique index records_patient_upload_sha256_key on records (patient_id, sha256) where source = 'uploaded';
