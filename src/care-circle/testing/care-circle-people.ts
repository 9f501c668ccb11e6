/**
 * Synthetic people for the care circle's tests: onboarded patients and caregivers made
 * straight in the database, and a web chat conversation so CareLine can reach them.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../storage/database.js';
import { insertPerson, updatePerson } from '../../storage/people.js';
import type { Person, Role } from '../../storage/schema.js';

export interface TestPersonFields {
  role: Role | null;
  name?: string | null;
  locale?: 'en' | 'es';
  timeZone?: string;
}

/** An onboarded person with `fields`, made directly in the database. */
export async function createTestPerson(db: Db, fields: TestPersonFields): Promise<Person> {
  const { role, name = null, locale = 'en', timeZone = 'America/Chicago' } = fields;
  const person = await insertPerson(db, locale);
  return updatePerson(db, person.id, {
    role,
    display_name: name,
    time_zone: timeZone,
    onboarded_at: new Date(),
  });
}

/** Gives the person a web chat identity and conversation; returns the conversation's id. */
export async function giveWebchatConversation(db: Db, personId: string): Promise<string> {
  const userId = `user-${randomUUID()}`;
  const conversationId = `conv-${userId}`;
  await db
    .insertInto('channel_identities')
    .values({ person_id: personId, channel: 'webchat', external_id: userId })
    .execute();
  const address = {
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1/test',
    conversation: { id: conversationId },
    user: { id: userId },
    bot: { id: 'careline' },
  };
  await db
    .insertInto('conversations')
    .values({
      person_id: personId,
      channel: 'webchat',
      external_id: conversationId,
      address: JSON.stringify(address),
    })
    .execute();
  return conversationId;
}
