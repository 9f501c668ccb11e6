/**
 * A fresh, migrated database per test file on the server the global setup provides.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrator.js';

export interface TestDatabase {
  db: Db;
  url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.CARELINE_TEST_ADMIN_URL;
  if (!url) throw new Error('CARELINE_TEST_ADMIN_URL is unset: run tests with `npm test`.');
  return url;
}

async function runAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates and migrates `careline_test_<random>`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `careline_test_${randomBytes(6).toString('hex')}`;
  await runAdmin(`create database ${name}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString());
  await migrate(db);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.destroy();
      await runAdmin(`drop database if exists ${name} with (force)`);
    },
  };
}
