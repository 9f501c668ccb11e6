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

  /** Stops after the row in hand; resolves when the dispatcher is idle. */
  async stop(): Promise<void> {
    this.running = false;
    this.options.signal.off('queued', this.onQueued);
    clearTimeout(this.timer);
    await this.loop;
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

  private async drain(): Promise<void> {
    clearTimeout(this.timer);
    const { db, sender, logger } = this.options;
    while (this.running && this.wakeRequested) {
      this.wakeRequested = false;
      try {
        const rows = await claimDue(db, sender.channel, this.options.batchSize ?? 50, this.leaseMs);
        await this.deliverInOrderPerAddress(rows);
        if (rows.length > 0) this.wakeRequested = true;
      } catch (error) {
        logger.error({ err: error, channel: sender.channel }, 'outbox claim failed');
      }
    }
    if (this.running) {
      this.timer = setTimeout(() => this.wake(), this.options.pollIntervalMs ?? 1000);
      this.timer.unref();
    }
  }

  /**
   * Delivers rows of different conversations concurrently and each conversation's rows one
   * after another, oldest first, so a person never reads replies out of order.
   */
  private async deliverInOrderPerAddress(rows: OutboxRow[]): Promise<void> {
    const queues = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const key = JSON.stringify(row.address);
      queues.set(key, [...(queues.get(key) ?? []), row]);
    }
    const pending = [...queues.values()];
    const worker = async () => {
      for (let queue = pending.shift(); queue; queue = pending.shift()) {
        for (const row of queue) {
          if (!this.running) return;
          await this.deliver(row);
        }
      }
    };
    const workers = Math.min(this.options.concurrency ?? 8, pending.length);
    await Promise.all(Array.from({ length: workers }, worker));
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
