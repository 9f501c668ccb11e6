/**
 * One listening connection for several named channels: each handler hears its own channel,
 * only from other processes, only once the sender's transaction commits; the connection
 * comes back after the server drops it; nothing is heard after `close()`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { createLogger } from '../logging/logger.js';
import {
  createPgNotifications,
  LISTENER_APPLICATION_NAME,
  notify,
  type PgNotifications,
} from './pg-notifications.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

function listener(options: { reconnectDelayMs?: number } = {}): PgNotifications {
  return createPgNotifications({
    connectionString: testDb.url,
    logger: createLogger('silent'),
    processTag: 'this-process',
    ...options,
  });
}

/** Waits until `check` holds, at most `ms`; the caller asserts. */
async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL notifications', () => {
  it("hears each channel's payloads from other processes only, on commit", async () => {
    const notifications = listener();
    const heard: string[] = [];
    notifications.listen('careline_test_a', (payload) => heard.push(`a:${payload}`));
    notifications.listen('careline_test_b', (payload) => heard.push(`b:${payload}`));
    try {
      await notifications.ready;
      await testDb.db.transaction().execute(async (trx) => {
        await notify(trx, 'careline_test_a', 'one:with:colons', 'other-process');
        await notifications.notify(trx, 'careline_test_a', 'own');
        await notify(trx, 'careline_test_b', 'two', 'other-process');
        await notify(trx, 'careline_test_unheard', 'three', 'other-process');
        await pause(150);
        expect(heard).toEqual([]);
      });
      await waitFor(() => heard.length >= 2);
      await pause(100);
      expect(heard).toEqual(['a:one:with:colons', 'b:two']);
    } finally {
      await notifications.close();
    }
  });

  it('hears nothing of a transaction that rolls back', async () => {
    const notifications = listener();
    const heard: string[] = [];
    notifications.listen('careline_test_a', (payload) => heard.push(payload));
    try {
      await notifications.ready;
      await expect(
        testDb.db.transaction().execute(async (trx) => {
          await notify(trx, 'careline_test_a', 'rolled back', 'other-process');
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await notify(testDb.db, 'careline_test_a', 'committed', 'other-process');
      await waitFor(() => heard.length > 0);
      await pause(100);
      expect(heard).toEqual(['committed']);
    } finally {
      await notifications.close();
    }
  });

  it('listens on a channel named after it connected', async () => {
    const notifications = listener();
    try {
      await notifications.ready;
      const heard: string[] = [];
      notifications.listen('careline_test_late', (payload) => heard.push(payload));
      await notifications.ready;
      await notify(testDb.db, 'careline_test_late', 'late', 'other-process');
      await waitFor(() => heard.length > 0);
      expect(heard).toEqual(['late']);
    } finally {
      await notifications.close();
    }
  });

  it('reconnects and listens again after the server drops the connection', async () => {
    const notifications = listener({ reconnectDelayMs: 50 });
    const heard: string[] = [];
    notifications.listen('careline_test_a', (payload) => heard.push(payload));
    try {
      await notifications.ready;
      const dropped = await sql<{ done: boolean }>`
        select pg_terminate_backend(pid) as done from pg_stat_activity
        where datname = current_database() and application_name = ${LISTENER_APPLICATION_NAME}
      `.execute(testDb.db);
      expect(dropped.rows).toEqual([{ done: true }]);

      // Sent until one arrives: those sent while it is reconnecting are lost, by design.
      for (let i = 0; i < 100 && heard.length === 0; i++) {
        await notify(testDb.db, 'careline_test_a', 'after', 'other-process');
        await pause(50);
      }
      expect(heard[0]).toBe('after');
    } finally {
      await notifications.close();
    }
  });

  it('calls no handler after close, and stops calling one that unsubscribed', async () => {
    const notifications = listener();
    const heard: string[] = [];
    const stop = notifications.listen('careline_test_a', (payload) => heard.push(`a:${payload}`));
    notifications.listen('careline_test_b', (payload) => heard.push(`b:${payload}`));
    await notifications.ready;
    stop();
    await notify(testDb.db, 'careline_test_a', 'unsubscribed', 'other-process');
    await notify(testDb.db, 'careline_test_b', 'subscribed', 'other-process');
    await waitFor(() => heard.length > 0);
    await notifications.close();
    await notify(testDb.db, 'careline_test_b', 'closed', 'other-process');
    await pause(150);
    expect(heard).toEqual(['b:subscribed']);
  });

  it('refuses a channel name that is not a lower-case identifier', async () => {
    const notifications = listener();
    try {
      expect(() => notifications.listen('Robert"); drop table people; --', () => {})).toThrow(
        /lower-case identifier/,
      );
    } finally {
      await notifications.close();
    }
  });
});
