/**
 * Whether a person can still be reached on Telegram. A person who blocks the bot (or whose
 * chat is gone) is marked unreachable on their channel identity, and nothing more is sent to
 * them; when they write again (they unblocked the bot), they are reachable again.
 */
import type { Db } from '../../src/storage/database.js';

/** The unreachable_reason CareLine records when Telegram refuses a chat. */
export const BLOCKED_REASON = 'blocked';

/** True when the Telegram user `userId` was marked unreachable. */
export async function isUnreachable(db: Db, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('channel_identities')
    .select('unreachable_at')
    .where('channel', '=', 'telegram')
    .where('external_id', '=', userId)
    .executeTakeFirst();
  return Boolean(row?.unreachable_at);
}

/** Marks the Telegram user `userId` unreachable (first time only: the date is kept). */
export async function markUnreachable(db: Db, userId: string, reason: string): Promise<void> {
  await db
    .updateTable('channel_identities')
    .set({ unreachable_at: new Date(), unreachable_reason: reason })
    .where('channel', '=', 'telegram')
    .where('external_id', '=', userId)
    .where('unreachable_at', 'is', null)
    .execute();
}

/** Clears the mark for users who wrote again; a no-op for users who were never marked. */
export async function markReachable(db: Db, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;

  await db
    .updateTable('channel_identities')
    .set({ unreachable_at: null, unreachable_reason: null })
    .where('channel', '=', 'telegram')
    .where('external_id', 'in', [...userIds])
    .where('unreachable_at', 'is not', null)
    .execute();
}
