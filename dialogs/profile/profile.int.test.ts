/**
 * "My profile": viewing the profile and changing one field at a time, each change saved,
 * audited and confirmed in the person's (possibly new) language; quiet hours and health
 * details in texts are changed here only, by patients and caregivers alike.
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
    expect(text).toContain(line('quietHours', '21:00 to 08:00 (default)'));
    expect(text).toContain(line('textDetails', en('common:textDetails.notIncluded')));
    expect(buttonsOf(replies)).toEqual([
      ...[
        'role',
        'name',
        'language',
        'timeZone',
        'cancerType',
        'region',
        'quietHours',
        'textDetails',
      ].map((field) => en(`common:field.${field}.label`)),
      en('profile:done'),
    ]);
  });

  it('shows a caregiver no health fields and does not accept them', async () => {
    const user = newUserId();
    await onboardPerson(harness, user, { role: 'caregiver' });

    const replies = await harness.send(user, 'my profile');
    expect(textOf(replies)).not.toContain(en('common:field.cancerType.label'));
    expect(buttonsOf(replies)).toEqual(
      ['role', 'name', 'language', 'timeZone', 'quietHours', 'textDetails']
        .map((field) => en(`common:field.${field}.label`))
        .concat(en('profile:done')),
    );
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

/** The person's quiet-hours columns and health-details choice, as stored. */
async function settingsOf(user: string) {
  const { quiet_hours_start, quiet_hours_end, sms_health_details } = await personOf(
    database.db,
    user,
  );
  return { quiet_hours_start, quiet_hours_end, sms_health_details };
}

/** The fields named by the person's latest "profile.updated" audit row. */
async function lastAuditedFields(user: string): Promise<unknown> {
  const person = await personOf(database.db, user);
  const audit = await database.db
    .selectFrom('audit_log')
    .select('details')
    .where('person_id', '=', person.id)
    .where('action', '=', 'profile.updated')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return audit.details;
}

describe('quiet hours', () => {
  it('are left at the defaults by onboarding, which never asks about them', async () => {
    const user = newUserId();
    const replies = await onboardPerson(harness, user);

    expect(textOf(replies)).not.toContain(en('common:field.quietHours.label'));
    expect(await settingsOf(user)).toEqual({
      quiet_hours_start: null,
      quiet_hours_end: null,
      sms_health_details: false,
    });
  });

  it('explains them, shows the current window and saves a typed one', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);
    await harness.send(user, 'my profile');

    const ask = await harness.send(user, '', { value: 'field:quiet-hours' });
    expect(textOf(ask)).toBe(
      en('common:field.quietHours.ask', { current: '21:00 to 08:00 (default)' }),
    );
    expect(textOf(ask)).toContain('crisis and safety messages');
    expect(buttonsOf(ask)).toEqual([
      en('common:quietHours.defaultButton', { hours: '21:00 to 08:00' }),
      en('common:quietHours.offButton'),
    ]);

    const saved = await harness.send(user, '22:00-07:00');
    expect(saved.map((reply) => reply.text)).toEqual([
      en('profile:saved', { label: en('common:field.quietHours.label'), value: '22:00 to 07:00' }),
      en('menu:prompt'),
    ]);
    expect(await settingsOf(user)).toMatchObject({
      quiet_hours_start: '22:00',
      quiet_hours_end: '07:00',
    });
    expect(await lastAuditedFields(user)).toEqual({ fields: 'quiet_hours_end,quiet_hours_start' });

    await harness.send(user, 'my profile');
    const again = await harness.send(user, 'quiet hours');
    expect(textOf(again)).toContain('22:00 to 07:00.');
  });

  it('turns them off, then back to the defaults, for a caregiver too', async () => {
    const user = newUserId();
    await onboardPerson(harness, user, { role: 'caregiver' });

    await harness.send(user, 'my profile');
    await harness.send(user, '', { value: 'field:quiet-hours' });
    const off = await harness.send(user, 'off');
    expect(textOf(off)).toContain(
      en('profile:saved', {
        label: en('common:field.quietHours.label'),
        value: en('common:quietHours.off'),
      }),
    );
    expect(await settingsOf(user)).toMatchObject({
      quiet_hours_start: '00:00',
      quiet_hours_end: '00:00',
    });

    await harness.send(user, 'my profile');
    await harness.send(user, '', { value: 'field:quiet-hours' });
    const reset = await harness.send(user, 'default');
    expect(textOf(reset)).toContain(
      en('profile:saved', {
        label: en('common:field.quietHours.label'),
        value: '21:00 to 08:00 (default)',
      }),
    );
    expect(await settingsOf(user)).toMatchObject({
      quiet_hours_start: null,
      quiet_hours_end: null,
    });
  });

  it('asks again kindly after an impossible time and stores nothing', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);
    const person = await personOf(database.db, user);
    await harness.send(user, 'my profile');
    await harness.send(user, '', { value: 'field:quiet-hours' });
    const auditBefore = await auditActionsOf(database.db, person.id);

    const retry = await harness.send(user, '25:00-07:00');
    expect(textOf(retry)).toBe(en('common:field.quietHours.retry'));
    expect(textOf(await harness.send(user, '10pm to 13am'))).toBe(
      en('common:field.quietHours.retry'),
    );
    expect(await settingsOf(user)).toMatchObject({
      quiet_hours_start: null,
      quiet_hours_end: null,
    });
    expect(await auditActionsOf(database.db, person.id)).toEqual(auditBefore);

    await harness.send(user, '10pm to 7am');
    expect(await settingsOf(user)).toMatchObject({
      quiet_hours_start: '22:00',
      quiet_hours_end: '07:00',
    });
  });

  it('are asked and understood in Spanish', async () => {
    const user = newUserId();
    await onboardPerson(harness, user, { language: 'es', place: 'Madrid' });

    const profile = await harness.send(user, 'mi perfil');
    expect(textOf(profile)).toContain(
      es('common:profileLine', {
        label: es('common:field.quietHours.label'),
        value: '21:00 a 08:00 (por defecto)',
      }),
    );
    const ask = await harness.send(user, 'horas de silencio');
    expect(textOf(ask)).toBe(
      es('common:field.quietHours.ask', { current: '21:00 a 08:00 (por defecto)' }),
    );
    expect(textOf(await harness.send(user, 'de 25 a 7'))).toBe(es('common:field.quietHours.retry'));
    const saved = await harness.send(user, 'de 22 a 7');
    expect(textOf(saved)).toContain(
      es('profile:saved', { label: es('common:field.quietHours.label'), value: '22:00 a 07:00' }),
    );
    expect(await settingsOf(user)).toMatchObject({
      quiet_hours_start: '22:00',
      quiet_hours_end: '07:00',
    });

    await harness.send(user, 'mi perfil');
    await harness.send(user, '', { value: 'field:quiet-hours' });
    await harness.send(user, 'ninguna');
    expect(await settingsOf(user)).toMatchObject({
      quiet_hours_start: '00:00',
      quiet_hours_end: '00:00',
    });

    await harness.send(user, 'mi perfil');
    await harness.send(user, '', { value: 'field:quiet-hours' });
    await harness.send(user, 'por defecto');
    expect(await settingsOf(user)).toMatchObject({
      quiet_hours_start: null,
      quiet_hours_end: null,
    });
  });
});

describe('health details in texts', () => {
  it('explains the lock screen, then stores yes and no', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);
    await harness.send(user, 'my profile');

    const ask = await harness.send(user, '', { value: 'field:text-details' });
    expect(textOf(ask)).toBe(
      en('common:field.textDetails.ask', { current: en('common:textDetails.notIncluded') }),
    );
    expect(textOf(ask)).toContain('lock screen');
    expect(buttonsOf(ask)).toEqual([en('common:textDetails.yes'), en('common:textDetails.no')]);
    expect(textOf(await harness.send(user, 'perhaps'))).toBe(en('common:field.textDetails.retry'));
    expect((await settingsOf(user)).sms_health_details).toBe(false);

    const yes = await harness.send(user, '', { value: 'details:yes' });
    expect(textOf(yes)).toContain(
      en('profile:saved', {
        label: en('common:field.textDetails.label'),
        value: en('common:textDetails.included'),
      }),
    );
    expect((await settingsOf(user)).sms_health_details).toBe(true);
    expect(await lastAuditedFields(user)).toEqual({ fields: 'sms_health_details' });

    await harness.send(user, 'my profile');
    await harness.send(user, 'health details');
    await harness.send(user, 'No');
    expect((await settingsOf(user)).sms_health_details).toBe(false);
  });

  it('is asked and understood in Spanish, for a caregiver too', async () => {
    const user = newUserId();
    await onboardPerson(harness, user, { language: 'es', role: 'caregiver', place: 'Madrid' });

    await harness.send(user, 'mi perfil');
    const ask = await harness.send(user, 'detalles de salud');
    expect(textOf(ask)).toBe(
      es('common:field.textDetails.ask', { current: es('common:textDetails.notIncluded') }),
    );
    expect(buttonsOf(ask)).toEqual([es('common:textDetails.yes'), es('common:textDetails.no')]);
    const yes = await harness.send(user, 'Sí');
    expect(textOf(yes)).toContain(
      es('profile:saved', {
        label: es('common:field.textDetails.label'),
        value: es('common:textDetails.included'),
      }),
    );
    expect((await settingsOf(user)).sms_health_details).toBe(true);

    await harness.send(user, 'mi perfil');
    await harness.send(user, '', { value: 'field:text-details' });
    await harness.send(user, 'No, déjalos fuera');
    expect((await settingsOf(user)).sms_health_details).toBe(false);
  });
});
