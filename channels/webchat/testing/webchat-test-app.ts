/**
 * For the web chat tests only: the channel on a real HTTP server on 127.0.0.1, in front of
 * the real turn pipeline (bot, dialogs, PostgreSQL state, inbox, outbox) and an outbox
 * dispatcher using the channel's sender, wired by the same `createCareLineServer` as
 * `src/app.ts`. Two apps on one database, each with its own notifications, stand for two
 * processes.
 */
import type http from 'node:http';
import { createTestBot } from '../../../test/support/bot-harness.js';
import { createCareLineServer } from '../../../src/careline-server.js';
import { createI18n } from '../../../src/i18n/i18n.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { Db } from '../../../src/storage/database.js';
import type { PgNotifications } from '../../../src/storage/pg-notifications.js';
import type { TurnProcessor } from '../../../src/turns/turn-processor.js';
import type { WebchatChannel } from '../webchat-channel.js';

export const TEST_SECRET = 'test-direct-line-secret-0123456789abcdef';
/** Tests other than the rate limits' own start many conversations from 127.0.0.1. */
const GENEROUS_LIMIT = 10_000;

export interface WebchatTestApp {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string;
  /** `${baseUrl}/v3/directline` */
  api: string;
  server: http.Server;
  channel: WebchatChannel;
  processor: TurnProcessor;
  /** Resolves when every turn started so far has finished and its replies were delivered. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  tokenTtlSeconds?: number;
  now?: () => number;
  publicUrl?: string;
  streamPollIntervalMs?: number;
  /** Default 10,000, so only the rate-limit tests meet the limit. */
  newSessionsPerHour?: number;
  /** Default 10,000, so only the rate-limit tests meet the limit. */
  messagesPerMinute?: number;
  /** This "process's" notifications; the caller closes them after `stop()`. */
  notifications?: PgNotifications;
  /** False: run no outbox dispatcher, so replies leave only through other apps; default true. */
  dispatchOutbox?: boolean;
}

export async function startWebchatTestApp(
  db: Db,
  options: TestAppOptions = {},
): Promise<WebchatTestApp> {
  const logger = createLogger('silent');
  const i18n = createI18n();
  const bot = createTestBot(db, logger, i18n);
  const careline = createCareLineServer({
    db,
    logger,
    bot,
    notifications: options.notifications,
    dispatchOutbox: options.dispatchOutbox,
    outboxPollIntervalMs: 50,
    webchat: {
      secret: TEST_SECRET,
      tokenTtlSeconds: options.tokenTtlSeconds ?? 1800,
      i18n,
      publicUrl: options.publicUrl,
      now: options.now,
      streamPollIntervalMs: options.streamPollIntervalMs,
      newSessionsPerHour: options.newSessionsPerHour ?? GENEROUS_LIMIT,
      messagesPerMinute: options.messagesPerMinute ?? GENEROUS_LIMIT,
    },
  });
  const baseUrl = (await careline.listen(0, '127.0.0.1')).replace(/\/$/, '');
  const { processor } = careline;

  async function settle(): Promise<void> {
    await processor.idle();
    for (let i = 0; i < 200; i++) {
      const pending = await db
        .selectFrom('outbox')
        .select('id')
        .where('status', 'in', ['pending', 'sending'])
        .executeTakeFirst();
      if (!pending) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('outbox did not drain');
  }

  return {
    baseUrl,
    api: `${baseUrl}/v3/directline`,
    server: careline.server,
    channel: careline.webchat,
    processor,
    settle,
    stop: () => careline.close(60_000),
  };
}
