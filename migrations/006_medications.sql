-- Medications a person takes, each dose occurrence and what became of it, and care links:
-- a caregiver linked to a patient, with what the patient lets them do and see.

create table medications (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id) on delete cascade,
  -- As the person wrote it, or the lexicon's spelling when recognized.
  name text not null,
  generic_name text,
  rxnorm_id text,
  recognized boolean not null,
  strength_value numeric,
  strength_unit text,
  dose_value numeric,
  dose_form text,
  route text,
  as_needed boolean not null default false,
  reason text,
  -- Local 'HH:mm' reminder times in the person's time zone, sorted.
  times_of_day text[] not null default '{}',
  every_hours int,
  days_of_week int[],
  cycle_days_on int,
  cycle_days_off int,
  start_date date not null,
  end_date date,
  paused_at timestamptz,
  added_by uuid references people (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (cycle_days_on is null or (cycle_days_on > 0 and cycle_days_off >= 0)),
  check (every_hours is null or every_hours between 1 and 24)
);
create index medications_person on medications (person_id);

-- One row per dose occurrence (medication, local date and time): the reminder's idempotency
-- key, so a re-run job or a second worker cannot remind twice.
create table doses (
  id bigserial primary key,
  medication_id uuid not null references medications (id) on delete cascade,
  person_id uuid not null references people (id) on delete cascade,
  occurrence_key text not null,
  due_at timestamptz not null,
  status text not null default 'open' check (status in ('open', 'taken', 'skipped', 'missed')),
  reminded_at timestamptz,
  snoozed_until timestamptz,
  followed_up_at timestamptz,
  resolved_at timestamptz,
  skip_reason text,
  unique (medication_id, occurrence_key)
);
create index doses_person_due on doses (person_id, due_at desc);
create index doses_open on doses (due_at) where status = 'open';

-- A caregiver linked to a patient. The patient decides what the caregiver may do.
create table care_links (
  patient_id uuid not null references people (id) on delete cascade,
  caregiver_id uuid not null references people (id) on delete cascade,
  can_manage_medications boolean not null default false,
  shares_adherence boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (patient_id, caregiver_id),
  check (patient_id <> caregiver_id)
);
create index care_links_caregiver on care_links (caregiver_id);

-- A patient's invitation for a caregiver, kept only as a keyed hash; single use.
create table care_invitations (
  id uuid primary key default gen_random_uuid(),
  patient_id uuid not null references people (id) on delete cascade,
  code_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index care_invitations_patient on care_invitations (patient_id);
