import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { createLogger } from '../logging/logger.js';
import { enqueueOutbound } from '../storage/outbox.js';
import type { OutboxRow } from '../storage/schema.js';
import { DeliveryError } from './delivery-error.js';
import { OutboxDispatcher, type ChannelSender } from './outbox-dispatcher.js';
import { OutboxSignal } from './outbox-signal.js';

let testDb: TestDatabase;
let dispatchers: OutboxDispatcher[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(dispatchers.map((d) => d.stop()));
  dispatchers = [];
  await testDb.db.deleteFrom('outbox').execute();
});
afterAll(() => testDb.drop());

/** A sender that answers each attempt from a script, and records what it was given. */
function scriptedSender(script: Array<'ok' | DeliveryError>): ChannelSender & { sent: string[] } {
  const sent: string[] = [];
  return {
    channel: 'webchat',
    sent,
    async send(row: OutboxRow) {
      const next = script.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      sent.push(String(row.payload.text));
    },
  };
}

function startDispatcher(sender: ChannelSender, signal = new OutboxSignal()) {
  const dispatcher = new OutboxDispatcher({
    db: testDb.db,
    sender,
    signal,
    logger: createLogger('silent'),
    pollIntervalMs: 20,
    baseBackoffMs: 30,
    leaseMs: 200,
    maxAttempts: 3,
  });
  dispatchers.push(dispatcher);
  dispatcher.start();
  return dispatcher;
}

async function queue(texts: string[], prefix: string) {
  await enqueueOutbound(
    testDb.db,
    texts.map((text, i) => ({
      personId: null,
      channel: 'webchat' as const,
      address: { conversationId: 'c' },
      payload: { type: 'message', text },
      idempotencyKey: `${prefix}:${i}`,
    })),
  );
}

async function statusOf(key: string) {
  return testDb.db
    .selectFrom('outbox')
    .select(['status', 'attempts', 'last_error'])
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
}

async function until(check: () => Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('OutboxDispatcher', () => {
  it('delivers in order and drops a duplicate idempotency key', async () => {
    const sender = scriptedSender([]);
    await queue(['one', 'two', 'three'], 'order');
    await queue(['one again'], 'order');
    startDispatcher(sender);
    await until(async () => (await statusOf('order:2')).status === 'delivered');
    expect(sender.sent).toEqual(['one', 'two', 'three']);
  });

  it('retries a transient failure with backoff, then delivers', async () => {
    const sender = scriptedSender([new DeliveryError('transient', 'http_503'), 'ok']);
    await queue(['hello'], 'transient');
    startDispatcher(sender);
    await until(async () => (await statusOf('transient:0')).status === 'delivered');
    expect(await statusOf('transient:0')).toMatchObject({ attempts: 2, last_error: null });
    expect(sender.sent).toEqual(['hello']);
  });

  it('never retries a permanent failure', async () => {
    const sender = scriptedSender([new DeliveryError('permanent', 'blocked')]);
    await queue(['hello'], 'permanent');
    startDispatcher(sender);
    await until(async () => (await statusOf('permanent:0')).status === 'failed');
    await new Promise((r) => setTimeout(r, 150));
    expect(await statusOf('permanent:0')).toMatchObject({ attempts: 1, last_error: 'blocked' });
    expect(sender.sent).toEqual([]);
  });

  it('gives up after the maximum attempts', async () => {
    const failing = () => new DeliveryError('transient', 'timeout');
    const sender = scriptedSender([failing(), failing(), failing(), 'ok']);
    await queue(['hello'], 'exhausted');
    startDispatcher(sender);
    await until(async () => (await statusOf('exhausted:0')).status === 'failed');
    expect(await statusOf('exhausted:0')).toMatchObject({ attempts: 3, last_error: 'timeout' });
  });

  it('waits as long as a rate limit asks', async () => {
    const sender = scriptedSender([new DeliveryError('rate_limited', 'http_429', 400), 'ok']);
    await queue(['hello'], 'limited');
    const started = Date.now();
    startDispatcher(sender);
    await until(async () => (await statusOf('limited:0')).status === 'delivered');
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('delivers each row once when two dispatchers drain together', async () => {
    const sender = scriptedSender([]);
    const texts = Array.from({ length: 60 }, (_, i) => `m${i}`);
    await queue(texts, 'pair');
    startDispatcher(sender);
    startDispatcher(sender);
    await until(async () => (await statusOf('pair:59')).status === 'delivered');
    await until(async () => sender.sent.length === 60);
    expect(new Set(sender.sent).size).toBe(60);
  });

  it('keeps each conversation in order while a slow one does not hold up the others', async () => {
    const sent: string[] = [];
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    const sender: ChannelSender = {
      channel: 'webchat',
      async send(row) {
        if (row.payload.text === 'slow-1') await slowGate;
        sent.push(String(row.payload.text));
      },
    };
    const rows = [
      ['slow', 'slow-1'],
      ['fast', 'fast-1'],
      ['slow', 'slow-2'],
      ['fast', 'fast-2'],
    ];
    await enqueueOutbound(
      testDb.db,
      rows.map(([conversationId, text], i) => ({
        personId: null,
        channel: 'webchat' as const,
        address: { conversationId },
        payload: { type: 'message', text },
        idempotencyKey: `lanes:${i}`,
      })),
    );
    startDispatcher(sender);
    await until(async () => sent.length === 2);
    expect(sent).toEqual(['fast-1', 'fast-2']);
    releaseSlow();
    await until(async () => sent.length === 4);
    expect(sent).toEqual(['fast-1', 'fast-2', 'slow-1', 'slow-2']);
  });

  it("never lets a conversation's later reply overtake one waiting for a retry", async () => {
    const sender = scriptedSender([new DeliveryError('rate_limited', 'http_429', 300)]);
    await queue(['first', 'second'], 'overtake');
    startDispatcher(sender);
    await until(async () => (await statusOf('overtake:1')).status === 'delivered');
    expect(sender.sent).toEqual(['first', 'second']);
  });

  it('re-claims a row whose dispatcher died mid-send once its lease ends', async () => {
    await queue(['orphan'], 'lease');
    await testDb.db
      .updateTable('outbox')
      .set({ status: 'sending', attempts: 1, next_attempt_at: new Date(Date.now() + 150) })
      .execute();
    const sender = scriptedSender([]);
    startDispatcher(sender);
    await until(async () => (await statusOf('lease:0')).status === 'delivered');
    expect(sender.sent).toEqual(['orphan']);
  });
});
