/**
 * Applies the SQL files in `migrations/` in name order, each once, each in its own
 * transaction. An advisory lock keeps two processes starting together from racing.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { MIGRATIONS_DIR } from '../paths.js';
import type { Db } from './database.js';

const MIGRATION_LOCK_ID = 4_242_001;

async function listMigrationFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((name) => name.endsWith('.sql')).sort();
}

/** Applies pending migrations and returns the names it applied. */
export async function migrate(db: Db, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const files = await listMigrationFiles(dir);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        name text primary key, applied_at timestamptz not null default now())`.execute(conn);
      const done = await sql<{ name: string }>`select name from schema_migrations`.execute(conn);
      const applied = new Set(done.rows.map((row) => row.name));
      const pending = files.filter((name) => !applied.has(name));
      for (const name of pending) {
        const body = await readFile(path.join(dir, name), 'utf8');
        await conn.transaction().execute(async (trx) => {
          await sql.raw(body).execute(trx);
          await sql`insert into schema_migrations (name) values (${name})`.execute(trx);
        });
      }
      return pending;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.execute(conn);
    }
  });
}

/** True when every file in `migrations/` has been applied. */
export async function areMigrationsApplied(db: Db, dir: string = MIGRATIONS_DIR): Promise<boolean> {
  const files = await listMigrationFiles(dir);
  try {
    const done = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
    const applied = new Set(done.rows.map((row) => row.name));
    return files.every((name) => applied.has(name));
  } catch {
    return false;
  }
}
