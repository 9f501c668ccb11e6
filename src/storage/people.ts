/**
 * People: a patient or caregiver, whichever channels they use.
 */
import type { Updateable } from 'kysely';
import type { Db } from './database.js';
import type { PeopleTable, Person } from './schema.js';

export type PersonPatch = Omit<Updateable<PeopleTable>, 'id' | 'created_at' | 'updated_at'>;

/** The person with this id, or undefined. */
export async function findPerson(db: Db, personId: string): Promise<Person | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
}

/** Creates a person with only a locale; onboarding fills in the rest. */
export async function insertPerson(db: Db, locale: string): Promise<Person> {
  return db.insertInto('people').values({ locale }).returningAll().executeTakeFirstOrThrow();
}

/** Applies `patch` and returns the updated person. */
export async function updatePerson(db: Db, personId: string, patch: PersonPatch): Promise<Person> {
  return db
    .updateTable('people')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', personId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes the person; their identities, conversations, consents and queue rows cascade. */
export async function deletePersonRow(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('people').where('id', '=', personId).execute();
}
