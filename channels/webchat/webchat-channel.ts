/**
 * The web chat channel: the page at `/`, a Direct Line 3.0-compatible API at
 * `/v3/directline` (REST and WebSocket stream), the session endpoint the page uses, and the
 * outbox sender that delivers the bot's replies into web chat transcripts. With shared
 * PostgreSQL notifications, a transcript that grows in one process is pushed to the streams
 * open in every other.
 */
import type http from 'node:http';
import { Router } from 'express';
import type { i18n as I18n } from 'i18next';
import type { SupportedLocale } from '../../src/i18n/i18n.js';
import type { Logger } from '../../src/logging/logger.js';
import type { ChannelSender } from '../../src/outbox/outbox-dispatcher.js';
import type { Db } from '../../src/storage/database.js';
import type { PgNotifications } from '../../src/storage/pg-notifications.js';
import type { TurnProcessor } from '../../src/turns/turn-processor.js';
import { createActivityIntake } from './activity-intake.js';
import { createActivityStreams } from './activity-stream.js';
import { createConversationStarter } from './conversation-starter.js';
import { createDirectLineRouter } from './direct-line-routes.js';
import { createDirectLineTokens } from './direct-line-tokens.js';
import { DIRECT_LINE_PATH } from './request-helpers.js';
import { createSessionCookies } from './session-cookie.js';
import { TranscriptNotifier } from './transcript-notifier.js';
import { CONVERSATION_ID_PATTERN } from './webchat-ids.js';
import { createWebchatPageRouter } from './webchat-page.js';
import { createWebchatRateLimits } from './webchat-rate-limits.js';
import { createWebchatSender } from './webchat-sender.js';
import { createSessionRouter } from './webchat-session.js';

/** Web Chat (botframework-directlinejs) refreshes tokens every 15 minutes. */
const MIN_USEFUL_TTL_SECONDS = 20 * 60;
/** Carries "this conversation's transcript grew" between processes. */
const TRANSCRIPT_CHANNEL = 'careline_transcript';
const DEFAULT_NEW_SESSIONS_PER_HOUR = 20;
const DEFAULT_MESSAGES_PER_MINUTE = 30;

export interface WebchatChannelOptions {
  db: Db;
  processor: TurnProcessor;
  /** The Direct Line secret (at least 32 characters): signs tokens and session cookies. */
  secret: string;
  /** Token lifetime in seconds (DIRECT_LINE_TOKEN_TTL_SECONDS). */
  tokenTtlSeconds: number;
  logger: Logger;
  i18n: I18n;
  /** Where people reach CareLine (PUBLIC_URL); https makes the session cookie `Secure`. */
  publicUrl?: string;
  /** Milliseconds since the epoch; default `Date.now`. Tests pass their own clock. */
  now?: () => number;
  /** Page language when the browser asks for none we speak; default English. */
  defaultLocale?: SupportedLocale;
  /**
   * The process's shared PostgreSQL notifications: the channel announces transcript growth on
   * `careline_transcript` and pushes other processes' announcements to its open streams.
   * Without it, a stream sees what another process stored only at its safety-net re-read.
   */
  notifications?: PgNotifications;
  /**
   * How often an open stream re-reads its transcript unprompted, in case a notification was
   * lost; default 30000 ms.
   */
  streamPollIntervalMs?: number;
  /**
   * New conversations one client address may start per hour, through the page's session or
   * the secret (WEBCHAT_NEW_SESSIONS_PER_HOUR); default 20.
   */
  newSessionsPerHour?: number;
  /** Messages one conversation may post per minute (WEBCHAT_MESSAGES_PER_MINUTE); default 30. */
  messagesPerMinute?: number;
}

export interface WebchatChannel {
  /** Mount at `/`. Errors are left to the app's `errorHandler`. */
  router: Router;
  /** The outbox sender for channel 'webchat'. */
  sender: ChannelSender;
  /** Serves activity streams on the server's WebSocket upgrades. */
  attachWebSockets(server: http.Server): void;
  /** Stops hearing other processes, closes open streams; call before closing the database. */
  close(): Promise<void>;
}

/**
 * Builds the channel.
 * @throws Error when the secret is shorter than 32 characters or the token lifetime is not positive
 */
export function createWebchatChannel(options: WebchatChannelOptions): WebchatChannel {
  const { db, processor, secret, publicUrl, defaultLocale } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger.child({ channel: 'webchat' });
  if (options.tokenTtlSeconds < MIN_USEFUL_TTL_SECONDS) {
    logger.warn(
      { tokenTtlSeconds: options.tokenTtlSeconds },
      'Web Chat refreshes its token every 15 minutes: a token lifetime under 20 minutes ' +
        'expires between refreshes. Raise DIRECT_LINE_TOKEN_TTL_SECONDS to 1800.',
    );
  }
  const tokens = createDirectLineTokens({ secret, ttlSeconds: options.tokenTtlSeconds, now });
  const cookies = createSessionCookies({ secret, secure: isHttps(publicUrl), now });
  const limits = createWebchatRateLimits({
    db,
    secret,
    newSessionsPerHour: options.newSessionsPerHour ?? DEFAULT_NEW_SESSIONS_PER_HOUR,
    messagesPerMinute: options.messagesPerMinute ?? DEFAULT_MESSAGES_PER_MINUTE,
  });
  const { notifier, stopListening } = createNotifier(db, logger, options.notifications);
  const startConversation = createConversationStarter({ db, processor, logger, now });
  const receiveMessage = createActivityIntake({ db, processor, notifier, logger });
  const streams = createActivityStreams({
    db,
    tokens,
    notifier,
    logger,
    pollIntervalMs: options.streamPollIntervalMs,
  });

  const router = Router();
  router.use(createWebchatPageRouter({ i18n: options.i18n, defaultLocale }));
  router.use(
    createSessionRouter({
      db,
      tokens,
      cookies,
      startConversation,
      limits,
      i18n: options.i18n,
      logger,
      publicUrl,
      defaultLocale,
    }),
  );
  router.use(
    DIRECT_LINE_PATH,
    createDirectLineRouter({
      db,
      tokens,
      startConversation,
      receiveMessage,
      limits,
      publicUrl,
      now,
    }),
  );

  return {
    router,
    sender: createWebchatSender({ db, notifier, now }),
    attachWebSockets: (server) => streams.attach(server),
    close: () => {
      stopListening();
      return streams.close();
    },
  };
}

/**
 * This process's transcript notifier, relaying to and from other processes when there are
 * shared notifications. A relay that fails is logged: the streams' re-read catches up.
 */
function createNotifier(db: Db, logger: Logger, notifications: PgNotifications | undefined) {
  if (!notifications) return { notifier: new TranscriptNotifier(), stopListening: () => {} };

  const relay = (conversationId: string) => {
    notifications.notify(db, TRANSCRIPT_CHANNEL, conversationId).catch((error: unknown) => {
      logger.warn(
        { err: error, conversationId },
        'could not tell other processes of new activities',
      );
    });
  };
  const notifier = new TranscriptNotifier({ relay });
  const stopListening = notifications.listen(TRANSCRIPT_CHANNEL, (conversationId) => {
    if (CONVERSATION_ID_PATTERN.test(conversationId)) notifier.notifyLocally(conversationId);
  });
  return { notifier, stopListening };
}

function isHttps(url: string | undefined): boolean {
  return url !== undefined && new URL(url).protocol === 'https:';
}
