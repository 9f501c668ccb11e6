/**
 * For the Telegram tests only: CareLine's server (real turn pipeline, PostgreSQL, inbox,
 * outbox and dispatchers, wired by `createCareLineServer` as in `src/app.ts`) with its
 * Telegram channel talking to a fake Bot API server on 127.0.0.1.
 */
import type http from 'node:http';
import type { Update } from 'grammy/types';
import { createTestBot } from '../../../test/support/bot-harness.js';
import { createCareLineServer } from '../../../src/careline-server.js';
import { createI18n } from '../../../src/i18n/i18n.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { Db } from '../../../src/storage/database.js';
import type { TurnProcessor } from '../../../src/turns/turn-processor.js';
import type { TelegramChannel } from '../telegram-channel.js';
import { TELEGRAM_WEBHOOK_PATH } from '../webhook-route.js';
import { SECRET_HEADER } from '../webhook-secret.js';
import { FAKE_BOT_TOKEN, type FakeTelegramServer } from './fake-telegram-server.js';

export const TEST_WEBHOOK_SECRET = 'test-telegram-webhook-secret';
const WEBCHAT_SECRET = 'test-direct-line-secret-0123456789abcdef';

export interface TelegramTestApp {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string;
  server: http.Server;
  channel: TelegramChannel;
  processor: TurnProcessor;
  /** Posts an update to the webhook with the right secret (or `secret`; null: none). */
  postUpdate(update: Update, secret?: string | null): Promise<Response>;
  /** Resolves when every update so far has been processed and its replies delivered. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface TelegramTestAppOptions {
  fake: FakeTelegramServer;
  /** Set: webhook mode, registering `<publicUrl>/api/telegram`; unset: polling. */
  publicUrl?: string;
  /** Default 50 ms. */
  holdMs?: number;
  /** Default 1000, so only the throttle's tests wait for the per-chat limit. */
  messagesPerSecondPerChat?: number;
  /** Default 1000. */
  messagesPerSecond?: number;
  pollTimeoutSeconds?: number;
}

export async function startTelegramTestApp(
  db: Db,
  options: TelegramTestAppOptions,
): Promise<TelegramTestApp> {
  const logger = createLogger('silent');
  const i18n = createI18n();
  const bot = createTestBot(db, logger, i18n);
  const careline = createCareLineServer({
    db,
    logger,
    bot,
    outboxPollIntervalMs: 50,
    webchat: { secret: WEBCHAT_SECRET, tokenTtlSeconds: 1800, i18n },
    telegram: {
      token: FAKE_BOT_TOKEN,
      webhookSecret: TEST_WEBHOOK_SECRET,
      apiRoot: options.fake.apiRoot,
      publicUrl: options.publicUrl,
      i18n,
      holdMs: options.holdMs ?? 50,
      messagesPerSecondPerChat: options.messagesPerSecondPerChat ?? 1000,
      messagesPerSecond: options.messagesPerSecond ?? 1000,
      pollTimeoutSeconds: options.pollTimeoutSeconds ?? 1,
    },
  });
  const baseUrl = (await careline.listen(0, '127.0.0.1')).replace(/\/$/, '');
  const { processor } = careline;

  async function postUpdate(update: Update, secret: string | null = TEST_WEBHOOK_SECRET) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret !== null) headers[SECRET_HEADER] = secret;
    return fetch(`${baseUrl}${TELEGRAM_WEBHOOK_PATH}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(update),
    });
  }

  async function settle(): Promise<void> {
    for (let i = 0; i < 400; i++) {
      await processor.idle();
      const waiting = await db
        .selectFrom('inbox')
        .select('id')
        .where('status', '=', 'received')
        .unionAll(
          db.selectFrom('outbox').select('id').where('status', 'in', ['pending', 'sending']),
        )
        .executeTakeFirst();
      if (!waiting) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('Telegram test app did not settle');
  }

  return {
    baseUrl,
    server: careline.server,
    channel: careline.telegram!,
    processor,
    postUpdate,
    settle,
    stop: () => careline.close(60_000),
  };
}
