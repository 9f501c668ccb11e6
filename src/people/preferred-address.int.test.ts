/**
 * Where proactive messages go: the preferred channel when its identity is reachable,
 * otherwise the most recent reachable conversation; and only linked channels can be chosen.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { insertIdentity } from '../storage/channel-identities.js';
import { insertPerson, updatePerson } from '../storage/people.js';
import type { ChannelId } from '../storage/schema.js';
import {
  findPreferredAddress,
  listLinkedChannels,
  setPreferredChannel,
} from './preferred-address.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

/** An identity on `channel` with one conversation, created at `createdAt`. */
async function reachOn(personId: string, channel: ChannelId, createdAt: string) {
  const userId = `${channel}-${randomUUID()}`;
  const identity = await insertIdentity(testDb.db, personId, channel, userId);
  const address = { channelId: channel, user: { id: userId }, conversation: { id: randomUUID() } };
  const conversation = await testDb.db
    .insertInto('conversations')
    .values({
      person_id: personId,
      channel,
      external_id: randomUUID(),
      address: JSON.stringify(address),
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { identityId: identity.id, conversationId: conversation.id, address };
}

async function markUnreachable(identityId: string) {
  await testDb.db
    .updateTable('channel_identities')
    .set({ unreachable_at: new Date(), unreachable_reason: 'blocked' })
    .where('id', '=', identityId)
    .execute();
}

describe('findPreferredAddress', () => {
  it('uses the preferred channel even when another was used more recently', async () => {
    const person = await insertPerson(testDb.db, 'en');
    const telegram = await reachOn(person.id, 'telegram', '2030-01-01T00:00:00Z');
    await reachOn(person.id, 'webchat', '2030-02-01T00:00:00Z');
    await updatePerson(testDb.db, person.id, { preferred_channel: 'telegram' });

    expect(await findPreferredAddress(testDb.db, person.id)).toEqual({
      channel: 'telegram',
      conversationId: telegram.conversationId,
      address: telegram.address,
      outboxAddress: {
        channelId: 'telegram',
        conversationId: telegram.address.conversation.id,
        userId: telegram.address.user.id,
        serviceUrl: undefined,
      },
    });
  });

  it('skips an unreachable preferred identity for the most recent reachable one', async () => {
    const person = await insertPerson(testDb.db, 'en');
    const telegram = await reachOn(person.id, 'telegram', '2030-03-01T00:00:00Z');
    await reachOn(person.id, 'webchat', '2030-01-01T00:00:00Z');
    const latestWeb = await reachOn(person.id, 'webchat', '2030-02-01T00:00:00Z');
    await updatePerson(testDb.db, person.id, { preferred_channel: 'telegram' });
    await markUnreachable(telegram.identityId);

    const found = await findPreferredAddress(testDb.db, person.id);
    expect(found).toMatchObject({ channel: 'webchat', conversationId: latestWeb.conversationId });
  });

  it('takes the most recent reachable conversation when nothing is preferred', async () => {
    const person = await insertPerson(testDb.db, 'en');
    await reachOn(person.id, 'webchat', '2030-01-01T00:00:00Z');
    const telegram = await reachOn(person.id, 'telegram', '2030-02-01T00:00:00Z');

    const found = await findPreferredAddress(testDb.db, person.id);
    expect(found?.conversationId).toBe(telegram.conversationId);
  });

  it('finds nothing when no identity is reachable, or no such person', async () => {
    const person = await insertPerson(testDb.db, 'en');
    const web = await reachOn(person.id, 'webchat', '2030-01-01T00:00:00Z');
    await markUnreachable(web.identityId);

    expect(await findPreferredAddress(testDb.db, person.id)).toBeUndefined();
    expect(await findPreferredAddress(testDb.db, randomUUID())).toBeUndefined();
  });
});

describe('preferred channel', () => {
  it('lists linked channels in order and accepts only those', async () => {
    const person = await insertPerson(testDb.db, 'en');
    await reachOn(person.id, 'telegram', '2030-01-01T00:00:00Z');
    await reachOn(person.id, 'webchat', '2030-01-01T00:00:00Z');
    expect(await listLinkedChannels(testDb.db, person.id)).toEqual(['webchat', 'telegram']);

    expect((await setPreferredChannel(testDb.db, person.id, 'sms')).preferred_channel).toBeNull();
    const saved = await setPreferredChannel(testDb.db, person.id, 'telegram');
    expect(saved.preferred_channel).toBe('telegram');
  });
});
