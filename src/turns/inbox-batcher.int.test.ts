import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { InboxBatcher } from './inbox-batcher.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

/** How many transactions wrote the inbox rows whose external id starts with `prefix`. */
async function transactionsThatWrote(prefix: string): Promise<number> {
  const { rows } = await sql<{ transactions: string }>`
    select count(distinct xmin::text)::text as transactions from inbox
    where external_id like ${`${prefix}%`}`.execute(testDb.db);
  return Number(rows[0]!.transactions);
}

describe('InboxBatcher', () => {
  it('records messages that arrive together in one statement, each once', async () => {
    const batcher = new InboxBatcher(testDb.db);
    const keys = Array.from({ length: 40 }, (_, i) => `together-${i}`);
    const ids = await Promise.all(keys.map((key) => batcher.record('telegram', key, { n: key })));

    expect(new Set(ids).size).toBe(40);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    const stored = await testDb.db
      .selectFrom('inbox')
      .select('external_id')
      .where('external_id', 'like', 'together-%')
      .execute();
    expect(stored).toHaveLength(40);
  });

  it('answers a re-delivery, in the same batch or a later one, with undefined', async () => {
    const batcher = new InboxBatcher(testDb.db);
    const [first, sameBatch] = await Promise.all([
      batcher.record('telegram', 'twice', {}),
      batcher.record('telegram', 'twice', {}),
    ]);
    const later = await batcher.record('telegram', 'twice', {});

    expect(typeof first).toBe('string');
    expect(sameBatch).toBeUndefined();
    expect(later).toBeUndefined();
  });

  it('keeps channels apart: the same external id on two channels is two messages', async () => {
    const batcher = new InboxBatcher(testDb.db);
    const ids = await Promise.all([
      batcher.record('telegram', 'shared-id', {}),
      batcher.record('sms', 'shared-id', {}),
    ]);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
  });

  it('shares commits between messages that arrive while a batch is committing', async () => {
    const batcher = new InboxBatcher(testDb.db);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => batcher.record('telegram', `gathered-${i}`, {})),
    );
    // The first arrival commits alone; everything that gathered behind it shares the next.
    expect(await transactionsThatWrote('gathered-')).toBe(2);
  });
});
