/**
 * Carries "rows were queued" between processes over the process's shared PostgreSQL
 * notifications (`storage/pg-notifications.ts`), so a reply queued by one process's turn or
 * job leaves at once from whichever process runs that channel's dispatcher, instead of at its
 * next poll. Notifications only wake dispatchers; the outbox table stays the truth, so a lost
 * notification costs one poll interval.
 */
import { notify, type PgNotifications } from '../storage/pg-notifications.js';
import type { Db } from '../storage/database.js';
import type { ChannelId } from '../storage/schema.js';
import type { OutboxSignal } from './outbox-signal.js';

const OUTBOX_CHANNEL = 'careline_outbox';

/**
 * Announces queued rows to every process; delivered when `db`'s transaction commits.
 * @param processTag who is announcing; default this process. Tests pass another to stand for
 *   another process.
 */
export async function notifyOutboxQueued(
  db: Db,
  channel: ChannelId,
  processTag?: string,
): Promise<void> {
  await notify(db, OUTBOX_CHANNEL, channel, processTag);
}

/**
 * Re-emits other processes' announcements on this process's `signal`.
 * @returns stops listening
 */
export function listenForOutbox(notifications: PgNotifications, signal: OutboxSignal): () => void {
  return notifications.listen(OUTBOX_CHANNEL, (channel) => {
    if (channel) signal.notifyQueued(channel as ChannelId);
  });
}
