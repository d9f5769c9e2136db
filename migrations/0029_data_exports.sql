-- The patient's data export (POST /v1/me/export): a ZIP of the FHIR Bundle and every file, written
-- by the queue (outbox kind export_patient_data) into R2, downloadable by a file link until it
-- expires (EXPORT_KEEP_DAYS; the hourly housekeeping deletes it). No foreign keys.

create table data_exports (
  id uuid primary key,
  patient_id uuid not null,
  status text not null default 'pending' check (status in ('pending', 'ready', 'failed')),
  status_reason text,
  storage_key text,
  size_bytes bigint,
  file_count integer,
  created_at timestamptz(3) not null default now(),
  completed_at timestamptz,
  expires_at timestamptz
);
create index data_exports_patient_created_idx on data_exports (patient_id, created_at desc);
create index data_exports_expires_idx on data_exports (expires_at) where expires_at is not null;
-- One export being written per patient at a time.
create unique index data_exports_pending_key on data_exports (patient_id) where status = 'pending';

create trigger data_exports_changes after insert or update or delete on data_exports
  for each row execute function note_patient_change('data_export', 'patient_id', 'id');
