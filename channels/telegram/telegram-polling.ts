/**
 * Long polling, for running CareLine where Telegram cannot reach it (a laptop): the webhook
 * is deleted first (Telegram refuses getUpdates while one is set), then getUpdates is asked
 * again and again, each update going through the same intake as the webhook's. The offset
 * moves past an update only once it is durable, so a crash or a database outage makes
 * Telegram hand the update over again rather than lose it.
 */
import type { Api } from 'grammy';
import type { Logger } from '../../src/logging/logger.js';
import { callTelegram, TelegramApiError } from './telegram-api.js';
import { HANDLED_UPDATE_TYPES } from './telegram-updates.js';
import type { UpdateIntake } from './update-intake.js';

const DEFAULT_POLL_TIMEOUT_SECONDS = 25;
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

export interface PollingOptions {
  api: Api;
  intake: UpdateIntake;
  logger: Logger;
  /** How long Telegram holds one getUpdates open when there is nothing new; default 25 s. */
  pollTimeoutSeconds?: number;
}

export interface TelegramPolling {
  /** Deletes the webhook, then polls in the background. */
  start(): Promise<void>;
  /** Cancels the open getUpdates and resolves once the loop has ended. */
  stop(): Promise<void>;
}

export function createTelegramPolling(options: PollingOptions): TelegramPolling {
  const { api, intake, logger } = options;
  const timeout = options.pollTimeoutSeconds ?? DEFAULT_POLL_TIMEOUT_SECONDS;
  const abort = new AbortController();
  let offset: number | undefined;
  let loop: Promise<void> | undefined;

  async function pollOnce(): Promise<void> {
    const updates = await callTelegram('getUpdates', () =>
      api.getUpdates(
        { offset, timeout, allowed_updates: [...HANDLED_UPDATE_TYPES] },
        // grammY types its signal with the abort-controller polyfill; Node's is the same thing.
        abort.signal as Parameters<Api['getUpdates']>[1],
      ),
    );
    for (const update of updates) {
      const followUp = await intake.receive(update);
      offset = update.update_id + 1;
      followUp();
    }
  }

  async function run(): Promise<void> {
    let backoffMs = FIRST_BACKOFF_MS;
    while (!abort.signal.aborted) {
      try {
        await pollOnce();
        backoffMs = FIRST_BACKOFF_MS;
      } catch (error) {
        if (abort.signal.aborted) return;
        if (error instanceof TelegramApiError && error.kind === 'unauthorized') {
          logger.error({ err: error }, 'Telegram polling stopped');
          return;
        }
        logger.warn({ err: error, backoffMs }, 'Telegram polling failed; trying again');
        await sleep(backoffMs, abort.signal);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
      }
    }
  }

  return {
    async start() {
      await callTelegram('deleteWebhook', () => api.deleteWebhook());
      loop = run();
    },
    async stop() {
      abort.abort();
      await loop;
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
