-- Mindscape: peer-support rooms, single-use tickets to enter one (each with the patient's
-- anonymous handle there), and messages reported for moderation. The messages themselves live in
-- each room's Durable Object. No foreign keys.

create table chat_rooms (
  id text primary key check (id ~ '^[a-z0-9-]{1,40}$'),
  name text not null,
  description text not null,
  rules text not null,
  position integer not null default 0
);

create table chat_tickets (
  id text primary key,
  patient_id uuid not null,
  room_id text not null,
  handle text not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index chat_tickets_expires_at_idx on chat_tickets (expires_at);

create table chat_reports (
  id uuid primary key,
  room_id text not null,
  message_id text not null,
  message_handle text not null,
  message_text text not null,
  reporter_handle text not null,
  reason text,
  created_at timestamptz not null default now(),
  constraint chat_reports_message_reporter_key unique (message_id, reporter_handle)
);
create index chat_reports_room_created_idx on chat_reports (room_id, created_at);

insert into chat_rooms (id, name, description, rules, position) values
  ('anxiety', 'Anxiety', 'For worry, panic and racing thoughts: share what helps and what is hard.', 'Be kind. No medical advice beyond your own experience. Do not share contact details. In an emergency call 112.', 1),
  ('stress', 'Stress', 'Work, exams, family, money: talk it through with people who understand.', 'Be kind. Listen before advising. Do not share contact details. In an emergency call 112.', 2),
  ('grief', 'Grief and loss', 'For anyone who has lost someone or something that mattered.', 'Be gentle. Every loss is different. Do not share contact details. In an emergency call 112.', 3),
  ('sleep', 'Sleep', 'Trouble falling or staying asleep: routines, worries, small wins.', 'Be kind. No medicine recommendations. Do not share contact details. In an emergency call 112.', 4),
  ('general', 'General support', 'Anything on your mind, with people who will listen.', 'Be kind and respectful. Do not share contact details. In an emergency call 112; Tele-MANAS 14416.', 5);
