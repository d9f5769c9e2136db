-- ABHA login by mobile: ABDM lists every ABHA address on the number; the person picks the one to
-- sign in and may add the others as profiles of that account. Between the OTP and the choice, the
-- challenge keeps ABDM's list and its short-lived transfer token (sealed with ABDM_TOKENS_KEY), and
-- a hash of the choice token we gave the app. No foreign keys.

alter table otp_challenges drop constraint otp_challenges_channel_check;
alter table otp_challenges add constraint otp_challenges_channel_check
  check (channel in ('phone', 'email', 'abha_number', 'abha_address', 'abha_mobile'));
-- The addresses ABDM listed: [{abhaAddress, name, abhaNumber, kycVerified}].
alter table otp_challenges add column abha_accounts jsonb;
-- ABDM's transfer token (T-token), sealed; cleared once the choice is made.
alter table otp_challenges add column abha_transfer_token text;
-- SHA-256 of the choice token the app holds, until when it may choose, and when it did.
alter table otp_challenges add column choice_hash text;
alter table otp_challenges add column choice_expires_at timestamptz;
alter table otp_challenges add column chosen_at timestamptz;
create unique index otp_challenges_choice_key on otp_challenges (choice_hash) where choice_hash is not null;

-- abha: another ABHA account on the mobile the manager logged in with, added at that login.
alter table profile_managers drop constraint profile_managers_kind_check;
alter table profile_managers add constraint profile_managers_kind_check check (kind in ('dependant', 'invited', 'abha'));

-- News of a management (made, accepted, ended) is between that manager and the profile: it is no
-- longer copied to the profile's other managers ("Ramesh Verma: Asha Verma now manages your profile").
create or replace function copy_notifications_to_managers() returns trigger language plpgsql as $$
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
  where n.subject_id is null and n.type <> 'profile_management_changed'
  on conflict (patient_id, dedupe_key) where dedupe_key is not null do nothing;
  return null;
end $$;
