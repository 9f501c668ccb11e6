/**
 * Streams across processes: two apps on one database, each with its own PostgreSQL
 * notifications, stand for two processes; only A runs an outbox dispatcher. A reply
 * delivered by process A's sender, and a message posted to process A, reach a stream open on
 * process B at once, although B's safety-net re-read is set to a minute: only a notification
 * can bring them in time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WebSocket } from 'ws';
import { createLogger } from '../../src/logging/logger.js';
import { createPgNotifications, type PgNotifications } from '../../src/storage/pg-notifications.js';
import type { OutboxRow } from '../../src/storage/schema.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import {
  startWebchatTestApp,
  TEST_SECRET,
  type WebchatTestApp,
} from './testing/webchat-test-app.js';

/** Far longer than any wait below, so the re-read cannot be what delivers. */
const SAFETY_NET_MS = 60_000;
/** "At once": generous for a loaded CI machine, and still a twelfth of the re-read interval. */
const DELIVERY_DEADLINE_MS = 5_000;

interface Activity {
  id: string;
  text?: string;
  from: { id: string };
}

let testDb: TestDatabase;
let notificationsA: PgNotifications;
let notificationsB: PgNotifications;
let appA: WebchatTestApp;
let appB: WebchatTestApp;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const logger = createLogger('silent');
  const connectionString = testDb.url;
  notificationsA = createPgNotifications({ connectionString, logger, processTag: 'process-a' });
  notificationsB = createPgNotifications({ connectionString, logger, processTag: 'process-b' });
  appA = await startWebchatTestApp(testDb.db, {
    notifications: notificationsA,
    streamPollIntervalMs: SAFETY_NET_MS,
  });
  appB = await startWebchatTestApp(testDb.db, {
    notifications: notificationsB,
    streamPollIntervalMs: SAFETY_NET_MS,
    dispatchOutbox: false,
  });
  await Promise.all([notificationsA.ready, notificationsB.ready]);
});

afterAll(async () => {
  await appA?.stop();
  await appB?.stop();
  await notificationsA?.close();
  await notificationsB?.close();
  await testDb?.drop();
});

/** A conversation started on process A, greeted, and a stream of it open on process B. */
async function conversationStreamedOnB() {
  const response = await fetch(`${appA.api}/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_SECRET}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const { conversationId, token, streamUrl } = (await response.json()) as Record<string, string>;
  await Promise.all([appA.settle(), appB.settle()]);

  const ws = new WebSocket(streamUrl!.replace(wsOrigin(appA), wsOrigin(appB)));
  const activities: Activity[] = [];
  ws.on('message', (data) => {
    activities.push(...(JSON.parse(data.toString()) as { activities: Activity[] }).activities);
  });
  await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
  await arrival(() => activities.length > 0);
  return { conversationId: conversationId!, token: token!, ws, activities };
}

function wsOrigin(app: WebchatTestApp): string {
  return app.baseUrl.replace(/^http/, 'ws');
}

/** Resolves once `check` holds; fails the test if it does not within the deadline. */
async function arrival(check: () => boolean): Promise<void> {
  const deadline = Date.now() + DELIVERY_DEADLINE_MS;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

function replyRow(conversationId: string, text: string): OutboxRow {
  return {
    id: '900001',
    person_id: null,
    channel: 'webchat',
    address: { channelId: 'webchat', conversationId, serviceUrl: 'http://x' },
    address_key: `webchat:${conversationId}`,
    payload: { type: 'message', text },
    status: 'sending',
    attempts: 1,
    next_attempt_at: new Date(),
    last_error: null,
    idempotency_key: `cross-process:${conversationId}`,
    created_at: new Date(),
    delivered_at: null,
    hold_until: null,
    delivery_status: null,
    delivery_error_code: null,
  };
}

describe('streams across processes', () => {
  it("pushes a reply delivered by process A's sender to a stream on process B", async () => {
    const { conversationId, ws, activities } = await conversationStreamedOnB();
    const sentAt = Date.now();

    await appA.channel.sender.send(replyRow(conversationId, 'Delivered by process A'));

    await arrival(() => activities.some((a) => a.text === 'Delivered by process A'));
    expect(Date.now() - sentAt).toBeLessThan(DELIVERY_DEADLINE_MS);
    ws.close();
  });

  it('pushes a message posted to process A to a stream on process B', async () => {
    const { conversationId, token, ws, activities } = await conversationStreamedOnB();

    const posted = await fetch(`${appA.api}/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'posted to process A' }),
    });
    const { id } = (await posted.json()) as { id: string };

    await arrival(() => activities.some((a) => a.id === id));
    ws.close();
    await Promise.all([appA.settle(), appB.settle()]);
  });
});
