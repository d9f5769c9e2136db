-- Telling hospitals that a share ended: when the patient revokes a share (DELETE /v1/shares/{id})
-- or their account is erased, a row here and its outbox job (kind revoke_share) are written in the
-- same transaction; the job cancels at the hospital what is still open there (account erasure) and
-- tells its HMIS (POST /patients/{patient_ref}/share/revoke). No patient_id column on purpose: the
-- row must outlive an erased account until the hospital is told. Once told, the hospital's patient
-- id and the open references are cleared: what stays is which hospital was told what, and when.
-- No foreign keys.

create table share_revocations (
  id uuid primary key,
  -- Our patient id (random; the erased account's tombstone keeps it too).
  phr_patient_id uuid not null,
  hospital_id uuid not null,
  -- The share that ended (null when the hospital only had open bookings, no share).
  share_id uuid,
  -- The hospital's id of the patient; null once told, or when there was no share.
  hmis_patient_id text,
  reason text not null check (reason in ('revoked_by_patient', 'account_erased')),
  -- [{kind, ref}]: what the hospital holds that is still open (bookings, orders), to cancel first.
  open_refs jsonb not null default '[]',
  revoked_at timestamptz not null default now(),
  told_at timestamptz,
  created_at timestamptz not null default now()
);
