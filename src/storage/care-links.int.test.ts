/**
 * The care-link tables' own rules, against PostgreSQL: one hash per invitation, expired
 * invitations swept, spent ones kept with who spent them, one link per pair and none to
 * oneself.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import {
  deleteExpiredInvitations,
  findUnexpiredInvitation,
  hasCareLink,
  insertCareLink,
  insertInvitation,
  keepNewestInvitations,
  markInvitationUsed,
  selectCaregiversOf,
} from './care-links.js';
import { deletePersonRow, insertPerson } from './people.js';

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

  it('finds only unexpired invitations, and sweeps the expired ones', async () => {
    const patientId = await personId();
    const now = new Date();
    await insertInvitation(database.db, patientId, 'b'.repeat(64), new Date(now.getTime() - 1));
    await insertInvitation(database.db, patientId, 'c'.repeat(64), new Date(now.getTime() + 1));

    expect(await findUnexpiredInvitation(database.db, 'b'.repeat(64), now)).toBeUndefined();
    expect(await findUnexpiredInvitation(database.db, 'c'.repeat(64), now)).toMatchObject({
      patient_id: patientId,
      used_by: null,
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

describe('spent care invitations', () => {
  it('are kept with the caregiver who spent them, and go when that caregiver is deleted', async () => {
    const [patientId, caregiverId] = [await personId(), await personId()];
    const expiresAt = new Date(Date.now() + 60 * MINUTE_MS);
    const id = await insertInvitation(database.db, patientId, 'd'.repeat(64), expiresAt);
    await markInvitationUsed(database.db, id!, caregiverId);

    expect(await findUnexpiredInvitation(database.db, 'd'.repeat(64), new Date())).toEqual({
      id,
      patient_id: patientId,
      used_by: caregiverId,
    });
    await deletePersonRow(database.db, caregiverId);
    expect(await findUnexpiredInvitation(database.db, 'd'.repeat(64), new Date())).toBeUndefined();
  });

  it('do not count among the newest invitations a patient may keep', async () => {
    const patientId = await personId();
    const expiresAt = new Date(Date.now() + 60 * MINUTE_MS);
    const ids: Array<string | undefined> = [];
    for (const letter of ['e', 'f', 'g']) {
      ids.push(await insertInvitation(database.db, patientId, letter.repeat(64), expiresAt));
    }
    await markInvitationUsed(database.db, ids[2]!, await personId());

    await keepNewestInvitations(database.db, patientId, 2);
    const left = await database.db
      .selectFrom('care_invitations')
      .select('id')
      .where('patient_id', '=', patientId)
      .execute();
    expect(left.map((row) => row.id).sort()).toEqual([...ids].sort());

    await keepNewestInvitations(database.db, patientId, 1);
    const after = await database.db
      .selectFrom('care_invitations')
      .select('id')
      .where('patient_id', '=', patientId)
      .execute();
    expect(after.map((row) => row.id).sort()).toEqual([ids[1], ids[2]].sort());
  });
});

describe('care links', () => {
  it('links a pair once, sharing nothing', async () => {
    const [patientId, caregiverId] = [await personId(), await personId()];

    expect(await hasCareLink(database.db, patientId, caregiverId)).toBe(false);
    expect(await insertCareLink(database.db, patientId, caregiverId)).toBe(true);
    expect(await insertCareLink(database.db, patientId, caregiverId)).toBe(false);
    expect(await hasCareLink(database.db, patientId, caregiverId)).toBe(true);
    expect(await hasCareLink(database.db, caregiverId, patientId)).toBe(false);
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
