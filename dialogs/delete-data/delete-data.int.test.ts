/**
 * "Delete my data": the confirmation, what is erased (everything about the person but an
 * audit row that says only that it happened), and keeping the data, which returns to
 * whatever was open.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createI18n } from '../../src/i18n/i18n.js';
import { createBotHarness, type BotHarness } from '../../test/support/bot-harness.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import {
  buttonsOf,
  findPersonOf,
  newUserId,
  onboardPerson,
  personOf,
  textOf,
} from '../../test/support/dialog-test-kit.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');
const es = i18n.getFixedT('es');

let database: TestDatabase;
let harness: BotHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = createBotHarness(database.db);
});

afterAll(async () => {
  await database.drop();
});

/** How many rows each table still holds for the person (bot state by conversation key). */
async function rowsLeftFor(personId: string, userId: string) {
  const { db } = database;
  const count = async (
    table: 'channel_identities' | 'conversations' | 'consents' | 'escalations',
  ) =>
    (await db.selectFrom(table).select('person_id').where('person_id', '=', personId).execute())
      .length;
  const people = await db.selectFrom('people').select('id').where('id', '=', personId).execute();
  const botState = await db
    .selectFrom('bot_state')
    .select('key')
    .where('key', '=', `webchat/conversations/conv-${userId}/`)
    .execute();
  return {
    people: people.length,
    channel_identities: await count('channel_identities'),
    conversations: await count('conversations'),
    consents: await count('consents'),
    escalations: await count('escalations'),
    bot_state: botState.length,
  };
}

describe('deleting my data', () => {
  it('explains, asks to confirm, erases everything and says goodbye', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);
    await harness.send(user, 'human');
    const person = await personOf(database.db, user);
    expect((await rowsLeftFor(person.id, user)).bot_state).toBe(1);

    const ask = await harness.send(user, 'Delete my data');
    expect(textOf(ask)).toBe(en('delete-data:explain'));
    expect(buttonsOf(ask)).toEqual([en('delete-data:confirm'), en('delete-data:keep')]);

    const goodbye = await harness.send(user, '', { value: 'delete:confirm' });
    expect(textOf(goodbye)).toBe(en('delete-data:erased'));

    expect(await rowsLeftFor(person.id, user)).toEqual({
      people: 0,
      channel_identities: 0,
      conversations: 0,
      consents: 0,
      escalations: 0,
      bot_state: 0,
    });
    const erased = await database.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('person_id', '=', person.id)
      .where('action', '=', 'person.erased')
      .execute();
    expect(erased).toEqual([{ actor: 'person', details: {} }]);
    const outbox = await database.db
      .selectFrom('outbox')
      .select('person_id')
      .where('person_id', '=', person.id)
      .execute();
    expect(outbox).toEqual([]);
  });

  it('starts fresh when the person writes again', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);
    const before = await personOf(database.db, user);
    await harness.send(user, 'delete my data');
    await harness.send(user, 'Yes, delete everything');

    const replies = await harness.send(user, 'hello');
    expect(textOf(replies)).toContain(en('onboarding:intro'));
    const after = await personOf(database.db, user);
    expect(after.id).not.toBe(before.id);
    expect(after).toMatchObject({ role: null, display_name: null, onboarded_at: null });
  });

  it('keeps everything on "No, keep it" and shows the menu', async () => {
    const user = newUserId();
    await onboardPerson(harness, user, { name: 'Robin' });
    const person = await personOf(database.db, user);

    await harness.send(user, '', { value: 'menu:delete' });
    const kept = await harness.send(user, 'No, keep it');
    expect(kept.map((reply) => reply.text)).toEqual([en('delete-data:kept'), en('menu:prompt')]);
    expect(await personOf(database.db, user)).toMatchObject({
      id: person.id,
      display_name: 'Robin',
    });
  });

  it('returns to the open onboarding question when the data is kept', async () => {
    const user = newUserId();
    await harness.send(user, 'hola');
    await harness.send(user, '', { value: 'lang:es' });
    await harness.send(user, '', { value: 'consent:agree' });
    await harness.send(user, '', { value: 'role:patient' });

    expect(textOf(await harness.send(user, 'borrar mis datos'))).toBe(es('delete-data:explain'));
    expect(textOf(await harness.send(user, 'quizás'))).toBe(es('delete-data:retry'));
    const kept = await harness.send(user, 'No, conservarlos');
    expect(kept.map((reply) => reply.text)).toEqual([
      es('delete-data:kept'),
      es('common:field.name.ask'),
    ]);
    expect(textOf(await harness.send(user, 'Marta'))).toContain(es('common:field.timeZone.ask'));
    expect(await findPersonOf(database.db, user)).toBeDefined();
  });

  it('erases someone who declined the notice too', async () => {
    const user = newUserId();
    await harness.send(user, 'hi');
    await harness.send(user, '', { value: 'lang:en' });
    await harness.send(user, '', { value: 'consent:decline' });
    const person = await personOf(database.db, user);

    expect(textOf(await harness.send(user, 'delete my data'))).toBe(en('delete-data:explain'));
    expect(textOf(await harness.send(user, 'yes'))).toBe(en('delete-data:erased'));
    expect((await rowsLeftFor(person.id, user)).people).toBe(0);
    expect((await rowsLeftFor(person.id, user)).consents).toBe(0);
  });
});
