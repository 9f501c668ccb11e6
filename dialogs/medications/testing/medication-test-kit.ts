/**
 * Test helpers for the medication dialogs: synthetic medications, doses and care links
 * written straight to the database, and the rows a test checks afterwards.
 */
import { DateTime } from 'luxon';
import { insertMedication, type NewMedication } from '../../../src/storage/medications.js';
import type { Db } from '../../../src/storage/database.js';
import type { DoseStatus, MedicationRow } from '../../../src/storage/schema.js';

/** Today's date in `timeZone`, 'yyyy-mm-dd'. */
export function todayIn(timeZone: string): string {
  return DateTime.now().setZone(timeZone).toISODate()!;
}

/** A daily 09:00 medication for `personId`, with `overrides`. */
export async function seedMedication(
  db: Db,
  personId: string,
  overrides: Partial<NewMedication> = {},
): Promise<MedicationRow> {
  return insertMedication(db, {
    person_id: personId,
    name: 'letrozole',
    generic_name: 'letrozole',
    rxnorm_id: '72965',
    recognized: true,
    strength_value: 2.5,
    strength_unit: 'mg',
    times_of_day: ['09:00'],
    start_date: '2027-01-01',
    added_by: personId,
    ...overrides,
  });
}

/** A dose of `medication` due at `dueAt` with `status` (open by default); returns its id. */
export async function seedDose(
  db: Db,
  medication: Pick<MedicationRow, 'id' | 'person_id'>,
  dueAt: Date,
  status: DoseStatus = 'open',
): Promise<string> {
  const row = await db
    .insertInto('doses')
    .values({
      medication_id: medication.id,
      person_id: medication.person_id,
      occurrence_key: dueAt.toISOString().slice(0, 16),
      due_at: dueAt,
      status,
      resolved_at: status === 'open' ? null : dueAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The dose row with this id. */
export async function doseOf(db: Db, doseId: string) {
  return db.selectFrom('doses').selectAll().where('id', '=', doseId).executeTakeFirstOrThrow();
}

/** Links a caregiver to a patient with the given permissions. */
export async function linkCaregiver(
  db: Db,
  patientId: string,
  caregiverId: string,
  permissions: { manage?: boolean; seeAdherence?: boolean } = {},
): Promise<void> {
  await db
    .insertInto('care_links')
    .values({
      patient_id: patientId,
      caregiver_id: caregiverId,
      can_manage_medications: permissions.manage ?? false,
      shares_adherence: permissions.seeAdherence ?? false,
    })
    .execute();
}

/** A person's medications, oldest first. */
export async function medicationsOf(db: Db, personId: string): Promise<MedicationRow[]> {
  return db
    .selectFrom('medications')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute();
}
