import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { CREATE_ONLY_ETAG, PostgresStorage, StateConflictError } from './bot-state-storage.js';

let testDb: TestDatabase;
let storage: PostgresStorage;

beforeAll(async () => {
  testDb = await createTestDatabase();
  storage = new PostgresStorage(testDb.db);
});
afterAll(() => testDb.drop());

describe('PostgresStorage', () => {
  it('round-trips JSON with an eTag and deletes', async () => {
    await storage.write({ a: { dialogStack: [{ id: 'x' }], note: 'zoë 😀' } });
    const read = await storage.read(['a', 'missing']);
    expect(read.a).toMatchObject({ dialogStack: [{ id: 'x' }], note: 'zoë 😀' });
    expect(typeof read.a.eTag).toBe('string');
    expect(read.missing).toBeUndefined();
    await storage.delete(['a']);
    expect(await storage.read(['a'])).toEqual({});
  });

  it('lets exactly one of two writes with the same eTag win', async () => {
    await storage.write({ race: { count: 0 } });
    const { race } = await storage.read(['race']);
    const writes = [1, 2].map((count) => storage.write({ race: { count, eTag: race.eTag } }));
    const results = await Promise.allSettled(writes);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(StateConflictError);
    const after = await storage.read(['race']);
    expect([1, 2]).toContain(after.race.count);
  });

  it('gives the written object its new eTag so a second save in one turn succeeds', async () => {
    await storage.write({ turn: { step: 1 } });
    const { turn } = await storage.read(['turn']);
    turn.step = 2;
    await storage.write({ turn });
    turn.step = 3;
    await storage.write({ turn });
    expect((await storage.read(['turn'])).turn.step).toBe(3);
  });

  it('creates a create-only item once: a second creator gets a conflict', async () => {
    const first = storage.write({ fresh: { by: 'a', eTag: CREATE_ONLY_ETAG } });
    const second = storage.write({ fresh: { by: 'b', eTag: CREATE_ONLY_ETAG } });
    const results = await Promise.allSettled([first, second]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('overwrites when the eTag is "*"', async () => {
    await storage.write({ forced: { v: 1 } });
    await storage.write({ forced: { v: 2, eTag: '*' } });
    expect((await storage.read(['forced'])).forced.v).toBe(2);
  });

  it('rejects a stale eTag for a key that no longer exists', async () => {
    await expect(storage.write({ gone: { v: 1, eTag: 'stale' } })).rejects.toBeInstanceOf(
      StateConflictError,
    );
  });
});
