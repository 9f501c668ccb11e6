import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import type { InboundRecord } from '../storage/inbox.js';
import type { ChannelId } from '../storage/schema.js';
import { InboxBatcher } from './inbox-batcher.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

/** How many transactions wrote the inbox rows whose external id starts with `prefix`. */
async function transactionsThatWrote(prefix: string): Promise<number> {
  const { rows } = await sql<{ transactions: string }>`
    select count(distinct xmin::text)::text as transactions from inbox
    where external_id like ${`${prefix}%`}`.execute(testDb.db);
  return Number(rows[0]!.transactions);
}

/** A message of conversation `chat-<externalId>`, numbered by its position in `externalId`. */
function inbound(channel: ChannelId, externalId: string, sequence?: number): InboundRecord {
  return {
    channel,
    externalId,
    conversationKey: `${channel}:chat-${externalId}`,
    sequence,
    payload: { externalId },
  };
}

describe('InboxBatcher', () => {
  it('records messages that arrive together in one statement, each once', async () => {
    const batcher = new InboxBatcher(testDb.db);
    const keys = Array.from({ length: 40 }, (_, i) => `together-${i}`);
    const ids = await Promise.all(keys.map((key) => batcher.record(inbound('telegram', key))));

    expect(new Set(ids).size).toBe(40);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    const stored = await testDb.db
      .selectFrom('inbox')
      .select('external_id')
      .where('external_id', 'like', 'together-%')
      .execute();
    expect(stored).toHaveLength(40);
  });

  it("records each message's conversation and its place in the channel's order", async () => {
    const batcher = new InboxBatcher(testDb.db);
    await Promise.all([
      batcher.record(inbound('telegram', 'ordered-1', 501)),
      batcher.record(inbound('sms', 'ordered-2')),
    ]);

    const stored = await testDb.db
      .selectFrom('inbox')
      .select(['conversation_key', 'sequence', 'payload'])
      .where('external_id', 'like', 'ordered-%')
      .orderBy('external_id')
      .execute();
    expect(stored).toEqual([
      {
        conversation_key: 'telegram:chat-ordered-1',
        sequence: '501',
        payload: { externalId: 'ordered-1' },
      },
      {
        conversation_key: 'sms:chat-ordered-2',
        sequence: null,
        payload: { externalId: 'ordered-2' },
      },
    ]);
  });

  it('stores each payload exactly, on its own message, whatever characters it holds', async () => {
    const batcher = new InboxBatcher(testDb.db);
    const texts = [
      'say "hi"',
      'C:\\path\\to',
      '{"not": "json"}',
      'ñandú 💊 ✓',
      "it's\nok",
      '[1,2]',
    ];
    const records = Array.from({ length: 30 }, (_, i) => ({
      ...inbound('webchat', `exact-${i}`),
      payload: { activity: { text: `${texts[i % texts.length]} #${i}`, entities: [i, null] } },
    }));
    // A re-delivery in the middle of the batch must not shift the payloads after it.
    records.splice(10, 0, records[3]!);
    const ids = await Promise.all(records.map((record) => batcher.record(record)));

    expect(ids[10]).toBeUndefined();
    const stored = await testDb.db
      .selectFrom('inbox')
      .select(['id', 'external_id', 'payload'])
      .where('external_id', 'like', 'exact-%')
      .execute();
    expect(stored).toHaveLength(30);
    for (const row of stored) {
      const record = records.find((r) => r.externalId === row.external_id)!;
      expect(row.payload).toEqual(record.payload);
      expect(ids[records.indexOf(record)]).toBe(row.id);
    }
  });

  it('answers a re-delivery, in the same batch or a later one, with undefined', async () => {
    const batcher = new InboxBatcher(testDb.db);
    const [first, sameBatch] = await Promise.all([
      batcher.record(inbound('telegram', 'twice')),
      batcher.record(inbound('telegram', 'twice')),
    ]);
    const later = await batcher.record(inbound('telegram', 'twice'));

    expect(typeof first).toBe('string');
    expect(sameBatch).toBeUndefined();
    expect(later).toBeUndefined();
  });

  it('keeps channels apart: the same external id on two channels is two messages', async () => {
    const batcher = new InboxBatcher(testDb.db);
    const ids = await Promise.all([
      batcher.record(inbound('telegram', 'shared-id')),
      batcher.record(inbound('sms', 'shared-id')),
    ]);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
  });

  it('shares commits between messages that arrive while a batch is committing', async () => {
    const batcher = new InboxBatcher(testDb.db);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => batcher.record(inbound('telegram', `gathered-${i}`))),
    );
    // The first arrival commits alone; everything that gathered behind it shares the next.
    expect(await transactionsThatWrote('gathered-')).toBe(2);
  });
});
