-- Turns of one conversation run one at a time and in order, whichever process received
-- them. Each inbox row names its conversation and, where the channel numbers its
-- deliveries (Telegram's update_id), its place in that order. A process runs a
-- conversation's waiting turns only while it holds the conversation's lease; a lease left
-- by a process that died expires, and another process takes the turns over.
alter table inbox add column conversation_key text;
alter table inbox add column sequence bigint;

update inbox
set conversation_key =
  channel || ':' || coalesce(payload -> 'activity' -> 'conversation' ->> 'id', external_id)
where status = 'received';

create index inbox_waiting_turns on inbox (conversation_key, sequence, id)
  where status = 'received';

create table conversation_leases (
  conversation_key text primary key,
  holder text not null,
  expires_at timestamptz not null
);
