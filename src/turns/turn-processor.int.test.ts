/**
 * The inbox and the conflict retry, with the real adapter and PostgreSQL state, and a
 * small counting bot so the assertions are about delivery, not dialogs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Activity, TurnContext } from 'botbuilder';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { CareLineAdapter } from '../bot/careline-adapter.js';
import { OptimisticConversationState } from '../bot/optimistic-conversation-state.js';
import { createLogger } from '../logging/logger.js';
import { OutboxSignal } from '../outbox/outbox-signal.js';
import { PostgresStorage } from '../storage/bot-state-storage.js';
import { TurnProcessor, type InboundMessage, type TurnProcessorOptions } from './turn-processor.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

/** A bot that counts messages per conversation; `beforeSave` lets a test interleave turns. */
function countingProcessor(
  beforeSave: (text: string) => Promise<void> = async () => undefined,
  options: Partial<TurnProcessorOptions> = {},
) {
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
    ...options,
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

async function deliver(processor: TurnProcessor, inbound: InboundMessage): Promise<void> {
  expect(await processor.accept(inbound)).toBeDefined();
  await processor.process(inbound);
}

async function leaseHeldBy(conversationKey: string, holder: string, expiresIn: string) {
  await sql`insert into conversation_leases (conversation_key, holder, expires_at)
    values (${conversationKey}, ${holder}, now() + ${expiresIn}::interval)
    on conflict (conversation_key) do update
      set holder = excluded.holder, expires_at = excluded.expires_at`.execute(testDb.db);
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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
    await processor.process(first);
    expect(runs()).toBe(1);
    expect(await replies('ext-dup')).toEqual(['count 1']);
    const inbox = await testDb.db
      .selectFrom('inbox')
      .selectAll()
      .where('external_id', '=', 'ext-dup')
      .execute();
    expect(inbox).toHaveLength(1);
    // The conversation key (an SMS number, for texts) goes with the payload.
    expect(inbox[0]).toMatchObject({ status: 'processed', payload: null, conversation_key: null });
  });

  it('re-runs the turn that loses a state write race, losing no message', async () => {
    // Something outside the turn (a scheduled job, a staff action) writes the conversation's
    // state while the turn is running: the turn's write conflicts and it runs again.
    let firstAttempt = true;
    const { processor, runs } = countingProcessor(async (text) => {
      if (text !== 'raced' || !firstAttempt) return;
      firstAttempt = false;
      await sql`update bot_state set data = jsonb_set(data, '{count}', '10'),
        etag = 'written-elsewhere' where key like '%conv-race%'`.execute(testDb.db);
    });

    await deliver(processor, message('conv-race', 'ext-race-1', 'first'));
    await deliver(processor, message('conv-race', 'ext-race-2', 'raced'));

    expect(runs()).toBe(3);
    expect(await replies('ext-race-2')).toEqual(['count 11']);
  });

  it('runs no turn of a conversation while another process is running one of it', async () => {
    // Two processors stand for two processes behind a load balancer.
    let releaseA!: () => void;
    const aMayContinue = new Promise<void>((resolve) => (releaseA = resolve));
    let aWaiting!: () => void;
    const aIsWaiting = new Promise<void>((resolve) => (aWaiting = resolve));
    const slow = countingProcessor(async (text) => {
      if (text !== 'A') return;
      aWaiting();
      await aMayContinue;
    });
    const other = countingProcessor();

    const a = message('conv-two', 'ext-two-a', 'A');
    const b = message('conv-two', 'ext-two-b', 'B');
    const aDone = deliver(slow.processor, a);
    await aIsWaiting;
    await deliver(other.processor, b);
    expect(other.runs()).toBe(0);
    releaseA();
    await aDone;

    // The process that held the conversation ran the message recorded meanwhile, after A.
    expect(slow.runs()).toBe(2);
    expect(await replies('ext-two-a')).toEqual(['count 1']);
    expect(await replies('ext-two-b')).toEqual(['count 2']);
  });

  it("runs a conversation's turns in the channel's order, whichever process got them", async () => {
    const first = countingProcessor();
    const second = countingProcessor();
    const earlier = { ...message('conv-seq', 'ext-seq-10', 'earlier'), sequence: 10 };
    const later = { ...message('conv-seq', 'ext-seq-11', 'later'), sequence: 11 };

    // The later update reached the second process first.
    await second.processor.accept(later);
    await first.processor.accept(earlier);
    await Promise.all([second.processor.process(later), first.processor.process(earlier)]);

    expect(await replies('ext-seq-10')).toEqual(['count 1']);
    expect(await replies('ext-seq-11')).toEqual(['count 2']);
  });

  it('takes over the turns of a process that died holding the conversation', async () => {
    const { processor } = countingProcessor();
    const orphan = message('conv-dead', 'ext-dead', 'orphaned');
    await processor.accept(orphan);
    await leaseHeldBy('webchat:conv-dead', 'live-process', '+1 minute');

    await processor.process(orphan);
    expect(await replies('ext-dead')).toEqual([]);

    await leaseHeldBy('webchat:conv-dead', 'dead-process', '-1 second');
    await processor.process(orphan);
    expect(await replies('ext-dead')).toEqual(['count 1']);
  });

  it("sweeps away a lease left behind by a process that died, and no one else's", async () => {
    const { processor } = countingProcessor();
    await leaseHeldBy('sms:+15550000001', 'dead-process', '-1 second');
    await leaseHeldBy('sms:+15550000002', 'live-process', '+1 minute');
    const leases = async () =>
      (
        await testDb.db
          .selectFrom('conversation_leases')
          .select('conversation_key')
          .where('conversation_key', 'like', 'sms:+1555000000%')
          .execute()
      ).map((row) => row.conversation_key);

    processor.startSweeping(50);
    try {
      await waitFor(async () => !(await leases()).includes('sms:+15550000001'));
    } finally {
      processor.stopSweeping();
    }
    expect(await leases()).toEqual(['sms:+15550000002']);
  });

  it('holds later turns until a failing one is given up, then runs them', async () => {
    const ran: string[] = [];
    const { processor } = countingProcessor(
      async (text) => {
        ran.push(text);
        if (text === 'broken') throw new Error('synthetic failure');
      },
      { maxAttempts: 2, retryDelayMs: 5 },
    );
    const broken = message('conv-fail', 'ext-fail-1', 'broken');
    const next = message('conv-fail', 'ext-fail-2', 'next');
    await processor.accept(broken);
    await processor.accept(next);

    await processor.process(next);
    await waitFor(async () => (await replies('ext-fail-2')).length > 0);

    expect(ran).toEqual(['broken', 'broken', 'next']);
    const failed = await testDb.db
      .selectFrom('inbox')
      .select('status')
      .where('external_id', '=', 'ext-fail-1')
      .executeTakeFirstOrThrow();
    expect(failed.status).toBe('failed');
  });

  it('runs turns of one conversation in the order they arrived', async () => {
    const { processor } = countingProcessor();
    const messages = [1, 2, 3, 4, 5].map((n) => message('conv-order', `ext-order-${n}`, `m${n}`));
    await Promise.all(messages.map((m) => processor.accept(m)));
    await Promise.all(messages.map((m) => processor.process(m)));
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
