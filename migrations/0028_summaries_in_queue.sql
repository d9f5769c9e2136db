-- Record summaries are written by the queue (outbox kind summarise_records): POST answers 202 with
-- a pending summary, which ends ready (with its text) or failed (with the reason). No foreign keys.

alter table record_summaries
  alter column summary drop not null,
  alter column model drop not null,
  add column status text not null default 'ready' check (status in ('pending', 'ready', 'failed')),
  add column status_reason text,
  add column completed_at timestamptz;
