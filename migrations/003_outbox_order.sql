-- Strict order per conversation: a conversation's later outbox rows are not claimed while an
-- earlier one is still pending or being sent (for example waiting out a rate limit), so a
-- person never reads replies out of order, whatever retries happen.
alter table outbox add column address_key text;
update outbox set address_key = channel || ':' || coalesce(address ->> 'conversationId', address::text);
alter table outbox alter column address_key set not null;
create index outbox_address_order on outbox (channel, address_key, id)
  where status in ('pending', 'sending');
