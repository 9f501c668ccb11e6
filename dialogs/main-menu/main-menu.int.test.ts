/**
 * The main menu and the answers that need no dialog: what an onboarded person sees with
 * nothing open, help, a request for a person (one escalation per open request), and the
 * welcome back when they open the chat again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createI18n } from '../../src/i18n/i18n.js';
import { createBotHarness, type BotHarness } from '../../test/support/bot-harness.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import {
  auditActionsOf,
  buttonsOf,
  newUserId,
  onboardPerson,
  personOf,
  textOf,
} from '../../test/support/dialog-test-kit.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');
const es = i18n.getFixedT('es');

const MENU_ITEMS = [
  'medications',
  'adherence',
  'careCircle',
  'profile',
  'language',
  'link',
  'human',
  'delete',
  'help',
];
const MENU_BUTTONS = MENU_ITEMS.map((item) => en(`menu:item.${item}`));

let database: TestDatabase;
let harness: BotHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = createBotHarness(database.db);
});

afterAll(async () => {
  await database.drop();
});

async function escalationsOf(personId: string) {
  return database.db
    .selectFrom('escalations')
    .select(['reason', 'status', 'conversation_id'])
    .where('person_id', '=', personId)
    .execute();
}

describe('main menu', () => {
  it('lists only what exists today', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);

    const menu = await harness.send(user, 'menu');
    expect(textOf(menu)).toBe(en('menu:prompt'));
    expect(buttonsOf(menu)).toEqual(MENU_BUTTONS);
    expect(menu[0]?.activity.suggestedActions?.actions.map((action) => action.value)).toEqual(
      MENU_ITEMS.map((item) => `menu:${item}`),
    );
  });

  it('answers free text it does not understand kindly, with the menu', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);

    const replies = await harness.send(user, 'what is the weather like');
    expect(textOf(replies)).toBe(`${en('menu:didNotCatch')}\n\n${en('menu:prompt')}`);
    expect(buttonsOf(replies)).toEqual(MENU_BUTTONS);
  });

  it('answers help with what CareLine can do, then the menu', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);

    const replies = await harness.send(user, '', { value: 'menu:help' });
    expect(replies.map((reply) => reply.text)).toEqual([en('menu:help'), en('menu:prompt')]);
  });

  it('welcomes an onboarded person back when they open the chat', async () => {
    const user = newUserId();
    await onboardPerson(harness, user, { name: 'Priya' });

    const replies = await harness.join(user);
    expect(textOf(replies)).toContain(en('menu:welcomeBack', { name: 'Priya' }));
    expect(buttonsOf(replies)).toEqual(MENU_BUTTONS);
  });

  it('leaves an open flow for the menu when asked', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);
    await harness.send(user, '', { value: 'menu:profile' });

    expect(textOf(await harness.send(user, 'MENÚ!'))).toBe(en('menu:prompt'));
    const replies = await harness.send(user, 'Zed');
    expect(textOf(replies)).toContain(en('menu:didNotCatch'));
    expect((await personOf(database.db, user)).display_name).toBe('Alex');
  });
});

describe('talking to a person', () => {
  it('opens one escalation per open request; staff are not emergency services', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);
    const person = await personOf(database.db, user);

    const first = await harness.send(user, 'Talk to a person.');
    expect(textOf(first)).toContain(en('menu:human.requested'));
    expect(textOf(first)).toContain(en('menu:human.notEmergency'));
    expect(buttonsOf(first)).toEqual(MENU_BUTTONS);

    const second = await harness.send(user, '', { value: 'menu:human' });
    expect(textOf(second)).toContain(en('menu:human.alreadyRequested'));

    const conversation = await database.db
      .selectFrom('conversations')
      .select('id')
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(await escalationsOf(person.id)).toEqual([
      { reason: 'human_requested', status: 'open', conversation_id: conversation.id },
    ]);
    const audit = await auditActionsOf(database.db, person.id);
    expect(audit.filter((action) => action === 'escalation.opened')).toHaveLength(1);
  });

  it('opens a new request once the earlier one is closed', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);
    const person = await personOf(database.db, user);
    await harness.send(user, 'human');
    await database.db
      .updateTable('escalations')
      .set({ status: 'closed', closed_at: new Date() })
      .where('person_id', '=', person.id)
      .execute();

    expect(textOf(await harness.send(user, 'human'))).toContain(en('menu:human.requested'));
    expect(await escalationsOf(person.id)).toHaveLength(2);
  });

  it('answers in Spanish mid-onboarding and asks the open question again', async () => {
    const user = newUserId();
    await harness.send(user, 'hola');
    await harness.send(user, '', { value: 'lang:es' });
    await harness.send(user, '', { value: 'consent:agree' });

    const replies = await harness.send(user, 'Hablar con una persona');
    expect(replies.map((reply) => reply.text)).toEqual([
      `${es('menu:human.requested')}\n\n${es('menu:human.notEmergency')}`,
      es('common:field.role.ask'),
    ]);
    expect(await escalationsOf((await personOf(database.db, user)).id)).toHaveLength(1);
  });
});
