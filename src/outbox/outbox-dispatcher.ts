/**
 * Drains one channel's outbox rows: claims due rows, hands each to the channel's sender in
 * order, and marks it delivered, retried with backoff, or failed. Several dispatchers (in
 * one process or many) can drain the same channel; row leases keep each row with one.
 *
 * A channel whose rate limits are global (a Telegram bot, a Twilio number) and paced in
 * memory is dispatched `exclusive`ly: only the process holding the channel's dispatch lease
 * (see `dispatch-lease.ts`) claims its rows, so that process's pacing covers the whole
 * deployment. The others keep trying to take the lease and take over when its holder stops
 * or dies. Deliveries already under way when a lease is lost still finish.
 */
import type { Logger } from '../logging/logger.js';
import type { Db } from '../storage/database.js';
import { claimDue, markDelivered, markFailed, scheduleRetry } from '../storage/outbox.js';
import type { ChannelId, OutboxRow } from '../storage/schema.js';
import { DeliveryError } from './delivery-error.js';
import { DispatchLease } from './dispatch-lease.js';
import type { OutboxSignal } from './outbox-signal.js';

/** Delivers one outbox row on its channel, or throws a DeliveryError. */
export interface ChannelSender {
  readonly channel: ChannelId;
  send(row: OutboxRow): Promise<void>;
}

export interface DispatcherOptions {
  db: Db;
  sender: ChannelSender;
  signal: OutboxSignal;
  logger: Logger;
  /** How often to look for due rows when not woken; default 1000 ms. */
  pollIntervalMs?: number;
  /** Rows claimed at once; default 50. */
  batchSize?: number;
  /** How long a claimed row stays with this dispatcher; default 60 000 ms. */
  leaseMs?: number;
  /** Attempts before a transiently failing row is given up; default 8. */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt up to 10 minutes; default 1000 ms. */
  baseBackoffMs?: number;
  /** Conversations delivered to at once (each one's rows stay in order); default 8. */
  concurrency?: number;
  /**
   * Drain only while this process holds the channel's dispatch lease, so one process of the
   * deployment drains the channel at a time. Unset: every process drains it (web chat).
   */
  exclusive?: ExclusiveDispatch;
}

/** Where and how often an exclusive dispatcher takes its channel's dispatch lease. */
export interface ExclusiveDispatch {
  /** The database `db` is a pool on; the lease keeps a connection of its own there. */
  connectionString: string;
  /** How often a dispatcher without the lease tries to take it; default 3000 ms. */
  leaseRetryMs?: number;
}

const MAX_BACKOFF_MS = 10 * 60 * 1000;
const DEFAULT_LEASE_RETRY_MS = 3000;

export class OutboxDispatcher {
  private running = false;
  private wakeRequested = false;
  private timer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  /** Deliveries under way, at most one per conversation (claims take only the oldest row). */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly onQueued = (channel: ChannelId) => {
    if (channel === this.options.sender.channel) this.wake();
  };
  /** Set when exclusive: claims wait for it, and run on its session. */
  private readonly lease: DispatchLease | undefined;

  constructor(private readonly options: DispatcherOptions) {
    const { exclusive, sender, logger } = options;
    this.lease = exclusive
      ? new DispatchLease({
          connectionString: exclusive.connectionString,
          channel: sender.channel,
          logger,
          // Back to trying at once: the lock died with the session, so it may well be free.
          onLost: () => this.wake(),
        })
      : undefined;
  }

  /** Starts draining; returns at once. */
  start(): void {
    if (this.running) return;

    this.running = true;
    this.options.signal.on('queued', this.onQueued);
    this.wake();
  }

  /**
   * Stops claiming; resolves when the deliveries under way have finished and the dispatch
   * lease (when exclusive) is released with its connection.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.options.signal.off('queued', this.onQueued);
    clearTimeout(this.timer);
    await this.loop;
    await Promise.all(this.inFlight);
    // After the deliveries: until they end, another process's sends would overlap with them.
    await this.lease?.release();
  }

  /** Looks for due rows now rather than at the next poll. */
  wake(): void {
    if (!this.running) return;

    this.wakeRequested = true;
    if (this.loop) return;

    this.loop = this.drain().finally(() => {
      this.loop = undefined;
      // A wake that arrived after the last claim but before this loop ended.
      if (this.running && this.wakeRequested) this.wake();
    });
  }

  /**
   * Claims as many rows as there are free delivery slots and starts them without waiting,
   * so one slow conversation (a rate limit, a slow API) holds one slot, not the channel.
   * A finished delivery wakes the loop: its conversation's next row may now be claimed.
   */
  private async drain(): Promise<void> {
    clearTimeout(this.timer);
    if (!(await this.holdLease())) {
      // Nothing to claim until the lease is ours; the retry timer tries again.
      this.wakeRequested = false;
      this.lookAgainIn(this.options.exclusive?.leaseRetryMs ?? DEFAULT_LEASE_RETRY_MS);
      return;
    }

    const concurrency = this.options.concurrency ?? 8;
    while (this.running && this.wakeRequested && this.mayClaim()) {
      this.wakeRequested = false;
      const free = concurrency - this.inFlight.size;
      if (free <= 0) break;
      await this.claimBatch(Math.min(free, this.options.batchSize ?? 50));
    }
    this.lookAgainIn(this.options.pollIntervalMs ?? 1000);
  }

  /** True when not exclusive, or the lease is (or has just become) this process's. */
  private async holdLease(): Promise<boolean> {
    if (!this.lease || this.lease.held) return true;

    return this.lease.tryAcquire();
  }

  /** False once an exclusive dispatcher's lease is lost: no claim may follow. */
  private mayClaim(): boolean {
    return !this.lease || this.lease.held;
  }

  private async claimBatch(limit: number): Promise<void> {
    const { sender, logger } = this.options;
    try {
      // Exclusive claims run on the lease's session: they cannot succeed once it is gone.
      const db = this.lease ? this.lease.db : this.options.db;
      const rows = await claimDue(db, sender.channel, limit, this.leaseMs);
      rows.forEach((row) => this.startDelivery(row));
      if (rows.length === limit) this.wakeRequested = true;
    } catch (error) {
      logger.error({ err: error, channel: sender.channel }, 'outbox claim failed');
      // The lease's session may be broken without having said so: give the lease up rather
      // than hold a lock nobody can use; the next look takes it again if the session was fine.
      await this.lease?.release();
    }
  }

  private lookAgainIn(ms: number): void {
    if (!this.running) return;

    this.timer = setTimeout(() => this.wake(), ms);
    this.timer.unref();
  }

  private startDelivery(row: OutboxRow): void {
    const delivery = this.deliver(row).finally(() => {
      this.inFlight.delete(delivery);
      this.wake();
    });
    this.inFlight.add(delivery);
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 60_000;
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { db, sender, logger } = this.options;
    const log = logger.child({ outboxId: row.id, channel: row.channel, attempt: row.attempts });
    try {
      await sender.send(row);
      await markDelivered(db, row.id);
      log.debug('outbox row delivered');
    } catch (error) {
      const failure =
        error instanceof DeliveryError
          ? error
          : new DeliveryError('transient', 'unexpected_error', undefined, { cause: error });
      await this.recordFailure(row, failure);
      log.warn({ kind: failure.kind, reason: failure.reason }, 'outbox delivery failed');
    }
  }

  private async recordFailure(row: OutboxRow, failure: DeliveryError): Promise<void> {
    const { db } = this.options;
    const maxAttempts = this.options.maxAttempts ?? 8;
    if (failure.kind === 'permanent' || row.attempts >= maxAttempts) {
      await markFailed(db, row.id, failure.reason);
      return;
    }

    const base = this.options.baseBackoffMs ?? 1000;
    const backoff = Math.min(MAX_BACKOFF_MS, base * 2 ** (row.attempts - 1));
    const delay = failure.kind === 'rate_limited' ? (failure.retryAfterMs ?? backoff) : backoff;
    await scheduleRetry(db, row.id, delay, failure.reason);
  }
}
