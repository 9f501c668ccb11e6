/**
 * Starts one embedded PostgreSQL for the whole test run, or uses DATABASE_URL when set.
 * Each test file then creates its own database on it (see `test-database.ts`).
 * Plain JavaScript because jest loads global setup outside its TypeScript transform;
 * tsx loads our TypeScript module so there is one way to start the server.
 */
import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { findFreePort } from './free-port.mjs';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.CARELINE_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }

  const { startEmbeddedPostgres } = await tsImport(
    '../../src/storage/embedded-postgres.ts',
    import.meta.url,
  );
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'careline-test-pg-'));
  // As root, PostgreSQL runs as a 'postgres' user, who must be able to enter this folder.
  await chmod(dataDir, 0o755);
  const port = await findFreePort();
  const server = await startEmbeddedPostgres({ dataDir, port, database: 'postgres' });
  globalThis.__CARELINE_PG__ = server;
  process.env.CARELINE_TEST_ADMIN_URL = server.url;
}
