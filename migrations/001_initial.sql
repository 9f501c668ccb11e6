-- The foundation: people and how they reach us, consents, the inbox and outbox that make
-- delivery exactly-once, botbuilder state, escalations, the audit trail, and web chat's
-- Direct Line transcripts.

create table people (
  id uuid primary key default gen_random_uuid(),
  role text check (role in ('patient', 'caregiver')),
  display_name text,
  locale text not null default 'en',
  time_zone text,
  cancer_type text,
  region text,
  preferred_channel text,
  onboarded_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One row per way a person reaches us: a web chat user id, a Telegram chat, a phone number.
create table channel_identities (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id) on delete cascade,
  channel text not null,
  external_id text not null,
  unreachable_at timestamptz,
  unreachable_reason text,
  created_at timestamptz not null default now(),
  unique (channel, external_id)
);
create index channel_identities_person on channel_identities (person_id);

-- A conversation on one channel. held_by_staff_at is set while staff have taken it over.
create table conversations (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id) on delete cascade,
  channel text not null,
  external_id text not null,
  address jsonb not null,
  held_by_staff_at timestamptz,
  created_at timestamptz not null default now(),
  unique (channel, external_id)
);
create index conversations_person on conversations (person_id);

create table consents (
  id bigserial primary key,
  person_id uuid not null references people (id) on delete cascade,
  kind text not null,
  notice_version text not null,
  decision text not null check (decision in ('given', 'declined', 'withdrawn')),
  decided_at timestamptz not null default now()
);
create index consents_person on consents (person_id, kind, decided_at desc);

-- Every inbound message, recorded before it is processed. The payload is kept only until
-- the turn has run, so a crash can be recovered without keeping message text for ever.
create table inbox (
  id bigserial primary key,
  channel text not null,
  external_id text not null,
  status text not null default 'received' check (status in ('received', 'processed', 'failed')),
  payload jsonb,
  attempts int not null default 0,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  unique (channel, external_id)
);
create index inbox_unprocessed on inbox (received_at) where status = 'received';

-- Every outbound message. The idempotency key says what the message is for (a turn's nth
-- reply, a dose's reminder), so a retried turn or job cannot queue it twice.
create table outbox (
  id bigserial primary key,
  person_id uuid references people (id) on delete cascade,
  channel text not null,
  address jsonb not null,
  payload jsonb not null,
  status text not null default 'pending'
    check (status in ('pending', 'sending', 'delivered', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  idempotency_key text not null unique,
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index outbox_due on outbox (channel, next_attempt_at, id) where status in ('pending', 'sending');

-- botbuilder conversation and user state, with an eTag for optimistic concurrency.
create table bot_state (
  key text primary key,
  data jsonb not null,
  etag text not null,
  updated_at timestamptz not null default now()
);

create table escalations (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id) on delete cascade,
  conversation_id uuid references conversations (id) on delete cascade,
  reason text not null check (reason in ('crisis', 'medical_emergency', 'human_requested')),
  status text not null default 'open' check (status in ('open', 'claimed', 'closed')),
  created_at timestamptz not null default now(),
  closed_at timestamptz
);
create index escalations_open on escalations (created_at) where status = 'open';

-- Messages that arrived while staff held the conversation: the staff console reads these.
create table staff_queue (
  id bigserial primary key,
  conversation_id uuid not null references conversations (id) on delete cascade,
  person_id uuid not null references people (id) on delete cascade,
  text text not null,
  received_at timestamptz not null default now(),
  seen_at timestamptz
);

-- Who did what to whom. Never holds message text or health details, and outlives the
-- person it is about (so person_id is not a foreign key).
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,
  action text not null,
  person_id uuid,
  details jsonb not null default '{}'
);

-- Direct Line: a web chat conversation, its user, and its transcript by watermark.
create table webchat_conversations (
  id text primary key,
  user_id text not null,
  last_seq bigint not null default 0,
  created_at timestamptz not null default now()
);
create index webchat_conversations_user on webchat_conversations (user_id);

create table webchat_activities (
  conversation_id text not null references webchat_conversations (id) on delete cascade,
  seq bigint not null,
  activity jsonb not null,
  created_at timestamptz not null default now(),
  primary key (conversation_id, seq)
);
