/**
 * The whole process: health and readiness, restart with the embedded PostgreSQL keeping
 * data, and a bad configuration stopping start-up with a message naming the variable.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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
    expect(await ready.json()).toMatchObject({
      database: 'reachable',
      migrations: 'applied',
      // No AWS region or credentials here: health text stays on this machine.
      medicalTextAnalyzer: 'offline',
    });
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

describe('graceful shutdown', () => {
  it('finishes an in-flight turn before closing the database', async () => {
    const secret = 'shutdown-test-secret-0123456789abcdef';
    const env = {
      DATABASE_URL: testDb.url,
      PORT: '0',
      DATA_DIR: await tempDir(),
      LOG_LEVEL: 'silent',
      DIRECT_LINE_SECRET: secret,
    };
    const app = await startCareLine(loadConfig(env));
    const api = new URL('/v3/directline/', app.url);
    const post = async (path: string, bearer: string, body: unknown) => {
      const response = await fetch(new URL(path, api), {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Record<string, string>;
    };
    const { token, conversationId } = await post('tokens/generate', secret, {});
    const { id } = await post(`conversations/${conversationId}/activities`, token!, {
      type: 'message',
      text: 'hello',
    });

    await app.stop();

    const inbox = await testDb.db
      .selectFrom('inbox')
      .select(['status'])
      .where('external_id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(inbox.status).toBe('processed');
    const replies = await testDb.db
      .selectFrom('outbox')
      .select('id')
      .where('idempotency_key', 'like', `turn:webchat:${id}:%`)
      .execute();
    expect(replies.length).toBeGreaterThan(0);
  });

  it('exits 0 on SIGTERM, stopping its embedded PostgreSQL last', async () => {
    // node itself (not the tsx wrapper) so the signal reaches CareLine's own handler.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: '',
        EMBEDDED_POSTGRES_PORT: String(await findFreePort()),
        PORT: '0',
        DATA_DIR: await tempDir(),
        LOG_LEVEL: 'silent',
      },
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('CareLine is running')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    expect(output).toMatch(/Open http:\/\/127\.0\.0\.1:\d+\/ to chat/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('stops cleanly on a SIGTERM during start-up, leaving no PostgreSQL running', async () => {
    const dataDir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: '',
        EMBEDDED_POSTGRES_PORT: String(await findFreePort()),
        PORT: '0',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
      },
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const before = output;
      output += chunk.toString();
      // The database is being started: the signal lands in the middle of start-up.
      if (!before.includes('starting embedded') && output.includes('starting embedded')) {
        child.kill('SIGTERM');
      }
    });

    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    expect(output).not.toContain('CareLine is running');
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});

describe('start-up with a bad configuration', () => {
  it('stops with one line naming the variable', async () => {
    const run = promisify(execFile);
    const failure = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
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
