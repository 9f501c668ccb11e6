/**
 * Telegram over the webhook, end to end: CareLine's real server and turn pipeline, updates
 * posted as Telegram would post them, and replies read from the fake Bot API server. What
 * the person sees, and what is (and is not) stored.
 */
import { TEST_CONFIG } from '../../test/support/bot-harness.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Update } from 'grammy/types';
import { createI18n } from '../../src/i18n/i18n.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { FakeTelegramServer, type RecordedCall } from './testing/fake-telegram-server.js';
import { startTelegramTestApp, type TelegramTestApp } from './testing/telegram-test-app.js';
import {
  callbackUpdate,
  editedTextUpdate,
  groupTextUpdate,
  photoUpdate,
  stickerUpdate,
  textUpdate,
  voiceUpdate,
} from './testing/update-builders.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');
const es = i18n.getFixedT('es');
const PUBLIC_URL = 'https://careline.example.org/base';

let database: TestDatabase;
let fake: FakeTelegramServer;
let app: TelegramTestApp;
let nextUserId = 7_000_000;
let nextUpdateId = 1;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeTelegramServer.start();
  app = await startTelegramTestApp(database.db, { fake, publicUrl: PUBLIC_URL });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await database?.drop();
});

const newUser = (languageCode = 'en') => ({ userId: ++nextUserId, languageCode });
const updateId = () => nextUpdateId++;

async function deliver(update: Update): Promise<void> {
  const response = await app.postUpdate(update);
  expect(response.status).toBe(200);
}

/** Posts the update, waits for its turn and replies, returns the texts sent to the chat. */
async function converse(update: Update, chatId: number): Promise<RecordedCall[]> {
  const before = fake.messagesTo(chatId).length;
  await deliver(update);
  await app.settle();
  return fake.messagesTo(chatId).slice(before);
}

const textsOf = (calls: RecordedCall[]) => calls.map((call) => String(call.params.text));
const buttonsOf = (calls: RecordedCall[]) => {
  const markup = calls.at(-1)?.params.reply_markup as
    { inline_keyboard: { text: string; callback_data: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat();
};

async function inboxCount(): Promise<number> {
  const row = await database.db
    .selectFrom('inbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('channel', '=', 'telegram')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function identityOf(userId: number) {
  return database.db
    .selectFrom('channel_identities')
    .selectAll()
    .where('channel', '=', 'telegram')
    .where('external_id', '=', String(userId))
    .executeTakeFirst();
}

describe('Telegram webhook', () => {
  it('registered itself at start with its secret and the update types it handles', () => {
    expect(fake.callsTo('getMe')).toHaveLength(1);
    expect(fake.webhook).toEqual({
      url: 'https://careline.example.org/base/api/telegram',
      secret_token: 'test-telegram-webhook-secret',
      allowed_updates: ['message', 'edited_message', 'callback_query', 'channel_post'],
    });
  });

  it('refuses a missing or forged secret with 403 and stores nothing', async () => {
    const user = newUser();
    const before = await inboxCount();

    for (const secret of [null, 'wrong-secret', 'test-telegram-webhook-secre']) {
      const response = await app.postUpdate(textUpdate(updateId(), user, 'hello'), secret);
      expect(response.status).toBe(403);
    }
    await app.settle();
    expect(await inboxCount()).toBe(before);
    expect(await identityOf(user.userId)).toBeUndefined();
    expect(fake.messagesTo(user.userId)).toEqual([]);
  });

  it('answers 400 to a body that is not an update', async () => {
    const response = await app.postUpdate({ hello: 'world' } as never);
    expect(response.status).toBe(400);
  });

  it('greets on /start, in the language Telegram reports, with language buttons', async () => {
    const user = newUser('es');
    const replies = await converse(textUpdate(updateId(), user, '/start'), user.userId);

    expect(textsOf(replies).join('\n')).toContain(es('onboarding:intro'));
    expect(buttonsOf(replies)).toEqual(
      expect.arrayContaining([
        { text: 'English', callback_data: 'lang:en' },
        { text: 'Español', callback_data: 'lang:es' },
      ]),
    );
    expect(replies.every((call) => call.params.parse_mode === undefined)).toBe(true);
    const identity = await identityOf(user.userId);
    const person = await database.db
      .selectFrom('people')
      .select('locale')
      .where('id', '=', identity!.person_id)
      .executeTakeFirstOrThrow();
    expect(person.locale).toBe('es');
  });

  it('answers messages holding a NUL or half an emoji, without failing those beside them', async () => {
    const users = [newUser(), newUser(), newUser()];
    const texts = ['hello\u0000', 'half \ud83d', 'hello'];

    // Posted together, so they share one inbox commit.
    const answers = await Promise.all(
      users.map((user, i) => app.postUpdate(textUpdate(updateId(), user, texts[i]!))),
    );
    await app.settle();

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    for (const user of users) expect(fake.messagesTo(user.userId).length).toBeGreaterThan(0);
  });

  it('processes a re-delivered update once', async () => {
    const user = newUser();
    const update = textUpdate(updateId(), user, 'hello');

    await deliver(update);
    await deliver(update);
    await app.settle();
    await deliver(update);
    await app.settle();

    const rows = await database.db
      .selectFrom('inbox')
      .select('status')
      .where('channel', '=', 'telegram')
      .where('external_id', '=', String(update.update_id))
      .execute();
    expect(rows).toEqual([{ status: 'processed' }]);
    const intro = textsOf(fake.messagesTo(user.userId)).filter((t) =>
      t.includes(en('onboarding:intro')),
    );
    expect(intro).toHaveLength(1);
  });

  it('runs two updates of one chat in update_id order when they arrive out of order', async () => {
    const user = newUser();
    await converse(textUpdate(updateId(), user, '/start'), user.userId);
    const first = callbackUpdate(updateId(), user, 'lang:es');
    const second = callbackUpdate(updateId(), user, 'consent:agree');

    const before = fake.messagesTo(user.userId).length;
    await deliver(second);
    await deliver(first);
    await app.settle();

    // Language first, then consent: the second answer is the role question, in Spanish.
    const texts = textsOf(fake.messagesTo(user.userId).slice(before));
    expect(texts.join('\n')).toContain(es('common:field.role.ask'));
    expect(texts.findIndex((t) => t.includes(es('common:field.role.ask')))).toBeGreaterThan(0);
  });

  it('keeps that order when the two updates reach two CareLine processes', async () => {
    const user = newUser();
    await converse(textUpdate(updateId(), user, '/start'), user.userId);
    const first = callbackUpdate(updateId(), user, 'lang:es');
    const second = callbackUpdate(updateId(), user, 'consent:agree');
    // Two servers on one database stand for two processes behind a load balancer.
    const one = await startTelegramTestApp(database.db, {
      fake,
      publicUrl: PUBLIC_URL,
      holdMs: 200,
    });
    const two = await startTelegramTestApp(database.db, {
      fake,
      publicUrl: PUBLIC_URL,
      holdMs: 200,
    });
    try {
      const before = fake.messagesTo(user.userId).length;
      expect((await two.postUpdate(second)).status).toBe(200);
      expect((await one.postUpdate(first)).status).toBe(200);
      await Promise.all([one.settle(), two.settle()]);

      const texts = textsOf(fake.messagesTo(user.userId).slice(before));
      expect(texts.findIndex((t) => t.includes(es('common:field.role.ask')))).toBeGreaterThan(0);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
  });

  it('answers every button press directly and hands its data to the bot', async () => {
    const user = newUser();
    await converse(textUpdate(updateId(), user, '/start'), user.userId);
    const press = callbackUpdate(updateId(), user, 'lang:en');

    const replies = await converse(press, user.userId);

    const answers = fake
      .callsTo('answerCallbackQuery')
      .map((call) => call.params.callback_query_id);
    expect(answers).toContain(press.callback_query!.id);
    // The privacy notice, which names its version.
    expect(textsOf(replies).join('\n')).toContain(TEST_CONFIG.PRIVACY_NOTICE_VERSION);
  });

  it('treats an edited message as the person’s corrected answer, processed once', async () => {
    const user = newUser();
    await converse(textUpdate(updateId(), user, '/start'), user.userId);
    await converse(callbackUpdate(updateId(), user, 'lang:en'), user.userId);
    await converse(callbackUpdate(updateId(), user, 'consent:agree'), user.userId);
    await converse(callbackUpdate(updateId(), user, 'role:patient'), user.userId);
    const typo = textUpdate(updateId(), user, '!!!');
    expect(textsOf(await converse(typo, user.userId)).join('\n')).toContain(
      en('common:field.name.retry'),
    );

    const edit = editedTextUpdate(updateId(), user, typo.message!.message_id, 'Zoë');
    const replies = await converse(edit, user.userId);
    await converse({ ...edit, update_id: updateId() }, user.userId); // the same edit again

    // The name was taken: the next question is asked, once.
    expect(textsOf(replies).join('\n')).toContain(en('common:field.timeZone.ask'));
    const askedAgain = textsOf(fake.messagesTo(user.userId)).filter((t) =>
      t.includes(en('common:field.timeZone.ask')),
    );
    expect(askedAgain).toHaveLength(1);
    const edits = await database.db
      .selectFrom('inbox')
      .select('external_id')
      .where('external_id', 'like', `edit:${user.userId}:%`)
      .execute();
    expect(edits).toHaveLength(1);
  });

  it.each([
    ['sticker', stickerUpdate, 'en'],
    ['photo', photoUpdate, 'es'],
    ['voice note', voiceUpdate, 'en'],
  ] as const)('answers a %s kindly and stores nothing', async (_kind, build, language) => {
    const user = newUser(language);
    const before = await inboxCount();

    await deliver(build(updateId(), user));
    const [reply] = await fake.waitForCalls('sendMessage', fake.callsTo('sendMessage').length + 1);
    const sent = fake.messagesTo(user.userId);

    expect(reply).toBeDefined();
    expect(textsOf(sent)).toEqual([i18n.t('telegram:textAndButtonsOnly', { lng: language })]);
    expect(await inboxCount()).toBe(before);
    expect(await identityOf(user.userId)).toBeUndefined();
  });

  it('answers in a known person’s own language, not their app’s', async () => {
    const user = newUser('es');
    await converse(textUpdate(updateId(), user, '/start'), user.userId);
    await converse(callbackUpdate(updateId(), user, 'lang:en'), user.userId);
    const before = fake.messagesTo(user.userId).length;

    await deliver(stickerUpdate(updateId(), user));
    await fake.waitForCalls('sendMessage', fake.callsTo('sendMessage').length + 1);

    expect(textsOf(fake.messagesTo(user.userId).slice(before))).toEqual([
      en('telegram:textAndButtonsOnly'),
    ]);
  });

  it('tells a group that CareLine works in private chats only, storing nothing', async () => {
    const user = newUser();
    const groupId = -1_001_234_567;
    const before = await inboxCount();
    const people = await database.db.selectFrom('people').select('id').execute();

    await deliver(groupTextUpdate(updateId(), user, groupId, '/start'));
    await fake.waitForCalls('sendMessage', fake.callsTo('sendMessage').length + 1);

    expect(textsOf(fake.messagesTo(groupId))).toEqual([en('telegram:privateChatsOnly')]);
    expect(fake.messagesTo(user.userId)).toEqual([]);
    expect(await inboxCount()).toBe(before);
    expect(await database.db.selectFrom('people').select('id').execute()).toHaveLength(
      people.length,
    );
  });

  it('takes a person from the greeting to the menu by button presses', async () => {
    const user = newUser();
    const chat = user.userId;

    const greeting = await converse(textUpdate(updateId(), user, '/start'), chat);
    expect(buttonsOf(greeting).map((b) => b.callback_data)).toEqual(['lang:en', 'lang:es']);

    const notice = await converse(callbackUpdate(updateId(), user, 'lang:en'), chat);
    expect(buttonsOf(notice).map((b) => b.text)).toEqual([
      en('onboarding:notice.agree'),
      en('onboarding:notice.decline'),
    ]);
    const agree = buttonsOf(notice)[0]!.callback_data;

    const role = await converse(callbackUpdate(updateId(), user, agree), chat);
    expect(textsOf(role).join('\n')).toContain(en('common:field.role.ask'));
    const patient = buttonsOf(role).find((b) => b.text === en('common:role.patient'))!;

    const name = await converse(callbackUpdate(updateId(), user, patient.callback_data), chat);
    expect(textsOf(name).join('\n')).toContain(en('common:field.name.ask'));

    const place = await converse(textUpdate(updateId(), user, 'Zoë'), chat);
    expect(textsOf(place).join('\n')).toContain(en('common:field.timeZone.ask'));

    const cancer = await converse(textUpdate(updateId(), user, 'Chicago'), chat);
    const breast = buttonsOf(cancer).find((b) => b.text === en('common:cancerType.breast'))!;

    const region = await converse(callbackUpdate(updateId(), user, breast.callback_data), chat);
    expect(textsOf(region).join('\n')).toContain(en('common:field.region.ask'));

    const done = await converse(textUpdate(updateId(), user, 'Texas, USA'), chat);
    expect(textsOf(done).join('\n')).toContain(en('onboarding:done', { name: 'Zoë' }));
    expect(buttonsOf(done).map((b) => b.text)).toContain(en('menu:item.help'));

    const help = await converse(textUpdate(updateId(), user, '/menu'), chat);
    expect(textsOf(help).join('\n')).toContain(en('menu:prompt'));

    const person = await database.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', (await identityOf(user.userId))!.person_id)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({
      role: 'patient',
      display_name: 'Zoë',
      time_zone: 'America/Chicago',
      cancer_type: 'breast',
    });
    expect(person.onboarded_at).toBeInstanceOf(Date);
  });
});
