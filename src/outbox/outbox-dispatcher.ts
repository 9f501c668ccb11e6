/**
 * Drains one channel's outbox rows: claims due rows, hands each to the channel's sender in
 * order, and marks it delivered, retried with backoff, or failed. Several dispatchers (in
 * one process or many) can drain the same channel; row leases keep each row with one.
 */
import type { Logger } from '../logging/logger.js';
import type { Db } from '../storage/database.js';
import { claimDue, markDelivered, markFailed, scheduleRetry } from '../storage/outbox.js';
import type { ChannelId, OutboxRow } from '../storage/schema.js';
import { DeliveryError } from './delivery-error.js';
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
}

const MAX_BACKOFF_MS = 10 * 60 * 1000;

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

  constructor(private readonly options: DispatcherOptions) {}

  /** Starts draining; returns at once. */
  start(): void {
    if (this.running) return;

    this.running = true;
    this.options.signal.on('queued', this.onQueued);
    this.wake();
  }

  /** Stops claiming; resolves when the deliveries under way have finished. */
  async stop(): Promise<void> {
    this.running = false;
    this.options.signal.off('queued', this.onQueued);
    clearTimeout(this.timer);
    await this.loop;
    await Promise.all(this.inFlight);
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
    const { db, sender, logger } = this.options;
    const concurrency = this.options.concurrency ?? 8;
    while (this.running && this.wakeRequested) {
      this.wakeRequested = false;
      const free = concurrency - this.inFlight.size;
      if (free <= 0) break;
      try {
        const limit = Math.min(free, this.options.batchSize ?? 50);
        const rows = await claimDue(db, sender.channel, limit, this.leaseMs);
        rows.forEach((row) => this.startDelivery(row));
        if (rows.length === limit) this.wakeRequested = true;
      } catch (error) {
        logger.error({ err: error, channel: sender.channel }, 'outbox claim failed');
      }
    }
    if (this.running) {
      this.timer = setTimeout(() => this.wake(), this.options.pollIntervalMs ?? 1000);
      this.timer.unref();
    }
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
