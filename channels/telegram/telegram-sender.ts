/**
 * Delivers the bot's replies to Telegram chats: each outbox row becomes one or more
 * sendMessage calls (see `telegram-rendering.ts`), paced by the throttle. Failures are
 * reported as DeliveryErrors by kind: a 429 pauses the chat and asks the dispatcher to wait
 * as long; 5xx and network errors are retried; a blocked person is marked unreachable and
 * never sent to again.
 */
import type { Api } from 'grammy';
import type { Logger } from '../../src/logging/logger.js';
import { DeliveryError } from '../../src/outbox/delivery-error.js';
import type { ChannelSender } from '../../src/outbox/outbox-dispatcher.js';
import type { Db } from '../../src/storage/database.js';
import type { OutboxRow } from '../../src/storage/schema.js';
import type { SendThrottle } from './send-throttle.js';
import { callTelegram, TelegramApiError } from './telegram-api.js';
import { renderReply, type MessagePart } from './telegram-rendering.js';
import { BLOCKED_REASON, isUnreachable, markUnreachable } from '../../src/people/reachability.js';

/** A chat paused longer than this is handed back to the dispatcher rather than waited for. */
const DEFAULT_MAX_PAUSE_WAIT_MS = 2000;

export interface TelegramSenderOptions {
  db: Db;
  api: Api;
  throttle: SendThrottle;
  logger: Logger;
  /** Longest 429 pause a send waits out itself; default 2000 ms. */
  maxPauseWaitMs?: number;
}

/** The Telegram `ChannelSender` for the outbox dispatcher. */
export function createTelegramSender(options: TelegramSenderOptions): ChannelSender {
  const { db, api, throttle, logger } = options;
  const maxPauseWaitMs = options.maxPauseWaitMs ?? DEFAULT_MAX_PAUSE_WAIT_MS;
  // Parts of a long reply already delivered, by outbox row: a retry after part one went out
  // sends only the rest. Kept in memory: after a restart the whole reply is sent again.
  const deliveredParts = new Map<string, number>();

  async function sendPart(chatId: string, part: MessagePart): Promise<void> {
    const pausedMs = throttle.pausedFor(chatId);
    if (pausedMs > maxPauseWaitMs)
      throw new DeliveryError('rate_limited', 'telegram_429', pausedMs);

    await throttle.run(chatId, () =>
      callTelegram('sendMessage', () =>
        api.sendMessage(chatId, part.text, part.keyboard ? { reply_markup: part.keyboard } : {}),
      ),
    );
  }

  async function toDeliveryError(error: unknown, chatId: string, userId: string) {
    if (!(error instanceof TelegramApiError)) return error;

    switch (error.kind) {
      case 'rate_limited':
        throttle.pause(chatId, error.retryAfterMs ?? 1000);
        throttle.pauseAll(error.retryAfterMs ?? 1000);
        return new DeliveryError('rate_limited', 'telegram_429', error.retryAfterMs, {
          cause: error,
        });
      case 'transient':
        return new DeliveryError('transient', transientReason(error), undefined, { cause: error });
      case 'blocked':
        await markUnreachable(db, 'telegram', userId, BLOCKED_REASON);
        return new DeliveryError('permanent', BLOCKED_REASON, undefined, { cause: error });
      case 'unauthorized':
        logger.error({ channel: 'telegram' }, error.message);
        return new DeliveryError('permanent', 'telegram_unauthorized', undefined, { cause: error });
      case 'rejected':
        return new DeliveryError(
          'permanent',
          `telegram_${error.errorCode ?? 'rejected'}`,
          undefined,
          {
            cause: error,
          },
        );
    }
  }

  async function send(row: OutboxRow): Promise<void> {
    const chatId = stringOf(row.address.conversationId);
    if (!chatId) throw new DeliveryError('permanent', 'conversation_not_found');
    // Typing indicators and other non-message activities have no Telegram form we use.
    if (row.payload.type !== undefined && row.payload.type !== 'message') return;

    // In a private chat the chat id is the person's user id.
    const userId = stringOf(row.address.userId) ?? chatId;
    if (await isUnreachable(db, 'telegram', userId))
      throw new DeliveryError('permanent', 'unreachable');

    const parts = renderReply(row.payload);
    try {
      for (let index = deliveredParts.get(row.id) ?? 0; index < parts.length; index++) {
        await sendPart(chatId, parts[index]!);
        deliveredParts.set(row.id, index + 1);
      }
      deliveredParts.delete(row.id);
    } catch (error) {
      const failure = await toDeliveryError(error, chatId, userId);
      if (failure instanceof DeliveryError && failure.kind === 'permanent') {
        deliveredParts.delete(row.id);
      }
      throw failure;
    }
  }

  return { channel: 'telegram', send };
}

function transientReason(error: TelegramApiError): string {
  return error.errorCode === undefined ? 'telegram_network' : `telegram_${error.errorCode}`;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
