/**
 * Carries "rows were queued" between processes with PostgreSQL LISTEN/NOTIFY, so a reply
 * queued by one process's turn or job leaves at once from whichever process runs that
 * channel's dispatcher, instead of at its next poll. Notifications only wake dispatchers;
 * the outbox table stays the truth, so a lost notification costs one poll interval.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logging/logger.js';
import type { Db } from '../storage/database.js';
import type { ChannelId } from '../storage/schema.js';
import type { OutboxSignal } from './outbox-signal.js';

const NOTIFY_CHANNEL = 'careline_outbox';
const RECONNECT_DELAY_MS = 2000;

/** Identifies this process's own notifications, which the in-process signal already carried. */
const PROCESS_TAG = randomBytes(6).toString('hex');

/**
 * Announces queued rows to every process; delivered when `db`'s transaction commits.
 * @param processTag who is announcing; tests pass another to stand for another process
 */
export async function notifyOutboxQueued(
  db: Db,
  channel: ChannelId,
  processTag: string = PROCESS_TAG,
): Promise<void> {
  await sql`select pg_notify(${NOTIFY_CHANNEL}, ${`${channel}:${processTag}`})`.execute(db);
}

export interface OutboxListener {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Listens for other processes' notifications and re-emits them on `signal`. */
export function listenForOutbox(
  connectionString: string,
  signal: OutboxSignal,
  logger: Logger,
): OutboxListener {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const connect = async () => {
    const next = new pg.Client({ connectionString });
    next.on('notification', ({ payload }) => {
      const [channel, tag] = (payload ?? '').split(':');
      if (tag !== PROCESS_TAG && channel) signal.notifyQueued(channel as ChannelId);
    });
    next.on('error', (error) => {
      logger.warn({ err: error }, 'outbox listener lost its connection');
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`listen ${NOTIFY_CHANNEL}`);
      client = next;
      markReady();
      if (closed) await next.end();
    } catch (error) {
      logger.warn({ err: error }, 'outbox listener could not connect');
      await next.end().catch(() => undefined);
      scheduleReconnect();
    }
  };
  const scheduleReconnect = () => {
    if (closed || retry) return;
    client = undefined;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, RECONNECT_DELAY_MS);
    retry.unref();
  };

  void connect();
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
