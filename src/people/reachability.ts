/**
 * Whether a person can still be reached on a channel. A person who blocks the bot, whose
 * chat is gone, or whose number cannot receive texts is marked unreachable on that channel
 * identity, and nothing more is sent there; when they write again, they are reachable again.
 */
import type { Db } from '../storage/database.js';
import type { ChannelId } from '../storage/schema.js';

/** The unreachable_reason CareLine records when Telegram refuses a chat. */
export const BLOCKED_REASON = 'blocked';

/** True when the identity `externalId` on `channel` was marked unreachable. */
export async function isUnreachable(
  db: Db,
  channel: ChannelId,
  externalId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('channel_identities')
    .select('unreachable_at')
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return Boolean(row?.unreachable_at);
}

/** Marks the identity unreachable (first time only: the date is kept). */
export async function markUnreachable(
  db: Db,
  channel: ChannelId,
  externalId: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable('channel_identities')
    .set({ unreachable_at: new Date(), unreachable_reason: reason })
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .where('unreachable_at', 'is', null)
    .execute();
}

/** Clears the mark for identities that wrote again; a no-op for those never marked. */
export async function markReachable(
  db: Db,
  channel: ChannelId,
  externalIds: readonly string[],
): Promise<void> {
  if (externalIds.length === 0) return;

  await db
    .updateTable('channel_identities')
    .set({ unreachable_at: null, unreachable_reason: null })
    .where('channel', '=', channel)
    .where('external_id', 'in', [...externalIds])
    .where('unreachable_at', 'is not', null)
    .execute();
}
