/**
 * "How am I doing": a person's doses over the last 7 and 30 days and their current streak,
 * for the person themself or for a caregiver the patient lets see how it is going.
 */
import { mayActFor } from './medication-permissions.js';
import { timeZoneOf } from './medication-service.js';
import { summarizeAdherence, type AdherenceSummary } from './schedule/adherence-summary.js';
import type { Db } from '../storage/database.js';
import { doseRecordOf, listDosesSince } from '../storage/doses.js';
import { listMedicationsOf } from '../storage/medications.js';
import { findPerson } from '../storage/people.js';
import type { MedicationRow } from '../storage/schema.js';

/** How much dose history the summary reads, in days: the 30-day window and a long streak. */
export const ADHERENCE_HISTORY_DAYS = 120;

const MS_PER_DAY = 86_400_000;

/** The summary, with the medications its per-medication counts refer to. */
export type AdherenceReport =
  | { kind: 'report'; summary: AdherenceSummary; medications: MedicationRow[] }
  | { kind: 'not_allowed' }
  | { kind: 'not_found' };

/**
 * Summarizes the patient's doses as of `now` in the patient's zone, when `actorId` is the
 * patient or a caregiver they share adherence with.
 */
export async function reportAdherence(
  db: Db,
  request: { actorId: string; patientId: string; now: Date },
): Promise<AdherenceReport> {
  const { actorId, patientId, now } = request;
  if (!(await mayActFor(db, actorId, patientId, 'see_adherence'))) return { kind: 'not_allowed' };
  const patient = await findPerson(db, patientId);
  if (!patient) return { kind: 'not_found' };

  const since = new Date(now.getTime() - ADHERENCE_HISTORY_DAYS * MS_PER_DAY);
  const doses = await listDosesSince(db, patientId, since);
  const summary = summarizeAdherence(doses.map(doseRecordOf), now, timeZoneOf(patient));
  return { kind: 'report', summary, medications: await listMedicationsOf(db, patientId) };
}
