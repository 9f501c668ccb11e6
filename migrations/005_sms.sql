-- SMS over Twilio: opt-out per phone number, quiet hours per person, the parts each outbox
-- row was sent as (with their delivery receipts), and the numbered options last offered to
-- each phone so a reply of "2" can be understood.

-- Set when the number texted STOP (or Twilio refused it as unsubscribed); cleared by START.
alter table channel_identities add column opted_out_at timestamptz;

-- Quiet hours in the person's time zone ('HH:mm'); null means CareLine's defaults.
alter table people add column quiet_hours_start text;
alter table people add column quiet_hours_end text;
-- Off by default: texts never name a diagnosis or drug unless the person asked for that.
alter table people add column sms_health_details boolean not null default false;

-- A non-urgent message held by quiet hours takes no part in its conversation's order until
-- then, so a reply sent now is not stuck behind a reminder held until the morning.
alter table outbox add column hold_until timestamptz;
-- The latest delivery receipt for the row (for SMS, from Twilio's status callback).
alter table outbox add column delivery_status text;
alter table outbox add column delivery_error_code text;

-- One row per SMS an outbox row was sent as (long texts go as several). A retried row sends
-- only the parts not yet accepted by Twilio.
create table sms_parts (
  outbox_id bigint not null references outbox (id) on delete cascade,
  part int not null,
  message_sid text unique,
  from_number text not null,
  segments int not null,
  status text not null,
  error_code text,
  updated_at timestamptz not null default now(),
  primary key (outbox_id, part)
);

-- The numbered options last texted to a phone: "Reply 1 for ...". Replaced on each send.
create table sms_offered_options (
  identity_id uuid primary key references channel_identities (id) on delete cascade,
  options jsonb not null,
  offered_at timestamptz not null default now()
);
