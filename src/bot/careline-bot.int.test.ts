/**
 * The turn pipeline around the dialogs: the safety screen answers crisis language before
 * anything else and leaves the open question where it was; a conversation held by staff
 * goes to the staff queue and runs no dialog.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createBotHarness, type BotHarness } from '../../test/support/bot-harness.js';
import { buttonsOf, newUserId, personOf, textOf } from '../../test/support/dialog-test-kit.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { createI18n } from '../i18n/i18n.js';
import { setHeldByStaff } from '../storage/conversations.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');
const es = i18n.getFixedT('es');

let testDb: TestDatabase;
let harness: BotHarness;

beforeAll(async () => {
  testDb = await createTestDatabase();
  harness = createBotHarness(testDb.db);
});
afterAll(() => testDb.drop());

async function escalationsOf(personId: string) {
  return testDb.db
    .selectFrom('escalations')
    .select(['reason', 'status'])
    .where('person_id', '=', personId)
    .execute();
}

describe('safety screen', () => {
  it('answers crisis language on first contact with resources, and escalates', async () => {
    const user = newUserId();
    const replies = await harness.send(user, "I don't want to be here anymore");

    const text = textOf(replies);
    expect(text).toContain(en('safety:crisis.intro'));
    expect(text).toContain('988');
    expect(text).toContain(en('safety:crisis.staffNotified'));
    expect(text).not.toContain(en('onboarding:intro'));
    const person = await personOf(testDb.db, user);
    expect(await escalationsOf(person.id)).toEqual([{ reason: 'crisis', status: 'open' }]);
  });

  it('keeps the open question: after the crisis reply, the next answer continues it', async () => {
    const user = newUserId();
    await harness.send(user, 'hola', { locale: 'es-MX' });
    const notice = await harness.send(user, '', { value: 'lang:es' });
    expect(buttonsOf(notice)).toContain(es('onboarding:notice.agree'));

    const crisis = await harness.send(user, 'ya no quiero vivir');
    expect(textOf(crisis)).toContain(es('safety:crisis.intro'));
    expect(textOf(crisis)).toContain(es('safety:crisis.resume'));

    const afterConsent = await harness.send(user, '', { value: 'consent:agree' });
    expect(textOf(afterConsent)).toContain(es('onboarding:consentThanks'));
    const person = await personOf(testDb.db, user);
    const consents = await testDb.db
      .selectFrom('consents')
      .select('decision')
      .where('person_id', '=', person.id)
      .execute();
    expect(consents).toEqual([{ decision: 'given' }]);
  });

  it('answers a medical emergency with emergency advice and escalates it as such', async () => {
    const user = newUserId();
    await harness.send(user, 'hi');
    const replies = await harness.send(user, 'I have a fever of 39 after chemo yesterday');

    expect(textOf(replies)).toContain(en('safety:crisis.medical'));
    const person = await personOf(testDb.db, user);
    expect(await escalationsOf(person.id)).toEqual([
      { reason: 'medical_emergency', status: 'open' },
    ]);
  });

  it('does not mistake a figure of speech for a crisis', async () => {
    const user = newUserId();
    const replies = await harness.send(user, "I'm dying to get started, this wait is killing me");

    expect(textOf(replies)).toContain(en('onboarding:intro'));
    const person = await personOf(testDb.db, user);
    expect(await escalationsOf(person.id)).toEqual([]);
  });
});

/** A new person whose conversation staff have taken over. */
async function startHeldConversation(): Promise<{ user: string; conversationId: string }> {
  const user = newUserId();
  await harness.send(user, 'hi');
  const person = await personOf(testDb.db, user);
  const conversation = await testDb.db
    .selectFrom('conversations')
    .select('id')
    .where('person_id', '=', person.id)
    .executeTakeFirstOrThrow();
  await setHeldByStaff(testDb.db, conversation.id, true);
  return { user, conversationId: conversation.id };
}

describe('takeover check', () => {
  it('sends messages of a held conversation to the staff queue and runs no dialog', async () => {
    const { user, conversationId } = await startHeldConversation();

    const replies = await harness.send(user, 'is anyone there?');

    expect(replies).toEqual([]);
    const queued = await testDb.db
      .selectFrom('staff_queue')
      .select('text')
      .where('conversation_id', '=', conversationId)
      .execute();
    expect(queued).toEqual([{ text: 'is anyone there?' }]);
  });

  it('still answers crisis language in a held conversation', async () => {
    const { user } = await startHeldConversation();

    const replies = await harness.send(user, 'I want to kill myself');

    expect(textOf(replies)).toContain(en('safety:crisis.intro'));
  });
});
