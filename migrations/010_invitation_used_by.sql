-- Who spent a care invitation. A spent invitation is kept, marked with the caregiver who
-- used it, until it expires and is swept, instead of being deleted: a turn run again after
-- a state conflict finds the code spent by that same caregiver and can answer "joined"
-- again. For anyone else a spent code stays as dead as a wrong one.
--
-- `on delete cascade`, not `set null`: a null `used_by` means unspent, so erasing the
-- caregiver must not bring their spent code back to life.
alter table care_invitations
  add column used_by uuid references people (id) on delete cascade;

-- Erasing a person looks up the invitations they spent.
create index care_invitations_used_by on care_invitations (used_by) where used_by is not null;
