/**
 * Drives the real turn pipeline (adapter, bot, dialogs, PostgreSQL state, inbox, outbox)
 * without a channel: each `send` records an inbound message, runs its turn, and returns
 * the replies the turn queued in the outbox. Medications are read by the real offline
 * analyzer; reminders are only recorded (`RecordingReminders`).
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { CareLineAdapter } from '../../src/bot/careline-adapter.js';
import { createCareLineBot } from '../../src/bot/careline-bot.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { createLogger } from '../../src/logging/logger.js';
import type { MedicalTextAnalyzer } from '../../src/medications/analysis/medical-text-analyzer.js';
import { createOfflineAnalyzer } from '../../src/medications/analysis/offline/offline-analyzer.js';
import type { ReminderScheduler } from '../../src/medications/reminders/reminder-scheduler.js';
import { OutboxSignal } from '../../src/outbox/outbox-signal.js';
import { PostgresStorage } from '../../src/storage/bot-state-storage.js';
import type { Db } from '../../src/storage/database.js';
import type { ChannelId } from '../../src/storage/schema.js';
import { TurnProcessor } from '../../src/turns/turn-processor.js';
import { RecordingReminders } from './recording-reminders.js';

export interface Reply {
  text: string;
  /** Titles of the suggested actions (buttons), if any. */
  actions: string[];
  activity: Partial<Activity>;
}

export interface BotHarness {
  processor: TurnProcessor;
  /** Every reminder the dialogs asked for. */
  reminders: RecordingReminders;
  /** Sends `text` from `userId` in conversation `conversationId` (default: per user). */
  send(userId: string, text: string, options?: SendOptions): Promise<Reply[]>;
  /** Sends the conversationUpdate a channel sends when the person joins. */
  join(userId: string, options?: SendOptions): Promise<Reply[]>;
}

export interface SendOptions {
  conversationId?: string;
  locale?: string;
  /** Suggested-action value to send instead of text (a button press). */
  value?: string;
  /** The channel the person writes from (default 'webchat'); `userId` is their id there. */
  channel?: ChannelId;
}

export const TEST_CONFIG = {
  DEFAULT_LOCALE: 'en',
  DEFAULT_REGION: 'US',
  PRIVACY_NOTICE_VERSION: 'test-notice-1',
  QUIET_HOURS_START: '21:00',
  QUIET_HOURS_END: '08:00',
} as const;

/** The medication collaborators a test bot uses; each defaults to the harness's own. */
export interface TestCollaborators {
  analyzer?: MedicalTextAnalyzer;
  reminders?: ReminderScheduler;
}

/** CareLine's bot with its real dialogs and PostgreSQL state, configured for tests. */
export function createTestBot(
  db: Db,
  logger = createLogger('silent'),
  i18n = createI18n(),
  collaborators: TestCollaborators = {},
) {
  return createCareLineBot({
    db,
    storage: new PostgresStorage(db),
    i18n,
    logger,
    config: TEST_CONFIG,
    analyzer: collaborators.analyzer ?? createOfflineAnalyzer(),
    reminders: collaborators.reminders ?? new RecordingReminders(),
  });
}

/** A harness on `db`; pass an analyzer to replace the offline one (a failing one, say). */
export function createBotHarness(
  db: Db,
  collaborators: { analyzer?: MedicalTextAnalyzer } = {},
): BotHarness {
  const logger = createLogger('silent');
  const reminders = new RecordingReminders();
  const bot = createTestBot(db, logger, createI18n(), { ...collaborators, reminders });
  const processor = new TurnProcessor({
    db,
    adapter: new CareLineAdapter(),
    logic: bot.logic,
    personOfTurn: bot.personOfTurn,
    signal: new OutboxSignal(),
    logger,
  });

  async function deliver(activity: Partial<Activity>): Promise<Reply[]> {
    const externalId = randomUUID();
    const channel = activity.channelId as ChannelId;
    const message = {
      channel,
      externalId,
      activity: { ...activity, id: externalId },
    };
    const inboxId = await processor.accept(message);
    if (!inboxId) throw new Error('harness delivered a duplicate');
    await processor.process(message);
    const rows = await db
      .selectFrom('outbox')
      .select('payload')
      .where('idempotency_key', 'like', `turn:${channel}:${externalId}:%`)
      .orderBy('id')
      .execute();
    return rows.map(({ payload }) => {
      const reply = payload as Partial<Activity>;
      const actions = (reply.suggestedActions?.actions ?? []).map((a) =>
        String(a.title ?? a.value),
      );
      return { text: reply.text ?? '', actions, activity: reply };
    });
  }

  function base(userId: string, options: SendOptions = {}): Partial<Activity> {
    return {
      channelId: options.channel ?? 'webchat',
      serviceUrl: 'http://127.0.0.1/harness',
      from: { id: userId, name: '' },
      recipient: { id: 'careline', name: 'CareLine' },
      conversation: {
        id: options.conversationId ?? `conv-${userId}`,
        isGroup: false,
        conversationType: 'personal',
        name: '',
      },
      locale: options.locale,
      timestamp: new Date(),
    };
  }

  return {
    processor,
    reminders,
    send: (userId, text, options) =>
      deliver({ ...base(userId, options), type: 'message', text: options?.value ?? text }),
    join: (userId, options) =>
      deliver({
        ...base(userId, options),
        type: 'conversationUpdate',
        membersAdded: [{ id: userId, name: '' }],
      }),
  };
}
