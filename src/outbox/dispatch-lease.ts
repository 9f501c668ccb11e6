/**
 * The right to drain one channel's outbox, held by one process of the deployment at a time:
 * a PostgreSQL session-level advisory lock on a connection of the lease's own. When the
 * holder's session ends (it released the lease, its process died, the server or a network
 * fault cut the connection) PostgreSQL drops the lock and another process can take it.
 *
 * The holder claims rows through `db`, which runs on the lock's own session: a claim can
 * succeed only while that session, and so the lock, is alive. The connection must reach
 * PostgreSQL directly or through a session-pooling proxy; a transaction-pooling proxy
 * (PgBouncer in transaction mode) would hand the lock's session to strangers.
 */
import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logging/logger.js';
import type { Db } from '../storage/database.js';
import type { Database } from '../storage/schema.js';

/** How the lease connections show in `pg_stat_activity`. */
export const LEASE_APPLICATION_NAME = 'careline_outbox_lease';
/** Prefix of the text hashed into a channel's lock key. */
const LOCK_KEY_PREFIX = 'careline:outbox:';
/** Connecting longer than this counts as a failed attempt; the next one comes later. */
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * A query on the lease's session still unanswered after this suggests a dead connection the
 * operating system has not noticed yet; it is failed so the lease is given up, not waited on.
 */
const QUERY_TIMEOUT_MS = 30_000;
/** The first keep-alive probe on an idle lease connection, so a dead peer is found. */
const KEEP_ALIVE_DELAY_MS = 10_000;

export interface DispatchLeaseOptions {
  /** The database the dispatcher's pool writes to. */
  connectionString: string;
  /** The outbox channel the lease is for (`telegram`, `sms`); one lock per channel. */
  channel: string;
  logger: Logger;
  /** Told when a lease this process held is lost without `release` (the session ended). */
  onLost?: () => void;
}

/** One channel's dispatch lease, as seen from this process. */
export class DispatchLease {
  private client: pg.Client | undefined;
  private session: Db | undefined;
  private holding = false;

  constructor(private readonly options: DispatchLeaseOptions) {}

  /** True while this process holds the lease. Turns false the moment the session ends. */
  get held(): boolean {
    return this.holding;
  }

  /**
   * Queries on the lease's own session, for claims that must not outlive the lease.
   * @throws DispatchLeaseNotHeldError when the lease is not held
   */
  get db(): Db {
    if (!this.holding || !this.session) throw new DispatchLeaseNotHeldError(this.options.channel);

    return this.session;
  }

  /**
   * Takes the lease when no other session holds it. Keeps the connection open between
   * attempts. Never throws: a failure to connect is logged and answers false.
   * @returns whether this process now holds the lease
   */
  async tryAcquire(): Promise<boolean> {
    if (this.holding) return true;

    const { channel, logger } = this.options;
    try {
      const client = this.client ?? (await this.connect());
      const result = await client.query<{ locked: boolean }>(
        'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked',
        [LOCK_KEY_PREFIX + channel],
      );
      // The session may have ended while the answer was on its way: then the lock went with it.
      this.holding = client === this.client && result.rows[0]?.locked === true;
    } catch (error) {
      logger.warn({ err: error, channel }, 'outbox dispatch lease could not be tried');
      await this.closeSession();
      return false;
    }
    if (this.holding) logger.info({ channel }, 'outbox dispatch lease taken');
    return this.holding;
  }

  /** Gives the lease up (if held) and closes its connection. The lease can be taken again. */
  async release(): Promise<void> {
    const wasHeld = this.holding;
    // Ending the session releases every advisory lock it holds.
    await this.closeSession();
    if (!wasHeld) return;

    this.options.logger.info({ channel: this.options.channel }, 'outbox dispatch lease released');
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: LEASE_APPLICATION_NAME,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEP_ALIVE_DELAY_MS,
    });
    // Without an error listener, a connection the server ends would crash the process.
    client.on('error', (error) => this.sessionEnded(client, error));
    client.on('end', () => this.sessionEnded(client));
    this.client = client;
    this.session = sessionDb(client);
    await client.connect();
    return client;
  }

  private sessionEnded(client: pg.Client, error?: Error): void {
    if (client !== this.client) return;

    const wasHeld = this.holding;
    void this.closeSession();
    if (!wasHeld) return;

    this.options.logger.warn(
      { err: error, channel: this.options.channel },
      'outbox dispatch lease lost',
    );
    this.options.onLost?.();
  }

  /** Forgets the session at once (so `held` is false from here on), then closes it. */
  private async closeSession(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.session = undefined;
    this.holding = false;
    await client?.end().catch(() => undefined);
  }
}

/** A claim was attempted without the lease. */
export class DispatchLeaseNotHeldError extends Error {
  override readonly name = 'DispatchLeaseNotHeldError';

  constructor(channel: string) {
    super(
      `The ${channel} outbox dispatch lease is not held: take it with tryAcquire() and check ` +
        '`held` before claiming.',
    );
  }
}

/** A query builder whose every query runs on `client`'s session. */
function sessionDb(client: pg.Client): Db {
  // Kysely hands a connection back after each query; this one stays with the lease.
  const session: PostgresPoolClient = Object.assign(client, { release: () => undefined });
  const pool = { connect: async () => session, end: async () => undefined };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
