/**
 * Tells dispatchers that reminders were queued: at once in this process (`OutboxSignal`), and
 * to other processes over PostgreSQL notifications at most once per `intervalMs` per channel.
 * A burst of thousands of reminders would otherwise send as many NOTIFYs, and NOTIFY inside
 * a transaction makes commits wait on one another. Notifications are only hints (dispatchers
 * also poll), so coalescing them loses nothing.
 */
import { notifyOutboxQueued } from '../../outbox/outbox-notifications.js';
import type { OutboxSignal } from '../../outbox/outbox-signal.js';
import type { Db } from '../../storage/database.js';
import type { ChannelId } from '../../storage/schema.js';

/** Shortest time between two notifications for one channel, in milliseconds. */
export const ANNOUNCE_INTERVAL_MS = 100;

export interface OutboxAnnouncer {
  /** Announces rows committed for `channel`. Never rejects. */
  queued(channel: ChannelId): void;
}

export function createOutboxAnnouncer(
  db: Db,
  signal: OutboxSignal | undefined,
  onError: (error: unknown) => void,
  intervalMs = ANNOUNCE_INTERVAL_MS,
): OutboxAnnouncer {
  const pending = new Set<ChannelId>();
  function notifyLater(channel: ChannelId): void {
    if (pending.has(channel)) return;

    pending.add(channel);
    const timer = setTimeout(() => {
      pending.delete(channel);
      notifyOutboxQueued(db, channel).catch(onError);
    }, intervalMs);
    timer.unref();
  }
  return {
    queued(channel) {
      signal?.notifyQueued(channel);
      notifyLater(channel);
    },
  };
}
