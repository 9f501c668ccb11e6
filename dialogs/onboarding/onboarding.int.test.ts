/**
 * Onboarding end to end through the real pipeline: what the person reads at each step,
 * and what is (and is not) stored before and after privacy consent.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createI18n } from '../../src/i18n/i18n.js';
import { createBotHarness, TEST_CONFIG, type BotHarness } from '../../test/support/bot-harness.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import {
  auditActionsOf,
  buttonsOf,
  newUserId,
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

async function consentsOf(personId: string) {
  return database.db
    .selectFrom('consents')
    .select(['kind', 'notice_version', 'decision'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
}

describe('onboarding in English', () => {
  it('goes from the greeting to the menu by button presses and saves the profile', async () => {
    const user = newUserId();

    const greeting = await harness.join(user);
    expect(textOf(greeting)).toContain(en('onboarding:intro'));
    expect(textOf(greeting)).toContain('911');
    expect(buttonsOf(greeting)).toEqual(['English', 'Español']);

    const notice = await harness.send(user, '', { value: 'lang:en' });
    expect(textOf(notice)).toContain(TEST_CONFIG.PRIVACY_NOTICE_VERSION);
    expect(textOf(notice)).toContain('delete my data');
    expect(buttonsOf(notice)).toEqual([
      en('onboarding:notice.agree'),
      en('onboarding:notice.decline'),
    ]);
    expect(await consentsOf((await personOf(database.db, user)).id)).toEqual([]);

    const role = await harness.send(user, '', { value: 'consent:agree' });
    expect(textOf(role)).toContain(en('common:field.role.ask'));
    expect(buttonsOf(role)).toEqual([en('common:role.patient'), en('common:role.caregiver')]);

    const name = await harness.send(user, '', { value: 'role:patient' });
    expect(textOf(name)).toContain(en('common:field.name.ask'));

    const place = await harness.send(user, '  Zoë\u200B  ');
    expect(textOf(place)).toContain(en('common:field.timeZone.ask'));

    const cancer = await harness.send(user, 'Chicago');
    expect(textOf(cancer)).toContain(en('common:field.cancerType.ask'));
    expect(buttonsOf(cancer)).toContain(en('common:cancerType.blood'));
    expect(buttonsOf(cancer)).toContain(en('common:skip'));

    const region = await harness.send(user, '', { value: 'cancer:breast' });
    expect(textOf(region)).toContain(en('common:field.region.ask'));

    const done = await harness.send(user, 'Texas, USA');
    expect(textOf(done)).toContain(en('onboarding:done', { name: 'Zoë' }));
    expect(textOf(done)).toContain(
      `${en('common:field.cancerType.label')}: ${en('common:cancerType.breast')}`,
    );
    expect(textOf(done)).toContain(en('menu:prompt'));
    expect(buttonsOf(done)).toEqual([
      en('menu:item.medications'),
      en('menu:item.adherence'),
      en('menu:item.careCircle'),
      en('menu:item.profile'),
      en('menu:item.language'),
      en('menu:item.link'),
      en('menu:item.human'),
      en('menu:item.delete'),
      en('menu:item.help'),
    ]);

    const person = await personOf(database.db, user);
    expect(person).toMatchObject({
      role: 'patient',
      display_name: 'Zoë',
      locale: 'en',
      time_zone: 'America/Chicago',
      cancer_type: 'breast',
      region: 'Texas, USA',
    });
    expect(person.onboarded_at).toBeInstanceOf(Date);
    expect(await consentsOf(person.id)).toEqual([
      {
        kind: 'privacy_notice',
        notice_version: TEST_CONFIG.PRIVACY_NOTICE_VERSION,
        decision: 'given',
      },
    ]);
    expect(await auditActionsOf(database.db, person.id)).toEqual([
      'profile.updated',
      'consent.given',
      'profile.updated',
    ]);
  });

  it('understands typed answers and asks caregivers no health questions', async () => {
    const user = newUserId();

    expect(textOf(await harness.send(user, 'hello'))).toContain(en('onboarding:intro'));
    expect(textOf(await harness.send(user, 'english'))).toContain(
      TEST_CONFIG.PRIVACY_NOTICE_VERSION,
    );
    expect(textOf(await harness.send(user, 'I agree!'))).toContain(en('common:field.role.ask'));
    expect(textOf(await harness.send(user, 'Caregiver or family'))).toContain(
      en('common:field.name.ask'),
    );
    const place = await harness.send(user, 'I’m José');
    expect(textOf(place)).toContain(en('common:field.timeZone.ask'));
    const done = await harness.send(user, 'Madrid, Spain');
    expect(textOf(done)).toContain(en('onboarding:done', { name: 'José' }));
    expect(textOf(done)).not.toContain(en('common:field.cancerType.label'));

    expect(await personOf(database.db, user)).toMatchObject({
      role: 'caregiver',
      display_name: 'José',
      time_zone: 'Europe/Madrid',
      cancer_type: null,
      region: null,
    });
  });

  it('re-asks kindly for a place it cannot find, then takes a good one or "skip"', async () => {
    const user = newUserId();
    await harness.send(user, 'hi');
    await harness.send(user, '', { value: 'lang:en' });
    await harness.send(user, '', { value: 'consent:agree' });
    await harness.send(user, '', { value: 'role:patient' });
    await harness.send(user, 'Ana');

    const retry = await harness.send(user, 'Xyzzyville');
    expect(textOf(retry)).toBe(en('common:field.timeZone.retry'));
    expect(buttonsOf(retry)).toEqual([en('common:skip')]);

    const next = await harness.send(user, 'Bogotá');
    expect(textOf(next)).toContain(en('common:field.cancerType.ask'));

    expect(textOf(await harness.send(user, ' rare  sarcoma '))).toContain(
      en('common:field.region.ask'),
    );
    expect(textOf(await harness.send(user, 'skip'))).toContain(
      en('onboarding:done', { name: 'Ana' }),
    );
    expect(await personOf(database.db, user)).toMatchObject({
      time_zone: 'America/Bogota',
      cancer_type: 'rare sarcoma',
      region: null,
    });
  });

  it('re-asks for a name that is empty, too long or made of symbols', async () => {
    const user = newUserId();
    await harness.send(user, 'hi');
    await harness.send(user, 'en');
    await harness.send(user, 'yes');
    await harness.send(user, 'patient');

    for (const bad of ['🙂🙂', '   ', 'x'.repeat(41), 'http://example.com']) {
      expect(textOf(await harness.send(user, bad))).toBe(en('common:field.name.retry'));
    }
    expect(textOf(await harness.send(user, 'Mary-Jane'))).toContain(
      en('common:field.timeZone.ask'),
    );
  });
});

describe('onboarding in Spanish', () => {
  it('speaks Spanish from the moment Español is chosen and saves the locale', async () => {
    const user = newUserId();

    const greeting = await harness.join(user, { locale: 'en-US' });
    expect(textOf(greeting)).toContain(en('onboarding:intro'));

    const notice = await harness.send(user, 'Español');
    expect(textOf(notice)).toContain(
      es('onboarding:notice.text', { version: TEST_CONFIG.PRIVACY_NOTICE_VERSION }),
    );
    expect(buttonsOf(notice)).toEqual(['Acepto', 'No, gracias']);
    expect((await personOf(database.db, user)).locale).toBe('es');

    const role = await harness.send(user, 'Acepto');
    expect(textOf(role)).toContain(es('onboarding:consentThanks'));
    expect(buttonsOf(role)).toEqual(['Paciente', 'Cuidador/a o familiar']);

    await harness.send(user, 'paciente');
    expect(textOf(await harness.send(user, 'Lucía'))).toContain(es('common:field.timeZone.ask'));
    expect(textOf(await harness.send(user, 'Ciudad de México'))).toContain(
      es('common:field.cancerType.ask'),
    );
    expect(textOf(await harness.send(user, 'Pulmón'))).toContain(es('common:field.region.ask'));
    const done = await harness.send(user, 'Jalisco, México');
    expect(textOf(done)).toContain(es('onboarding:done', { name: 'Lucía' }));
    expect(buttonsOf(done)).toContain('Mi perfil');

    expect(await personOf(database.db, user)).toMatchObject({
      locale: 'es',
      display_name: 'Lucía',
      cancer_type: 'lung',
      region: 'Jalisco, México',
    });
  });

  it('offers the guessed language first', async () => {
    const greeting = await harness.join(newUserId(), { locale: 'es-MX' });
    expect(textOf(greeting)).toContain(es('onboarding:intro'));
    expect(buttonsOf(greeting)).toEqual(['Español', 'English']);
  });
});

describe('declining the privacy notice', () => {
  it('stores nothing more, reminds on every message, and "start" reopens the notice', async () => {
    const user = newUserId();
    await harness.send(user, 'hi');
    await harness.send(user, '', { value: 'lang:en' });

    const declined = await harness.send(user, '', { value: 'consent:decline' });
    expect(textOf(declined)).toBe(en('onboarding:declined.reply'));
    expect(buttonsOf(declined)).toEqual([en('onboarding:declined.review')]);

    const reminder = await harness.send(user, 'My name is Sam and I have lung cancer');
    expect(textOf(reminder)).toBe(en('onboarding:declined.reminder'));
    expect(buttonsOf(reminder)).toEqual([en('onboarding:declined.review')]);

    const person = await personOf(database.db, user);
    expect(person).toMatchObject({ role: null, display_name: null, cancer_type: null });
    expect(await consentsOf(person.id)).toEqual([
      {
        kind: 'privacy_notice',
        notice_version: TEST_CONFIG.PRIVACY_NOTICE_VERSION,
        decision: 'declined',
      },
    ]);

    const notice = await harness.send(user, 'Start.');
    expect(textOf(notice)).toContain(TEST_CONFIG.PRIVACY_NOTICE_VERSION);
    const role = await harness.send(user, '', { value: 'consent:agree' });
    expect(textOf(role)).toContain(en('common:field.role.ask'));
    expect((await consentsOf(person.id)).map((row) => row.decision)).toEqual(['declined', 'given']);
  });

  it('reopens the notice from its button and in Spanish with "empezar"', async () => {
    const user = newUserId();
    await harness.send(user, 'hola');
    await harness.send(user, '', { value: 'lang:es' });
    await harness.send(user, 'No, gracias');

    expect(textOf(await harness.send(user, 'menú'))).toContain(es('menu:consentFirst'));
    expect(buttonsOf(await harness.send(user, 'Empezar'))).toContain(es('onboarding:notice.agree'));
    await harness.send(user, 'no');
    const notice = await harness.send(user, '', { value: 'privacy:review' });
    expect(textOf(notice)).toContain(TEST_CONFIG.PRIVACY_NOTICE_VERSION);
  });
});

describe('interruptions during onboarding', () => {
  it('answers "help" and asks the same question again', async () => {
    const user = newUserId();
    await harness.send(user, 'hi');
    await harness.send(user, '', { value: 'lang:en' });
    await harness.send(user, '', { value: 'consent:agree' });
    await harness.send(user, '', { value: 'role:caregiver' });

    const replies = await harness.send(user, 'Help?');
    expect(replies.map((reply) => reply.text)).toEqual([
      en('menu:helpDuringSetup'),
      en('common:field.name.ask'),
    ]);
    expect(textOf(await harness.send(user, 'Kim'))).toContain(en('common:field.timeZone.ask'));
  });

  it('explains the menu waits for consent and shows the notice again', async () => {
    const user = newUserId();
    await harness.send(user, 'hi');
    await harness.send(user, '', { value: 'lang:en' });

    const replies = await harness.send(user, 'Menu');
    expect(replies[0]?.text).toBe(en('menu:consentFirst'));
    expect(textOf(replies)).toContain(TEST_CONFIG.PRIVACY_NOTICE_VERSION);
    expect(buttonsOf(replies)).toEqual([
      en('onboarding:notice.agree'),
      en('onboarding:notice.decline'),
    ]);
    expect(await consentsOf((await personOf(database.db, user)).id)).toEqual([]);
  });

  it('explains the menu opens after setup once consent is given', async () => {
    const user = newUserId();
    await harness.send(user, 'hi');
    await harness.send(user, '', { value: 'lang:en' });
    await harness.send(user, '', { value: 'consent:agree' });

    const replies = await harness.send(user, '', { value: 'menu:show' });
    expect(replies.map((reply) => reply.text)).toEqual([
      en('menu:finishOnboardingFirst'),
      en('common:field.role.ask'),
    ]);
  });

  it('picks up at the profile questions in a new conversation after consent', async () => {
    const user = newUserId();
    await harness.send(user, 'hi');
    await harness.send(user, '', { value: 'lang:en' });
    await harness.send(user, '', { value: 'consent:agree' });

    const replies = await harness.send(user, 'hello again', { conversationId: `other-${user}` });
    expect(replies.map((reply) => reply.text)).toEqual([
      en('onboarding:resume'),
      en('common:field.role.ask'),
    ]);
  });
});
