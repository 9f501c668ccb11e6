/**
 * Queues a message CareLine sends on its own initiative (a reminder, a follow-up, an alert)
 * in the caller's transaction, so the message exists exactly when the row that records it
 * does. Dispatchers are told after the commit (`announceQueued`).
 */
import type { PreferredAddress } from '../../people/preferred-address.js';
import type { Db } from '../../storage/database.js';
import { enqueueOutbound } from '../../storage/outbox.js';
import type { ChannelId } from '../../storage/schema.js';
import type { OutboxAnnouncer } from './outbox-announcer.js';

export interface ProactiveMessage {
  personId: string;
  address: PreferredAddress;
  payload: object;
  /** What the message is for; a second message with the same key is dropped. */
  idempotencyKey: string;
  /** Quiet hours: not before this time. */
  holdUntil?: Date;
}

/** Queues the message in `trx`; false when one with the same key was queued before. */
export async function queueProactive(trx: Db, message: ProactiveMessage): Promise<boolean> {
  const { channel, outboxAddress } = message.address;
  const queued = await enqueueOutbound(trx, [
    {
      personId: message.personId,
      channel,
      address: { ...outboxAddress },
      payload: { ...message.payload },
      idempotencyKey: message.idempotencyKey,
      holdUntil: message.holdUntil,
    },
  ]);
  return queued > 0;
}

/**
 * Announces messages committed for `channels`; nothing for one held by quiet hours, which
 * no dispatcher could send yet.
 */
export function announceQueued(
  announcer: OutboxAnnouncer,
  channels: Iterable<ChannelId>,
  holdUntil?: Date,
): void {
  if (holdUntil) return;

  for (const channel of new Set(channels)) announcer.queued(channel);
}
