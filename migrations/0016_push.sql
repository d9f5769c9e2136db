-- Push notifications (FCM): the patient's language, their devices, their preferences, and each
-- notification's way to the phone — a shard of the push queue (by patient), a state, when it may
-- go (quiet hours hold it), its urgency; one delivery row per notification and device, so that no
-- device gets a notification twice.
alter table patients add column language text not null default 'en' check (language in ('en', 'hi'));

create table devices (
  id uuid primary key,
  patient_id uuid not null,
  platform text not null check (platform in ('android', 'ios')),
  -- The FCM registration token: a secret (never logged, never answered whole).
  push_token text not null,
  app_version text,
  locale text,
  created_at timestamptz(3) not null default now(),
  last_registered_at timestamptz not null default now()
);
-- A token belongs to one device, of one patient: registering it elsewhere moves it.
create unique index devices_push_token_key on devices (push_token);
create index devices_patient_idx on devices (patient_id, last_registered_at desc);
-- FCM treats a token not refreshed for 270 days as stale: housekeeping drops those devices.
create index devices_stale_idx on devices (last_registered_at);

create table notification_preferences (
  patient_id uuid primary key,
  -- Notification types the patient does not want pushed (critical ones cannot be turned off).
  push_off text[] not null default '{}',
  -- Quiet hours in the patient's time zone (both or neither); may wrap midnight (22:00–07:00).
  quiet_start time,
  quiet_end time,
  updated_at timestamptz not null default now(),
  check ((quiet_start is null) = (quiet_end is null))
);

alter table notifications
  add column priority text not null default 'normal' check (priority in ('critical', 'high', 'normal')),
  add column push_state text not null default 'pending' check (push_state in ('pending', 'held', 'done', 'skipped', 'failed')),
  add column push_shard smallint not null default 0 check (push_shard between 0 and 63),
  add column push_after timestamptz not null default now(),
  add column push_attempts integer not null default 0,
  add column push_locked_until timestamptz,
  add column push_note text;
-- What existed before push is not pushed now.
update notifications set push_state = 'done', push_note = 'before push notifications';
-- The push consumer's claim (a shard's due rows) and the sweeper's look for due shards.
create index notifications_push_due_idx on notifications (push_shard, push_after) where push_state in ('pending', 'held');

create table push_deliveries (
  notification_id uuid not null,
  device_id uuid not null,
  -- sending: claimed before the call (a retry never sends it again); sent; failed (FCM refused);
  -- unknown (no answer: perhaps delivered, never sent again).
  status text not null check (status in ('sending', 'sent', 'failed', 'unknown')),
  fcm_message text,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (notification_id, device_id)
);
-- Housekeeping drops rows past every notification's TTL (the longest is 7 days).
create index push_deliveries_created_idx on push_deliveries (created_at);

alter table vital_thresholds add column message_hi text;
update vital_thresholds set message_hi = case id
  when 'bp.crisis_systolic' then 'ब्लड प्रेशर बहुत ज़्यादा (ऊपर का 180 या अधिक)'
  when 'bp.crisis_diastolic' then 'ब्लड प्रेशर बहुत ज़्यादा (नीचे का 120 या अधिक)'
  when 'bp.low' then 'ब्लड प्रेशर कम (ऊपर का 90 से कम)'
  when 'pulse.high' then 'नब्ज़ बहुत तेज़ (आराम में 130 प्रति मिनट से अधिक)'
  when 'pulse.low' then 'नब्ज़ बहुत धीमी (40 प्रति मिनट से कम)'
  when 'spo2.low' then 'ऑक्सीजन 90 % से कम'
  when 'temperature.high' then '39.5 °C या उससे अधिक बुखार'
  when 'temperature.low' then 'शरीर का तापमान 35 °C से कम'
  when 'glucose.low' then 'ब्लड शुगर 70 mg/dL से कम'
  when 'glucose.high' then 'ब्लड शुगर 300 mg/dL से अधिक'
  when 'glucose_random.low' then 'ब्लड शुगर 70 mg/dL से कम'
  when 'glucose_random.high' then 'ब्लड शुगर 300 mg/dL से अधिक'
  when 'glucose_post_meal.low' then 'ब्लड शुगर 70 mg/dL से कम'
  when 'glucose_post_meal.high' then 'ब्लड शुगर 300 mg/dL से अधिक'
  else message end;
alter table vital_thresholds alter column message_hi set not null;
