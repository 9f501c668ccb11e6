/**
 * The care-link tables' own rules, against PostgreSQL: one hash per invitation, expired
 * invitations swept, one link per pair and none to oneself.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import {
  deleteExpiredInvitations,
  findLiveInvitation,
  insertCareLink,
  insertInvitation,
  selectCaregiversOf,
} from './care-links.js';
import { insertPerson } from './people.js';

const MINUTE_MS = 60_000;

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

async function personId(): Promise<string> {
  return (await insertPerson(database.db, 'en')).id;
}

describe('care invitations', () => {
  it('refuses a second invitation with the same hash', async () => {
    const expiresAt = new Date(Date.now() + 60 * MINUTE_MS);
    const first = await insertInvitation(database.db, await personId(), 'a'.repeat(64), expiresAt);
    const second = await insertInvitation(database.db, await personId(), 'a'.repeat(64), expiresAt);

    expect(first).toEqual(expect.any(String));
    expect(second).toBeUndefined();
  });

  it('finds only live invitations, and sweeps the expired ones', async () => {
    const patientId = await personId();
    const now = new Date();
    await insertInvitation(database.db, patientId, 'b'.repeat(64), new Date(now.getTime() - 1));
    await insertInvitation(database.db, patientId, 'c'.repeat(64), new Date(now.getTime() + 1));

    expect(await findLiveInvitation(database.db, 'b'.repeat(64), now)).toBeUndefined();
    expect(await findLiveInvitation(database.db, 'c'.repeat(64), now)).toMatchObject({
      patient_id: patientId,
    });

    await deleteExpiredInvitations(database.db, now);
    const left = await database.db
      .selectFrom('care_invitations')
      .select('code_hash')
      .where('patient_id', '=', patientId)
      .execute();
    expect(left).toEqual([{ code_hash: 'c'.repeat(64) }]);
  });
});

describe('care links', () => {
  it('links a pair once, sharing nothing', async () => {
    const [patientId, caregiverId] = [await personId(), await personId()];

    expect(await insertCareLink(database.db, patientId, caregiverId)).toBe(true);
    expect(await insertCareLink(database.db, patientId, caregiverId)).toBe(false);
    expect(await selectCaregiversOf(database.db, patientId)).toEqual([
      expect.objectContaining({
        id: caregiverId,
        can_manage_medications: false,
        shares_adherence: false,
      }),
    ]);
  });

  it('never links a person to themselves', async () => {
    const id = await personId();
    await expect(insertCareLink(database.db, id, id)).rejects.toThrow(/check constraint/);
  });
});
