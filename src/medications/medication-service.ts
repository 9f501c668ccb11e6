/**
 * Adding, changing, pausing, resuming and deleting a person's medications, by the person
 * or by a caregiver the patient allowed to manage them. A medication is saved only once it
 * has no problems (they are returned to be asked about); every saved change (re)plans its
 * reminders and is audited with ids only.
 */
import type { MedicationUnderstanding } from './analysis/medical-text-analyzer.js';
import { medicationColumns } from './medication-record.js';
import { mayActFor } from './medication-permissions.js';
import { findMedicationProblems, type MedicationProblem } from './medication-validation.js';
import type { ReminderScheduler } from './reminders/reminder-scheduler.js';
import { localDateOf } from './schedule/local-time.js';
import { scheduleFromUnderstanding } from './schedule/schedule-from-understanding.js';
import { writeAudit } from '../storage/audit.js';
import type { Db } from '../storage/database.js';
import {
  deleteMedication,
  findMedication,
  insertMedication,
  listMedicationsOf,
  pauseMedication,
  resumeMedication,
  updateMedication,
} from '../storage/medications.js';
import { withdrawHeldFollowUps } from '../storage/doses.js';
import { findPerson } from '../storage/people.js';
import type { MedicationRow, Person } from '../storage/schema.js';

/**
 * The zone used for a person who has not told CareLine where they are.
 * TODO: ask for the place when a medication is added for a patient without one (a
 * caregiver cannot answer for them); until then their reminders follow UTC.
 */
export const FALLBACK_TIME_ZONE = 'UTC';

/** What the medication service needs. */
export interface MedicationServiceDeps {
  db: Db;
  reminders: ReminderScheduler;
}

/** Who acts on whose medication, and when. */
export interface MedicationRequest {
  /** The person acting: the patient, or a caregiver. */
  actorId: string;
  now: Date;
}

/** What became of a save or a change. */
export type SaveOutcome =
  | { kind: 'saved'; medication: MedicationRow }
  | { kind: 'problems'; problems: MedicationProblem[] }
  | { kind: 'not_allowed' }
  | { kind: 'not_found' };

/** What became of a pause, resume or deletion. */
export type ActionOutcome =
  { kind: 'done'; medication: MedicationRow } | { kind: 'not_allowed' } | { kind: 'not_found' };

/** The zone a person's reminders and calendar days follow. */
export function timeZoneOf(person: Pick<Person, 'time_zone'>): string {
  return person.time_zone ?? FALLBACK_TIME_ZONE;
}

/** Today's local date ('yyyy-mm-dd') for the person. */
export function todayOf(person: Pick<Person, 'time_zone'>, now: Date): string {
  return localDateOf(now, timeZoneOf(person));
}

/**
 * Saves a confirmed medication for `patientId` (starting today in the patient's zone
 * unless it says otherwise) and plans its reminders. Nothing is saved when the actor may
 * not manage the patient's medications or the medication still has problems.
 */
export async function addMedication(
  deps: MedicationServiceDeps,
  request: MedicationRequest & { patientId: string; medication: MedicationUnderstanding },
): Promise<SaveOutcome> {
  const { db } = deps;
  const { actorId, patientId, now } = request;
  if (!(await mayActFor(db, actorId, patientId, 'manage_medications'))) {
    return { kind: 'not_allowed' };
  }
  const patient = await findPerson(db, patientId);
  if (!patient) return { kind: 'not_found' };
  const prepared = prepare(request.medication, patient, now);
  if (prepared.kind === 'problems') return prepared;

  const medication = await insertMedication(db, {
    ...prepared.columns,
    person_id: patientId,
    added_by: actorId,
  });
  await audit(db, 'medication.added', actorId, medication);
  await deps.reminders.planMedication(medication.id);
  return { kind: 'saved', medication };
}

/** Replaces a saved medication with the confirmed `medication` and replans its reminders. */
export async function changeMedication(
  deps: MedicationServiceDeps,
  request: MedicationRequest & { medicationId: string; medication: MedicationUnderstanding },
): Promise<SaveOutcome> {
  const { db } = deps;
  const found = await findManageable(db, request.actorId, request.medicationId);
  if (found.kind !== 'done') return found;
  const patient = await findPerson(db, found.medication.person_id);
  if (!patient) return { kind: 'not_found' };
  const prepared = prepare(request.medication, patient, request.now);
  if (prepared.kind === 'problems') return prepared;

  const medication = await updateMedication(db, found.medication.id, prepared.columns);
  if (!medication) return { kind: 'not_found' };
  await audit(db, 'medication.changed', request.actorId, medication);
  await deps.reminders.planMedication(medication.id);
  return { kind: 'saved', medication };
}

/** Pauses (true) or resumes (false) a medication's reminders. */
export async function setMedicationPaused(
  deps: MedicationServiceDeps,
  request: MedicationRequest & { medicationId: string; paused: boolean },
): Promise<ActionOutcome> {
  const { db } = deps;
  const found = await findManageable(db, request.actorId, request.medicationId);
  if (found.kind !== 'done') return found;

  const id = found.medication.id;
  const medication = request.paused
    ? await pauseMedication(db, id, request.now)
    : await resumeMedication(db, id);
  if (!medication) return { kind: 'not_found' };
  await audit(
    db,
    request.paused ? 'medication.paused' : 'medication.resumed',
    request.actorId,
    medication,
  );
  await deps.reminders.planMedication(id);
  return { kind: 'done', medication };
}

/** Deletes a medication with its dose history and drops its future reminders. */
export async function removeMedication(
  deps: MedicationServiceDeps,
  request: MedicationRequest & { medicationId: string },
): Promise<ActionOutcome> {
  const { db } = deps;
  const found = await findManageable(db, request.actorId, request.medicationId);
  if (found.kind !== 'done') return found;

  const deleted = await db.transaction().execute(async (trx) => {
    await withdrawHeldFollowUps(trx, found.medication.id);
    return deleteMedication(trx, found.medication.id);
  });
  if (!deleted) return { kind: 'not_found' };
  await audit(db, 'medication.deleted', request.actorId, found.medication);
  await deps.reminders.cancelMedication(found.medication.id);
  return found;
}

/** The patient's medications, or undefined when the actor may not manage them. */
export async function listMedicationsFor(
  db: Db,
  actorId: string,
  patientId: string,
): Promise<MedicationRow[] | undefined> {
  if (!(await mayActFor(db, actorId, patientId, 'manage_medications'))) return undefined;

  return listMedicationsOf(db, patientId);
}

/** The medication, when it exists and the actor may manage it. */
export async function findManageable(
  db: Db,
  actorId: string,
  medicationId: string,
): Promise<ActionOutcome> {
  const medication = await findMedication(db, medicationId);
  if (!medication) return { kind: 'not_found' };
  if (!(await mayActFor(db, actorId, medication.person_id, 'manage_medications'))) {
    return { kind: 'not_allowed' };
  }
  return { kind: 'done', medication };
}

type Prepared =
  | { kind: 'ready'; columns: ReturnType<typeof medicationColumns> }
  | { kind: 'problems'; problems: MedicationProblem[] };

/** The medication's columns in the patient's zone, or its problems. */
function prepare(medication: MedicationUnderstanding, patient: Person, now: Date): Prepared {
  const timeZone = timeZoneOf(patient);
  const today = localDateOf(now, timeZone);
  const dated = { ...medication, startDate: medication.startDate ?? today };
  const problems = findMedicationProblems(dated);
  if (problems.length > 0) return { kind: 'problems', problems };

  const schedule = scheduleFromUnderstanding(dated, { timeZone, today });
  return { kind: 'ready', columns: medicationColumns(dated, schedule) };
}

async function audit(db: Db, action: string, actorId: string, medication: MedicationRow) {
  const byCaregiver = actorId !== medication.person_id;
  await writeAudit(db, {
    actor: byCaregiver ? 'caregiver' : 'person',
    action,
    personId: medication.person_id,
    details: { medicationId: medication.id, ...(byCaregiver && { caregiverId: actorId }) },
  });
}
