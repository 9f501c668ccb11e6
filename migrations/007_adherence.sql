-- Adherence: missed doses that cross the threshold alert the patient's caregivers who share
-- adherence, or else open an escalation for staff. Each crossing is recorded once, so a
-- re-run sweep or a second worker cannot alert twice.

alter table escalations drop constraint escalations_reason_check;
alter table escalations add constraint escalations_reason_check
  check (reason in ('crisis', 'medical_emergency', 'human_requested', 'missed_doses'));

-- One row per crossing of the missed-dose threshold. The crossing dose is the missed dose
-- that reached the count; later alerts only count doses due after `through_due_at`. No
-- foreign key to doses: the record outlives a deleted medication's dose history.
create table adherence_alerts (
  patient_id uuid not null references people (id) on delete cascade,
  crossing_dose_id bigint not null,
  through_due_at timestamptz not null,
  missed_count int not null,
  -- 'caregivers' when at least one caregiver was told, else 'staff'.
  notified text not null check (notified in ('caregivers', 'staff')),
  created_at timestamptz not null default now(),
  primary key (patient_id, crossing_dose_id)
);
create index adherence_alerts_latest on adherence_alerts (patient_id, through_due_at desc);

-- The sweep asks, for each open dose, whether a later dose of the same medication is due.
create index doses_medication_due on doses (medication_id, due_at);
