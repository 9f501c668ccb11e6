import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { isDatabaseReachable, openDatabase } from './database.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

describe('openDatabase', () => {
  it('survives the server killing an idle connection, and reconnects', async () => {
    const lost: Error[] = [];
    const db = openDatabase(testDb.url, 2, (error) => lost.push(error));
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(testDb.db);
      const end = Date.now() + 3000;
      while (lost.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      expect(lost).toHaveLength(1);
      expect(await isDatabaseReachable(db)).toBe(true);
    } finally {
      await db.destroy();
    }
  });
});
