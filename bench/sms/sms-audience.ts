/**
 * The audience of bench/sms: synthetic people who each texted CareLine (a person, an SMS
 * channel identity for their number, and the conversation a turn from that number stores),
 * and proactive texts queued to them the way a reminder job queues them: preferred address,
 * then the outbox.
 */
import { randomUUID } from 'node:crypto';
import { findPreferredAddress } from '../../src/people/preferred-address.js';
import type { Db } from '../../src/storage/database.js';
import { enqueueOutbound, type NewOutboxMessage } from '../../src/storage/outbox.js';

/** The synthetic recipients are +1 555 200 0000 onwards (555: fictional, never assigned). */
const FIRST_PHONE = 5_552_000_000;
/** Rows per insert, well under PostgreSQL's 65,535 bind parameters. */
const INSERT_BATCH = 500;

export interface SmsPerson {
  personId: string;
  phone: string;
}

/** A text to queue: to whom, what, and the key that makes it unique. */
export interface QueuedText {
  person: SmsPerson;
  text: string;
  idempotencyKey: string;
}

/** Creates `count` people reachable by SMS, numbered from `firstIndex`. */
export async function createSmsPeople(db: Db, count: number, firstIndex = 0): Promise<SmsPerson[]> {
  const people = Array.from({ length: count }, (_, i) => ({
    personId: randomUUID(),
    phone: `+1${FIRST_PHONE + firstIndex + i}`,
  }));
  for (let start = 0; start < count; start += INSERT_BATCH) {
    await insertPeople(db, people.slice(start, start + INSERT_BATCH));
  }
  return people;
}

async function insertPeople(db: Db, people: SmsPerson[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('people')
      .values(people.map((p) => ({ id: p.personId, locale: 'en', onboarded_at: new Date() })))
      .execute();
    await trx
      .insertInto('channel_identities')
      .values(people.map((p) => ({ person_id: p.personId, channel: 'sms', external_id: p.phone })))
      .execute();
    await trx
      .insertInto('conversations')
      .values(
        people.map((p) => ({
          person_id: p.personId,
          channel: 'sms',
          external_id: p.phone,
          address: JSON.stringify(conversationReference(p.phone)),
        })),
      )
      .execute();
  });
}

/** What `TurnContext.getConversationReference` stores after a text from `phone`. */
function conversationReference(phone: string) {
  return {
    activityId: `SM${'0'.repeat(32)}`,
    user: { id: phone, name: '' },
    bot: { id: '+15550100001', name: 'CareLine' },
    conversation: { id: phone, isGroup: false, conversationType: 'personal', name: '' },
    channelId: 'sms',
    locale: 'en',
    serviceUrl: 'https://api.twilio.com',
  };
}

/**
 * Queues each text at its person's preferred address, in one insert; returns how many rows
 * were new.
 * @throws Error when a person has no reachable SMS address (the audience is broken)
 */
export async function queueTexts(db: Db, texts: QueuedText[]): Promise<number> {
  const messages: NewOutboxMessage[] = [];
  for (const { person, text, idempotencyKey } of texts) {
    const preferred = await findPreferredAddress(db, person.personId);
    if (preferred?.channel !== 'sms') {
      throw new Error(`person ${person.personId} has no reachable SMS conversation`);
    }
    messages.push({
      personId: person.personId,
      channel: 'sms',
      address: { ...preferred.outboxAddress },
      payload: { type: 'message', text },
      idempotencyKey,
    });
  }
  return enqueueOutbound(db, messages);
}
