/**
 * The inbox and the conflict retry, with the real adapter and PostgreSQL state, and a
 * small counting bot so the assertions are about delivery, not dialogs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Activity, TurnContext } from 'botbuilder';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { CareLineAdapter } from '../bot/careline-adapter.js';
import { OptimisticConversationState } from '../bot/optimistic-conversation-state.js';
import { createLogger } from '../logging/logger.js';
import { OutboxSignal } from '../outbox/outbox-signal.js';
import { PostgresStorage } from '../storage/bot-state-storage.js';
import { TurnProcessor, type InboundMessage } from './turn-processor.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

/** A bot that counts messages per conversation; `beforeSave` lets a test interleave turns. */
function countingProcessor(beforeSave: (text: string) => Promise<void> = async () => undefined) {
  const state = new OptimisticConversationState(new PostgresStorage(testDb.db));
  const counter = state.createProperty<number>('count');
  let runs = 0;
  const logic = async (context: TurnContext) => {
    runs++;
    const count = (await counter.get(context, 0)) + 1;
    await counter.set(context, count);
    await context.sendActivity(`count ${count}`);
    await beforeSave(context.activity.text ?? '');
    await state.saveChanges(context);
  };
  const processor = new TurnProcessor({
    db: testDb.db,
    adapter: new CareLineAdapter(),
    logic,
    personOfTurn: () => null,
    signal: new OutboxSignal(),
    logger: createLogger('silent'),
  });
  return { processor, runs: () => runs };
}

function message(conversationId: string, externalId: string, text: string): InboundMessage {
  const activity: Partial<Activity> = {
    type: 'message',
    id: externalId,
    text,
    channelId: 'webchat',
    from: { id: 'synthetic-user', name: '' },
    recipient: { id: 'careline', name: 'CareLine' },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
  };
  return { channel: 'webchat', externalId, activity };
}

async function replies(externalId: string): Promise<string[]> {
  const rows = await testDb.db
    .selectFrom('outbox')
    .select('payload')
    .where('idempotency_key', 'like', `turn:webchat:${externalId}:%`)
    .orderBy('id')
    .execute();
  return rows.map((row) => String(row.payload.text));
}

describe('TurnProcessor', () => {
  it('processes a re-delivered message once', async () => {
    const { processor, runs } = countingProcessor();
    const first = message('conv-dup', 'ext-dup', 'hello');
    const inboxId = await processor.accept(first);
    expect(inboxId).toBeDefined();
    expect(await processor.accept(first)).toBeUndefined();
    await processor.process(inboxId!, first);
    expect(runs()).toBe(1);
    expect(await replies('ext-dup')).toEqual(['count 1']);
    const inbox = await testDb.db
      .selectFrom('inbox')
      .selectAll()
      .where('external_id', '=', 'ext-dup')
      .execute();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ status: 'processed', payload: null });
  });

  it('re-runs the turn that loses a state write race, losing no message', async () => {
    // Two processors stand for two processes: their turns of one conversation interleave.
    let releaseA!: () => void;
    const aMayContinue = new Promise<void>((resolve) => (releaseA = resolve));
    let aWaiting!: () => void;
    const aIsWaiting = new Promise<void>((resolve) => (aWaiting = resolve));
    let firstAttempt = true;
    const slow = countingProcessor(async (text) => {
      if (text !== 'A' || !firstAttempt) return;
      firstAttempt = false;
      aWaiting();
      await aMayContinue;
    });
    const fast = countingProcessor();

    const a = message('conv-race', 'ext-a', 'A');
    const b = message('conv-race', 'ext-b', 'B');
    const aDone = slow.processor.process((await slow.processor.accept(a))!, a);
    await aIsWaiting;
    await fast.processor.process((await fast.processor.accept(b))!, b);
    releaseA();
    await aDone;

    expect(slow.runs()).toBe(2);
    expect(await replies('ext-b')).toEqual(['count 1']);
    expect(await replies('ext-a')).toEqual(['count 2']);
    const states = await testDb.db
      .selectFrom('bot_state')
      .select('data')
      .where('key', 'like', '%conv-race%')
      .execute();
    expect(states[0]!.data.count).toBe(2);
  });

  it('runs turns of one conversation in the order they arrived', async () => {
    const { processor } = countingProcessor();
    const messages = [1, 2, 3, 4, 5].map((n) => message('conv-order', `ext-order-${n}`, `m${n}`));
    const accepted = await Promise.all(messages.map((m) => processor.accept(m)));
    await Promise.all(messages.map((m, i) => processor.process(accepted[i]!, m)));
    for (const [i] of messages.entries()) {
      expect(await replies(`ext-order-${i + 1}`)).toEqual([`count ${i + 1}`]);
    }
  });

  it('recovers messages recorded before a crash', async () => {
    const { processor } = countingProcessor();
    const orphan = message('conv-crash', 'ext-crash', 'left behind');
    await processor.accept(orphan);
    expect(await processor.recoverUnprocessed(new Date(Date.now() + 1000))).toBe(1);
    await processor.idle();
    expect(await replies('ext-crash')).toEqual(['count 1']);
  });
});
