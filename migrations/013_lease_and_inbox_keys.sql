-- Conversation leases are throwaway: after a crash they would only expire. Like the rate
-- limits, they need no write-ahead log, so taking and giving one back costs no disk flush.
alter table conversation_leases set unlogged;

-- A processed message no longer needs its conversation key, which for SMS is the person's
-- number; it is now cleared with the payload. Clear it on the rows processed before.
update inbox set conversation_key = null where status = 'processed';
