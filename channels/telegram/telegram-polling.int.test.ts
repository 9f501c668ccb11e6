/**
 * Long polling end to end (no PUBLIC_URL, as on a developer's laptop): the webhook is
 * deleted, updates come from getUpdates into the same inbox and turns as the webhook's, and
 * the offset confirms only what is durable.
 */
import { TEST_CONFIG } from '../../test/support/bot-harness.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createI18n } from '../../src/i18n/i18n.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { FakeTelegramServer } from './testing/fake-telegram-server.js';
import { startTelegramTestApp, type TelegramTestApp } from './testing/telegram-test-app.js';
import { callbackUpdate, textUpdate } from './testing/update-builders.js';

const en = createI18n().getFixedT('en');
const user = { userId: 9_100_001, languageCode: 'en' };

let database: TestDatabase;
let fake: FakeTelegramServer;
let app: TelegramTestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeTelegramServer.start();
  app = await startTelegramTestApp(database.db, { fake, pollTimeoutSeconds: 1 });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await database?.drop();
});

describe('Telegram long polling', () => {
  it('deletes any webhook, then polls for the update types it handles', async () => {
    expect(app.channel.mode).toBe('polling');
    const [getUpdates] = await fake.waitForCalls('getUpdates', 1);
    const names = fake.calls.map((call) => call.method);

    expect(names.indexOf('deleteWebhook')).toBeLessThan(names.indexOf('getUpdates'));
    expect(fake.callsTo('setWebhook')).toEqual([]);
    expect(getUpdates!.params).toMatchObject({
      timeout: 1,
      allowed_updates: ['message', 'edited_message', 'callback_query', 'channel_post'],
    });
  });

  it('runs polled updates through the inbox and the bot, confirming each by offset', async () => {
    fake.pushUpdate(textUpdate(501, user, '/start'));
    await fake.waitForCalls('sendMessage', 1);
    await app.settle();
    fake.pushUpdate(callbackUpdate(502, user, 'lang:en'));
    await fake.waitForCalls('answerCallbackQuery', 1);
    await app.settle();
    await fake.waitForCalls('sendMessage', 2);

    const texts = fake.messagesTo(user.userId).map((call) => String(call.params.text));
    expect(texts[0]).toContain(en('onboarding:intro'));
    expect(texts.at(-1)).toContain(TEST_CONFIG.PRIVACY_NOTICE_VERSION); // the privacy notice
    const inbox = await database.db
      .selectFrom('inbox')
      .select(['external_id', 'status'])
      .where('channel', '=', 'telegram')
      .orderBy('id')
      .execute();
    expect(inbox).toEqual([
      { external_id: '501', status: 'processed' },
      { external_id: '502', status: 'processed' },
    ]);
    const offsets = fake.callsTo('getUpdates').map((call) => call.params.offset);
    expect(offsets).toContain(502);
    expect(offsets).toContain(503);
  });
});
