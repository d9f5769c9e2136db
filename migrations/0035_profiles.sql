-- Families on one phone: an account (a login) manages profiles — its own and its dependants'.
-- A child's profile is made by the adult who declares being the parent or guardian; another adult
-- is managed only after accepting an invitation in their own session (their phone or email proved
-- by OTP), and may end it at any time. A session switched into a profile carries the account that
-- acts (actor_id) and the management it acts under: ending the management ends those sessions.
-- Every write made for another profile is in profile_activity (actor and subject). Notifications of
-- a managed profile are copied to its managers, within what they may see (notification_area).
-- No foreign keys.

create table profile_managers (
  id uuid primary key,
  -- The account that manages (its own patient id) and the profile managed (null: an invitation not yet accepted).
  manager_id uuid not null,
  patient_id uuid,
  relationship text not null check (relationship in ('child', 'parent', 'spouse', 'sibling', 'grandparent', 'grandchild', 'other')),
  -- dependant: a profile the manager made (a child; no login of its own). invited: an adult who accepted.
  kind text not null check (kind in ('dependant', 'invited')),
  status text not null check (status in ('invited', 'active', 'declined', 'ended')),
  -- What the manager may see and do: any of appointments, medicines, records, vitals, profile.
  permissions text[] not null,
  -- A child's profile: when the manager declared being the parent or guardian (the account is manager_id).
  guardian_declared_at timestamptz,
  -- An invitation: to whom (a phone in E.164 or a lower-case email), until when.
  invited_channel text check (invited_channel in ('phone', 'email')),
  invited_identifier text,
  invite_expires_at timestamptz,
  -- When the managed person accepted (an invitation; or a child, once an adult, keeping the management).
  accepted_at timestamptz,
  ended_at timestamptz,
  ended_by uuid,
  ended_reason text check (ended_reason in ('stopped_by_manager', 'ended_by_patient', 'came_of_age', 'account_erased')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index profile_managers_manager_idx on profile_managers (manager_id, created_at) where status in ('invited', 'active');
create index profile_managers_patient_idx on profile_managers (patient_id) where status in ('invited', 'active');
create index profile_managers_invited_idx on profile_managers (invited_identifier) where status = 'invited';
-- One open invitation per account and person invited.
create unique index profile_managers_invitation_key on profile_managers (manager_id, invited_identifier) where status = 'invited';
create index profile_managers_dependants_idx on profile_managers (created_at) where status = 'active' and kind = 'dependant' and accepted_at is null;
-- One live management per account and profile.
create unique index profile_managers_pair_key on profile_managers (manager_id, patient_id) where status = 'active';

-- A session switched into a profile: the account acting, the management it acts under.
alter table auth_sessions add column actor_id uuid;
alter table auth_sessions add column management_id uuid;
create index auth_sessions_management_idx on auth_sessions (management_id) where management_id is not null;
create index auth_sessions_actor_idx on auth_sessions (actor_id) where actor_id is not null;

-- Writes made by one account for another profile.
create table profile_activity (
  id uuid primary key,
  -- The profile written to (the subject) and the account that wrote (the actor).
  patient_id uuid not null,
  actor_id uuid not null,
  management_id uuid not null,
  operation text not null,
  method text not null,
  path text not null,
  status smallint not null,
  created_at timestamptz(3) not null default now()
);
create index profile_activity_patient_created_idx on profile_activity (patient_id, created_at desc, id desc);

-- A manager's copy of a managed profile's notification names that profile.
alter table notifications add column subject_id uuid;

-- What a notification type is about, as the managers' permissions name it (a test pins the area of
-- every kind in src/core/notification-kinds.ts).
create function notification_area(type text) returns text language sql immutable as $$
  select case
    when type like 'medication%' or type like 'medicine%' then 'medicines'
    when type like 'vital%' then 'vitals'
    when type like 'profile%' then 'profile'
    when type like 'appointment%' or type like 'triage%' or type like 'symptom%' or type like 'ambulance%' or type like 'care%' then 'appointments'
    when type = 'lab_results_ready' then 'records'
    when type like 'lab%' then 'appointments'
    else 'records'
  end
$$;

-- Copies of a managed profile's new notifications for each of its managers who may see them, named
-- with the profile's name; once (the dedupe key names the original). Copies are not copied again.
create function copy_notifications_to_managers() returns trigger language plpgsql as $$
begin
  -- The copies' own insert fires this again (a statement trigger fires for no rows too): stop there.
  if not exists (select 1 from changed_rows where subject_id is null) then
    return null;
  end if;
  insert into notifications (id, patient_id, subject_id, type, title, body, link, dedupe_key, priority, push_shard)
  select gen_random_uuid(), m.manager_id, n.patient_id, n.type,
         left(coalesce(nullif(p.name, ''), 'Family member') || ': ' || n.title, 300), n.body, n.link,
         'managed:' || n.id::text, n.priority, (get_byte(uuid_send(m.manager_id), 0) % 64)::smallint
  from changed_rows n
  join profile_managers m on m.patient_id = n.patient_id and m.status = 'active'
    and (m.kind = 'dependant' or notification_area(n.type) = any (m.permissions))
  join patients p on p.id = n.patient_id
  where n.subject_id is null
  on conflict (patient_id, dedupe_key) where dedupe_key is not null do nothing;
  return null;
end $$;
create trigger notifications_copy_to_managers after insert on notifications referencing new table as changed_rows
  for each statement execute function copy_notifications_to_managers();

-- Erasure (migration 0025) also ends what the erased account managed, its sessions as another
-- profile, and the copies of the erased profile's notifications in its managers' inboxes.
create or replace function erase_patient(p uuid) returns integer language plpgsql as $$
declare
  t record;
  n integer;
  total integer := 0;
begin
  -- What hangs off the patient's rows, before those rows go.
  delete from refresh_tokens where session_id in (select id from auth_sessions where patient_id = p or actor_id = p);
  get diagnostics n = row_count; total := total + n;
  delete from auth_sessions where actor_id = p;
  get diagnostics n = row_count; total := total + n;
  -- A child's profile that nobody else manages (and with no login of its own) follows its manager:
  -- due for erasure at once, by the same hourly run (its files and hospitals too).
  update patients set erase_requested_at = coalesce(erase_requested_at, now()), erase_at = coalesce(erase_at, now())
  where id in (select m.patient_id from profile_managers m where m.manager_id = p and m.kind = 'dependant' and m.status = 'active'
      and not exists (select 1 from profile_managers o where o.patient_id = m.patient_id and o.manager_id <> p and o.status = 'active')
      and not exists (select 1 from patient_identities i where i.patient_id = m.patient_id));
  delete from profile_managers where manager_id = p;
  get diagnostics n = row_count; total := total + n;
  delete from push_deliveries where notification_id in (select id from notifications where patient_id = p or subject_id = p)
    or device_id in (select id from devices where patient_id = p);
  get diagnostics n = row_count; total := total + n;
  delete from notifications where subject_id = p;
  get diagnostics n = row_count; total := total + n;
  delete from otp_challenges where identifier in (select identifier from patient_identities where patient_id = p);
  get diagnostics n = row_count; total := total + n;
  delete from dev_outbox where recipient in (select identifier from patient_identities where patient_id = p);
  get diagnostics n = row_count; total := total + n;
  -- Outbox jobs about the patient or any of their rows (every table with a patient_id and a uuid id).
  delete from outbox where subject_id = p;
  get diagnostics n = row_count; total := total + n;
  for t in
    select c.table_name from information_schema.columns c
    where c.table_schema = current_schema() and c.column_name = 'patient_id'
      and exists (select 1 from information_schema.columns i
                  where i.table_schema = c.table_schema and i.table_name = c.table_name and i.column_name = 'id' and i.data_type = 'uuid')
  loop
    execute format('delete from outbox where subject_id in (select id from %I where patient_id = $1)', t.table_name) using p;
    get diagnostics n = row_count; total := total + n;
  end loop;
  -- Every table with a patient_id, the change feed last (the deletes above and below note changes in it).
  for t in
    select c.table_name from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
    where c.table_schema = current_schema() and c.column_name = 'patient_id' and c.table_name <> 'patient_changes'
      and c.table_name <> 'erased_accounts'
  loop
    execute format('delete from %I where patient_id = $1', t.table_name) using p;
    get diagnostics n = row_count; total := total + n;
  end loop;
  delete from patients where id = p;
  get diagnostics n = row_count; total := total + n;
  delete from patient_changes where patient_id = p;
  return total;
end $$;
