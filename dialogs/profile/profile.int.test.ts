/**
 * "My profile": viewing the profile and changing one field at a time, each change saved,
 * audited and confirmed in the person's (possibly new) language.
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

let database: TestDatabase;
let harness: BotHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = createBotHarness(database.db);
});

afterAll(async () => {
  await database.drop();
});

function line(label: string, value: string): string {
  return en('common:profileLine', { label: en(`common:field.${label}.label`), value });
}

describe('viewing the profile', () => {
  it("shows a patient's fields and offers each one to change", async () => {
    const user = newUserId();
    await onboardPerson(harness, user, { name: 'Sam', place: 'Houston' });

    const replies = await harness.send(user, '', { value: 'menu:profile' });
    const text = textOf(replies);
    expect(text).toContain(en('profile:intro'));
    expect(text).toContain(line('role', en('common:role.patient')));
    expect(text).toContain(line('name', 'Sam'));
    expect(text).toContain(line('language', 'English'));
    expect(text).toContain(line('timeZone', 'America/Chicago'));
    expect(text).toContain(line('cancerType', en('common:notSet')));
    expect(text).toContain(line('region', en('common:notSet')));
    expect(buttonsOf(replies)).toEqual([
      ...['role', 'name', 'language', 'timeZone', 'cancerType', 'region'].map((field) =>
        en(`common:field.${field}.label`),
      ),
      en('profile:done'),
    ]);
  });

  it('shows a caregiver no health fields and does not accept them', async () => {
    const user = newUserId();
    await onboardPerson(harness, user, { role: 'caregiver' });

    const replies = await harness.send(user, 'my profile');
    expect(textOf(replies)).not.toContain(en('common:field.cancerType.label'));
    expect(textOf(await harness.send(user, 'cancer type'))).toBe(en('profile:retry'));
    expect(textOf(await harness.send(user, 'Done'))).toBe(en('menu:prompt'));
  });
});

describe('changing the profile', () => {
  it('changes the name with the same checks as onboarding, saves it and confirms', async () => {
    const user = newUserId();
    await onboardPerson(harness, user, { name: 'Alex' });
    const person = await personOf(database.db, user);
    await harness.send(user, '', { value: 'menu:profile' });

    expect(textOf(await harness.send(user, '', { value: 'field:name' }))).toBe(
      en('common:field.name.ask'),
    );
    expect(textOf(await harness.send(user, '<b>Alex</b>'))).toBe(en('common:field.name.retry'));
    const saved = await harness.send(user, '  Zoë  ');
    expect(saved.map((reply) => reply.text)).toEqual([
      en('profile:saved', { label: en('common:field.name.label'), value: 'Zoë' }),
      en('menu:prompt'),
    ]);

    expect((await personOf(database.db, user)).display_name).toBe('Zoë');
    const audit = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('person_id', '=', person.id)
      .where('action', '=', 'profile.updated')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ fields: 'display_name' });
  });

  it('switches language at once from the menu', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);

    const ask = await harness.send(user, '', { value: 'menu:language' });
    expect(textOf(ask)).toBe(en('common:field.language.ask'));
    const saved = await harness.send(user, '', { value: 'lang:es' });
    expect(saved.map((reply) => reply.text)).toEqual([
      es('profile:saved', { label: es('common:field.language.label'), value: 'Español' }),
      es('menu:prompt'),
    ]);
    expect(buttonsOf(saved)).toContain(es('menu:item.profile'));
    expect((await personOf(database.db, user)).locale).toBe('es');

    expect(textOf(await harness.send(user, 'hola'))).toContain(es('menu:didNotCatch'));
  });

  it('clears health details when a patient becomes a caregiver', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);
    await harness.send(user, 'my profile');
    await harness.send(user, '', { value: 'field:cancer-type' });
    await harness.send(user, 'Prostate');
    expect((await personOf(database.db, user)).cancer_type).toBe('prostate');

    await harness.send(user, 'profile');
    await harness.send(user, 'role');
    const saved = await harness.send(user, 'caregiver');
    expect(textOf(saved)).toContain(
      en('profile:saved', {
        label: en('common:field.role.label'),
        value: en('common:role.caregiver'),
      }),
    );
    expect(await personOf(database.db, user)).toMatchObject({
      role: 'caregiver',
      cancer_type: null,
      region: null,
    });
  });

  it('leaves the time zone as it was on "skip"', async () => {
    const user = newUserId();
    await onboardPerson(harness, user, { place: 'Madrid' });
    await harness.send(user, 'profile');
    await harness.send(user, 'time zone');

    expect(textOf(await harness.send(user, 'Skip'))).toContain(en('profile:unchanged'));
    expect((await personOf(database.db, user)).time_zone).toBe('Europe/Madrid');
    expect(await auditActionsOf(database.db, (await personOf(database.db, user)).id)).toEqual([
      'profile.updated',
      'consent.given',
      'profile.updated',
    ]);
  });
});
