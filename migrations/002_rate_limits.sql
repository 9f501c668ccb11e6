-- Rate-limit counters shared by every process (rate-limiter-flexible's PostgreSQL store).
-- A key is a limit's name and what it counts, e.g. `webchat_new_session:<hashed address>`;
-- points are the events counted in the window that ends at `expire` (ms since the epoch).
-- The columns are the store's own; it deletes rows an hour after they expire.
-- Unlogged: counters are not worth a durable commit on every message, and losing them in a
-- crash only resets the windows.
create unlogged table rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);
create index rate_limits_expire on rate_limits (expire);
