-- Answering a dose early, or pausing or changing a medication, withdraws its reminders that
-- are prepared and still held, matching their idempotency keys by prefix (LIKE 'x%'). The
-- unique index on the key serves a prefix match only under the C collation; this one serves
-- it under any, and holds only held rows, so it stays small.
create index outbox_held_keys on outbox (idempotency_key text_pattern_ops)
  where status = 'pending' and hold_until is not null;
