/**
 * The whole process: health and readiness, restart with the embedded PostgreSQL keeping
 * data, and a bad configuration stopping start-up with a message naming the variable.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findFreePort } from '../test/support/free-port.mjs';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.js';
import { startCareLine, type CareLineApp } from './app.js';
import { loadConfig } from './config/config.js';
import { PROJECT_ROOT } from './paths.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'careline-app-'));
  await chmod(dir, 0o755);
  return dir;
}

describe('CareLine app', () => {
  let app: CareLineApp;

  beforeAll(async () => {
    const env = {
      DATABASE_URL: testDb.url,
      PORT: '0',
      DATA_DIR: await tempDir(),
      LOG_LEVEL: 'silent',
    };
    app = await startCareLine(loadConfig(env));
  });
  afterAll(() => app.stop());

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(new URL('/healthz', app.url));
    expect(health.status).toBe(200);
    const ready = await fetch(new URL('/readyz', app.url));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: 'reachable', migrations: 'applied' });
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await fetch(new URL('/no/such/route', app.url));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'NotFound', message: 'No such route.' },
    });
  });
});

describe('CareLine with the embedded PostgreSQL', () => {
  it('keeps its data across a restart', async () => {
    const dataDir = await tempDir();
    const port = String(await findFreePort());
    const env = { PORT: '0', DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: port, LOG_LEVEL: 'silent' };

    const first = await startCareLine(loadConfig(env));
    const person = await first.db
      .insertInto('people')
      .values({ locale: 'es' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await first.stop();

    const second = await startCareLine(loadConfig(env));
    try {
      const found = await second.db
        .selectFrom('people')
        .select('locale')
        .where('id', '=', person.id)
        .executeTakeFirst();
      expect(found).toEqual({ locale: 'es' });
    } finally {
      await second.stop();
    }
  });
});

describe('start-up with a bad configuration', () => {
  it('stops with one line naming the variable', async () => {
    const run = promisify(execFile);
    const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const failure = await run(tsx, ['src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: '', PORT: 'not-a-port' },
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(78);
    expect(failure?.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Invalid environment variable PORT: /),
    ]);
  });
});
