import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { areMigrationsApplied, migrate } from './migrator.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

describe('migrate', () => {
  it('applies each migration once, even when two processes start together', async () => {
    expect(await areMigrationsApplied(testDb.db)).toBe(true);
    const again = await Promise.all([migrate(testDb.db), migrate(testDb.db)]);
    expect(again).toEqual([[], []]);
  });
});
