/**
 * One path for every Telegram update, whether it came by webhook or long polling: what the
 * bot will answer is recorded in the inbox (unique per update, so a re-delivery is a no-op)
 * before the update is acknowledged; everything else happens after. Button presses are
 * answered directly, so the person's spinner stops. Groups and unusable messages get a
 * short localized reply and leave nothing behind: no inbox row, no person.
 */
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { i18n as I18n } from 'i18next';
import { matchLocale, type SupportedLocale } from '../../src/i18n/i18n.js';
import type { Logger } from '../../src/logging/logger.js';
import type { Db } from '../../src/storage/database.js';
import type { InboundMessage, TurnProcessor } from '../../src/turns/turn-processor.js';
import { ChatHold } from './chat-hold.js';
import type { SendThrottle } from './send-throttle.js';
import { callTelegram } from './telegram-api.js';
import { classifyUpdate, type BotAccount, type TurnUpdate } from './telegram-updates.js';

export interface UpdateIntakeOptions {
  db: Db;
  processor: TurnProcessor;
  api: Api;
  throttle: SendThrottle;
  i18n: I18n;
  logger: Logger;
  bot: BotAccount;
  /** Given to the bot as each activity's `serviceUrl`. */
  apiRoot: string;
  /** Language of a notice when neither the person nor Telegram tells us theirs. */
  defaultLocale: SupportedLocale;
  /** How long a chat's updates wait to be put in order; see `chat-hold.ts`. */
  holdMs?: number;
}

/** What is left to do once the update is durable: run it after acknowledging it. */
export type FollowUp = () => void;

export interface UpdateIntake {
  /** Records what must be recorded; resolves once that is durable. */
  receive(update: Update): Promise<FollowUp>;
  /** Starts every held turn now and waits until they are handed to the processor. */
  close(): Promise<void>;
}

/** Builds the intake shared by the webhook route and the poller. */
export function createUpdateIntake(options: UpdateIntakeOptions): UpdateIntake {
  const { db, processor, api, throttle, i18n, logger, bot, apiRoot, defaultLocale } = options;

  const hold = new ChatHold<InboundMessage>({
    holdMs: options.holdMs,
    release: async (_chatId, messages) => {
      for (const message of messages) void processor.process(message);
    },
  });

  function answerCallback(callbackQueryId: string | undefined): void {
    if (!callbackQueryId) return;

    // A press older than Telegram keeps (after a restart) cannot be answered; nothing to do.
    void callTelegram('answerCallbackQuery', () => api.answerCallbackQuery(callbackQueryId)).catch(
      (error: unknown) => logger.debug({ err: error }, 'callback query not answered'),
    );
  }

  function sendNotice(chatId: string, key: string, locale: SupportedLocale): void {
    const text = i18n.t(key, { lng: locale });
    void throttle
      .run(chatId, () => callTelegram('sendMessage', () => api.sendMessage(chatId, text)))
      .catch((error: unknown) => logger.info({ err: error }, 'notice not delivered'));
  }

  /** The person's chosen language if we know them, else what their Telegram app says. */
  async function localeOf(userId: string, languageCode: string | undefined) {
    const person = await db
      .selectFrom('channel_identities')
      .innerJoin('people', 'people.id', 'channel_identities.person_id')
      .select('people.locale')
      .where('channel_identities.channel', '=', 'telegram')
      .where('channel_identities.external_id', '=', userId)
      .executeTakeFirst();
    return matchLocale(person?.locale) ?? matchLocale(languageCode) ?? defaultLocale;
  }

  async function acceptTurn(turn: TurnUpdate): Promise<FollowUp> {
    const message: InboundMessage = {
      channel: 'telegram',
      externalId: turn.externalId,
      activity: turn.activity,
      sequence: turn.updateId,
    };
    const inboxId = await processor.accept(message);
    if (!inboxId) {
      logger.debug({ updateId: turn.updateId }, 'update already received');
      return () => answerCallback(turn.callbackQueryId);
    }
    return () => {
      answerCallback(turn.callbackQueryId);
      hold.add(turn.chatId, turn.updateId, message);
    };
  }

  async function receive(update: Update): Promise<FollowUp> {
    const classified = classifyUpdate(update, bot, apiRoot);
    switch (classified.kind) {
      case 'turn':
        return acceptTurn(classified);
      case 'group': {
        const locale = matchLocale(classified.languageCode) ?? defaultLocale;
        return () => {
          answerCallback(classified.callbackQueryId);
          sendNotice(classified.chatId, 'telegram:privateChatsOnly', locale);
        };
      }
      case 'unsupported': {
        const locale = await localeOf(classified.userId, classified.languageCode);
        return () => sendNotice(classified.chatId, 'telegram:textAndButtonsOnly', locale);
      }
      case 'ignored':
        return () => answerCallback(classified.callbackQueryId);
    }
  }

  return { receive, close: () => hold.flush() };
}
