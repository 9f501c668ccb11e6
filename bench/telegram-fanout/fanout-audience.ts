/**
 * The audience of bench/telegram-fanout: synthetic people who each reached CareLine on
 * Telegram (a person, a reachable channel identity, and a private-chat conversation whose
 * address is the conversation reference a turn stores), and one proactive message queued to
 * each of them the way a reminder job would: preferred address, then the outbox.
 */
import { randomUUID } from 'node:crypto';
import { findPreferredAddress } from '../../src/people/preferred-address.js';
import type { Db } from '../../src/storage/database.js';
import { enqueueOutbound, type NewOutboxMessage } from '../../src/storage/outbox.js';

/** Telegram user ids of the synthetic people; in a private chat the chat id is the same. */
const FIRST_CHAT_ID = 7_000_000_001;
/** Rows per insert, well under PostgreSQL's 65,535 bind parameters. */
const INSERT_BATCH = 500;

export interface FanoutPerson {
  personId: string;
  chatId: string;
}

/** Creates `count` people reachable on Telegram through the bot `botId` at `apiRoot`. */
export async function createTelegramPeople(
  db: Db,
  count: number,
  bot: { id: string; apiRoot: string },
): Promise<FanoutPerson[]> {
  const people = Array.from({ length: count }, (_, i) => ({
    personId: randomUUID(),
    chatId: String(FIRST_CHAT_ID + i),
  }));
  for (let start = 0; start < count; start += INSERT_BATCH) {
    await insertPeople(db, people.slice(start, start + INSERT_BATCH), bot);
  }
  return people;
}

async function insertPeople(
  db: Db,
  people: FanoutPerson[],
  bot: { id: string; apiRoot: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('people')
      .values(people.map((p) => ({ id: p.personId, locale: 'en', onboarded_at: new Date() })))
      .execute();
    await trx
      .insertInto('channel_identities')
      .values(
        people.map((p) => ({ person_id: p.personId, channel: 'telegram', external_id: p.chatId })),
      )
      .execute();
    await trx
      .insertInto('conversations')
      .values(
        people.map((p) => ({
          person_id: p.personId,
          channel: 'telegram',
          external_id: p.chatId,
          address: JSON.stringify(conversationReference(p.chatId, bot)),
        })),
      )
      .execute();
  });
}

/** What `TurnContext.getConversationReference` stores after the person's last message. */
function conversationReference(chatId: string, bot: { id: string; apiRoot: string }) {
  return {
    activityId: '1',
    user: { id: chatId, name: '' },
    bot: { id: bot.id, name: 'CareLine' },
    conversation: { id: chatId, isGroup: false, conversationType: 'personal', name: '' },
    channelId: 'telegram',
    locale: 'en',
    serviceUrl: bot.apiRoot,
  };
}

/**
 * Queues one message to each person at their preferred address, in one insert.
 * @throws Error when a person has no reachable Telegram address (the audience is broken)
 */
export async function queueOneMessageEach(db: Db, people: FanoutPerson[]): Promise<number> {
  const messages: NewOutboxMessage[] = [];
  for (const { personId } of people) {
    const preferred = await findPreferredAddress(db, personId);
    if (preferred?.channel !== 'telegram') {
      throw new Error(`person ${personId} has no reachable Telegram conversation`);
    }
    messages.push({
      personId,
      channel: 'telegram',
      address: { ...preferred.outboxAddress },
      payload: { type: 'message', text: 'Time for your evening check-in.' },
      idempotencyKey: `bench:telegram-fanout:${personId}`,
    });
  }
  return enqueueOutbound(db, messages);
}
