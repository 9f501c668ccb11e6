-- Linking another channel to a person: one-time link codes (kept only as keyed hashes), the
-- key they are hashed with, and failed redemption attempts per redeeming channel identity.

-- One row: the HMAC key for link codes, made at random by the first process that needs it.
create table link_code_keys (
  id int primary key check (id = 1),
  secret bytea not null,
  created_at timestamptz not null default now()
);

-- A person's unused link code. Redeeming deletes the row, so a code works once; making a
-- new code deletes the person's earlier ones.
create table link_codes (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id) on delete cascade,
  code_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index link_codes_person on link_codes (person_id);
create index link_codes_expires on link_codes (expires_at);

-- Failed redemptions by one channel identity, counted in a sliding window.
create table link_attempts (
  id bigserial primary key,
  identity_id uuid not null references channel_identities (id) on delete cascade,
  failed_at timestamptz not null
);
create index link_attempts_identity on link_attempts (identity_id, failed_at);
