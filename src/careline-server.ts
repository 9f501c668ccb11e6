/**
 * The HTTP side of one CareLine process: the channels (web chat always, Telegram when it has
 * a bot token, SMS when it has a Twilio account) in front of the turn processor, their outbox dispatchers, and the routes
 * around them. `src/app.ts` builds it for CareLine itself; tests and benchmarks build it
 * around other bots or settings, so every one of them runs the same wiring.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import {
  createWebchatChannel,
  type WebchatChannel,
  type WebchatChannelOptions,
} from '../channels/webchat/webchat-channel.js';
import {
  createTelegramChannel,
  type TelegramChannel,
  type TelegramChannelOptions,
} from '../channels/telegram/telegram-channel.js';
import {
  createSmsChannel,
  type SmsChannel,
  type SmsChannelOptions,
} from '../channels/sms/sms-channel.js';
import { CareLineAdapter } from './bot/careline-adapter.js';
import type { CareLineBot } from './bot/careline-bot.js';
import { errorHandler, notFound } from './http/http-errors.js';
import { requestLog } from './http/request-log.js';
import type { Logger } from './logging/logger.js';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.js';
import { listenForOutbox } from './outbox/outbox-notifications.js';
import { OutboxSignal } from './outbox/outbox-signal.js';
import type { Db } from './storage/database.js';
import type { PgNotifications } from './storage/pg-notifications.js';
import { TurnProcessor } from './turns/turn-processor.js';

export interface ServerOptions {
  db: Db;
  logger: Logger;
  /** The turn logic and how to find a turn's person: CareLine's bot, or a test's. */
  bot: Pick<CareLineBot, 'logic' | 'personOfTurn'>;
  /** Web chat settings (everything the server does not provide itself). */
  webchat: Omit<WebchatChannelOptions, 'db' | 'processor' | 'logger' | 'notifications'>;
  /** Telegram settings; unset, the Telegram channel is off. */
  telegram?: Omit<TelegramChannelOptions, 'db' | 'processor' | 'logger'>;
  /** SMS (Twilio) settings; unset, the SMS channel is off. */
  sms?: Omit<SmsChannelOptions, 'db' | 'processor' | 'logger' | 'signal'>;
  /** The process's PostgreSQL notifications, for outbox wake-ups and stream pushes. */
  notifications?: PgNotifications;
  /** Routes mounted before the channels, such as health checks. */
  routes?: Router[];
  /** Wakes the dispatchers; pass one to share it with code outside the server (reminders). */
  signal?: OutboxSignal;
  /** False: run no outbox dispatcher (another process delivers); default true. */
  dispatchOutbox?: boolean;
  /** How often dispatchers look for due rows when not woken; default 1000 ms. */
  outboxPollIntervalMs?: number;
  /**
   * The URL `db` is a pool on. Set: Telegram and SMS are drained by one process at a time,
   * holding a lock on a connection of its own. Unset: by every process (fine for one).
   */
  databaseUrl?: string;
}

export interface CareLineServer {
  server: http.Server;
  processor: TurnProcessor;
  webchat: WebchatChannel;
  /** The Telegram channel, when configured. */
  telegram?: TelegramChannel;
  /** The SMS channel, when configured. */
  sms?: SmsChannel;
  /** Wakes the outbox dispatchers; for code that queues messages outside a turn. */
  signal: OutboxSignal;
  /**
   * Listens, starts the dispatchers, then registers the Telegram webhook or starts polling;
   * resolves with the base URL (trailing slash).
   */
  listen(port: number, host: string): Promise<string>;
  /**
   * Stops in the safe order: stop accepting, let in-flight turns finish (at most
   * `graceMs`), stop the dispatchers, then close every connection.
   */
  close(graceMs: number): Promise<void>;
}

export function createCareLineServer(options: ServerOptions): CareLineServer {
  const { db, logger, notifications } = options;
  const signal = options.signal ?? new OutboxSignal();
  const stopListening = notifications ? listenForOutbox(notifications, signal) : () => undefined;
  const processor = new TurnProcessor({
    db,
    adapter: new CareLineAdapter(),
    logic: options.bot.logic,
    personOfTurn: options.bot.personOfTurn,
    signal,
    logger,
  });
  const webchat = createWebchatChannel({
    ...options.webchat,
    db,
    processor,
    logger,
    notifications,
  });
  const telegram = options.telegram
    ? createTelegramChannel({ ...options.telegram, db, processor, logger })
    : undefined;
  const sms = options.sms
    ? createSmsChannel({ ...options.sms, db, processor, logger, signal })
    : undefined;
  const pollIntervalMs = options.outboxPollIntervalMs;
  // Telegram's limits (per bot) and Twilio's (per number) are paced in memory, so one process
  // at a time drains those channels; web chat has no limit to keep and is drained by all.
  const lock = options.databaseUrl ? { connectionString: options.databaseUrl } : undefined;
  const senders = [
    { sender: webchat.sender },
    ...(telegram ? [{ sender: telegram.sender, exclusive: lock }] : []),
    ...(sms ? [{ sender: sms.sender, concurrency: sms.dispatchConcurrency, exclusive: lock }] : []),
  ];
  const dispatchers = senders.map(
    ({ sender, concurrency, exclusive }) =>
      new OutboxDispatcher({ db, sender, signal, logger, pollIntervalMs, concurrency, exclusive }),
  );

  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy on this machine, the client's address comes from X-Forwarded-For.
  app.set('trust proxy', 'loopback');
  app.use(requestLog(logger));
  for (const routes of options.routes ?? []) app.use(routes);
  app.use(webchat.router);
  if (telegram) app.use(telegram.router);
  if (sms) app.use(sms.router);
  app.use((_req, _res, next) => next(notFound('No such route.')));
  app.use(errorHandler(logger));
  const server = http.createServer(app);
  webchat.attachWebSockets(server);

  async function listen(port: number, host: string): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (options.dispatchOutbox !== false) dispatchers.forEach((d) => d.start());
    // After listening: Telegram may deliver to the webhook as soon as it is registered.
    try {
      await telegram?.start();
    } catch (error) {
      await close(0);
      throw error;
    }
    const { port: bound } = server.address() as AddressInfo;
    return `http://${host}:${bound}/`;
  }

  async function close(graceMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await webchat.close();
    // Stops polling and hands held Telegram updates to the processor before it idles.
    await telegram?.stop();
    await withTimeout(processor.idle(), graceMs);
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    stopListening();
    server.closeAllConnections();
    await closed;
  }

  return { server, processor, webchat, telegram, sms, signal, listen, close };
}

async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([work, timeout]);
  clearTimeout(timer);
}
