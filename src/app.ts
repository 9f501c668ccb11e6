/**
 * The composition root: connects the database, applies migrations, builds the bot, the
 * channels and their outbox dispatchers, and serves HTTP. `stop()` shuts down in the safe
 * order: stop accepting, finish in-flight turns, stop dispatchers, close the database.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createWebchatChannel } from '../channels/webchat/webchat-channel.js';
import { CareLineAdapter } from './bot/careline-adapter.js';
import { createCareLineBot } from './bot/careline-bot.js';
import type { Config } from './config/config.js';
import { createHealthRoutes } from './http/health-routes.js';
import { errorHandler, notFound } from './http/http-errors.js';
import { createI18n } from './i18n/i18n.js';
import { createLogger, type Logger } from './logging/logger.js';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.js';
import { listenForOutbox } from './outbox/outbox-notifications.js';
import { OutboxSignal } from './outbox/outbox-signal.js';
import { resolveDirectLineSecret } from './security/direct-line-secret.js';
import { PostgresStorage } from './storage/bot-state-storage.js';
import { connectDatabase } from './storage/connect.js';
import type { Db } from './storage/database.js';
import { migrate } from './storage/migrator.js';
import { createPgNotifications } from './storage/pg-notifications.js';
import { TurnProcessor } from './turns/turn-processor.js';

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
  const signal = new OutboxSignal();
  // One listening connection per process, shared by the outbox and web chat.
  const notifications = createPgNotifications({ connectionString: database.url, logger });
  listenForOutbox(notifications, signal);
  const bot = createCareLineBot({ db, storage: new PostgresStorage(db), i18n, logger, config });
  const processor = new TurnProcessor({
    db,
    adapter: new CareLineAdapter(),
    logic: bot.logic,
    personOfTurn: bot.personOfTurn,
    signal,
    logger,
  });
  const webchat = createWebchatChannel({
    db,
    processor,
    secret: await resolveDirectLineSecret(config.DIRECT_LINE_SECRET, config.DATA_DIR),
    tokenTtlSeconds: config.DIRECT_LINE_TOKEN_TTL_SECONDS,
    logger,
    i18n,
    publicUrl: config.PUBLIC_URL,
    notifications,
    newSessionsPerHour: config.WEBCHAT_NEW_SESSIONS_PER_HOUR,
    messagesPerMinute: config.WEBCHAT_MESSAGES_PER_MINUTE,
  });
  const dispatchers = [new OutboxDispatcher({ db, sender: webchat.sender, signal, logger })];

  let accepting = true;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(createHealthRoutes({ db, isAccepting: () => accepting }));
  app.use(webchat.router);
  app.use((_req, _res, next) => next(notFound('No such route.')));
  app.use(errorHandler(logger));

  const server = http.createServer(app);
  webchat.attachWebSockets(server);
  await listen(server, config.PORT, config.HOST);
  dispatchers.forEach((dispatcher) => dispatcher.start());
  const recovered = await processor.recoverUnprocessed();
  if (recovered > 0) logger.info({ recovered }, 'recovering unprocessed inbound messages');

  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}/`;
  let stopping: Promise<void> | undefined;
  async function shutdown(): Promise<void> {
    accepting = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await webchat.close();
    await withTimeout(processor.idle(), config.SHUTDOWN_GRACE_SECONDS * 1000);
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.stop()));
    await notifications.close();
    server.closeAllConnections();
    await closed;
    await database.close();
    logger.info('stopped');
  }
  return { url, server, db, logger, stop: () => (stopping ??= shutdown()) };
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([work, timeout]);
  clearTimeout(timer);
}
