/**
 * The web chat sender: a reply becomes a bot activity in the conversation's transcript and
 * open streams are told; an unknown conversation is a permanent failure; a row retried
 * after a crash mid-delivery is not shown twice.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeliveryError } from '../../src/outbox/delivery-error.js';
import type { OutboxRow } from '../../src/storage/schema.js';
import {
  appendActivity,
  createWebchatConversation,
  listActivitiesAfter,
} from '../../src/storage/webchat-transcripts.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { TranscriptNotifier } from './transcript-notifier.js';
import { createWebchatSender } from './webchat-sender.js';

const NOW_MS = Date.UTC(2026, 4, 2, 10, 30, 0);

let testDb: TestDatabase;
let nextConversation = 0;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb?.drop();
});

function outboxRow(
  conversationId: unknown,
  payload: Record<string, unknown>,
  attempts = 1,
): OutboxRow {
  return {
    id: String(1000 + nextConversation),
    person_id: null,
    channel: 'webchat',
    address: { channelId: 'webchat', conversationId, userId: 'u_reader', serviceUrl: 'http://x' },
    address_key: `webchat:${String(conversationId)}`,
    payload,
    status: 'sending',
    attempts,
    next_attempt_at: new Date(),
    last_error: null,
    idempotency_key: `test:${nextConversation}`,
    created_at: new Date(),
    delivered_at: null,
    hold_until: null,
    delivery_status: null,
    delivery_error_code: null,
  };
}

async function newConversation(): Promise<string> {
  const id = `sender-test-${++nextConversation}`;
  await createWebchatConversation(testDb.db, id, 'u_reader');
  return id;
}

function senderWith(notifier = new TranscriptNotifier()) {
  return createWebchatSender({ db: testDb.db, notifier, now: () => NOW_MS });
}

describe('webchat sender', () => {
  it('appends the reply as from the bot and tells the conversation’s streams', async () => {
    const conversationId = await newConversation();
    const userMessage = await appendActivity(testDb.db, conversationId, {
      type: 'message',
      text: 'hi',
    });
    const notifier = new TranscriptNotifier();
    const told: string[] = [];
    notifier.subscribe(conversationId, () => told.push(conversationId));

    await senderWith(notifier).send(
      outboxRow(conversationId, {
        type: 'message',
        id: 'adapter-uuid',
        text: 'Hello!',
        from: { id: 'someone' },
        recipient: { id: 'u_reader' },
        conversation: { id: 'elsewhere' },
        replyToId: userMessage!.activity.id,
        inputHint: 'expectingInput',
      }),
    );

    const [, reply] = await listActivitiesAfter(testDb.db, conversationId, 0);
    expect(reply!.activity).toEqual({
      type: 'message',
      id: `${conversationId}|0000002`,
      text: 'Hello!',
      inputHint: 'expectingInput',
      textFormat: 'plain',
      channelId: 'webchat',
      timestamp: new Date(NOW_MS).toISOString(),
      from: { id: 'careline', name: 'CareLine', role: 'bot' },
      recipient: { id: 'u_reader', role: 'user' },
      conversation: { id: conversationId },
      replyToId: userMessage!.activity.id,
      channelData: { 'careline:outboxId': expect.any(String) },
    });
    expect(told).toEqual([conversationId]);
  });

  it('drops a replyToId outside the transcript (Web Chat would wait for it)', async () => {
    const conversationId = await newConversation();
    await senderWith().send(
      outboxRow(conversationId, {
        type: 'message',
        text: 'Welcome',
        replyToId: `${conversationId}:joined`,
      }),
    );

    const [entry] = await listActivitiesAfter(testDb.db, conversationId, 0);
    expect(entry!.activity).not.toHaveProperty('replyToId');
  });

  it('fails permanently for an unknown conversation', async () => {
    const send = senderWith().send(
      outboxRow('no-such-conversation', { type: 'message', text: 'x' }),
    );
    await expect(send).rejects.toEqual(expect.any(DeliveryError));
    await expect(send).rejects.toMatchObject({
      kind: 'permanent',
      reason: 'conversation_not_found',
    });
  });

  it('fails permanently for a row without a conversation', async () => {
    const send = senderWith().send(outboxRow(undefined, { type: 'message', text: 'x' }));
    await expect(send).rejects.toMatchObject({
      kind: 'permanent',
      reason: 'conversation_not_found',
    });
  });

  it('does not append a retried row twice', async () => {
    const conversationId = await newConversation();
    const row = outboxRow(conversationId, { type: 'message', text: 'Once only' });
    await senderWith().send(row);
    await senderWith().send({ ...row, attempts: 2 });

    const entries = await listActivitiesAfter(testDb.db, conversationId, 0);
    expect(entries.map((e) => e.activity.text)).toEqual(['Once only']);
  });
});
