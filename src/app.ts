/**
 * The composition root: connects the database, applies migrations, builds the bot and the
 * server (channels, turn processor, outbox dispatchers), and listens. `stop()` shuts down
 * in the safe order: stop accepting, finish in-flight turns, stop dispatchers, close the
 * database.
 */
import type http from 'node:http';
import { createCareLineBot } from './bot/careline-bot.js';
import { createCareLineServer } from './careline-server.js';
import type { Config } from './config/config.js';
import type { ServerOptions } from './careline-server.js';
import { createHealthRoutes } from './http/health-routes.js';
import { createI18n } from './i18n/i18n.js';
import { createLogger, type Logger } from './logging/logger.js';
import { resolveDirectLineSecret } from './security/direct-line-secret.js';
import { PostgresStorage } from './storage/bot-state-storage.js';
import { connectDatabase } from './storage/connect.js';
import type { Db } from './storage/database.js';
import { migrate } from './storage/migrator.js';
import { createPgNotifications } from './storage/pg-notifications.js';
import { chooseMedicalTextAnalyzer } from './medications/analysis/choose-analyzer.js';
import { createReminderScheduler } from './medications/reminders/create-reminder-scheduler.js';
import type { ReminderSettings } from './medications/reminders/reminder-settings.js';
import { OutboxSignal } from './outbox/outbox-signal.js';
import { startRetentionSweep } from './privacy/retention-sweep.js';
import { operatorQuietWindow } from './outbox/quiet-hours.js';

export interface CareLineApp {
  /** Where the web chat page is served, e.g. http://127.0.0.1:3978/ */
  url: string;
  server: http.Server;
  db: Db;
  logger: Logger;
  /** Graceful shutdown; safe to call more than once. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
}

/** Starts CareLine as configured and resolves once it is listening. */
export async function startCareLine(
  config: Config,
  options: StartOptions = {},
): Promise<CareLineApp> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const database = await connectDatabase(config, logger);
  const { db } = database;
  const applied = await migrate(db);
  logger.info({ applied: applied.length, database: database.kind }, 'migrations applied');

  const i18n = createI18n();
  // One listening connection per process, shared by the outbox and web chat.
  const notifications = createPgNotifications({ connectionString: database.url, logger });
  const signal = new OutboxSignal();
  const analyzer = chooseMedicalTextAnalyzer({ choice: config.MEDICAL_TEXT_ANALYZER, logger });
  const reminders = createReminderScheduler({
    db,
    connectionString: database.url,
    logger,
    i18n,
    signal,
    ...reminderSettingsOf(config),
  });
  const bot = createCareLineBot({
    db,
    storage: new PostgresStorage(db),
    i18n,
    logger,
    config,
    analyzer,
    reminders,
  });
  let accepting = true;
  const careline = createCareLineServer({
    db,
    databaseUrl: database.url,
    logger,
    bot,
    notifications,
    signal,
    routes: [
      createHealthRoutes({
        db,
        isAccepting: () => accepting,
        details: { medicalTextAnalyzer: analyzer.name },
      }),
    ],
    webchat: {
      secret: await resolveDirectLineSecret(config.DIRECT_LINE_SECRET, config.DATA_DIR),
      tokenTtlSeconds: config.DIRECT_LINE_TOKEN_TTL_SECONDS,
      i18n,
      publicUrl: config.PUBLIC_URL,
      defaultLocale: config.DEFAULT_LOCALE,
      newSessionsPerHour: config.WEBCHAT_NEW_SESSIONS_PER_HOUR,
      messagesPerMinute: config.WEBCHAT_MESSAGES_PER_MINUTE,
    },
    telegram: config.TELEGRAM_BOT_TOKEN
      ? {
          token: config.TELEGRAM_BOT_TOKEN,
          webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
          apiRoot: config.TELEGRAM_API_ROOT,
          publicUrl: config.PUBLIC_URL,
          messagesPerSecondPerChat: config.TELEGRAM_MESSAGES_PER_SECOND_PER_CHAT,
          messagesPerSecond: config.TELEGRAM_MESSAGES_PER_SECOND,
          i18n,
          defaultLocale: config.DEFAULT_LOCALE,
        }
      : undefined,
    sms: smsSettings(config, i18n),
  });
  const url = await careline.listen(config.PORT, config.HOST);
  await reminders.start();
  const recovered = await careline.processor.recoverUnprocessed();
  if (recovered > 0) logger.info({ recovered }, 'recovering unprocessed inbound messages');
  careline.processor.startSweeping();
  const retention = startRetentionSweep({
    db,
    logger,
    retentionDays: config.MESSAGE_RETENTION_DAYS,
  });

  let stopping: Promise<void> | undefined;
  async function shutdown(): Promise<void> {
    accepting = false;
    careline.processor.stopSweeping();
    await retention.stop();
    // Turns in flight may still plan or snooze reminders, so the scheduler stops after them;
    // a reminder it queues meanwhile waits in the outbox for the next start.
    await careline.close(config.SHUTDOWN_GRACE_SECONDS * 1000);
    await reminders.stop();
    await notifications.close();
    await database.close();
    logger.info('stopped');
  }
  return { url, server: careline.server, db, logger, stop: () => (stopping ??= shutdown()) };
}

/** The SMS channel's settings when a Twilio account is configured (`loadConfig` checks all). */
function smsSettings(config: Config, i18n: ServerOptions['webchat']['i18n']): ServerOptions['sms'] {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken } = config;
  if (!accountSid || !authToken || !config.TWILIO_PHONE_NUMBERS) return undefined;

  return {
    accountSid,
    authToken,
    phoneNumbers: config.TWILIO_PHONE_NUMBERS.split(',').map((number) => number.trim()),
    apiBaseUrl: config.TWILIO_API_BASE_URL,
    publicUrl: config.PUBLIC_URL,
    segmentsPerSecondPerNumber: config.SMS_SEGMENTS_PER_SECOND_PER_NUMBER,
    maxSegments: config.SMS_MAX_SEGMENTS,
    program: { program: config.SMS_PROGRAM_NAME, contact: config.SMS_HELP_CONTACT ?? '' },
    i18n,
    defaultLocale: config.DEFAULT_LOCALE,
  };
}

/** The reminder settings from configuration. */
function reminderSettingsOf(config: Config): ReminderSettings {
  return {
    prepareMinutesAhead: config.REMINDER_PREPARE_MINUTES,
    snoozeMinutes: config.DOSE_SNOOZE_MINUTES,
    graceMinutes: config.DOSE_FOLLOW_UP_MINUTES,
    missAfterHours: config.DOSE_MISSED_AFTER_HOURS,
    missedThreshold: {
      count: config.MISSED_DOSES_ALERT_COUNT,
      days: config.MISSED_DOSES_ALERT_DAYS,
    },
    quietHours: operatorQuietWindow(config),
  };
}
