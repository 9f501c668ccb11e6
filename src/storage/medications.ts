/**
 * The `medications` table: what each person takes and when. Rows are written only after
 * the person (or a caregiver they allowed) confirmed them; reminders are planned from them
 * elsewhere (src/medications/reminders).
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from './database.js';
import type { MedicationRow, MedicationsTable } from './schema.js';

/** A medication to insert; `id`, `created_at` and `updated_at` are filled in. */
export type NewMedication = Omit<Insertable<MedicationsTable>, 'id' | 'created_at' | 'updated_at'>;

/** The columns a change may set; the owner and who added it never change. */
export type MedicationPatch = Omit<
  Updateable<MedicationsTable>,
  'id' | 'person_id' | 'added_by' | 'created_at' | 'updated_at'
>;

/** Inserts a medication and returns the stored row. */
export async function insertMedication(db: Db, medication: NewMedication): Promise<MedicationRow> {
  return db.insertInto('medications').values(medication).returningAll().executeTakeFirstOrThrow();
}

/** Changes a medication; returns the new row, or undefined when there is no such row. */
export async function updateMedication(
  db: Db,
  id: string,
  patch: MedicationPatch,
): Promise<MedicationRow | undefined> {
  return db
    .updateTable('medications')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** The medication with this id, or undefined. */
export async function findMedication(db: Db, id: string): Promise<MedicationRow | undefined> {
  if (!isUuid(id)) return undefined;

  return db.selectFrom('medications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's medications, oldest first (the order they are listed in). */
export async function listMedicationsOf(db: Db, personId: string): Promise<MedicationRow[]> {
  return db
    .selectFrom('medications')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Deletes a medication (its doses go with it); false when there was no such row. */
export async function deleteMedication(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('medications').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/**
 * Pauses a medication from `at` on; a medication already paused keeps its first pause
 * time. Returns the row, or undefined when there is no such row.
 */
export async function pauseMedication(
  db: Db,
  id: string,
  at: Date,
): Promise<MedicationRow | undefined> {
  return db
    .updateTable('medications')
    .set((eb) => ({ paused_at: eb.fn.coalesce('paused_at', eb.val(at)), updated_at: at }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Resumes a paused medication; returns the row, or undefined when there is no such row. */
export async function resumeMedication(db: Db, id: string): Promise<MedicationRow | undefined> {
  return db
    .updateTable('medications')
    .set({ paused_at: null, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Ids arrive from button values a person can also type; a malformed one is "not found",
// not a database error.
function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
