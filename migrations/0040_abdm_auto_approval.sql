-- The patient's answer to "let my own pulls through without asking each time" (ABDM's auto-approval
-- policy for our HIU): asked once (a row), switchable, ABDM's policy id once made. No foreign keys.
create table abdm_auto_approvals (
  patient_id uuid primary key,
  enabled boolean not null default false,
  policy_id text,
  updated_at timestamptz not null default now()
);
