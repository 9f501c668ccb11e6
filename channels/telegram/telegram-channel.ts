/**
 * The Telegram channel: people talk to the CareLine bot in a private chat. Updates arrive by
 * webhook (`POST /api/telegram`, registered at start when CareLine has a public URL) or by
 * long polling (no public URL: a developer's laptop); both go through one intake into the
 * inbox and the turn processor. Replies leave through the outbox and this channel's sender.
 */
import type { Router } from 'express';
import type { i18n as I18n } from 'i18next';
import type { SupportedLocale } from '../../src/i18n/i18n.js';
import type { Logger } from '../../src/logging/logger.js';
import type { ChannelSender } from '../../src/outbox/outbox-dispatcher.js';
import type { Db } from '../../src/storage/database.js';
import type { TurnProcessor } from '../../src/turns/turn-processor.js';
import { SendThrottle } from './send-throttle.js';
import {
  botIdOf,
  callTelegram,
  createTelegramApi,
  DEFAULT_API_ROOT,
  TelegramApiError,
} from './telegram-api.js';
import { createTelegramPolling, type TelegramPolling } from './telegram-polling.js';
import { createTelegramSender } from './telegram-sender.js';
import { HANDLED_UPDATE_TYPES } from './telegram-updates.js';
import { createUpdateIntake } from './update-intake.js';
import { createWebhookRouter, TELEGRAM_WEBHOOK_PATH } from './webhook-route.js';
import { deriveWebhookSecret, WEBHOOK_SECRET_PATTERN } from './webhook-secret.js';

export interface TelegramChannelOptions {
  db: Db;
  processor: TurnProcessor;
  logger: Logger;
  i18n: I18n;
  /** The bot token from BotFather (TELEGRAM_BOT_TOKEN). Never logged. */
  token: string;
  /** TELEGRAM_WEBHOOK_SECRET; default: derived from the token (see `webhook-secret.ts`). */
  webhookSecret?: string;
  /** TELEGRAM_API_ROOT; default `https://api.telegram.org`. */
  apiRoot?: string;
  /** PUBLIC_URL: set, the webhook `<publicUrl>/api/telegram` is registered; unset, polling. */
  publicUrl?: string;
  /** TELEGRAM_MESSAGES_PER_SECOND_PER_CHAT; default 1. */
  messagesPerSecondPerChat?: number;
  /** TELEGRAM_MESSAGES_PER_SECOND; default 30. */
  messagesPerSecond?: number;
  /** Language of notices to people whose language is unknown; default English. */
  defaultLocale?: SupportedLocale;
  /** How long each chat's updates wait to be put in order; default 150 ms. */
  holdMs?: number;
  /** Polling only: how long one getUpdates waits for news; default 25 s. */
  pollTimeoutSeconds?: number;
}

export interface TelegramChannel {
  /** How updates arrive: 'webhook' with a public URL, 'polling' without. */
  readonly mode: 'webhook' | 'polling';
  /** Mount at `/`: serves `POST /api/telegram` (in both modes: a webhook may still be set). */
  router: Router;
  /** The outbox sender for channel 'telegram'. */
  sender: ChannelSender;
  /**
   * Checks the token (getMe), then registers the webhook or starts polling.
   * @throws TelegramSetupError when Telegram refuses the token or the webhook
   */
  start(): Promise<void>;
  /** Stops polling and starts every held update's turn; call before the processor idles. */
  stop(): Promise<void>;
}

/** Telegram refused to set the channel up; the message says what to fix (never the token). */
export class TelegramSetupError extends Error {
  override name = 'TelegramSetupError';
}

/**
 * Builds the channel (no network until `start`).
 * @throws TelegramSetupError when the webhook secret is not one Telegram accepts
 */
export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  const { db, processor, i18n, token, publicUrl } = options;
  const logger = options.logger.child({ channel: 'telegram' });
  const apiRoot = (options.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, '');
  const secret = options.webhookSecret ?? deriveWebhookSecret(token);
  if (!WEBHOOK_SECRET_PATTERN.test(secret)) {
    throw new TelegramSetupError(
      'TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -.',
    );
  }
  const api = createTelegramApi(token, apiRoot);
  const throttle = new SendThrottle({
    perChatPerSecond: options.messagesPerSecondPerChat,
    perSecond: options.messagesPerSecond,
  });
  const intake = createUpdateIntake({
    db,
    processor,
    api,
    throttle,
    i18n,
    logger,
    bot: { id: botIdOf(token), name: 'CareLine' },
    apiRoot,
    defaultLocale: options.defaultLocale ?? 'en',
    holdMs: options.holdMs,
  });
  const mode = publicUrl ? 'webhook' : 'polling';
  let polling: TelegramPolling | undefined;

  async function setUp(): Promise<void> {
    await callTelegram('getMe', () => api.getMe());
    if (publicUrl) {
      await callTelegram('setWebhook', () =>
        api.setWebhook(webhookUrl(publicUrl), {
          secret_token: secret,
          allowed_updates: [...HANDLED_UPDATE_TYPES],
        }),
      );
      logger.info({ mode }, 'Telegram webhook registered');
      return;
    }
    polling = createTelegramPolling({
      api,
      intake,
      logger,
      pollTimeoutSeconds: options.pollTimeoutSeconds,
    });
    await polling.start();
    logger.info({ mode }, 'Telegram long polling started');
  }

  return {
    mode,
    router: createWebhookRouter({ intake, secret }),
    sender: createTelegramSender({ db, api, throttle, logger }),
    async start() {
      try {
        await setUp();
      } catch (error) {
        throw setupError(error);
      }
    },
    async stop() {
      await polling?.stop();
      await intake.close();
    },
  };
}

/** `<publicUrl>/api/telegram`, whether or not PUBLIC_URL ends in a slash or has a path. */
export function webhookUrl(publicUrl: string): string {
  const base = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
  return new URL(TELEGRAM_WEBHOOK_PATH.slice(1), base).toString();
}

function setupError(error: unknown): TelegramSetupError {
  if (!(error instanceof TelegramApiError)) {
    return new TelegramSetupError('Could not set up the Telegram channel.', { cause: error });
  }
  const fix =
    error.kind === 'unauthorized'
      ? ' Check TELEGRAM_BOT_TOKEN.'
      : error.method === 'setWebhook'
        ? ' Telegram must reach PUBLIC_URL over https (ports 443, 80, 88 or 8443).'
        : ' Check TELEGRAM_API_ROOT and the network, then start again.';
  return new TelegramSetupError(`${error.message}${fix}`, { cause: error });
}
