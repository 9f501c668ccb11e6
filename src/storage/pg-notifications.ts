/**
 * PostgreSQL LISTEN/NOTIFY between processes: one listening connection per process, shared
 * by every named channel (the outbox, web chat transcripts, ...). A notification carries the
 * sender's process tag, so a process ignores its own: what it announces it has already told
 * itself in memory. Notifications are hints: they are lost while the connection is down
 * (it reconnects on its own), so whoever listens keeps a slow poll of the table it watches.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logging/logger.js';
import type { Db } from './database.js';

const RECONNECT_DELAY_MS = 2000;
/** How the listening connection shows in `pg_stat_activity`. */
export const LISTENER_APPLICATION_NAME = 'careline_notifications';
/** Channel names we send: lower-case identifiers, so they need no quoting. */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** This process's tag on the notifications it sends. */
const PROCESS_TAG = randomBytes(6).toString('hex');

/** Receives a notification's payload (the sender's tag removed). */
export type NotificationHandler = (payload: string) => void;

export interface PgNotificationsOptions {
  /** The database to listen on: the same one the pool writes to. */
  connectionString: string;
  logger: Logger;
  /** Whose notifications to ignore; default this process's. Tests pass one per "process". */
  processTag?: string;
  /** Wait before reconnecting after the connection drops; default 2000 ms. */
  reconnectDelayMs?: number;
}

export interface PgNotifications {
  /** The tag this listener ignores, and that `notify` sends. */
  readonly processTag: string;
  /** Resolves once connected and listening on every channel named so far (or once closed). */
  readonly ready: Promise<void>;
  /**
   * Calls `handler` with each payload other processes send on `channel`.
   * @returns stops calling `handler`
   * @throws Error when `channel` is not a lower-case identifier
   */
  listen(channel: string, handler: NotificationHandler): () => void;
  /** `notify(db, channel, payload)` tagged with this listener's `processTag`. */
  notify(db: Db, channel: string, payload: string): Promise<void>;
  /** Closes the connection; no handler is called after it resolves. */
  close(): Promise<void>;
}

/**
 * Sends `payload` on `channel` to every process. Inside a transaction, it is delivered when
 * the transaction commits, and not at all when it rolls back.
 * @param processTag who is sending; default this process
 */
export async function notify(
  db: Db,
  channel: string,
  payload: string,
  processTag: string = PROCESS_TAG,
): Promise<void> {
  await sql`select pg_notify(${channel}, ${`${processTag}:${payload}`})`.execute(db);
}

/** Opens the process's listening connection; name channels with `listen`. */
export function createPgNotifications(options: PgNotificationsOptions): PgNotifications {
  const { connectionString, logger } = options;
  const processTag = options.processTag ?? PROCESS_TAG;
  const handlers = new Map<string, Set<NotificationHandler>>();
  /** The connection in use or being opened; any other one that reports is stale. */
  let current: pg.Client | undefined;
  let connected = false;
  let lastListen: Promise<unknown> = Promise.resolve();
  let listening = deferred();
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  function deliver({ channel, payload = '' }: pg.Notification): void {
    const split = payload.indexOf(':');
    if (split < 0 || payload.slice(0, split) === processTag) return;

    for (const handler of handlers.get(channel) ?? []) {
      try {
        handler(payload.slice(split + 1));
      } catch (error) {
        logger.warn({ err: error, channel }, 'notification handler failed');
      }
    }
  }

  async function connect(): Promise<void> {
    const client = new pg.Client({
      connectionString,
      application_name: LISTENER_APPLICATION_NAME,
    });
    current = client;
    client.on('notification', deliver);
    client.on('error', (error) => {
      logger.warn({ err: error }, 'notification listener lost its connection');
      dropped(client);
    });
    client.on('end', () => dropped(client));
    try {
      await client.connect();
      connected = true;
      // LISTENs queue on the one connection in order: the last one done means all are.
      const listens = Promise.all(
        [...handlers.keys()].map((name) => client.query(`listen ${name}`)),
      );
      lastListen = listens.catch(() => undefined);
      await listens;
      if (closed) await client.end();
      listening.resolve();
    } catch (error) {
      logger.warn({ err: error }, 'notification listener could not connect');
      dropped(client);
      await client.end().catch(() => undefined);
    }
  }

  function dropped(client: pg.Client): void {
    if (client !== current || closed) return;

    current = undefined;
    connected = false;
    listening = deferred();
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, options.reconnectDelayMs ?? RECONNECT_DELAY_MS);
    retry.unref();
  }

  function listenOnCurrent(channel: string): void {
    const client = current;
    if (!client || !connected) return;
    lastListen = client.query(`listen ${channel}`).catch((error: unknown) => {
      // The connection's own error event schedules the reconnect, which listens again.
      logger.warn({ err: error, channel }, 'notification listener could not listen');
    });
  }

  void connect();
  return {
    processTag,
    get ready() {
      return listening.promise.then(() => lastListen).then(() => undefined);
    },
    listen(channel, handler) {
      if (!CHANNEL_NAME.test(channel)) {
        throw new Error(`Notification channel "${channel}" must be a lower-case identifier.`);
      }
      const known = handlers.get(channel);
      const channelHandlers = known ?? new Set<NotificationHandler>();
      if (!known) {
        handlers.set(channel, channelHandlers);
        listenOnCurrent(channel);
      }
      channelHandlers.add(handler);
      return () => void channelHandlers.delete(handler);
    },
    notify: (db, channel, payload) => notify(db, channel, payload, processTag),
    async close() {
      closed = true;
      clearTimeout(retry);
      handlers.clear();
      listening.resolve();
      await current?.end().catch(() => undefined);
    },
  };
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
