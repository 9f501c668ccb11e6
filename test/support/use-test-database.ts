/**
 * The one database a test file works on: created and migrated before the file's first test,
 * dropped after its last, so a test file says `const database = useTestDatabase()` instead
 * of its own beforeAll / afterAll pair.
 */
import { afterAll, beforeAll } from '@jest/globals';
import type { Db } from '../../src/storage/database.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** This test file's database; `db` may be read from a beforeAll hook on, not before. */
export interface TestDatabaseHandle {
  readonly db: Db;
}

/**
 * Registers the hooks that create this file's database (see test-database.ts) and drop it
 * again. Call once, at the top level of a test file, before any hook that reads `db`.
 */
export function useTestDatabase(): TestDatabaseHandle {
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  return {
    get db(): Db {
      if (!database) throw new Error('the test database is made in beforeAll: read db in a test');
      return database.db;
    },
  };
}
