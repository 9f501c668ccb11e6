/**
 * Sending to Telegram through the outbox, against the fake Bot API server: waiting out a
 * 429, retrying a 5xx, giving up on a person who blocked the bot (and never sending to them
 * again), and splitting a reply longer than one Telegram message.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Db } from '../../src/storage/database.js';
import { enqueueOutbound } from '../../src/storage/outbox.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import {
  BLOCKED_BY_USER,
  FakeTelegramServer,
  SERVER_ERROR,
  tooManyRequests,
} from './testing/fake-telegram-server.js';
import { startTelegramTestApp, type TelegramTestApp } from './testing/telegram-test-app.js';
import { textUpdate } from './testing/update-builders.js';

let database: TestDatabase;
let fake: FakeTelegramServer;
let app: TelegramTestApp;
let nextUserId = 8_000_000;
let nextUpdateId = 1;
let nextKey = 1;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeTelegramServer.start();
  app = await startTelegramTestApp(database.db, { fake, publicUrl: 'https://example.org' });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await database?.drop();
});

/** A person who has said /start (so they have an identity) and read the greeting. */
async function greetedUser(): Promise<{ userId: number; personId: string }> {
  const user = { userId: ++nextUserId, languageCode: 'en' };
  await app.postUpdate(textUpdate(nextUpdateId++, user, '/start'));
  await app.settle();
  const identity = await identityOf(database.db, user.userId);
  return { userId: user.userId, personId: identity!.person_id };
}

async function identityOf(db: Db, userId: number) {
  return db
    .selectFrom('channel_identities')
    .selectAll()
    .where('channel', '=', 'telegram')
    .where('external_id', '=', String(userId))
    .executeTakeFirst();
}

/** Queues a proactive message to the person, as a reminder or a staff reply would. */
async function queueMessage(personId: string, userId: number, payload: Record<string, unknown>) {
  const idempotencyKey = `test:telegram:${nextKey++}`;
  await enqueueOutbound(database.db, [
    {
      personId,
      channel: 'telegram',
      address: {
        channelId: 'telegram',
        conversationId: String(userId),
        userId: String(userId),
        serviceUrl: fake.apiRoot,
      },
      payload: { type: 'message', ...payload },
      idempotencyKey,
    },
  ]);
  return idempotencyKey;
}

async function outboxRow(idempotencyKey: string) {
  return database.db
    .selectFrom('outbox')
    .select(['status', 'last_error', 'attempts'])
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirstOrThrow();
}

async function waitForStatus(idempotencyKey: string, status: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await outboxRow(idempotencyKey);
    if (row.status === status) return row;
    if (Date.now() > deadline) throw new Error(`outbox row still ${row.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Telegram sender', () => {
  it('waits retry_after after a 429 before sending to that chat again, then delivers', async () => {
    const { userId, personId } = await greetedUser();
    fake.failNext('sendMessage', tooManyRequests(1), { chatId: String(userId) });
    const before = fake.messagesTo(userId).length;

    const key = await queueMessage(personId, userId, { text: 'Time for your check-in.' });
    const row = await waitForStatus(key, 'delivered');

    const [refused, delivered] = fake.messagesTo(userId).slice(before);
    expect(refused!.params.text).toBe('Time for your check-in.');
    expect(delivered!.params.text).toBe('Time for your check-in.');
    expect(delivered!.at - refused!.at).toBeGreaterThanOrEqual(1000);
    expect(row.attempts).toBe(2);
  });

  it('retries after a 5xx', async () => {
    const { userId, personId } = await greetedUser();
    fake.failNext('sendMessage', SERVER_ERROR, { chatId: String(userId) });

    const key = await queueMessage(personId, userId, { text: 'Hello again.' });
    await waitForStatus(key, 'delivered');

    expect(
      fake
        .messagesTo(userId)
        .slice(-2)
        .map((c) => c.params.text),
    ).toEqual(['Hello again.', 'Hello again.']);
  });

  it('marks a person who blocked the bot unreachable and sends them nothing more', async () => {
    const { userId, personId } = await greetedUser();
    fake.failNext('sendMessage', BLOCKED_BY_USER, { chatId: String(userId) });

    const key = await queueMessage(personId, userId, { text: 'Your reminder.' });
    expect(await waitForStatus(key, 'failed')).toMatchObject({ last_error: 'blocked' });
    const identity = await identityOf(database.db, userId);
    expect(identity!.unreachable_at).toBeInstanceOf(Date);
    expect(identity!.unreachable_reason).toBe('blocked');

    const sentBefore = fake.messagesTo(userId).length;
    const next = await queueMessage(personId, userId, { text: 'Another reminder.' });
    expect(await waitForStatus(next, 'failed')).toMatchObject({ last_error: 'unreachable' });
    expect(fake.messagesTo(userId)).toHaveLength(sentBefore);
  });

  it('makes a person reachable again when they write to the bot', async () => {
    const { userId, personId } = await greetedUser();
    fake.failNext('sendMessage', BLOCKED_BY_USER, { chatId: String(userId) });
    await waitForStatus(await queueMessage(personId, userId, { text: 'x' }), 'failed');

    await app.postUpdate(textUpdate(nextUpdateId++, { userId }, 'hello'));
    await app.settle();

    expect((await identityOf(database.db, userId))!.unreachable_at).toBeNull();
    expect(fake.messagesTo(userId).at(-1)!.params.text).toBeTruthy();
  });

  it('sends a 5,000-character reply as two messages, buttons on the second', async () => {
    const { userId, personId } = await greetedUser();
    const first = `${'Paragraph one. '.repeat(200).trim()}`;
    const second = `${'Paragraph two. '.repeat(134).trim()}`;
    const text = `${first}\n\n${second}`;
    expect(text.length).toBeGreaterThanOrEqual(5000);
    const before = fake.messagesTo(userId).length;

    const key = await queueMessage(personId, userId, {
      text,
      suggestedActions: { actions: [{ type: 'imBack', title: 'Menu', value: 'menu:show' }] },
    });
    await waitForStatus(key, 'delivered');

    const parts = fake.messagesTo(userId).slice(before);
    expect(parts.map((p) => p.params.text)).toEqual([first, second]);
    expect(parts[0]!.params.reply_markup).toBeUndefined();
    expect(parts[1]!.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Menu', callback_data: 'menu:show' }]],
    });
  });

  it('sends only the missing part when a long reply is retried after part one went out', async () => {
    const { userId, personId } = await greetedUser();
    const text = `${'a'.repeat(3000)}\n\n${'b'.repeat(3000)}`;
    fake.failNext('sendMessage', SERVER_ERROR, { chatId: String(userId), skip: 1 });
    const before = fake.messagesTo(userId).length;

    await waitForStatus(await queueMessage(personId, userId, { text }), 'delivered');

    const parts = fake.messagesTo(userId).slice(before);
    expect(parts.map((p) => String(p.params.text).slice(0, 3))).toEqual(['aaa', 'bbb', 'bbb']);
  });
});
