/**
 * A person's answers to their dose reminders: taken, skipped (with an optional reason) or
 * snoozed, by button from any point of a conversation, and a late "took it" matched to the
 * most recent open dose. Only the person's own open doses can be answered.
 */
import type { ReminderScheduler } from './reminders/reminder-scheduler.js';
import type { Db } from '../storage/database.js';
import { findDose, findDoseForLateReply, resolveDose } from '../storage/doses.js';
import type { DoseRow } from '../storage/schema.js';

export interface DoseServiceDeps {
  db: Db;
  reminders: ReminderScheduler;
}

/** What became of an answer. */
export type DoseAnswerOutcome =
  | { kind: 'taken'; dose: DoseRow }
  | { kind: 'skipped'; dose: DoseRow }
  | { kind: 'snoozed'; dose: DoseRow; until: Date }
  /** Already answered, missed, or not this person's: nothing changed. */
  | { kind: 'not_open' };

/** The person's dose with this id while it is still open, or undefined. */
export async function findOpenDoseOf(
  db: Db,
  personId: string,
  doseId: string,
): Promise<DoseRow | undefined> {
  const dose = await findDose(db, doseId);
  return dose && dose.person_id === personId && dose.status === 'open' ? dose : undefined;
}

/** Records the dose as taken. */
export async function recordDoseTaken(
  db: Db,
  personId: string,
  doseId: string,
): Promise<DoseAnswerOutcome> {
  const dose = await findOpenDoseOf(db, personId, doseId);
  if (!dose || !(await resolveDose(db, dose.id, personId, 'taken'))) return { kind: 'not_open' };

  return { kind: 'taken', dose };
}

/** Records the dose as skipped, with the person's reason when they gave one. */
export async function recordDoseSkipped(
  db: Db,
  personId: string,
  doseId: string,
  reason?: string,
): Promise<DoseAnswerOutcome> {
  const dose = await findOpenDoseOf(db, personId, doseId);
  if (!dose || !(await resolveDose(db, dose.id, personId, 'skipped', reason))) {
    return { kind: 'not_open' };
  }
  return { kind: 'skipped', dose };
}

/** Asks the reminders engine to remind again about an open dose after the snooze interval. */
export async function snoozeDoseOf(
  deps: DoseServiceDeps,
  personId: string,
  doseId: string,
): Promise<DoseAnswerOutcome> {
  const dose = await findOpenDoseOf(deps.db, personId, doseId);
  if (!dose) return { kind: 'not_open' };

  return { kind: 'snoozed', dose, until: await deps.reminders.snoozeDose(dose.id) };
}

/**
 * A late "took it": the most recent open dose (see `findDoseForLateReply`) is recorded as
 * taken; 'not_open' when there is none.
 */
export async function recordLateDoseTaken(
  db: Db,
  personId: string,
  now: Date,
): Promise<DoseAnswerOutcome> {
  const dose = await findDoseForLateReply(db, personId, now);
  if (!dose) return { kind: 'not_open' };

  return recordDoseTaken(db, personId, dose.id);
}
