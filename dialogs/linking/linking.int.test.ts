/**
 * One person, several channels, as people meet it through the real turn pipeline: a code
 * shown in one app and typed in another (web chat and Telegram, both ways), codes that do
 * not work, the limit on failed tries, a half-onboarded Telegram person merged into the
 * web chat person, the preferred channel, and deleting everything.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createI18n } from '../../src/i18n/i18n.js';
import {
  LINK_CODE_TTL_MINUTES,
  MAX_FAILED_REDEMPTIONS,
} from '../../src/linking/linking-service.js';
import type { ChannelId } from '../../src/storage/schema.js';
import { createBotHarness, type BotHarness } from '../../test/support/bot-harness.js';
import {
  auditActionsOf,
  buttonsOf,
  findPersonOf,
  newUserId,
  onboardPerson,
  personOf,
  textOf,
  type Reply,
} from '../../test/support/dialog-test-kit.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');
const es = i18n.getFixedT('es');
const INVALID = en('linking:invalidCode', { minutes: LINK_CODE_TTL_MINUTES });
const TELEGRAM = { channel: 'telegram' as const };

let database: TestDatabase;
let harness: BotHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = createBotHarness(database.db);
});

afterAll(async () => {
  await database.drop();
});

/** Presses "Link another app" and returns the code the person was shown. */
async function showCode(userId: string, channel: ChannelId = 'webchat'): Promise<string> {
  const replies = await harness.send(userId, '', { value: 'menu:link', channel });
  const code = /\/start ([A-Z0-9]+)/.exec(textOf(replies))?.[1];
  if (!code) throw new Error(`no code in ${textOf(replies)}`);
  return code;
}

/** Onboarded web chat person, and the code they were shown. */
async function webPersonWithCode(language: 'en' | 'es' = 'en') {
  const user = newUserId();
  await onboardPerson(harness, user, { language, name: 'Priya' });
  return { user, code: await showCode(user) };
}

function firstText(replies: Reply[]): string {
  return replies[0]?.text ?? '';
}

async function identitiesOf(personId: string) {
  return database.db
    .selectFrom('channel_identities')
    .select(['channel', 'external_id'])
    .where('person_id', '=', personId)
    .orderBy('channel')
    .execute();
}

async function linkCodeCount(personId: string): Promise<number> {
  const rows = await database.db
    .selectFrom('link_codes')
    .select('id')
    .where('person_id', '=', personId)
    .execute();
  return rows.length;
}

describe('showing a code', () => {
  it('shows a one-time code, how to use it, and the menu, storing only its hash', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);

    const replies = await harness.send(user, '', { value: 'menu:link' });
    const code = /\/start ([A-Z0-9]+)/.exec(textOf(replies))![1]!;
    expect(replies).toHaveLength(1);
    expect(textOf(replies)).toBe(
      `${en('linking:code', { code, minutes: LINK_CODE_TTL_MINUTES })}\n\n${en('menu:prompt')}`,
    );
    expect(buttonsOf(replies)).toContain(en('menu:item.link'));
    const person = await personOf(database.db, user);
    const rows = await database.db
      .selectFrom('link_codes')
      .select('code_hash')
      .where('person_id', '=', person.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).not.toContain(code);
  });

  it('replaces the earlier code: it no longer works', async () => {
    const { user, code: first } = await webPersonWithCode();
    await showCode(user);

    const telegramUser = newUserId();
    expect(firstText(await harness.send(telegramUser, `/start ${first}`, TELEGRAM))).toBe(INVALID);
  });
});

describe('linking web chat to Telegram', () => {
  it('links with /start <code>, asks the preferred app and saves it', async () => {
    const { user, code } = await webPersonWithCode();
    const person = await personOf(database.db, user);
    const telegramUser = newUserId();

    const linked = await harness.send(telegramUser, `/start ${code}`, TELEGRAM);
    expect(textOf(linked)).toBe(`${en('linking:linked')}\n\n${en('linking:preferred.ask')}`);
    expect(buttonsOf(linked)).toEqual([
      en('linking:channel.webchat'),
      en('linking:channel.telegram'),
    ]);
    expect(textOf(linked)).not.toContain('Priya');
    expect((await personOf(database.db, telegramUser, 'telegram')).id).toBe(person.id);
    expect(await identitiesOf(person.id)).toEqual([
      { channel: 'telegram', external_id: telegramUser },
      { channel: 'webchat', external_id: user },
    ]);
    expect(await linkCodeCount(person.id)).toBe(0);

    const saved = await harness.send(telegramUser, '', { value: 'channel:telegram', ...TELEGRAM });
    expect(saved.map((reply) => reply.text)).toEqual([
      en('linking:preferred.saved', { channel: en('linking:channel.telegram') }),
      en('menu:prompt'),
    ]);
    expect((await personOf(database.db, user)).preferred_channel).toBe('telegram');
  });

  it('links a half-onboarded Telegram person with "link <code>", merging them', async () => {
    const { user, code } = await webPersonWithCode();
    const person = await personOf(database.db, user);
    const telegramUser = newUserId();
    await harness.send(telegramUser, 'hola', TELEGRAM);
    await harness.send(telegramUser, '', { value: 'lang:es', ...TELEGRAM });
    await harness.send(telegramUser, '', { value: 'consent:agree', ...TELEGRAM });
    const temporary = await personOf(database.db, telegramUser, 'telegram');

    const linked = await harness.send(telegramUser, `link ${code.toLowerCase()}`, TELEGRAM);
    expect(firstText(linked)).toContain(en('linking:linked'));

    const gone = await database.db
      .selectFrom('people')
      .select('id')
      .where('id', '=', temporary.id)
      .execute();
    expect(gone).toEqual([]);
    const conversations = await database.db
      .selectFrom('conversations')
      .select(['channel', 'external_id'])
      .where('person_id', '=', person.id)
      .orderBy('channel')
      .execute();
    expect(conversations).toEqual([
      { channel: 'telegram', external_id: `conv-${telegramUser}` },
      { channel: 'webchat', external_id: `conv-${user}` },
    ]);
    expect(await auditActionsOf(database.db, person.id)).toContain('identity.linked');
    expect(await auditActionsOf(database.db, temporary.id)).toContain('person.erased');

    // The onboarding left open there is over: after the preferred app, the menu.
    await harness.send(telegramUser, '', { value: 'channel:webchat', ...TELEGRAM });
    const after = await harness.send(telegramUser, 'Patient', TELEGRAM);
    expect(textOf(after)).toContain(en('menu:didNotCatch'));
    expect((await personOf(database.db, user)).role).toBe('patient');
  });
});

describe('linking Telegram to web chat', () => {
  it('links with "vincular <code>", answering in the person’s language', async () => {
    const telegramUser = newUserId();
    await onboardPerson(harness, telegramUser, { language: 'es' }, 'telegram');
    const code = await showCode(telegramUser, 'telegram');
    const person = await personOf(database.db, telegramUser, 'telegram');
    const webUser = newUserId();

    const linked = await harness.send(webUser, `Vincular ${code}`, { locale: 'en-US' });
    expect(textOf(linked)).toBe(`${es('linking:linked')}\n\n${es('linking:preferred.ask')}`);
    expect(buttonsOf(linked)).toEqual([
      es('linking:channel.webchat'),
      es('linking:channel.telegram'),
    ]);
    expect((await personOf(database.db, webUser)).id).toBe(person.id);
  });
});

describe('codes that do not work', () => {
  it('answers a wrong code exactly like an expired one, and a used one the same', async () => {
    const { user, code } = await webPersonWithCode();
    const person = await personOf(database.db, user);
    await database.db
      .updateTable('link_codes')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('person_id', '=', person.id)
      .execute();

    const expired = await harness.send(newUserId(), `/start ${code}`, TELEGRAM);
    const wrong = await harness.send(newUserId(), '/start WRNG2345', TELEGRAM);
    expect(firstText(expired)).toBe(INVALID);
    expect(wrong.map((reply) => reply.text)).toEqual(expired.map((reply) => reply.text));

    const fresh = await showCode(user);
    await harness.send(newUserId(), `/start ${fresh}`, TELEGRAM);
    const reused = await harness.send(newUserId(), `/start ${fresh}`, TELEGRAM);
    expect(reused.map((reply) => reply.text)).toEqual(expired.map((reply) => reply.text));
  });

  it('carries on with the open question after a wrong code', async () => {
    const telegramUser = newUserId();
    await harness.send(telegramUser, 'hi', TELEGRAM);
    const replies = await harness.send(telegramUser, 'link WRNG2345', TELEGRAM);
    expect(firstText(replies)).toBe(INVALID);
    expect(textOf(replies)).toContain(en('common:field.language.ask'));
  });

  it(`refuses even a valid code after ${MAX_FAILED_REDEMPTIONS} failures, until the window passes`, async () => {
    const { code } = await webPersonWithCode();
    const telegramUser = newUserId();
    for (let attempt = 0; attempt < MAX_FAILED_REDEMPTIONS; attempt++) {
      const replies = await harness.send(telegramUser, `link WRNG234${attempt}`, TELEGRAM);
      expect(firstText(replies)).toBe(INVALID);
    }

    const limited = await harness.send(telegramUser, `/start ${code}`, TELEGRAM);
    expect(firstText(limited)).toBe(en('linking:tooManyTries', { minutes: 15 }));

    // The window passes (moved back rather than waited for).
    const temporary = await personOf(database.db, telegramUser, 'telegram');
    await database.db
      .updateTable('link_attempts')
      .set({ failed_at: new Date(Date.now() - 16 * 60_000) })
      .where('identity_id', 'in', (eb) =>
        eb.selectFrom('channel_identities').select('id').where('person_id', '=', temporary.id),
      )
      .execute();
    const linked = await harness.send(telegramUser, `/start ${code}`, TELEGRAM);
    expect(firstText(linked)).toContain(en('linking:linked'));
  });

  it('says so when the app is already linked to the same profile', async () => {
    const { user, code } = await webPersonWithCode();
    const replies = await harness.send(user, `link ${code}`);
    expect(replies.map((reply) => reply.text)).toEqual([
      en('linking:alreadyLinked'),
      en('menu:prompt'),
    ]);
  });

  it('refuses when the app belongs to a profile with other apps, changing nothing', async () => {
    const { user, code } = await webPersonWithCode();
    const telegramUser = newUserId();
    await onboardPerson(harness, telegramUser, {}, 'telegram');
    const other = await personOf(database.db, telegramUser, 'telegram');
    await database.db
      .insertInto('channel_identities')
      .values({ person_id: other.id, channel: 'sms', external_id: `+1555${Date.now()}` })
      .execute();

    const replies = await harness.send(telegramUser, `/start ${code}`, TELEGRAM);
    expect(firstText(replies)).toBe(en('linking:linkedElsewhere'));
    expect((await personOf(database.db, telegramUser, 'telegram')).id).toBe(other.id);
    expect(await linkCodeCount((await personOf(database.db, user)).id)).toBe(1);
  });
});

describe('preferred channel in the profile', () => {
  it('shows the preferred app once two are linked, and changes it to a linked one', async () => {
    const { user, code } = await webPersonWithCode();
    const telegramUser = newUserId();
    await harness.send(telegramUser, `/start ${code}`, TELEGRAM);
    await harness.send(telegramUser, '', { value: 'channel:telegram', ...TELEGRAM });

    const profile = await harness.send(user, '', { value: 'menu:profile' });
    const line = en('common:profileLine', {
      label: en('profile:preferredChannel'),
      value: en('linking:channel.telegram'),
    });
    expect(textOf(profile)).toContain(line);
    expect(buttonsOf(profile)).toContain(en('profile:preferredChannel'));

    const ask = await harness.send(user, '', { value: 'field:preferred-channel' });
    expect(textOf(ask)).toBe(en('linking:preferred.ask'));
    expect(buttonsOf(ask)).toEqual([en('linking:channel.webchat'), en('linking:channel.telegram')]);
    expect(textOf(await harness.send(user, 'SMS'))).toBe(en('linking:preferred.retry'));

    const saved = await harness.send(user, 'web chat');
    expect(firstText(saved)).toBe(
      en('linking:preferred.saved', { channel: en('linking:channel.webchat') }),
    );
    expect((await personOf(database.db, user)).preferred_channel).toBe('webchat');
  });

  it('offers no preferred app with a single channel', async () => {
    const user = newUserId();
    await onboardPerson(harness, user);
    const profile = await harness.send(user, '', { value: 'menu:profile' });
    expect(textOf(profile)).not.toContain(en('profile:preferredChannel'));
  });
});

describe('deleting my data', () => {
  it('erases link codes and every linked identity', async () => {
    const { user, code } = await webPersonWithCode();
    const telegramUser = newUserId();
    await harness.send(telegramUser, `/start ${code}`, TELEGRAM);
    const person = await personOf(database.db, user);
    await showCode(user);
    expect(await linkCodeCount(person.id)).toBe(1);

    await harness.send(telegramUser, 'delete my data', TELEGRAM);
    await harness.send(telegramUser, '', { value: 'delete:confirm', ...TELEGRAM });

    expect(await linkCodeCount(person.id)).toBe(0);
    expect(await identitiesOf(person.id)).toEqual([]);
    expect(await findPersonOf(database.db, user)).toBeUndefined();
  });
});
