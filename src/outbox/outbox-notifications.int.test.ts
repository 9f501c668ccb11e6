import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { createLogger } from '../logging/logger.js';
import { createPgNotifications } from '../storage/pg-notifications.js';
import type { ChannelId } from '../storage/schema.js';
import { listenForOutbox, notifyOutboxQueued } from './outbox-notifications.js';
import { OutboxSignal } from './outbox-signal.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

describe('outbox notifications', () => {
  it("wakes this process for another process's rows once they commit, not its own", async () => {
    const signal = new OutboxSignal();
    const heard: ChannelId[] = [];
    signal.on('queued', (channel) => heard.push(channel));
    const notifications = createPgNotifications({
      connectionString: testDb.url,
      logger: createLogger('silent'),
    });
    listenForOutbox(notifications, signal);
    try {
      await notifications.ready;
      await testDb.db.transaction().execute(async (trx) => {
        await notifyOutboxQueued(trx, 'webchat');
        await notifyOutboxQueued(trx, 'webchat', 'another-process');
        await new Promise((r) => setTimeout(r, 200));
        expect(heard).toEqual([]);
      });
      await waitFor(() => heard.length > 0);
      await new Promise((r) => setTimeout(r, 100));
      expect(heard).toEqual(['webchat']);
    } finally {
      await notifications.close();
    }
  });
});
